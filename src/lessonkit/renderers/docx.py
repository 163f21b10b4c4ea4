"""DOCX through python-docx (the ``docx`` extra), laid out like the seeds' report book.

**Thai in Word.** Word draws Thai with the *complex-script* font, size and bold
(``w:cs``, ``w:szCs``, ``w:bCs``), which python-docx does not set: here every
style and run gets ``w:rFonts`` with ``w:ascii``, ``w:hAnsi``, ``w:cs`` and
``w:eastAsia``, both ``w:sz`` and ``w:szCs``, and ``w:bCs`` wherever ``w:b``
is set. The heading styles of python-docx's template carry *theme* fonts
(``w:asciiTheme``…) that would override those; they are removed.

**Layout.** A4 with margins of 2.5 cm (top), 2 cm (bottom, right) and 3 cm
(left); a title page; from the second page the report's title runs at the head
of each page and the page number at its foot (in Thai digits for a Thai book in
Word, ``w:pgNumType w:fmt="thaiNumbers"``; LibreOffice cannot show Thai page numbers
from a DOCX file: it ignores ``thaiNumbers`` and reads the PAGE field's ``ThaiArabic``
switch as Thai letters, so it prints Arabic digits).
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

**How it is written.** python-docx makes the package: styles, settings, the page
and its sections, header and footer, file properties and the images. The body —
every paragraph, run and table — is written as XML text in one pass (strings
joined once, text escaped, characters XML 1.0 cannot carry dropped by
:func:`~lessonkit.renderers._common.clean`) and put into the package's
``word/document.xml``. Making tens of thousands of paragraphs through python-docx's
objects cost more than the rest of the report; the XML is the same.
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
    "WORD_BREAK",
    "WORD_JOINER",
    "bar_png",
    "column_widths",
    "join_word",
    "render",
    "set_thai_font",
    "text_width",
    "thai_word_keeper",
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
    try:  # every character seen before: summed without a Python loop
        return sum(map(_WIDTHS.__getitem__, text), 0.0)
    except KeyError:
        for ch in set(text).difference(_WIDTHS):
            char_width(ch)
        return sum(map(_WIDTHS.__getitem__, text), 0.0)


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


# --------------------------------------------------------------------------- XML as text
# The body of the book is written as XML text in one pass: a report of 10,000 participants
# or 200 groups has tens of thousands of paragraphs, and making each through python-docx's
# objects costs more than the rest of the report together. python-docx still makes the
# package around it (styles, settings, the page, header and footer, properties, images).

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(text: str) -> str:
    """``text`` escaped for XML character data (it is already :func:`clean`)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(text: str) -> str:
    """``text`` escaped for an XML attribute value in double quotes."""
    return _esc(clean(text)).replace('"', "&quot;")


def _t(piece: str) -> str:
    if piece != piece.strip():
        return f'<w:t xml:space="preserve">{_esc(piece)}</w:t>'
    return f"<w:t>{_esc(piece)}</w:t>"


def text_xml(text: str) -> str:
    """A run's content for ``text`` (already cleaned): ``w:t``, with ``w:br`` for line
    breaks and ``w:tab`` for tabs."""
    if "\n" not in text and "\t" not in text:
        return _t(text) if text else ""
    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("<w:br/>")
        for k, piece in enumerate(line.split("\t")):
            if k:
                out.append("<w:tab/>")
            if piece:
                out.append(_t(piece))
    return "".join(out)


#: the word joiner: no line break on either side of it (Unicode line breaking class WJ)
WORD_JOINER = "\u2060"
#: a zero-width space: a line may break here (between two Thai words)
WORD_BREAK = "\u200b"


def join_word(word: str) -> str:
    """``word`` with a word joiner between its letter clusters, so that no line is broken
    inside it; never before a vowel or tone mark above or below, nor before SARA AM (whose
    nikhahit sits on the letter before)."""
    out = [word[0]] if word else []
    for ch in word[1:]:
        if unicodedata.category(ch) not in ("Mn", "Mc") and ch != "\u0e33":
            out.append(WORD_JOINER)
        out.append(ch)
    return "".join(out)


