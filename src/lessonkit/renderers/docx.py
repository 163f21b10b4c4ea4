"""DOCX through python-docx (the ``docx`` extra), laid out like the seeds' report book.

**Thai in Word.** Word draws Thai with the *complex-script* font, size and bold
(``w:cs``, ``w:szCs``, ``w:bCs``), which python-docx does not set: here every
style and run gets ``w:rFonts`` with ``w:ascii``, ``w:hAnsi``, ``w:cs`` and
``w:eastAsia``, both ``w:sz`` and ``w:szCs``, and ``w:bCs`` wherever ``w:b``
is set. The heading styles of python-docx's template carry *theme* fonts
(``w:asciiTheme``…) that would override those; they are removed.

**Layout.** A4 with margins of 2.5 cm (top), 2 cm (bottom, right) and 3 cm
(left); a title page; from the second page the report's title runs at the head
of each page and the page number at its foot (Arabic page numbers, as in the
seeds' book — LibreOffice cannot show Thai page numbers from a DOCX file).
Each chapter starts a new page under ``บทที่ ๒`` and its title, centred;
sections are numbered ``๒.๑``; numbered lists are written as text (``๑)``) with
a hanging indent, so their numbers follow the document's digits and wrapped
lines align. Tables get column widths from their contents, thin borders, a
shaded header row repeated on each page, and rows that are not split across
pages.

**Charts** are tables with a bar per row: a PNG image one pixel high
(:func:`bar_png`, written here with :mod:`zlib`; no drawing library is
needed), coloured for the value's share of the axis and light grey for the
rest, stretched across the bar column; the label and the value are text beside
it. A radar profile is shown the same way, one bar per
dimension (one per series in each row when there are several): a word processor
has no portable vector drawing to put a polygon in, and bars read more exactly
in print.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from copy import deepcopy
from typing import Any

from lessonkit.errors import LessonkitError
from lessonkit.renderers._common import (
    WIDE_COLUMNS,
    clean,
    is_wide,
    one_line,
    opens_wide,
    table_cells,
)
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

__all__ = [
    "BODY_PT",
    "FONT",
    "HEADING_PT",
    "MARGINS_CM",
    "PAGE_CM",
    "bar_png",
    "column_widths",
    "render",
    "set_thai_font",
    "text_width",
]

#: The Thai font (government standard in Thailand); ``options["font"]`` overrides it.
#: Where it is missing, fontconfig (Linux, LibreOffice) substitutes TLWG's Laksaman, its clone.
FONT = "TH SarabunPSK"
#: Body size in points: Thai fonts are small for their size, 16 pt reads like 12 pt Latin.
BODY_PT = 16
#: Sizes of Title and Heading 1…6 for a 16 pt body (scaled with ``font_size``).
HEADING_PT = {"Title": 26, "Heading 1": 22, "Heading 2": 19, "Heading 3": 17,
              "Heading 4": 16, "Heading 5": 16, "Heading 6": 16}
#: Table text for a 16 pt body.
TABLE_PT = 14
#: A4, in centimetres (width, height).
PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}

INK, ACCENT, MUTED = "1D2733", "1F5F8B", "5B6673"
RULE, HEADER_FILL, TRACK, WARN = "9AA5B1", "E6EDF4", "E3E8ED", "B54708"
NOTE_FILL, WARN_FILL = "F1F6FA", "FFF4EA"
#: Series colours of the charts (the SVG charts' palette).
PALETTE = ("1F5F8B", "D55E00", "009E73", "CC79A7", "E69F00", "56B4E9", "555555")

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")
# Children of w:pPr that come after w:pBdr / w:shd in the schema's order (Word is strict).
_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                     "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                     "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                     "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                     "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                     "w:pPrChange")
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                        "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_TRPR_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
                         "w:ins", "w:del", "w:trPrChange")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                   "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                   "w:tcPrChange")


def _import_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise LessonkitError(
            "the DOCX format needs python-docx, which is not installed",
            hint="pip install 'lessonkit[docx]'",
        ) from None
    return docx


# --------------------------------------------------------------------------- small pieces


def bar_png(fraction: float, colour: str, track: str = "E3E8ED", steps: int = 200) -> bytes:
    """A PNG one pixel high and ``steps`` wide: the first ``fraction`` of it ``colour``
    (``"1F5F8B"``), the rest ``track`` — a chart bar, stretched to its size in the
    document (one image per bar, so the bar and its track never wrap apart)."""
    fill, rest = bytes.fromhex(colour), bytes.fromhex(track)
    if len(fill) != 3 or len(rest) != 3:
        raise ValueError(f"colours {colour!r}, {track!r} are not six hexadecimal digits")
    filled = round(min(max(fraction, 0.0), 1.0) * steps) if fraction == fraction else 0
    row = b"\x00" + fill * filled + rest * (steps - filled)  # filter byte 0, RGB pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", steps, 1, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row)) + chunk(b"IEND", b""))


_WIDTHS: dict[str, float] = {}


def char_width(ch: str) -> float:
    """The width of one character in ems, as :func:`text_width` counts it."""
    width = _WIDTHS.get(ch)
    if width is None:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            width = 0.0
        elif "\u0e50" <= ch <= "\u0e59":
            width = 0.7
        elif "\u0e00" <= ch <= "\u0e7f":
            width = 0.6
        else:
            width = 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5
        _WIDTHS[ch] = width
    return width


def text_width(text: str) -> float:
    """Rough width of ``text`` in ems, measured on a bold Sarabun-like font and
    rounded up: Thai vowels and tone marks above or below a consonant take no
    room, a Thai letter about 0.6 em, a Thai digit 0.7, a Latin letter 0.5, a wide
    (East Asian) character a whole em."""
    widths = _WIDTHS
    total = 0.0
    for ch in text:
        width = widths.get(ch)
        total += char_width(ch) if width is None else width
    return total


def fit_text(text: str, room: float) -> str:
    """``text`` cut to the longest start that is at most ``room`` ems wide, with ``…``.

    One pass over the text (each character's width is counted once), so a title of
    any length is shortened in linear time; marks above or below the last letter
    kept stay with it.
    """
    width = 0.0
    cut = 0
    for index, ch in enumerate(text):
        width += char_width(ch)
        if width > room:
            return text[:cut].rstrip() + "…"
        cut = index + 1
    return text


def column_widths(rows: Sequence[Sequence[str]], numeric: Sequence[bool], total_cm: float,
                  em_cm: float, padding_cm: float = 0.5) -> list[float]:
    """Column widths (cm) adding up to ``total_cm``, from the cells' contents.

    Like a browser's automatic table layout: each column wants the width of its
    longest cell (``natural``) and needs at least a short minimum — a number is
    never wrapped, a text column may wrap down to about eight characters (the
    first row is the header, which may wrap over numbers). When
    everything fits, text columns share the room left; otherwise the room above
    the minimums is shared in proportion to what each column would like more.
    """
    columns = max((len(r) for r in rows), default=0)
    if columns == 0:
        return []
    natural, minimum = [], []
    for i in range(columns):
        cells = [r[i] for r in rows if i < len(r)]
        longest = max((text_width(c) for c in cells), default=0.0) * em_cm + padding_cm
        if i < len(numeric) and numeric[i]:
            # numbers never wrap; a long header over them may
            values = max((text_width(c) for c in cells[1:]), default=0.0) * em_cm + padding_cm
            word = max((text_width(w) for w in cells[0].split()), default=0.0) if cells else 0.0
            low = max(values, min(word * em_cm + padding_cm, 5 * em_cm + padding_cm))
        else:
            word = max((text_width(w) for c in cells for w in c.split()), default=0.0)
            low = min(longest, max(min(word * em_cm + padding_cm, 3.2), 4 * em_cm + padding_cm))
        natural.append(max(longest, 1.0))
        minimum.append(max(low, 0.9))
    if sum(natural) <= total_cm:
        texts = [i for i in range(columns) if not (i < len(numeric) and numeric[i])]
        grow = texts or list(range(columns))
        extra = total_cm - sum(natural)
        weight = sum(natural[i] for i in grow)
        return [w + (extra * w / weight if i in grow else 0.0) for i, w in enumerate(natural)]
    if sum(minimum) >= total_cm:
        return [w * total_cm / sum(minimum) for w in minimum]
    room = total_cm - sum(minimum)
    wants = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + room * w / sum(wants) for m, w in zip(minimum, wants, strict=True)]


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


def _set_bold(rpr: Any, on: bool = True) -> None:
    """Bold for Latin (``w:b``) and for Thai (``w:bCs``: Word reads only that one for Thai)."""
    rpr.get_or_add_b().val = on
    rpr.get_or_add_bCs().val = on


def _set_colour(rpr: Any, colour: str) -> None:
    from docx.oxml.ns import qn

    element = rpr.get_or_add_color()
    element.set(qn("w:val"), colour)
    for attr in ("themeColor", "themeShade", "themeTint"):
        element.attrib.pop(qn(f"w:{attr}"), None)


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _borders(tag: str, sides: Mapping[str, tuple[str, int, str]]) -> Any:
    """``<w:pBdr>``/``<w:tblBorders>`` with ``side: (style, eighths of a point, colour)``."""
    element = _element(tag)
    for side, (style, size, colour) in sides.items():
        element.append(_element(f"w:{side}", val=style, sz=str(size), space="0", color=colour))
    return element


# --------------------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, document: Document, options: Mapping[str, Any]) -> None:
        docx = _import_docx()
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Cm, Pt, RGBColor

        self.Pt, self.Cm, self.RGB, self.ALIGN = Pt, Cm, RGBColor, WD_ALIGN_PARAGRAPH
        self.EXACT, self.VCENTER = WD_LINE_SPACING.EXACTLY, WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.doc = document
        self.font = str(options.get("font") or FONT)
        self.body_pt = float(options.get("font_size") or BODY_PT)
        self.scale = self.body_pt / BODY_PT
        self.table_pt = TABLE_PT * self.scale
        self.out = docx.Document()
        self.lang = "th-TH" if document.locale == "th" else None
        self.text_cm = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
        self._images: dict[tuple[int, str, str], bytes] = {}
        self._rpr: dict[tuple[float | None, bool, str | None], Any] = {}
        self._pictures = 0
        self._ppr: dict[tuple[Any, ...], Any] = {}
        self._end = self.out.element.body.sectPr  # the body's last child: paragraphs go before
        self._style_ids: dict[str, str] = {}
        self._sections = 0
        self._landscape = False
        self._styles()
        self._page()

    # -- styles and page ---------------------------------------------------
    def _styles(self) -> None:
        from docx.oxml.ns import qn

        styles = self.out.styles
        # the defaults too: no theme fonts, the Thai font in all four slots, Thai language
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
        if rpr is not None:
            set_thai_font(rpr, self.font, self.body_pt, self.lang or "en-US")
        normal = styles["Normal"]
        set_thai_font(normal.element.get_or_add_rPr(), self.font, self.body_pt, self.lang)
        _set_colour(normal.element.get_or_add_rPr(), INK)
        normal.paragraph_format.space_after = self.Pt(4)
        for name, size in HEADING_PT.items():
            style = styles[name]
            rpr = style.element.get_or_add_rPr()
            set_thai_font(rpr, self.font, size * self.scale, self.lang)
            _set_colour(rpr, INK)
            if name == "Title":
                continue
            _set_bold(rpr)
            style.font.italic = False
            rpr.get_or_add_iCs().val = False
            fmt = style.paragraph_format
            fmt.keep_with_next = True
            fmt.space_before = self.Pt({"Heading 1": 0, "Heading 2": 16,
                                        "Heading 3": 12}.get(name, 10))
            fmt.space_after = self.Pt(4)
        title = styles["Title"]
        _set_colour(title.element.get_or_add_rPr(), ACCENT)
        title.paragraph_format.space_after = self.Pt(12)
        for bottom in title.element.get_or_add_pPr().iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bottom"):
            _set_colour_attr(bottom, ACCENT)
        for name in ("Table Grid", "Header", "Footer"):
            set_thai_font(styles[name].element.get_or_add_rPr(), self.font, None, self.lang)
        # no style of the template keeps a theme font (Heading 7-9, captions, quotes…)
        for fonts in styles.element.iter(qn("w:rFonts")):
            if any(fonts.get(qn(f"w:{attr}")) is not None for attr in _THEME_ATTRS):
                for attr in _THEME_ATTRS:
                    fonts.attrib.pop(qn(f"w:{attr}"), None)
                for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                    fonts.set(qn(f"w:{attr}"), self.font)

    def _page(self) -> None:
        section = self.out.sections[0]
        section.page_width, section.page_height = self.Cm(PAGE_CM[0]), self.Cm(PAGE_CM[1])
        section.top_margin, section.bottom_margin = (self.Cm(MARGINS_CM["top"]),
                                                     self.Cm(MARGINS_CM["bottom"]))
        section.left_margin, section.right_margin = (self.Cm(MARGINS_CM["left"]),
                                                     self.Cm(MARGINS_CM["right"]))
        section.header_distance = section.footer_distance = self.Cm(1.2)
        # the title page has neither running head nor page number
        section.different_first_page_header_footer = True
        head = section.header.paragraphs[0]
        head.alignment = self.ALIGN.CENTER
        # the full title over up to two lines, like the seeds' book ("… Child-friendly City
        # 5C4F", not "Child-f…"): fitting at half the size gives two lines' room
        self.run(head, self.fit(one_line(self.doc.title), 6 * self.scale), size=12 * self.scale,
                 colour=MUTED)
        head.paragraph_format.space_after = self.Pt(0)
        foot = section.footer.paragraphs[0]
        foot.alignment = self.ALIGN.CENTER
        field = _element("w:fldSimple", instr=" PAGE ")
        if self.doc.digits == "thai":
            # page numbers in Thai digits (Word; LibreOffice shows them as Arabic digits)
            number = _element("w:pgNumType", fmt="thaiNumbers")
            following = [c for c in self._end if c.tag.split("}")[-1] in (
                "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                "rtlGutter", "docGrid", "printerSettings")]
            if following:
                following[0].addprevious(number)
            else:
                self._end.append(number)
        number = self.run(foot, "1", size=13 * self.scale, colour=MUTED)
        number._element.addprevious(field)
        field.append(number._element)

    def fit(self, text: str, size_pt: float) -> str:
        """``text`` shortened with ``…`` to fit one line of the page at ``size_pt``."""
        return fit_text(text, self.text_cm / (size_pt / 72 * 2.54) - 1)

    # -- paragraphs and runs -------------------------------------------------
    # A report of 10,000 participants has tens of thousands of paragraphs: each look of a
    # paragraph and of a run is formatted once through python-docx, then copied.
    def run(self, paragraph: Any, text: str, *, bold: bool = False, size: float | None = None,
            colour: str | None = None) -> Any:
        from docx.text.run import Run

        key = (size, bold, colour)
        rpr = self._rpr.get(key)
        if rpr is None:
            rpr = self._rpr[key] = _element("w:rPr")
            set_thai_font(rpr, self.font, size, None)
            if bold:
                _set_bold(rpr)
            if colour:
                _set_colour(rpr, colour)
        element = _element("w:r")
        element.append(deepcopy(rpr))
        _add_text(element, clean(text))
        paragraph._p.append(element)
        return Run(element, paragraph)

    def para(self, text: str = "", *, style: str | None = None, bold: bool = False,
             indent_cm: float | None = None, first_line_cm: float | None = None,
             center: bool = False, size: float | None = None, colour: str | None = None,
             after_pt: float | None = None, keep: bool = False) -> Any:
        from docx.text.paragraph import Paragraph as DocxParagraph

        key = (style, indent_cm, first_line_cm, center, after_pt, keep)
        if key not in self._ppr:
            paragraph = self.out.add_paragraph(style=style)
            fmt = paragraph.paragraph_format
            if indent_cm is not None:
                fmt.left_indent = self.Cm(indent_cm)
            if first_line_cm is not None:
                fmt.first_line_indent = self.Cm(first_line_cm)
            if after_pt is not None:
                fmt.space_after = self.Pt(after_pt)
            if keep:
                fmt.keep_with_next = True
            if center:
                paragraph.alignment = self.ALIGN.CENTER
            ppr = paragraph._p.pPr
            self._ppr[key] = None if ppr is None else deepcopy(ppr)
        else:
            element = _element("w:p")
            ppr = self._ppr[key]
            if ppr is not None:
                element.append(deepcopy(ppr))
            self._place(element)  # python-docx looks for the end child by child
            paragraph = DocxParagraph(element, self.out._body)
        if text:
            self.run(paragraph, text, bold=bold, size=size, colour=colour)
        return paragraph

    def _style_id(self, name: str) -> str:
        """The id of the style ``name``, looked up once (python-docx searches every style)."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = str(self.out.styles[name].style_id)
        return found

    def _place(self, element: Any) -> None:
        """Put a block element at the end of the body, before its section properties, in one
        step (python-docx's add_paragraph and add_table look for them child by child, and
        work out the page width from every section: quadratic in the length of the book)."""
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.out.element.body.append(element)

    def styled(self, style: str) -> Any:
        """A new empty paragraph of the paragraph style ``style``, at the end of the body."""
        from docx.text.paragraph import Paragraph as DocxParagraph

        element = _element("w:p")
        element.get_or_add_pPr().style = self._style_id(style)
        self._place(element)
        return DocxParagraph(element, self.out._body)

    def item(self, marker: str, text: str, left_cm: float, hang_cm: float, *,
             bold: bool = False, keep: bool = False) -> Any:
        """A list item: ``marker``, a tab to the hanging indent, the text (wrapped lines align)."""
        return self.para(f"{marker}\t{one_line(text) if bold else text}", bold=bold,
                         indent_cm=left_cm, first_line_cm=-hang_cm, after_pt=0, keep=keep)

    def spacer(self, points: float = 6) -> None:
        """An empty paragraph exactly ``points`` high (room after a list or table)."""
        fmt = self.para().paragraph_format
        fmt.space_before = fmt.space_after = self.Pt(0)
        fmt.line_spacing_rule = self.EXACT
        fmt.line_spacing = self.Pt(points)

    def heading(self, text: str, level: int) -> None:
        paragraph = self.styled(f"Heading {min(max(level, 1), 6)}")
        self.run(paragraph, one_line(text))

    # -- content -----------------------------------------------------------
    def properties(self) -> None:
        """The file's own properties: title, author = the organiser, created now."""
        import datetime as dt

        props = self.out.core_properties
        doc = self.doc
        props.title = one_line(doc.title)[:255]
        props.subject = one_line(doc.subtitle or "")[:255]
        props.language = "th-TH" if doc.locale == "th" else "en"
        props.author = props.last_modified_by = one_line(doc.organiser or "")[:255] or "lessonkit"
        props.comments = "lessonkit"
        props.keywords = ""
        props.revision = 1
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now
        props.last_printed = now

    def contents(self) -> None:
        """A table-of-contents field (Word fills in the page numbers when the file opens);
        its shown result lists the chapters, so a reader without field updates sees them."""
        doc = self.doc
        heading = self.para(doc.t("contents"), center=True, bold=True, size=20 * self.scale,
                            after_pt=12)
        heading.paragraph_format.page_break_before = True
        begin = self.para()
        begin.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
        instr = _element("w:instrText")
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        begin.add_run()._r.append(instr)
        begin.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
        last = begin
        for index, chapter in enumerate(doc.chapters):
            label = doc.chapter_label(index)
            last = self.para(f"{label} {one_line(chapter.title)}" if label
                             else one_line(chapter.title), after_pt=2)
        last.add_run()._r.append(_element("w:fldChar", fldCharType="end"))
        settings = self.out.settings.element
        settings.append(_element("w:updateFields", val="true"))

    def write(self) -> bytes:
        doc = self.doc
        self.properties()
        self.title_page()
        if len(doc.chapters) > 1:
            self.contents()
        for index, chapter in enumerate(doc.chapters):
            self.chapter_heading(doc.chapter_label(index), chapter.title)
            self.blocks(chapter, 2)
            for section in chapter.subsections:
                self.section(section, 2)
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()

    def title_page(self) -> None:
        doc = self.doc
        top = self.para().paragraph_format
        top.space_before = self.Pt(70)
        if doc.organiser:
            self.para(one_line(doc.organiser), center=True, bold=True, size=20 * self.scale,
                      after_pt=40)
        title = self.out.add_paragraph(style="Title")
        self.run(title, one_line(doc.title))
        title.alignment = self.ALIGN.CENTER
        if doc.subtitle:
            self.para(one_line(doc.subtitle), center=True, bold=True, colour=ACCENT,
                      size=20 * self.scale, after_pt=30)
        facts = []
        colon = " " if doc.locale == "th" else ": "  # "วันที่ ๒๒ ธันวาคม", "Date: 22 December"
        if doc.date:
            facts.append(f"{doc.t('date')}{colon}{doc.date_text()}")
        if doc.venue:
            facts.append(f"{doc.t('venue')}{colon}{one_line(doc.venue)}")
        if doc.participants is not None:
            facts.append(doc.t("participants_n", n=doc.participants))
        for fact in facts:
            self.para(fact, center=True, size=18 * self.scale, after_pt=6)

    def chapter_heading(self, label: str, title: str) -> None:
        """``บทที่ ๒`` and the chapter's title, centred at the top of a new page."""
        paragraph = self.styled("Heading 1")
        paragraph.alignment = self.ALIGN.CENTER
        fmt = paragraph.paragraph_format
        fmt.page_break_before = True
        fmt.space_after = self.Pt(14)
        if label:  # the foreword, executive summary and appendices have no number
            self.run(paragraph, label, size=19 * self.scale, colour=ACCENT).add_break()
        self.run(paragraph, one_line(title))

    def section(self, section: Section, level: int) -> None:
        # a section holding a wide table goes on landscape pages with its heading
        own = is_wide(section)
        wide = not self._landscape and (own or opens_wide(section))
        if wide:
            self.landscape(True)
        self.heading(self.doc.section_label(section), level)
        self.blocks(section, level + 1)
        if wide and own:
            self.landscape(False)
        for sub in section.subsections:
            self.section(sub, level + 1)
        if wide and not own:  # a heading over a landscape subsection went with it
            self.landscape(False)

    def blocks(self, section: Section, level: int) -> None:
        for index, block in enumerate(section.blocks):
            # a paragraph introducing a table or chart ("ranked by …") stays with it
            follows = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
            if isinstance(block, Heading):
                self.para(one_line(block.text), bold=True, indent_cm=0.5 * block.level,
                          keep=True, after_pt=2).paragraph_format.space_before = self.Pt(6)
            elif isinstance(block, Paragraph) and block.role == "signature":
                self.para(block.text).alignment = self.ALIGN.RIGHT
            elif isinstance(block, Paragraph):
                paragraph = self.para(first_line_cm=None if block.label else 1.25,
                                      keep=isinstance(follows, (Table, Chart)))
                if block.label:
                    self.run(paragraph, block.label + " ", bold=True)
                self.run(paragraph, block.text)
            elif isinstance(block, BulletList):
                self.bullets(block)
            elif isinstance(block, NumberedList):
                self.numbered(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, Note):
                self.note(block)

    def bullets(self, block: BulletList) -> None:
        if block.title:
            self.item("•", block.title, 1.6, 0.6, bold=True, keep=True)
            for text in block.items:
                self.item(self.doc.digits_of("-"), text, 2.4, 0.5)
        else:
            for text in block.items:
                self.item("•", text, 1.6, 0.6)
        self.spacer()

    def numbered(self, block: NumberedList) -> None:
        left = 1.8
        if block.title:
            self.item("•", block.title, 1.6, 0.6, bold=True, keep=True)
            left = 2.6
        last = block.start + len(block.items) - 1
        for n, text in enumerate(block.items, start=block.start):
            # the last item never stands alone at the top of a page
            self.item(f"{self.doc.digits_of(str(n))})", text, left, 0.8, keep=n == last - 1)
        self.spacer()

    def note(self, block: Note) -> None:
        warning = block.kind == "warning"
        paragraph = self.para(indent_cm=0.4, after_pt=8)
        pbdr = _borders("w:pBdr", {"left": ("single", 24, WARN if warning else ACCENT)})
        pbdr[0].set(_qn("w:space"), "8")
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert_element_before(pbdr, *_PPR_AFTER_BORDER)
        ppr.insert_element_before(_element("w:shd", val="clear", color="auto",
                                           fill=WARN_FILL if warning else NOTE_FILL),
                                  *_PPR_AFTER_BORDER[1:])
        label = self.doc.t("warning" if warning else "note")
        self.run(paragraph, f"{label}: ", bold=True, colour=WARN if warning else ACCENT)
        self.run(paragraph, block.text)

    # -- tables --------------------------------------------------------------
    def caption(self, text: str) -> None:
        self.para(one_line(text), bold=True, keep=True, after_pt=3).paragraph_format \
            .space_before = self.Pt(4)

    def grid(self, widths: Sequence[float], *, inner_vertical: bool = True) -> Any:
        """An empty one-row table of fixed column widths, thin borders, roomy cells."""
        from docx.oxml.ns import qn
        from docx.oxml.table import CT_Tbl
        from docx.table import Table as DocxTable

        element = CT_Tbl.new_tbl(1, len(widths), self.Cm(sum(widths)))
        element.tblPr.style = self._style_id("Table Grid")
        self._place(element)
        table = DocxTable(element, self.out._body)
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        tbl_w = tbl_pr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:type"), "dxa")
            tbl_w.set(qn("w:w"), str(round(sum(widths) / 2.54 * 1440)))
        line = ("single", 4, RULE)
        sides = {"top": line, "left": line, "bottom": line, "right": line, "insideH": line,
                 "insideV": line}
        if not inner_vertical:
            sides.update(left=("nil", 0, "auto"), right=("nil", 0, "auto"),
                         insideV=("nil", 0, "auto"))
        tbl_pr.insert_element_before(_borders("w:tblBorders", sides), *_TBLPR_AFTER_BORDERS)
        margins = _element("w:tblCellMar")
        for side, twips in (("top", 30), ("left", 85), ("bottom", 30), ("right", 85)):
            margins.append(_element(f"w:{side}", w=str(twips), type="dxa"))
        tbl_pr.insert_element_before(margins, *_TBLPR_AFTER_BORDERS[2:])
        for column, width in zip(table.columns, widths, strict=True):
            column.width = self.Cm(width)
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = self.Cm(width)
        return table

    def row(self, table: Any, *, header: bool = False, first: bool = False) -> Any:
        """The table's first row (``first``) or a new one; rows never split across pages."""
        row = table.rows[0] if first else table.add_row()
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.insert_element_before(_element("w:cantSplit"), *_TRPR_AFTER_CANTSPLIT)
        if header:
            tr_pr.insert_element_before(_element("w:tblHeader"), *_TRPR_AFTER_CANTSPLIT[2:])
        return row

    def cell_text(self, cell: Any, text: str, align: str = "left", *, bold: bool = False,
                  fill: str | None = None, keep: bool = False) -> Any:
        paragraph = cell.paragraphs[0]
        if text:
            self.run(paragraph, text, bold=bold, size=self.table_pt)
        paragraph.alignment = {"left": self.ALIGN.LEFT, "right": self.ALIGN.RIGHT,
                               "center": self.ALIGN.CENTER}[align]
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        if fill:
            cell._tc.get_or_add_tcPr().insert_element_before(
                _element("w:shd", val="clear", color="auto", fill=fill), *_TCPR_AFTER_SHD)
        return paragraph

    def landscape(self, on: bool) -> None:
        """End the current section: what follows is on landscape (``on``) or portrait pages."""
        from docx.oxml.ns import qn

        marker = self.para()
        ending = deepcopy(self._end)
        if self._landscape:
            _orient(ending, landscape=True)
        if self._sections:
            for tag in ("w:titlePg",):
                for found in ending.findall(qn(tag)):
                    ending.remove(found)
        marker._p.get_or_add_pPr().append(ending)
        self._sections += 1
        self._landscape = on
        for found in self._end.findall(qn("w:titlePg")):
            self._end.remove(found)  # only the book's first section has the title page

    def table(self, table: Table) -> None:
        wide = len(table.headers) >= WIDE_COLUMNS
        switch = wide and not self._landscape
        if switch:
            self.landscape(True)
        saved = self.text_cm
        if self._landscape:
            self.text_cm = PAGE_CM[1] - MARGINS_CM["top"] - MARGINS_CM["bottom"]
        try:
            self._table(table)
        finally:
            self.text_cm = saved
        if switch:
            self.landscape(False)

    def _table(self, table: Table) -> None:
        if table.caption:
            self.caption(table.caption)
        headers = [one_line(h) for h in table.headers] or [""]
        cells = [[one_line(c) for c in row] or [""] for row in table_cells(self.doc, table)]
        align = [table.alignment(i) if table.headers else "left" for i in range(len(headers))]
        # columns of numbers keep them on one line; right-aligned text may wrap
        numeric = [bool(table.rows) and all(isinstance(row[i], (int, float)) or row[i] is None
                                            for row in table.rows)
                   for i in range(len(table.headers))] or [False]
        em_cm = self.table_pt / 72 * 2.54
        widths = column_widths([headers, *cells], numeric, self.text_cm, em_cm)
        grid = self.grid(widths)
        top = self.row(grid, header=True, first=True)
        for i, cell in enumerate(top.cells):
            self.cell_text(cell, headers[i], align[i], bold=True, fill=HEADER_FILL, keep=True)
        # the first row is formatted through python-docx, the others are copies of it
        # (a participant list can have thousands of rows)
        from docx.text.paragraph import Paragraph as DocxParagraph

        blank = None
        rows: list[Any] = []
        for values in cells:
            if blank is None:
                row = self.row(grid)
                for i, cell in enumerate(row.cells):
                    self.cell_text(cell, "", align[i])
                blank, tr = deepcopy(row._tr), row._tr
            else:
                tr = deepcopy(blank)
                grid._tbl.append(tr)
            for tc, text in zip(tr.iterchildren(_qn("w:tc")), values, strict=True):
                if text:
                    self.run(DocxParagraph(tc.find(_qn("w:p")), self.out._body), text,
                             size=self.table_pt)
            rows.append(tr)
        # no page with a lone row: a short table moves on whole, a long one keeps its first
        # two rows with the header and its last row with the one before
        held = range(len(rows) - 1) if len(rows) <= SHORT_TABLE else [0, 1, len(rows) - 2]
        for index in sorted({i for i in held if 0 <= i < len(rows) - 1}):
            for para in rows[index].iter(_qn("w:p")):
                ppr = para.get_or_add_pPr()
                if ppr.find(_qn("w:keepNext")) is None:
                    ppr.insert(0, _element("w:keepNext"))
        self.spacer(8)

    # -- charts --------------------------------------------------------------
    def exact(self, paragraph: Any, line_pt: float) -> None:
        """Make ``paragraph``'s lines exactly ``line_pt`` high, with no space after."""
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = self.EXACT
        fmt.line_spacing = self.Pt(line_pt)
        fmt.space_after = self.Pt(0)

    def bar(self, paragraph: Any, fraction: float, colour: str, width_cm: float,
            height_cm: float, track: str = TRACK, line_pt: float | None = None) -> None:
        steps = 200 if track != colour else 1
        key = (round(fraction * steps) if fraction == fraction else 0, colour, track)
        data = self._images.get(key)
        if data is None:
            data = self._images[key] = bar_png(key[0] / steps, colour, track, steps)
        if line_pt is not None:
            self.exact(paragraph, line_pt)
        run = paragraph.add_run()
        # python-docx's add_picture numbers the picture by searching the whole document for
        # ids; this renderer makes every picture, so it counts them itself
        from docx.oxml.shape import CT_Inline

        rid, image = self.out.part.get_or_add_image(io.BytesIO(data))
        self._pictures += 1
        run._r.add_drawing(CT_Inline.new_pic_inline(
            self._pictures, rid, image.filename, self.Cm(width_cm), self.Cm(height_cm)))

    def chart(self, chart: Chart) -> None:
        """A table: the label, a bar per series (a coloured part over a light track), the value."""
        doc = self.doc
        series = chart.all_series()
        if chart.title:
            self.caption(chart.title)
        low, top = chart.minimum, chart.top()
        span = (top - low) or 1.0
        em_cm = self.table_pt / 72 * 2.54
        labels = [one_line(label) for label in chart.labels]
        value_w = max([text_width(format_number(v, doc.digits)) for s in series
                       for v in s.values] + [text_width(doc.t("score"))]) * em_cm + 0.5
        value_w = min(value_w, self.text_cm * 0.25)  # a huge number wraps
        label_w = min(max([text_width(label) for label in labels] + [4.0]) * em_cm + 0.4,
                      self.text_cm * 0.42)
        bar_w = self.text_cm - label_w - value_w
        grid = self.grid([label_w, bar_w, value_w], inner_vertical=False)
        scale = f"{format_number(low, doc.digits)} – {format_number(top, doc.digits)}"
        head = self.row(grid, header=True, first=True)
        for cell, text, align in zip(head.cells, (doc.t("item"), scale, doc.t("score")),
                                     ("left", "center", "right"), strict=True):
            self.cell_text(cell, text, align, bold=True, fill=HEADER_FILL, keep=True)
        bar_h, room = 0.32 * self.scale, bar_w - 0.45
        # one bar: its line as high as the bar, so that the cell centres the bar itself;
        # several: bars and values on lines of the same height, side by side
        line_pt = self.table_pt * 1.35 if len(series) > 1 else bar_h / 2.54 * 72 + 1
        for i, label in enumerate(labels):
            row = self.row(grid)
            label_cell, bar_cell, value_cell = row.cells
            self.cell_text(label_cell, label)
            for k, s in enumerate(series):
                value = s.values[i]
                share = 0.0 if value != value else min(max((value - low) / span, 0.0), 1.0)
                bar = bar_cell.paragraphs[0] if k == 0 else bar_cell.add_paragraph()
                self.bar(bar, share, PALETTE[k % len(PALETTE)], room, bar_h, line_pt=line_pt)
                number = value_cell.paragraphs[0] if k == 0 else value_cell.add_paragraph()
                self.run(number, format_number(value, doc.digits), size=self.table_pt)
                number.alignment = self.ALIGN.RIGHT
                if len(series) > 1:
                    self.exact(number, line_pt)
            for cell in row.cells:
                cell.vertical_alignment = self.VCENTER
        if len(series) > 1:
            legend = self.para(after_pt=2)
            for k, s in enumerate(series):
                colour = PALETTE[k % len(PALETTE)]
                self.bar(legend, 1.0, colour, 0.3, 0.3, track=colour)
                self.run(legend, f" {one_line(s.name)}    ", size=self.table_pt)
        self.spacer(8)


def _add_text(run: Any, text: str) -> None:
    """``text`` into a ``w:r`` as ``w:t``, with ``w:br`` for line breaks and ``w:tab`` for tabs."""
    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(_element("w:br"))
        for k, piece in enumerate(line.split("\t")):
            if k:
                run.append(_element("w:tab"))
            if piece:
                t = _element("w:t")
                t.text = piece
                if piece != piece.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run.append(t)


#: a table of at most this many rows is kept on one page when it fits
SHORT_TABLE = 12


def _orient(sect_pr: Any, *, landscape: bool) -> None:
    """Turn a ``w:sectPr`` copy to landscape: width and height swapped, margins rotated."""
    from docx.oxml.ns import qn

    size = sect_pr.find(qn("w:pgSz"))
    if size is not None and landscape:
        w, h = size.get(qn("w:w")), size.get(qn("w:h"))
        size.set(qn("w:w"), h)
        size.set(qn("w:h"), w)
        size.set(qn("w:orient"), "landscape")
    margins = sect_pr.find(qn("w:pgMar"))
    if margins is not None and landscape:
        top, right, bottom, left = (margins.get(qn(f"w:{k}")) for k in ("top", "right", "bottom",
                                                                          "left"))
        # the binding edge (left, 3 cm) becomes the top when the page is turned
        margins.set(qn("w:top"), left)
        margins.set(qn("w:left"), top)
        margins.set(qn("w:bottom"), right)
        margins.set(qn("w:right"), bottom)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_colour_attr(element: Any, colour: str) -> None:
    element.set(_qn("w:color"), colour)
    for attr in ("themeColor", "themeShade", "themeTint"):
        element.attrib.pop(_qn(f"w:{attr}"), None)


def render(document: Document, options: Mapping[str, Any] | None = None) -> bytes:
    """The document as DOCX bytes. Options: ``font`` (default TH Sarabun New), ``font_size``."""
    return _Writer(document, options or {}).write()
