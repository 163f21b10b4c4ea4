"""Plain text for the terminal: headings underlined, tables by tabulate.

Thai columns align because tabulate measures width with wcwidth (Thai vowels
and tone marks above or below a consonant take no column); numbers are never
re-parsed (``disable_numparse``). Bar charts become rows of ``█``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tabulate import tabulate

from lessonkit.renderers._common import clean, one_line, table_cells
from lessonkit.report import (
    BulletList,
    Chart,
    Document,
    Heading,
    Note,
    NumberedList,
    Paragraph,
    Section,
    Table,
    format_number,
)

__all__ = ["render", "width"]

BAR_WIDTH = 30


def width(text: str) -> int:
    """How many terminal columns ``text`` takes (Thai combining marks take none)."""
    try:
        from wcwidth import wcswidth
    except ImportError:  # pragma: no cover - wcwidth comes with tabulate[widechars]
        return len(text)
    w = wcswidth(text)
    return w if w >= 0 else len(text)


def _underline(text: str, char: str) -> list[str]:
    return [text, char * max(width(text), 3)]


def render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The document as plain text."""
    title = one_line(document.title)
    out: list[str] = _underline(title, "=")
    if document.subtitle:
        out.append(one_line(document.subtitle))
    if document.organiser:
        out.append(f"{document.t('organiser')}: {one_line(document.organiser)}")
    if document.date:
        out.append(f"{document.t('date')}: {document.date_text()}")
    if document.venue:
        out.append(f"{document.t('venue')}: {one_line(document.venue)}")
    if document.participants is not None:
        out.append(f"{document.t('head_count')}: "
                   f"{document.t('people_n', n=document.participants)}")
    out.append("")
    for index, chapter in enumerate(document.chapters):
        label = document.chapter_label(index)
        heading = f"{label}  {one_line(chapter.title)}" if label else one_line(chapter.title)
        out += ["", *_underline(heading, "="), ""]
        _blocks(document, chapter, out)
        for section in chapter.subsections:
            _section(document, section, out, 1)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(document: Document, section: Section, out: list[str], depth: int) -> None:
    label = one_line(document.section_label(section))
    out += (_underline(label, "-") if depth == 1 else [label]) + [""]
    _blocks(document, section, out)
    for sub in section.subsections:
        _section(document, sub, out, depth + 1)


def _indent(text: str, prefix: str) -> list[str]:
    lines = [" ".join(line.split()) for line in clean(text).split("\n")]
    lines = [line for line in lines if line] or [""]
    pad = " " * width(prefix)
    return [f"{prefix}{lines[0]}"] + [f"{pad}{line}" for line in lines[1:]]


def _blocks(document: Document, section: Section, out: list[str]) -> None:
    for block in section.blocks:
        if isinstance(block, Heading):
            out += [f"{'  ' * (block.level - 1)}{one_line(block.text)}", ""]
        elif isinstance(block, Paragraph):
            prefix = f"{one_line(block.label)} " if block.label else ""
            out += [*_indent(block.text, "    " + prefix), ""]
        elif isinstance(block, BulletList):
            if block.title:
                out.append(f"  • {one_line(block.title)}")
                out += [line for item in block.items for line in _indent(item, "      - ")]
            else:
                out += [line for item in block.items for line in _indent(item, "  • ")]
            out.append("")
        elif isinstance(block, NumberedList):
            if block.title:
                out.append(f"  {one_line(block.title)}")
            for n, item in enumerate(block.items, start=block.start):
                out += _indent(item, f"      {document.digits_of(str(n))}) ")
            out.append("")
        elif isinstance(block, Table):
            out += [_table(document, block), ""]
        elif isinstance(block, Chart):
            out += [_chart(document, block), ""]
        elif isinstance(block, Note):
            label = document.t("warning" if block.kind == "warning" else "note")
            out += [*_indent(block.text, f"  [{label}] "), ""]


def _table(document: Document, table: Table) -> str:
    rows = [[one_line(c) for c in row] for row in table_cells(document, table)]
    headers = [one_line(h) for h in table.headers]
    align = [table.alignment(i) for i in range(len(headers))]
    text = str(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                        colalign=align if rows and headers else None))
    lines = ["    " + line for line in text.split("\n")]
    if table.caption:
        lines.insert(0, f"  {one_line(table.caption)}")
    return "\n".join(lines)


def _chart(document: Document, chart: Chart) -> str:
    """Bars of ``█`` scaled to the chart's axis, one row per label (and series)."""
    top = chart.top()
    low = chart.minimum
    span = (top - low) or 1.0
    series = chart.all_series()
    rows = []
    for i, label in enumerate(chart.labels):
        for s in series:
            value = s.values[i]
            fraction = 0.0 if value != value else min(max((value - low) / span, 0.0), 1.0)
            name = one_line(label) if len(series) == 1 else f"{one_line(label)} ({one_line(s.name)})"
            rows.append([name, "█" * round(fraction * BAR_WIDTH),
                         format_number(value, document.digits)])
    text = str(tabulate(rows, tablefmt="plain", disable_numparse=True,
                        colalign=("left", "left", "right") if rows else None))
    lines = ["    " + line for line in text.split("\n")]
    if chart.title:
        lines.insert(0, f"  {one_line(chart.title)}")
    return "\n".join(lines)
