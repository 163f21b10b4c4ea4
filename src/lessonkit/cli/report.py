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


def write_atomically(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and
    :func:`os.replace`, so a reader never sees half a report."""
    from pathlib import Path  # not at import time: the CLI's start-up is measured

    from lessonkit.files import _create_temp

    folder = os.path.dirname(os.path.abspath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = _create_temp(Path(folder), os.path.basename(path))
    except OSError as exc:
        raise ReportOutputError(f"cannot write in {folder}: {exc.strerror or exc}", where=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            mode = _existing_mode(path)
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
        os.replace(tmp, path)
    except PermissionError as exc:
        _remove(tmp)
        raise ReportOutputError(f"cannot write {path}: {exc.strerror}", where=path,
                                hint="close the file if it is open in another program") from None
    except OSError as exc:
        _remove(tmp)
        raise ReportOutputError(f"cannot write {path}: {exc.strerror or exc}", where=path) from None


def _existing_mode(path: str) -> int | None:
    """The existing file's permissions; a new file is created with 0o666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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
    @click.option("--full-listing", is_flag=True,
                  help="List every participant and answer, however many (by default a large "
                       "group's are summarised: counts and the most frequent answers).")
    @locale_option
    @digits_option
    def report(path: str, group_key: str | None, fmt_key: str | None, output: str | None,
               full_listing: bool, locale: str | None, digits: str | None) -> None:
        """Write the report book of a session: chapters per group, the methods' sections,
        rankings and charts, in Thai or English."""
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
        if output and os.path.exists(output) and os.path.samefile(output, path):
            raise ValidationError(f"the report would overwrite the session file {path}",
                                  hint="give another name with -o")
        session = load_session(path)
        lang = pick_locale(locale, session)
        before = len(registry.warnings)
        document = build_report(session, registry, locale=lang, digits=digits, group=group_key,
                                options={"full_listing": True} if full_listing else None)
        result = renderer(document, {})
        for message in registry.warnings[before:]:
            say(f"{t('warning', lang)}: {message}")
        if output:
            write_atomically(output, result)
            say(t("wrote", lang, path=output))
        else:
            click.echo(result, nl=False)
