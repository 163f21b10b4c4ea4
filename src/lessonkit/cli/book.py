"""``lessonkit session set``: the report book's metadata (organiser, head count, foreword…)."""

from __future__ import annotations

from typing import Any

import click

from lessonkit.cli._common import edit_session, pick_locale, say
from lessonkit.errors import ValidationError
from lessonkit.i18n import t


def _read(path: str | None, what: str) -> Any:
    """The text of a file given to --foreword/--introduction/--agenda; '' clears the value."""
    from lessonkit.book import UNSET

    if path is None:
        return UNSET
    if path == "":
        return None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path} is not UTF-8 text ({what})",
                              hint="save the file as UTF-8") from exc
    except OSError as exc:
        raise ValidationError(f"cannot read the {what} file {path}: {exc.strerror}",
                              hint="check the path") from exc


def add_commands(cli: click.Group) -> None:
    """Add ``session set`` to the top-level group."""

    @cli.group()
    def session() -> None:
        """The session's own details (the report book's cover, foreword, agenda)."""

    @session.command("set")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--organiser", default=None,
                  help="The organising unit, shown on the cover and under the foreword "
                       "('' clears it).")
    @click.option("--attendance", type=click.IntRange(min=0), default=None,
                  help="The real head count of the workshop (the cover shows it; the "
                       "registered participants may be fewer).")
    @click.option("--foreword", metavar="TEXTFILE", default=None,
                  help="A UTF-8 text file with the foreword; '' removes it.")
    @click.option("--introduction", metavar="TEXTFILE", default=None,
                  help="A UTF-8 text file with the introduction chapter's text; '' removes it.")
    @click.option("--agenda", metavar="TEXTFILE", default=None,
                  help="A UTF-8 text file with the programme, one item per line "
                       "(an appendix of the book); '' removes it.")
    @click.option("--clear-attendance", is_flag=True,
                  help="Forget the head count (the cover then counts the registered participants).")
    def session_set(path: str, organiser: str | None, attendance: int | None,
                    foreword: str | None, introduction: str | None, agenda: str | None,
                    clear_attendance: bool) -> None:
        """Set the report book's details of the session FILE: organiser, head count,
        foreword, introduction and agenda. Options left out stay as they are."""
        from lessonkit.book import UNSET, set_book_info

        if clear_attendance and attendance is not None:
            raise click.UsageError("give --attendance or --clear-attendance, not both")
        texts = {"foreword": _read(foreword, "foreword"),
                 "introduction": _read(introduction, "introduction")}
        lines = _read(agenda, "agenda")
        if isinstance(lines, str):
            lines = [line for line in lines.splitlines() if line.strip()]
        with edit_session(path) as found:
            set_book_info(
                found,
                organiser=UNSET if organiser is None else (organiser or None),
                attendance=None if clear_attendance else (UNSET if attendance is None else attendance),
                agenda=lines, **texts,
            )
            lang = pick_locale(None, found)
        say(t("saved", lang, path=path))
