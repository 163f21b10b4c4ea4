"""CLI commands for reports: ``lessonkit report``."""

from __future__ import annotations

import os

import click

from lessonkit.cli._common import (
    complete_group,
    digits_option,
    get_registry,
    load_session,
    locale_option,
    pick_locale,
    say,
)
from lessonkit.cli.completion import complete_report_formats
from lessonkit.errors import LessonkitError, NotFoundError, ValidationError
from lessonkit.i18n import t


class ReportOutputError(LessonkitError):
    """The report cannot be written where it was asked to go."""


def write_atomically(path: str, data: str | bytes, *, protect: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``path`` in one step (:func:`lessonkit.output.write_file`),
    so a reader never sees half a report; ``protect`` lists files never to overwrite."""
    from lessonkit.output import write_file

    write_file(path, data, protect=protect, error=ReportOutputError, what="report")


def _format_for(output: str | None, explicit: str | None, known: dict[str, str]) -> str:
    if explicit:
        return explicit
    if output:
        extension = os.path.splitext(output)[1].lower()
        for key, ext in known.items():
            if ext == extension:
                return key
        raise ValidationError(f"cannot tell the format from the file name {output!r}",
                              hint=f"give --format ({', '.join(known)})")
    return "txt"


def add_commands(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""

    @cli.command()
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group's chapter.")
    @click.option("--format", "fmt_key", default=None, shell_complete=complete_report_formats,
                  help="md, html, txt, json, docx (or a plugin's); default from -o's "
                       "extension, else txt.")
    @click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
                  help="Write to this file (default: standard output).")
    @click.option("--draft", is_flag=True,
                  help="The draft edition for use during the day: keeps 'no answers yet' "
                       "placeholders, groups without data and the facilitator's warnings "
                       "(the final book leaves them out and prints the warnings here).")
    @click.option("--full-listing", is_flag=True,
                  help="List every participant and answer, however many (by default a large "
                       "group's are summarised: counts and the most frequent answers).")
    @click.option("--thai-words/--no-thai-words", "thai_words", default=None,
                  help="Keep Thai words whole in table cells (needs lessonkit[thai]); default: "
                       "on for HTML and PDF, off for DOCX, whose cells then hold invisible "
                       "word joiners.")
    @locale_option
    @digits_option
    def report(path: str, group_key: str | None, fmt_key: str | None, output: str | None,
               draft: bool, full_listing: bool, thai_words: bool | None, locale: str | None,
               digits: str | None) -> None:
        """Write the report book of a session: cover, foreword, summary, process, results
        by group, conclusions and appendices, in Thai or English."""
        from lessonkit.report import build_report

        registry = get_registry()
        known = {name: value.extension for name, value, _plugin in registry.renderers.items()}
        key = _format_for(output, fmt_key, known)
        if key not in known:
            raise NotFoundError(f"unknown report format {key!r} (known: {', '.join(known)})")
        renderer = registry.renderers.get(key)
        if renderer.binary and not output:
            raise ValidationError(f"the {key} format is binary and needs a file",
                                  hint=f"give -o report{renderer.extension}")
        if output:  # refused now (a device, the session itself…), before the report is built
            from lessonkit.output import check_output

            check_output(output, protect=(path,), error=ReportOutputError, what="report")
        session = load_session(path)
        lang = pick_locale(locale, session)
        before = len(registry.warnings)
        document = build_report(session, registry, locale=lang, digits=digits, group=group_key,
                                draft=draft, options={"session_file": os.path.abspath(path),
                                                      "full_listing": full_listing})
        result = renderer(document, {} if thai_words is None else {"thai_words": thai_words})
        if output:
            write_atomically(output, result, protect=(path,))
        else:
            click.echo(result, nl=False)
        # the facilitator's warnings once the book is out (a failed write says only why)
        for message in [*registry.warnings[before:], *document.warnings]:
            say(f"{t('warning', lang)}: {message}")
        if output:
            say(t("wrote", lang, path=output))
