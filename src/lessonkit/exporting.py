"""Tidy tables of a session for a spreadsheet or a statistics package.

One row per observation, one column per variable:

* ``answers`` — one row per answer (a table prompt's row gives one row per field);
* ``scores`` — one row per score cell (participant × item × criterion);
* ``rankings`` — one row per ranked item of every scored prompt, by the
  prompt's rule (:func:`lessonkit.ranking.rank_prompt`);
* ``actions`` — one row per action item.

:func:`to_csv` writes UTF-8 with a byte-order mark (so Excel reads Thai), and
:func:`to_xlsx` a workbook (the ``xlsx`` extra). Both pass every text cell
through :func:`neutralise`, so a participant's ``=HYPERLINK(…)`` stays text
(OWASP's advice on CSV injection); numbers stay numbers.

>>> neutralise("=1+1"), neutralise("-5 baht"), neutralise(-5), neutralise("ok")
("'=1+1", "'-5 baht", -5, 'ok')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from lessonkit.errors import LessonkitError, ValidationError
from lessonkit.model import Group, Session
from lessonkit.plugins import Registry
from lessonkit.scores import NA

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "FORMULA_PREFIXES",
    "Table",
    "csv_text",
    "export_table",
    "neutralise",
    "to_csv",
    "to_xlsx",
]

#: What can be exported.
EXPORT_TABLES = ("answers", "scores", "rankings", "actions")
#: The file formats.
EXPORT_FORMATS = ("csv", "xlsx")
#: A text cell starting with one of these is read as a formula by spreadsheets
#: (OWASP's list, plus the full-width forms some spreadsheets also accept).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_HEADERS: dict[str, tuple[str, ...]] = {
    "answers": ("group", "method", "step", "prompt", "participant", "entry", "field", "text",
                "tags"),
    "scores": ("group", "method", "step", "prompt", "participant", "item", "item_text",
               "criterion", "value", "na"),
    "rankings": ("group", "method", "step", "prompt", "criterion", "rule", "rank", "label",
                 "item", "item_text", "score", "n", "spread", "eligible"),
    "actions": ("group", "action", "what", "owner", "due", "status", "method", "source", "note"),
}


@attrs.frozen
class Table:
    """A tidy table: its name, column headers and rows (plain values: str, int, float, None).

    ``warnings`` name what could not be included (a prompt that cannot be ranked).
    """

    name: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    warnings: list[str] = attrs.field(factory=list)


def neutralise(value: Any) -> Any:
    """A cell safe for a spreadsheet: text that would start a formula gets a leading ``'``.

    The one rule for every CSV and XLSX lessonkit writes (``export``, ``rank --format
    csv``): a carriage return inside a text is made a line feed first (a bare CR ends a
    row in some readers, so ``x\\r=2+5`` would start a row with a formula; the writer
    quotes every cell with a line break); then a text starting with ``= + - @``, a tab,
    a CR or LF, or the full-width ``＝ ＋ － ＠``, is prefixed with ``'``. Numbers (and
    ``None``) are returned unchanged, so they stay numeric.
    """
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    r"""The one CSV writer: a header row, then ``rows`` with text cells :func:`neutralise`\ d,
    ``None`` as an empty cell, CRLF line ends, cells with a line break quoted."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return buffer.getvalue()


def _number(value: float) -> int | float | None:
    from lessonkit.scores import data_number  # the one rounding rule of JSON and CSV output

    return data_number(value)


def _groups(session: Session, group: str | None) -> list[Group]:
    return [session.group(group)] if group is not None else list(session.groups)


def export_table(session: Session, registry: Registry | None, what: str, *,
                 group: str | None = None) -> Table:
    """The tidy table ``what`` (one of :data:`EXPORT_TABLES`), for one group or all.

    ``registry`` is needed for ``rankings`` only (the rules and methods).
    """
    if what not in EXPORT_TABLES:
        raise ValidationError(f"cannot export {what!r} (choose one of {', '.join(EXPORT_TABLES)})")
    groups = _groups(session, group)
    warnings: list[str] = []
    if what == "answers":
        rows = list(_answer_rows(groups))
    elif what == "scores":
        rows = list(_score_rows(groups))
    elif what == "actions":
        rows = [(g.key, a.id, a.what, a.owner, a.due.isoformat() if a.due else None, a.status,
                 a.method, a.source, a.note) for g in groups for a in g.actions]
    else:
        if registry is None:
            raise ValidationError("exporting rankings needs the registry of rules and methods")
        rows = list(_ranking_rows(session, registry, groups, warnings))
    return Table(name=what, headers=_HEADERS[what], rows=rows, warnings=warnings)


def _answer_rows(groups: Sequence[Group]) -> Iterator[tuple[Any, ...]]:
    for g in groups:
        for e in g.entries:
            tags = ", ".join(e.tags) or None
            if e.row is not None:
                for field, text in e.row.items():
                    yield (g.key, e.method, e.step, e.prompt, e.participant, e.id, field, text, tags)
            else:
                yield (g.key, e.method, e.step, e.prompt, e.participant, e.id, None, e.text, tags)


def _score_rows(groups: Sequence[Group]) -> Iterator[tuple[Any, ...]]:
    for g in groups:
        texts = {e.id: e.label() for e in g.entries}
        for key, table in g.scores.items():
            method, step, prompt = [*key.split("/"), "", ""][:3]
            for participant, item, criterion, value in table.cells():
                na = value is NA
                number = None if na or value is None else _number(float(value))  # type: ignore[arg-type]
                yield (g.key, method, step, prompt, participant, item, texts.get(item),
                       criterion or None, number, 1 if na else 0)


def _ranking_rows(session: Session, registry: Registry, groups: Sequence[Group],
                  warnings: list[str]) -> Iterator[tuple[Any, ...]]:
    from lessonkit.ranking import rank_prompt

    for method_key in session.methods:
        if method_key not in registry.methods:
            warnings.append(f"method {method_key!r} is not installed: its rankings are left out")
            continue
        method = registry.methods.get(method_key)
        for g in groups:
            for step, prompt in method.scored_prompts():
                table = g.scores_for(method.key, step.key, prompt.key)
                if not len(table):
                    continue
                for criterion in [c.key for c in prompt.criteria] or [""]:
                    try:
                        ranking = rank_prompt(session, registry, g.key, method.key, prompt.key,
                                              step=step.key, criterion=criterion)
                    except LessonkitError as exc:
                        warnings.append(f"group {g.key!r} {method.key}.{step.key}.{prompt.key}: "
                                        f"not ranked: {exc}")
                        continue
                    for row in ranking.rows:
                        yield (g.key, method.key, step.key, prompt.key, criterion or None,
                               ranking.rule.key, row.rank, row.label, row.item, row.text,
                               None if row.score is None else _number(row.score), row.n,
                               None if row.spread is None else _number(row.spread),
                               1 if row.eligible else 0)


def to_csv(table: Table) -> bytes:
    """The table as CSV bytes (:func:`csv_text`): UTF-8 with BOM, header row first."""
    return csv_text(table.headers, table.rows).encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    """The table as an XLSX workbook (one sheet named after the table); needs openpyxl."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    except ImportError:
        raise LessonkitError("writing XLSX needs openpyxl",
                             hint="pip install 'lessonkit[xlsx]'") from None
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name)
    sheet.append(list(table.headers))
    for row in table.rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", neutralise(c)) if isinstance(c, str) else c
                      for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