def thai_word_keeper(options: Mapping[str, Any]) -> Any:
    """A function ``keep(text, room)`` that keeps each Thai word of a table cell on one line
    (PyThaiNLP's ``newmm`` segmentation through :mod:`lessonkit.renderers.thaiwords`, ``pip
    install 'lessonkit[thai]'``): the letters of a word at most ``room`` ems wide are joined
    with :data:`WORD_JOINER`, and two Thai words side by side are parted by
    :data:`WORD_BREAK`, so LibreOffice breaks a cell's Thai only between words. (Joining
    alone was measured to make a whole cell one unbreakable word in LibreOffice, cut
    anywhere; a word wider than its column is left to the reader's own line breaking.)
    Off by default, unlike HTML (where it only adds spans): the joiners are characters of
    the cell's text, which a reader copying or searching it in Word meets. Without
    PyThaiNLP cells are written as they are. The segmenter is loaded on the first Thai
    cell, once per process."""
    if not options.get("thai_words"):
        return None
    from lessonkit.renderers.thaiwords import THAI, segmenter

    done: dict[tuple[str, float], str] = {}  # a cell's text repeats: segmented once

    def keep(text: str, room: float) -> str:
        shown = done.get((text, room))
        if shown is not None:
            return shown
        words = segmenter() if THAI.search(text) else None
        if words is None:
            shown = text
        else:
            out: list[str] = []
            before = False  # the word before was Thai
            for word in words(text):
                now = bool(THAI.search(word)) and not word.isspace()
                if now and before:
                    out.append(WORD_BREAK)
                # a word wider than its column is left to the reader's own line breaking
                out.append(join_word(word) if now and text_width(word) <= room else word)
                before = now
            shown = "".join(out)
        done[(text, room)] = shown
        return shown

    return keep


def _twips_pt(points: float) -> int:
    """Points as twips, rounded as python-docx rounds them (via EMU)."""
    return round(int(points * 12700) / 635)


def _twips_cm(cm: float) -> int:
    return round(int(cm * 360000) / 635)


def _emu_cm(cm: float) -> int:
    return int(cm * 360000)


