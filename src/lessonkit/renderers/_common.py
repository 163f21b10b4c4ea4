"""Helpers shared by the renderers: cleaning text and formatting cells."""

from __future__ import annotations

import math
import re

from lessonkit.report import Cell, Document, Section, Table, format_number

__all__ = ["WIDE_COLUMNS", "cell_text", "clean", "is_wide", "one_line", "opens_wide",
           "table_cells"]

#: a table of this many columns or more is set on landscape pages (the EE plan has six)
WIDE_COLUMNS = 6


def is_wide(section: Section) -> bool:
    """Whether the section's own blocks hold a wide table."""
    return any(isinstance(b, Table) and len(b.headers) >= WIDE_COLUMNS for b in section.blocks)


def opens_wide(section: Section) -> bool:
    """A section with nothing of its own before a first subsection on landscape pages: its
    heading goes onto that page with it, never alone at the foot of a portrait page."""
    if section.blocks or not section.subsections:
        return False
    first = section.subsections[0]
    return is_wide(first) or opens_wide(first)

# Characters XML 1.0 (and so HTML, SVG and DOCX) cannot carry: C0 controls except
# tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without characters that XML cannot carry; CRLF/CR become LF."""
    return _INVALID_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """``text`` cleaned and on one line (for table cells and list items)."""
    return " ".join(clean(text).split())


def cell_text(document: Document, value: Cell, decimals: int = 2, fixed: bool = False) -> str:
    """A table cell as text: numbers in the document's digits, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return format_number(value, document.digits, decimals, fixed=fixed)
    return value


def _fractional(value: Cell) -> bool:
    return isinstance(value, float) and math.isfinite(value) and not value.is_integer()


def table_cells(document: Document, table: Table) -> list[list[str]]:
    """Every cell of ``table`` as text (not yet escaped). A column holding a fraction shows
    all its numbers with the table's decimals (``4.50``, ``6.00``), so decimals never vary
    within a column; a column of whole numbers stays whole."""
    width = len(table.headers)
    fixed = [any(_fractional(row[i]) for row in table.rows) for i in range(width)]
    return [[cell_text(document, float(c) if fixed[i] and isinstance(c, int) else c,
                       table.decimals, fixed[i]) for i, c in enumerate(row)]
            for row in table.rows]
