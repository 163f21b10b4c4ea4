"""DOCX through python-docx (the ``docx`` extra), with Thai set the way Word needs it.

Word draws Thai with the *complex-script* font and size, which python-docx does
not set: here every style and run gets ``w:rFonts`` with ``w:ascii``,
``w:hAnsi``, ``w:cs`` and ``w:eastAsia``, and both ``w:sz`` and ``w:szCs``.
The heading styles of python-docx's template carry *theme* fonts
(``w:asciiTheme``…) that would override those; they are removed. Numbered
lists are written as text (``๑) …``) so their numbers follow the document's
digits, as in the seeds' report book.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from lessonkit.errors import LessonkitError
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

__all__ = ["BODY_PT", "FONT", "HEADING_PT", "render"]

#: The Thai font (government standard in Thailand); ``options["font"]`` overrides it.
FONT = "TH Sarabun New"
#: Body size in points: Thai fonts are small for their size, 16 pt reads like 12 pt Latin.
BODY_PT = 16
#: Sizes of Title and Heading 1…4.
HEADING_PT = {"Title": 26, "Heading 1": 22, "Heading 2": 19, "Heading 3": 17, "Heading 4": 16}
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise LessonkitError(
            "the DOCX format needs python-docx, which is not installed",
            hint="pip install 'lessonkit[docx]'",
        ) from None
    return docx


def set_thai_font(rpr: Any, font: str, size_pt: float | None, lang: str | None = "th-TH") -> None:
    """Set a ``w:rPr`` element's fonts (all four scripts, theme fonts removed) and sizes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), font)
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        sz = rpr.get_or_add_sz()
        sz.set(qn("w:val"), half_points)
        sz_cs = rpr.find(qn("w:szCs"))
        if sz_cs is None:
            sz_cs = OxmlElement("w:szCs")
            sz.addnext(sz_cs)
        sz_cs.set(qn("w:val"), half_points)
    if lang:
        element = rpr.find(qn("w:lang"))
        if element is None:
            element = OxmlElement("w:lang")
            rpr.append(element)
        element.set(qn("w:bidi"), lang)


