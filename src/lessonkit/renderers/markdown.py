"""Markdown (CommonMark with pipe tables).

Participant text is neutralised: Markdown's metacharacters are backslash-escaped
(so ``<script>`` stays text, ``*`` no emphasis, ``#`` no heading), and a ``|``
in a table cell is escaped so it cannot open a column. Tables come from
tabulate with number parsing off (so the cell ``๑๒`` stays ``๑๒``).
"""

from __future__ import annotations

import re
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

__all__ = ["escape", "render"]

_META = re.compile(r"([\\`*_\[\]<>|~&$])")
# At the start of a line these open a heading, list, quote or setext underline.
_LEADING = re.compile(r"^([#+\-=>])")
_ORDERED = re.compile(r"^(\d+)([.)])", re.ASCII)


def escape(text: str) -> str:
    """``text`` with Markdown's metacharacters escaped, on one line: no markup, link, HTML,
    table column, heading or list can come out of it."""
    text = _LEADING.sub(r"\\\1", _META.sub(r"\\\1", one_line(text)))
    return _ORDERED.sub(r"\1\\\2", text)


def _escape_block(text: str) -> str:
    """Multi-line participant text: escaped line by line, lines kept as hard breaks."""
    lines = [escape(line) for line in clean(text).split("\n")]
    return "  \n".join(line for line in lines if line)


def render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The document as Markdown text."""
    out: list[str] = [f"# {escape(document.title)}", ""]
    if document.subtitle:
        out += [f"*{escape(document.subtitle)}*", ""]
    facts = []
    if document.organiser:
        facts.append((document.t("organiser"), document.organiser))
    if document.date:
        facts.append((document.t("date"), document.date_text() or ""))
    if document.venue:
        facts.append((document.t("venue"), document.venue))
    if document.participants is not None:
        facts.append((document.t("head_count"), document.t("people_n", n=document.participants)))
    for label, value in facts:
        out.append(f"- **{escape(label)}:** {escape(value)}")
    if facts:
        out.append("")
    for index, chapter in enumerate(document.chapters):
        label = document.chapter_label(index)
        heading = f"{label}: {chapter.title}" if label else chapter.title
        out += [f"## {escape(heading)}", ""]
        _blocks(document, chapter, out, 2)
        for section in chapter.subsections:
            _section(document, section, out, 3)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(document: Document, section: Section, out: list[str], level: int) -> None:
    out += [f"{'#' * min(level, 6)} {escape(document.section_label(section))}", ""]
    _blocks(document, section, out, level)
    for sub in section.subsections:
        _section(document, sub, out, level + 1)


def _blocks(document: Document, section: Section, out: list[str], level: int) -> None:
    for block in section.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * min(level + block.level, 6)} {escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            text = _escape_block(block.text)
            out += [f"**{escape(block.label)}** {text}" if block.label else text, ""]
        elif isinstance(block, BulletList):
            if block.title:
                out += [f"- **{escape(block.title)}**", ""]
                indent = "  "
            else:
                indent = ""
            out += [f"{indent}- {escape(item)}" for item in block.items] + [""]
        elif isinstance(block, NumberedList):
            if block.title:
                out += [f"**{escape(block.title)}**", ""]
            # "1\)" keeps the seeds' "๑)" look without Markdown renumbering it.
            out += [f"{document.digits_of(str(n))}\\) {escape(item)}  "
                    for n, item in enumerate(block.items, start=block.start)] + [""]
        elif isinstance(block, Table):
            out += [_table(document, block), ""]
        elif isinstance(block, Chart):
            out += [_chart(document, block), ""]
        elif isinstance(block, Note):
            label = document.t("warning" if block.kind == "warning" else "note")
            out += [f"> **{escape(label)}:** {escape(block.text)}", ""]


def _table(document: Document, table: Table) -> str:
    rows = [[escape(c) for c in row] for row in table_cells(document, table)]
    headers = [escape(h) for h in table.headers]
    align = [table.alignment(i) for i in range(len(headers))]
    text = str(tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True,
                        colalign=align if rows and headers else None))
    if table.caption:
        text = f"**{escape(table.caption)}**\n\n{text}"
    return text


def _chart(document: Document, chart: Chart) -> str:
    """Markdown has no charts: the values as a table (one column per series)."""
    series = chart.all_series()
    headers = [""] + [s.name or document.t("score") for s in series]
    rows = [[label] + [format_number(s.values[i], document.digits) for s in series]
            for i, label in enumerate(chart.labels)]
    table = Table(headers, rows, caption=chart.title, align=["left"] + ["right"] * len(series))
    return _table(document, table)