def _rpr(font: str, size_pt: float | None, bold: bool, colour: str | None) -> str:
    face = _attr(font)
    parts = [f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:cs="{face}" w:eastAsia="{face}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size_pt is not None:
        half = round(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _ppr(style: str | None = None, keep: bool = False, page_break: bool = False,
         border: str | None = None, shade: str | None = None, before: float | None = None,
         after: float | None = None, line: float | None = None, left: float | None = None,
         first: float | None = None, jc: str | None = None) -> str:
    """A ``w:pPr`` (children in the schema's order; Word is strict). Spacing in points
    (``line``: exactly that high), indents in centimetres (``first`` < 0: hanging)."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if border:
        parts.append(f'<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" '
                     f'w:color="{border}"/></w:pBdr>')
    if shade:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{_twips_pt(before)}"')
    if after is not None:
        spacing.append(f'w:after="{_twips_pt(after)}"')
    if line is not None:
        spacing.append(f'w:lineRule="exact" w:line="{_twips_pt(line)}"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    indent = []
    if left is not None:
        indent.append(f'w:left="{_twips_cm(left)}"')
    if first is not None:
        indent.append(f'w:hanging="{_twips_cm(-first)}"' if first < 0
                      else f'w:firstLine="{_twips_cm(first)}"')
    if indent:
        parts.append(f"<w:ind {' '.join(indent)}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>" if parts else ""


def _picture(number: int, rid: str, filename: str, width_cm: float, height_cm: float) -> str:
    """A run holding an inline picture (what python-docx's ``add_picture`` writes)."""
    cx, cy = _emu_cm(width_cm), _emu_cm(height_cm)
    return (
        '<w:r><w:drawing><wp:inline xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="Picture {number}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{_attr(filename)}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


_TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
               'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')


def _tbl_pr(style: str, widths: Sequence[float], inner_vertical: bool) -> str:
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    none = 'w:val="nil" w:sz="0" w:space="0" w:color="auto"'
    sides = {"top": line, "left": line, "bottom": line, "right": line, "insideH": line,
             "insideV": line}
    if not inner_vertical:
        sides.update(left=none, right=none, insideV=none)
    borders = "".join(f"<w:{side} {value}/>" for side, value in sides.items())
    margins = "".join(f'<w:{side} w:w="{twips}" w:type="dxa"/>' for side, twips in (
        ("top", 30), ("left", 85), ("bottom", 30), ("right", 85)))
    return (f'<w:tblPr><w:tblStyle w:val="{style}"/>'
            f'<w:tblW w:type="dxa" w:w="{round(sum(widths) / 2.54 * 1440)}"/>'
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f"<w:tblCellMar>{margins}</w:tblCellMar>{_TABLE_LOOK}</w:tblPr>"
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{_twips_cm(w)}"/>' for w in widths)
            + "</w:tblGrid>")


def _tc_pr(width_cm: float, fill: str | None = None, vcenter: bool = False) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    valign = '<w:vAlign w:val="center"/>' if vcenter else ""
    return f'<w:tcPr><w:tcW w:type="dxa" w:w="{_twips_cm(width_cm)}"/>{shd}{valign}</w:tcPr>'


_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_HEADER_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"


def _inject(package: bytes, body: str) -> bytes:
    """The DOCX ``package`` with ``body`` (XML text) at the start of the document's body."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, found, tail = data.partition(b"<w:body>")
                if not found:
                    raise RuntimeError("python-docx wrote a document without <w:body>")
                data = b"".join((head, found, body.encode("utf-8"), tail))
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, document: Document, options: Mapping[str, Any]) -> None:
        docx = _import_docx()
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self.Pt, self.Cm, self.ALIGN = Pt, Cm, WD_ALIGN_PARAGRAPH
        self.doc = document
        self.font = str(options.get("font") or FONT)
        self.body_pt = float(options.get("font_size") or BODY_PT)
        self.scale = self.body_pt / BODY_PT
        self.table_pt = TABLE_PT * self.scale
        self.out = docx.Document()
        self.lang = "th-TH" if document.locale == "th" else None
        self.text_cm = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
        #: the body's XML, piece by piece (joined once at the end)
        self.parts: list[str] = []
        #: table cells' Thai words kept whole (``options["thai_words"]``), or None
        self.keep_words = thai_word_keeper(options)
        self._images: dict[tuple[int, str, str], tuple[str, str]] = {}
        self._rprs: dict[tuple[float | None, bool, str | None], str] = {}
        self._pprs: dict[tuple[Any, ...], str] = {}
        self._pictures = 0
        self._end = self.out.element.body.sectPr  # the last section's properties
        self._style_ids: dict[str, str] = {}
        self._sections = 0
        self._landscape = False
        self._styles()
        self._page()

    # -- styles and page (python-docx: done once) ----------------------------
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
        for bottom in title.element.get_or_add_pPr().iter(f"{{{_W_NS}}}bottom"):
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
        self._element_run(head, self.fit(one_line(self.doc.title), 6 * self.scale),
                          size=12 * self.scale, colour=MUTED)
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
        run = self._element_run(foot, "1", size=13 * self.scale, colour=MUTED)
        run.addprevious(field)
        field.append(run)

    def _element_run(self, paragraph: Any, text: str, *, size: float | None = None,
                     colour: str | None = None) -> Any:
        """A run appended to a python-docx paragraph (the running head and the page number)."""
        from docx.oxml.ns import nsdecls
        from docx.oxml.parser import parse_xml

        rpr = _rpr(self.font, size, False, colour)
        element = parse_xml(f"<w:r {nsdecls('w')}>{rpr}{text_xml(clean(text))}</w:r>")
        paragraph._p.append(element)
        return element

    def _sect_pr(self) -> str:
        """The section properties that end the current section, as XML text."""
        from docx.oxml.ns import qn
        from lxml import etree  # type: ignore[import-untyped]

        ending = deepcopy(self._end)
        if self._landscape:
            _orient(ending, landscape=True)
        if self._sections:
            for found in ending.findall(qn("w:titlePg")):
                ending.remove(found)
        text = etree.tostring(ending, encoding="unicode")
        # the namespaces are declared on the document
        head, _, rest = text.partition(">")
        head = " ".join(p for p in head.split(" ") if not p.startswith("xmlns:"))
        return f"{head}>{rest}"

    def fit(self, text: str, size_pt: float) -> str:
        """``text`` shortened with ``…`` to fit one line of the page at ``size_pt``."""
        return fit_text(text, self.text_cm / (size_pt / 72 * 2.54) - 1)

    # -- paragraphs and runs, as XML text -----------------------------------
    def r(self, text: str, *, bold: bool = False, size: float | None = None,
          colour: str | None = None) -> str:
        """A run of ``text`` (cleaned of what XML cannot carry, and escaped)."""
        key = (size, bold, colour)
        rpr = self._rprs.get(key)
        if rpr is None:
            rpr = self._rprs[key] = _rpr(self.font, size, bold, colour)
        return f"<w:r>{rpr}{text_xml(clean(text))}</w:r>"

    def ppr(self, **look: Any) -> str:
        key = tuple(sorted(look.items()))
        found = self._pprs.get(key)
        if found is None:
            found = self._pprs[key] = _ppr(**look)
        return found

    def p(self, runs: str = "", **look: Any) -> None:
        """A paragraph of ``runs`` (XML text) with the look ``look`` (see :func:`_ppr`)."""
        self.parts.append(f"<w:p>{self.ppr(**look)}{runs}</w:p>")

    def para(self, text: str = "", *, bold: bool = False, size: float | None = None,
             colour: str | None = None, **look: Any) -> None:
        self.p(self.r(text, bold=bold, size=size, colour=colour) if text else "", **look)

    def _style_id(self, name: str) -> str:
        """The id of the style ``name``, looked up once (python-docx searches every style)."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = str(self.out.styles[name].style_id)
        return found

    def item(self, marker: str, text: str, left_cm: float, hang_cm: float, *,
             bold: bool = False, keep: bool = False) -> None:
        """A list item: ``marker``, a tab to the hanging indent, the text (wrapped lines align)."""
        self.para(f"{marker}\t{one_line(text) if bold else text}", bold=bold,
                  left=left_cm, first=-hang_cm, after=0, keep=keep)

    def spacer(self, points: float = 6) -> None:
        """An empty paragraph exactly ``points`` high (room after a list or table)."""
        self.p(before=0, after=0, line=points)

    def heading(self, text: str, level: int) -> None:
        self.p(self.r(one_line(text)), style=self._style_id(f"Heading {min(max(level, 1), 6)}"))

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
        self.para(doc.t("contents"), bold=True, size=20 * self.scale, page_break=True,
                  after=12, jc="center")
        field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>'
                 '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        entries = []
        for index, chapter in enumerate(doc.chapters):
            label = doc.chapter_label(index)
            entries.append(self.r(f"{label} {one_line(chapter.title)}" if label
                                  else one_line(chapter.title)))
        self.p(field + ("" if entries else end))
        for n, entry in enumerate(entries):
            self.p(entry + (end if n == len(entries) - 1 else ""), after=2)
        self.out.settings.element.append(_element("w:updateFields", val="true"))

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
        return _inject(buffer.getvalue(), "".join(self.parts))

    def title_page(self) -> None:
        doc = self.doc
        self.p(before=70)
        if doc.organiser:
            self.para(one_line(doc.organiser), bold=True, size=20 * self.scale, after=40,
                      jc="center")
        self.p(self.r(one_line(doc.title)), style=self._style_id("Title"), jc="center")
        if doc.subtitle:
            self.para(one_line(doc.subtitle), bold=True, colour=ACCENT, size=20 * self.scale,
                      after=30, jc="center")
        facts = []
        colon = " " if doc.locale == "th" else ": "  # "วันที่ ๒๒ ธันวาคม", "Date: 22 December"
        if doc.date:
            facts.append(f"{doc.t('date')}{colon}{doc.date_text()}")
        if doc.venue:
            facts.append(f"{doc.t('venue')}{colon}{one_line(doc.venue)}")
        if doc.participants is not None:
            facts.append(doc.t("participants_n", n=doc.participants))
        for fact in facts:
            self.para(fact, size=18 * self.scale, after=6, jc="center")

    def chapter_heading(self, label: str, title: str) -> None:
        """``บทที่ ๒`` and the chapter's title, centred at the top of a new page."""
        runs = ""
        if label:  # the foreword, executive summary and appendices have no number
            runs = self.r(label, size=19 * self.scale, colour=ACCENT)[:-len("</w:r>")] \
                + "<w:br/></w:r>"
        self.p(runs + self.r(one_line(title)), style=self._style_id("Heading 1"),
               page_break=True, after=14, jc="center")

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
                self.para(one_line(block.text), bold=True, keep=True, before=6, after=2,
                          left=0.5 * block.level)
            elif isinstance(block, Paragraph) and block.role == "signature":
                self.para(block.text, jc="right")
            elif isinstance(block, Paragraph):
                label = self.r(block.label + " ", bold=True) if block.label else ""
                self.p(label + self.r(block.text), keep=isinstance(follows, (Table, Chart)),
                       first=None if block.label else 1.25)
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
        label = self.doc.t("warning" if warning else "note")
        self.p(self.r(f"{label}: ", bold=True, colour=WARN if warning else ACCENT)
               + self.r(block.text), border=WARN if warning else ACCENT,
               shade=WARN_FILL if warning else NOTE_FILL, after=8, left=0.4)

    # -- tables --------------------------------------------------------------
    def caption(self, text: str) -> None:
        self.para(one_line(text), bold=True, keep=True, before=4, after=3)

    def landscape(self, on: bool) -> None:
        """End the current section: what follows is on landscape (``on``) or portrait pages."""
        from docx.oxml.ns import qn

        self.parts.append(f"<w:p><w:pPr>{self._sect_pr()}</w:pPr></w:p>")
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
        if self.keep_words is not None:  # after measuring: the joiners take no room
            keep = self.keep_words
            rooms = [(w - 0.35) / em_cm for w in widths]  # less the cell's margins
            headers = [keep(h, rooms[i]) for i, h in enumerate(headers)]
            cells = [[keep(c, rooms[i]) for i, c in enumerate(row)] for row in cells]
        out = self.parts
        out.append("<w:tbl>" + _tbl_pr(self._style_id("Table Grid"), widths, True))
        out.append(_HEADER_ROW)
        for i, width in enumerate(widths):
            out.append(f"<w:tc>{_tc_pr(width, HEADER_FILL)}<w:p>"
                       f"{self.ppr(keep=True, jc=align[i])}"
                       f"{self.r(headers[i], bold=True, size=self.table_pt) if headers[i] else ''}"
                       "</w:p></w:tc>")
        out.append("</w:tr>")
        # the same opening for every cell of a column: written once
        opening = [f"<w:tc>{_tc_pr(width)}<w:p>" for width in widths]
        plain = [self.ppr(jc=a) for a in align]
        kept = [self.ppr(keep=True, jc=a) for a in align]
        rpr = _rpr(self.font, self.table_pt, False, None)
        # no page with a lone row: a short table moves on whole, a long one keeps its first
        # two rows with the header and its last row with the one before
        count = len(cells)
        held = (set(range(count - 1)) if count <= SHORT_TABLE
                else {i for i in (0, 1, count - 2) if 0 <= i < count - 1})
        for index, values in enumerate(cells):
            look = kept if index in held else plain
            row = [_ROW]
            for i, text in enumerate(values):
                row.append(opening[i])
                row.append(look[i])
                if text:
                    row.append(f"<w:r>{rpr}{text_xml(text)}</w:r>")
                row.append("</w:p></w:tc>")
            row.append("</w:tr>")
            out.append("".join(row))
        out.append("</w:tbl>")
        self.spacer(8)

    # -- charts --------------------------------------------------------------
    def bar(self, fraction: float, colour: str, width_cm: float, height_cm: float,
            track: str = TRACK) -> str:
        """A run holding a chart bar's picture (each distinct picture stored once)."""
        steps = 200 if track != colour else 1
        key = (round(fraction * steps) if fraction == fraction else 0, colour, track)
        found = self._images.get(key)
        if found is None:
            data = bar_png(key[0] / steps, colour, track, steps)
            rid, image = self.out.part.get_or_add_image(io.BytesIO(data))
            found = self._images[key] = (rid, image.filename)
        self._pictures += 1
        return _picture(self._pictures, found[0], found[1], width_cm, height_cm)

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
        if self.keep_words is not None:
            labels = [self.keep_words(label, (label_w - 0.35) / em_cm) for label in labels]
        widths = (label_w, bar_w, value_w)
        out = self.parts
        out.append("<w:tbl>" + _tbl_pr(self._style_id("Table Grid"), widths, False))
        scale = f"{format_number(low, doc.digits)} – {format_number(top, doc.digits)}"
        out.append(_HEADER_ROW)
        for width, text, align in zip(widths, (doc.t("item"), scale, doc.t("score")),
                                      ("left", "center", "right"), strict=True):
            out.append(f"<w:tc>{_tc_pr(width, HEADER_FILL)}<w:p>{self.ppr(keep=True, jc=align)}"
                       f"{self.r(text, bold=True, size=self.table_pt) if text else ''}"
                       "</w:p></w:tc>")
        out.append("</w:tr>")
        bar_h, room = 0.32 * self.scale, bar_w - 0.45
        # one bar: its line as high as the bar, so that the cell centres the bar itself;
        # several: bars and values on lines of the same height, side by side
        line_pt = self.table_pt * 1.35 if len(series) > 1 else bar_h / 2.54 * 72 + 1
        bar_look = self.ppr(line=line_pt, after=0)
        value_look = self.ppr(line=line_pt, after=0, jc="right") if len(series) > 1 \
            else self.ppr(jc="right")
        cells = [f"<w:tc>{_tc_pr(width, vcenter=True)}" for width in widths]
        for i, label in enumerate(labels):
            bars, values = [], []
            for k, s in enumerate(series):
                value = s.values[i]
                share = 0.0 if value != value else min(max((value - low) / span, 0.0), 1.0)
                bars.append(f"<w:p>{bar_look}"
                            f"{self.bar(share, PALETTE[k % len(PALETTE)], room, bar_h)}</w:p>")
                values.append(f"<w:p>{value_look}"
                              f"{self.r(format_number(value, doc.digits), size=self.table_pt)}"
                              "</w:p>")
            label_run = self.r(label, size=self.table_pt) if label else ""
            out.append(f"{_ROW}{cells[0]}<w:p>{self.ppr(jc='left')}{label_run}</w:p></w:tc>"
                       f"{cells[1]}{''.join(bars) or '<w:p/>'}</w:tc>"
                       f"{cells[2]}{''.join(values) or '<w:p/>'}</w:tc></w:tr>")
        out.append("</w:tbl>")
        if len(series) > 1:
            legend = []
            for k, s in enumerate(series):
                colour = PALETTE[k % len(PALETTE)]
                legend.append(self.bar(1.0, colour, 0.3, 0.3, track=colour))
                legend.append(self.r(f" {one_line(s.name)}    ", size=self.table_pt))
            self.p("".join(legend), after=2)
        self.spacer(8)


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


def _set_colour_attr(element: Any, colour: str) -> None:
    from docx.oxml.ns import qn

    element.set(qn("w:color"), colour)
    for attr in ("themeColor", "themeShade", "themeTint"):
        element.attrib.pop(qn(f"w:{attr}"), None)


def render(document: Document, options: Mapping[str, Any] | None = None) -> bytes:
    """The document as DOCX bytes. Options: ``font`` (default TH SarabunPSK), ``font_size``,
    ``thai_words`` (Thai words kept whole in table cells, :func:`thai_word_keeper`)."""
    return _Writer(document, options or {}).write()