class _Writer:
    def __init__(self, document: Document, options: Mapping[str, Any]) -> None:
        docx = _import_docx()
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt, RGBColor

        self.Pt, self.Cm, self.RGB, self.ALIGN = Pt, Cm, RGBColor, WD_ALIGN_PARAGRAPH
        self.doc = document
        self.font = str(options.get("font") or FONT)
        self.body_pt = float(options.get("font_size") or BODY_PT)
        self.out = docx.Document()
        self.lang = "th-TH" if document.locale == "th" else None
        self._styles()

    # -- styles ------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.out.styles
        normal = styles["Normal"]
        set_thai_font(normal.element.get_or_add_rPr(), self.font, self.body_pt, self.lang)
        normal.paragraph_format.space_after = self.Pt(4)
        for name, size in HEADING_PT.items():
            style = styles[name]
            set_thai_font(style.element.get_or_add_rPr(), self.font, size * self.body_pt / BODY_PT,
                          self.lang)
            style.font.bold = True
            style.font.color.rgb = self.RGB(0x1D, 0x27, 0x33)
        for name in ("Table Grid", "List Bullet", "Caption"):
            if name in [s.name for s in styles]:
                set_thai_font(styles[name].element.get_or_add_rPr(), self.font, None, self.lang)
        for section in self.out.sections:
            section.top_margin = section.bottom_margin = self.Cm(2.2)
            section.left_margin, section.right_margin = self.Cm(2.5), self.Cm(2)

    def run(self, paragraph: Any, text: str, *, bold: bool = False, size: float | None = None) -> Any:
        run = paragraph.add_run(clean(text))
        set_thai_font(run._element.get_or_add_rPr(), self.font, size, None)
        if bold:
            run.bold = True
        return run

    def para(self, text: str = "", *, style: str | None = None, bold: bool = False,
             indent_cm: float | None = None, first_line_cm: float | None = None,
             center: bool = False, size: float | None = None) -> Any:
        paragraph = self.out.add_paragraph(style=style)
        if text:
            self.run(paragraph, text, bold=bold, size=size)
        fmt = paragraph.paragraph_format
        if indent_cm is not None:
            fmt.left_indent = self.Cm(indent_cm)
        if first_line_cm is not None:
            fmt.first_line_indent = self.Cm(first_line_cm)
        if center:
            paragraph.alignment = self.ALIGN.CENTER
        return paragraph

    def heading(self, text: str, level: int, *, center: bool = False, page_break: bool = False) -> None:
        paragraph = self.out.add_paragraph(style=f"Heading {min(max(level, 1), 4)}")
        self.run(paragraph, one_line(text))
        if center:
            paragraph.alignment = self.ALIGN.CENTER
        if page_break:
            paragraph.paragraph_format.page_break_before = True

    # -- content -----------------------------------------------------------
    def write(self) -> bytes:
        doc = self.doc
        self.out.core_properties.title = one_line(doc.title)[:255]
        self.out.core_properties.language = "th-TH" if doc.locale == "th" else "en"
        title = self.out.add_paragraph(style="Title")
        self.run(title, one_line(doc.title))
        title.alignment = self.ALIGN.CENTER
        if doc.subtitle:
            self.para(doc.subtitle, center=True, bold=True, size=self.body_pt * 1.25)
        if doc.date:
            self.para(f"{doc.t('date')}: {doc.date_text()}", center=True)
        if doc.venue:
            self.para(f"{doc.t('venue')}: {one_line(doc.venue)}", center=True)
        if doc.participants is not None:
            self.para(doc.t("participants_n", n=doc.participants), center=True)
        for index, chapter in enumerate(doc.chapters):
            self.heading(doc.chapter_label(index), 1, center=True, page_break=True)
            self.heading(chapter.title, 1, center=True)
            self.blocks(chapter, 2)
            for section in chapter.subsections:
                self.section(section, 2)
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()

    def section(self, section: Section, level: int) -> None:
        self.heading(self.doc.section_label(section), level)
        self.blocks(section, level + 1)
        for sub in section.subsections:
            self.section(sub, level + 1)

    def blocks(self, section: Section, level: int) -> None:
        for block in section.blocks:
            if isinstance(block, Heading):
                self.para(block.text, bold=True, indent_cm=0.5)
            elif isinstance(block, Paragraph):
                paragraph = self.para(first_line_cm=None if block.label else 1.25)
                if block.label:
                    self.run(paragraph, block.label + " ", bold=True)
                self.run(paragraph, block.text)
            elif isinstance(block, BulletList):
                indent = 1.0
                if block.title:
                    self.para(f"•  {one_line(block.title)}", indent_cm=indent, bold=True)
                    for item in block.items:
                        self.para(f"{self.doc.digits_of('-')}  {item}", indent_cm=indent + 1.0)
                else:
                    for item in block.items:
                        self.para(f"•  {item}", indent_cm=indent)
            elif isinstance(block, NumberedList):
                if block.title:
                    self.para(f"•  {one_line(block.title)}", indent_cm=1.0, bold=True)
                for n, item in enumerate(block.items, start=block.start):
                    p = self.para(f"{self.doc.digits_of(str(n))})  {item}", indent_cm=2.4,
                                  first_line_cm=-0.8)
                    p.paragraph_format.space_after = self.Pt(0)
                self.para()
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, Note):
                label = self.doc.t("warning" if block.kind == "warning" else "note")
                paragraph = self.para(indent_cm=0.5)
                self.run(paragraph, f"{label}: ", bold=True)
                self.run(paragraph, block.text)

    def table(self, table: Table) -> None:
        if table.caption:
            self.para(table.caption, bold=True)
        cells = table_cells(self.doc, table)
        grid = self.out.add_table(rows=1 + len(cells), cols=max(len(table.headers), 1))
        grid.style = "Table Grid"
        align = [table.alignment(i) for i in range(len(table.headers))]
        mapping = {"left": self.ALIGN.LEFT, "right": self.ALIGN.RIGHT,
                   "center": self.ALIGN.CENTER}
        for i, header in enumerate(table.headers):
            paragraph = grid.rows[0].cells[i].paragraphs[0]
            self.run(paragraph, one_line(header), bold=True)
        for r, row in enumerate(cells, start=1):
            row_cells = grid.rows[r].cells
            for i, text in enumerate(row):
                paragraph = row_cells[i].paragraphs[0]
                self.run(paragraph, text)
                paragraph.alignment = mapping[align[i]]
        self.para()

    def chart(self, chart: Chart) -> None:
        """Charts as a table of values with a bar of ``█`` per row."""
        series = chart.all_series()
        top, low = chart.top(), chart.minimum
        span = (top - low) or 1.0
        rows = []
        for i, label in enumerate(chart.labels):
            for s in series:
                value = s.values[i]
                share = 0.0 if value != value else min(max((value - low) / span, 0.0), 1.0)
                name = label if len(series) == 1 else f"{label} ({s.name})"
                rows.append([name, "█" * round(share * 20), format_number(value, self.doc.digits)])
        self.table(Table(["", "", self.doc.t("score")], rows, caption=chart.title,
                         align=["left", "left", "right"]))


def render(document: Document, options: Mapping[str, Any] | None = None) -> bytes:
    """The document as DOCX bytes. Options: ``font`` (default TH Sarabun New), ``font_size``."""
    return _Writer(document, options or {}).write()
