"""Standalone HTML: one file, no network, print-friendly, charts as inline SVG.

Every piece of text from the document is escaped (``html.escape`` with quotes)
after removing characters XML cannot carry, so participant text can neither
add markup nor break the page. The CSS has a Thai font stack, ``@page`` margins
for A4 and page breaks before chapters when printed.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Mapping
from html import escape as _escape
from typing import Any

from lessonkit.renderers._common import WIDE_COLUMNS, clean, is_wide, opens_wide, table_cells
from lessonkit.renderers.svg import chart_svg
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
)

__all__ = ["CSS", "FONT_STACK", "FRAGMENT_CLASS", "esc", "render", "render_fragment", "scoped_css"]

FONT_STACK = ('"lessonkit Sarabun", "Sarabun", "TH Sarabun New", "TH SarabunPSK", "Laksaman", "Noto Sans Thai", '
              '"Leelawadee UI", "Tahoma", sans-serif')

CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --line: #cfd6de; --accent: #1f5f8b; }
* { box-sizing: border-box; }
/* the embedded Sarabun is declared with size-adjust 68%, so it draws Thai at the size of
   TH SarabunPSK: 16pt in print, like a government document */
html { font-family: FONTS; color: var(--ink); line-height: 1.5; font-size: 22px; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem; }
header.title-page { text-align: center; padding: 3rem 0 2rem; border-bottom: 2px solid var(--accent); }
header.title-page h1 { font-size: 1.7rem; margin: 0 0 .6rem; line-height: 1.4; text-wrap: balance; }
header.title-page .subtitle { font-size: 1.2rem; color: var(--accent); margin: 0 0 1.2rem; }
header.title-page dl { display: inline-grid; grid-template-columns: auto auto; gap: .2rem 1rem;
  text-align: left; margin: 0; }
header.title-page dt { color: var(--muted); }
header.title-page dd { margin: 0; }
header.title-page .organiser { font-size: 1.2rem; font-weight: 700; margin: 0 0 2.5rem; }
p.signature { text-align: right; text-indent: 0; margin: .2rem 0; }
p.signature:first-of-type { margin-top: 1.5rem; }
.no-data { color: var(--muted); }
section.chapter > h2 { text-align: center; font-size: 1.45rem; margin: 2.6rem 0 1.2rem; text-wrap: balance; }
section.chapter > h2 .chapter-no { display: block; font-size: 1.1rem; color: var(--accent); }
h3 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; }
h4 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
h5, h6 { font-size: 1rem; margin: 1.1rem 0 .4rem; }
.block-heading { font-weight: 600; margin: 1rem 0 .3rem; }
p { margin: .4rem 0 .8rem; text-indent: 2.5em; }
p.labelled, p.plain { text-indent: 0; }
.label { font-weight: 600; }
ul, ol { margin: .3rem 0 .9rem; padding-left: 3.2em; }
ol.numbered { list-style: none; padding-left: 3.2em; }
ol.numbered > li { position: relative; }
ol.numbered > li > .no { position: absolute; left: -2.6em; width: 2.2em; text-align: right; }
.list-title { margin: .5rem 0 .1rem 1.2em; font-weight: 600; }
.list-title::before { content: "• "; }
table { border-collapse: collapse; margin: .5rem 0 1.1rem; width: 100%; font-size: .95rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid var(--line); padding: .3rem .55rem; vertical-align: top;
  /* Thai breaks at dictionary word boundaries (the browser's ICU); a word is cut only when it
     cannot fit a line by itself — never "anywhere", which starves auto-sized columns */
  overflow-wrap: break-word; }
td.nowrap, th.nowrap { white-space: nowrap; }
td .w { white-space: nowrap; }
th { background: #eef3f8; text-align: left; }
td.right, th.right { text-align: right; font-variant-numeric: tabular-nums; }
td.center, th.center { text-align: center; }
figure.chart { margin: .6rem 0 1.2rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .3rem; }
figure.chart svg { max-width: 100%; height: auto; }
.note { border-left: 4px solid var(--accent); background: #f3f7fb; padding: .5rem .8rem;
  margin: .6rem 0 1rem; }
.note.warning { border-left-color: #b54708; background: #fff6ed; }
nav.toc { margin: 2rem 0 1rem; }
nav.toc h2 { text-align: center; font-size: 1.35rem; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc ol ol { padding-left: 2.2em; }
nav.toc li { margin: .15rem 0; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
nav.toc .chapter-link { font-weight: 600; display: inline-block; margin-top: .5rem; }
nav.toc.paged a, nav.toc.paged .toc-head { display: flex; align-items: baseline; }
nav.toc.paged .fill { flex: 1; border-bottom: 1px dotted var(--muted); margin: 0 .4em; }
nav.toc.paged .pg { min-width: 2.2em; text-align: right; font-weight: 400; }
nav.toc .toc-head { justify-content: space-between; font-weight: 600; margin-bottom: .3rem; }
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm;
  @top-center { content: RUNNING_HEAD; font-family: FONTS; font-size: 12pt; color: #5b6673; }
  @bottom-center { content: "- " counter(page, PAGE_STYLE) " -"; font-family: FONTS;
    font-size: 14pt; } }
/* the cover is not numbered; the front matter (foreword, contents, executive summary) is
   numbered with its own counter (ก ข ค in a Thai book, i ii iii in an English one) and does
   not advance the page counter, so the body starts at ๑ */
@counter-style lessonkit-thai-letters { system: alphabetic; symbols: THAI_LETTERS; }
@page cover { counter-increment: page 0; @top-center { content: none; }
  @bottom-center { content: none; } }
@page front { counter-increment: page 0 front 1;
  @bottom-center { content: counter(front, FRONT_STYLE); } }
@page wide { size: A4 landscape; margin: 3cm 2.5cm 2cm 2cm; }
@page front-wide { size: A4 landscape; margin: 3cm 2.5cm 2cm 2cm;
  counter-increment: page 0 front 1; @bottom-center { content: counter(front, FRONT_STYLE); } }
@media print {
  header.title-page { page: cover; }
  .front { page: front; }
  .landscape { page: wide; }
  .front .landscape { page: front-wide; }
  html { font-size: 16pt; }
  :root { --line: #8c97a4; }
  th, td { padding: .15rem .45rem; }
  body { max-width: none; padding: 0; }
  header.title-page { page-break-after: always; border: 0; padding-top: 30%; }
  section.chapter, nav.toc { page-break-before: always; }
  /* a table that would leave only its header and one row at a page foot moves on whole */
  tbody tr:first-child, tbody tr:nth-child(2), tbody tr:last-child { break-before: avoid; }
  table.short { break-inside: avoid; }
  thead { display: table-header-group; }
  /* long tables run on over pages (the header row repeats), rows are never cut */
  tr, caption, figure.chart, .note, li { page-break-inside: avoid; break-inside: avoid; }
  caption, .list-title, .block-heading { break-after: avoid; page-break-after: avoid; }
  h2, h3, h4, h5, h6 { page-break-after: avoid; break-after: avoid; page-break-inside: avoid;
    break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


#: the letters that number a Thai book's front matter (ก ข ค …; the obsolete ฃ and ฅ left out)
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def front_matter(document: Document) -> int:
    """How many chapters open the book before its first numbered chapter (foreword, executive
    summary): they are printed with the contents as front matter. None when no chapter is
    numbered."""
    for index in range(len(document.chapters)):
        if document.chapter_label(index):
            return index
    return 0


def css(document: Document) -> str:
    """The page's style sheet: the embedded font, then :data:`CSS` with the running head
    (the title) and page numbers in the document's digits."""
    from lessonkit.renderers.fonts import font_face_css

    head = " ".join(clean(document.title).split())
    if len(head) > 180:  # two lines of the page's head at most
        head = head[:179] + "…"
    quoted = '"' + head.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
    return (font_face_css() + "\n" + CSS.replace("FONTS", FONT_STACK)
            .replace("RUNNING_HEAD", quoted)
            .replace("PAGE_STYLE", "thai" if document.digits == "thai" else "decimal")
            .replace("FRONT_STYLE", "lessonkit-thai-letters" if document.locale == "th"
                     else "lower-roman")
            .replace("THAI_LETTERS", " ".join(f'"{c}"' for c in THAI_LETTERS)))


def esc(text: str) -> str:
    """Text escaped for HTML element content and attribute values."""
    return _escape(clean(text), quote=True)


def _lines(text: str) -> str:
    """Escaped multi-line text, line breaks kept."""
    return "<br>".join(esc(line) for line in clean(text).split("\n"))


_SPACES = re.compile(r"(\s+)")

#: the table-cell writer of the page being rendered (see :func:`_word_keeper`)
_KEEP: contextvars.ContextVar[Any] = contextvars.ContextVar("lessonkit_html_keep", default=None)


def _word_keeper(options: Mapping[str, Any] | None) -> Any:
    """The writer of a wrapping table cell's text: each word of PyThaiNLP's segmentation on
    one line (:mod:`lessonkit.renderers.thaiwords`), so the browser breaks a cell's Thai only
    where its own dictionary (ICU) and PyThaiNLP's both see a word boundary. On by default
    when PyThaiNLP is installed (``pip install 'lessonkit[thai]'``); ``options["thai_words"]``
    false turns it off. Without PyThaiNLP the cell is plain text and the browser breaks it
    alone. The segmenter is loaded on the first Thai cell, once per process."""
    if not (options or {}).get("thai_words", True):
        return None
    from lessonkit.renderers.thaiwords import THAI, segmenter

    done: dict[str, str] = {}  # phrases repeat (names, agencies, stems): segment each once

    def phrase(text: str) -> str:
        shown = done.get(text)
        if shown is None:
            words = segmenter() if THAI.search(text) else None
            shown = esc(text) if words is None else "".join(
                f'<span class="w">{esc(w)}</span>' if len(w) > 1 and THAI.search(w) else esc(w)
                for w in words(text))
            done[text] = shown
        return shown

    def keep(text: str) -> str:
        # a space ends a Thai phrase and is a break opportunity anyway: segment between them
        return "".join(phrase(part) if part and not part.isspace() else part
                       for part in _SPACES.split(text))

    return keep


def render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The document as one standalone HTML page; with ``{"fragment": True}``,
    the part to embed in a host's page (:func:`render_fragment`)."""
    token = _KEEP.set(_word_keeper(options))
    try:
        return _render(document, options)
    finally:
        _KEEP.reset(token)


def _render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    if options and options.get("fragment"):
        return render_fragment(document, options)
    lang = "th" if document.locale == "th" else "en"
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="lessonkit">',
        f"<title>{esc(document.title)}</title>",
        f"<style>{css(document)}</style>",
        "</head>",
        "<body>",
        '<header class="title-page">',
    ]
    if document.organiser:
        out.append(f'<p class="organiser plain">{esc(document.organiser)}</p>')
    if document.subtitle:
        out.append(f'<p class="subtitle plain">{esc(document.subtitle)}</p>')
    out.append(f"<h1>{esc(document.title)}</h1>")
    facts: list[tuple[str, str]] = []
    if document.date:
        facts.append((document.t("date"), document.date_text() or ""))
    if document.venue:
        facts.append((document.t("venue"), document.venue))
    if document.participants is not None:
        facts.append((document.t("head_count"), document.t("people_n", n=document.participants)))
    if facts:
        out.append("<dl>")
        out += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts]
        out.append("</dl>")
    out.append("</header>")
    front = front_matter(document)
    # cover → foreword → contents → executive summary → chapters (BOOK.md §2)
    contents_at = next((i for i in range(front) if document.chapters[i].key != "foreword"), front)
    if len(document.chapters) <= 1:
        contents_at = -1
    out.append("<main>")
    for index, chapter in enumerate(document.chapters):
        if index == contents_at:
            out.append(_contents(document, index < front, (options or {}).get("toc_pages")))
        anchor = f' id="{esc(chapter.key)}"' if chapter.key else ""
        out.append(f'<section class="chapter{" front" if index < front else ""}"{anchor}>')
        label = document.chapter_label(index)
        number = f'<span class="chapter-no">{esc(label)}</span>' if label else ""
        out.append(f'<h2 id="chapter-{index + 1}">{number}{esc(chapter.title)}</h2>')
        _blocks(document, chapter, out, 3)
        for section in chapter.subsections:
            _section(document, section, out, 3)
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _target(section: Section) -> str:
    """The id of a numbered section's heading (``s-2-4``), linked from the contents."""
    return "s-" + "-".join(str(section.number).split("."))


def contents_entries(document: Document) -> list[tuple[int, str, str]]:
    """The table of contents: ``(level, id, text)`` for each chapter (level 1) and its
    numbered sections (level 2), in the book's order; ``id`` is the heading's, ``text`` what
    the contents show (the heading's own text, the chapter's label before its title)."""
    entries: list[tuple[int, str, str]] = []
    for index, chapter in enumerate(document.chapters):
        label = document.chapter_label(index)
        entries.append((1, f"chapter-{index + 1}",
                        f"{label} {chapter.title}" if label else chapter.title))
        listed = [s for s in chapter.subsections if s.number or not chapter.numbered]
        entries += [(2, _target(s), document.section_label(s)) for s in listed if s.number]
        entries += [(2, s.key, s.title) for s in listed if not s.number and s.key]
    return entries


def _contents(document: Document, front: bool = False,
              pages: Mapping[str, str] | None = None) -> str:
    """The table of contents: each chapter and its numbered sections, linked; with
    ``pages`` (id → printed page number, known once the book has been printed) a second
    column of page numbers under the heading หน้า / Page."""
    parts = [f'<nav class="toc{" front" if front else ""}{" paged" if pages else ""}">',
             f"<h2>{esc(document.t('contents'))}</h2>"]
    if pages:
        parts.append(f'<div class="toc-head"><span>{esc(document.t("contents_subject"))}</span>'
                     f'<span>{esc(document.t("contents_page"))}</span></div>')

    def link(target: str, text: str, cls: str = "") -> str:
        page = (pages or {}).get(target)
        shown = esc(text) if page is None else (
            f'<span class="t">{esc(text)}</span><span class="fill"></span>'
            f'<span class="pg">{esc(page)}</span>')
        return f'<a{cls} href="#{esc(target)}">{shown}</a>'

    chapters: list[list[tuple[str, str]]] = []
    for level, target, text in contents_entries(document):
        if level == 1:
            chapters.append([(target, text)])
        else:
            chapters[-1].append((target, text))
    parts.append("<ol>")
    for (target, text), *sections in chapters:
        parts.append("<li>" + link(target, text, ' class="chapter-link"'))
        if sections:
            parts.append("<ol>" + "".join(f"<li>{link(t, x)}</li>" for t, x in sections) + "</ol>")
        parts.append("</li>")
    parts += ["</ol>", "</nav>"]
    return "".join(parts)


def _section(document: Document, section: Section, out: list[str], level: int) -> None:
    h = min(level, 6)
    anchor = f' id="{esc(section.key)}"' if section.key else ""
    part = f' data-part="{esc(section.part)}"' if section.part else ""
    # a section holding a wide table is printed on landscape pages with its heading
    wide = is_wide(section) or opens_wide(section)
    out.append(f'<section class="section{" landscape" if wide else ""}"{anchor}{part}>')
    target = f' id="{_target(section)}"' if section.number else ""
    out.append(f"<h{h}{target}>{esc(document.section_label(section))}</h{h}>")
    _blocks(document, section, out, level + 1)
    for sub in section.subsections:
        _section(document, sub, out, level + 1)
    out.append("</section>")


def _blocks(document: Document, section: Section, out: list[str], level: int) -> None:
    for at, block in enumerate(section.blocks):
        # a chart or table that opens its section under the same title is not titled twice
        named = (block.title if isinstance(block, Chart) else
                 block.caption if isinstance(block, Table) else None) or ""
        repeated = at == 0 and " ".join(section.title.split()) == " ".join(named.split())
        if isinstance(block, Heading):
            h = min(level + block.level - 1, 6)
            out.append(f'<h{h} class="block-heading">{esc(block.text)}</h{h}>')
        elif isinstance(block, Paragraph):
            if block.role == "signature":
                out.append(f'<p class="signature">{_lines(block.text)}</p>')
            elif block.label:
                out.append(f'<p class="labelled"><span class="label">{esc(block.label)}</span> '
                           f"{_lines(block.text)}</p>")
            else:
                out.append(f"<p>{_lines(block.text)}</p>")
        elif isinstance(block, BulletList):
            if block.title:
                out.append(f'<div class="list-title">{esc(block.title)}</div>')
            out.append("<ul>" + "".join(f"<li>{_lines(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, NumberedList):
            if block.title:
                out.append(f'<div class="list-title">{esc(block.title)}</div>')
            items = "".join(
                f'<li><span class="no">{esc(document.digits_of(str(n)))})</span> {_lines(i)}</li>'
                for n, i in enumerate(block.items, start=block.start))
            out.append(f'<ol class="numbered">{items}</ol>')
        elif isinstance(block, Table):
            out.append(_table(document, block, caption=not repeated))
        elif isinstance(block, Chart):
            caption = (f"<figcaption>{esc(block.title)}</figcaption>"
                       if block.title and not repeated else "")
            out.append(f'<figure class="chart">{caption}{chart_svg(block, document.digits)}'
                       "</figure>")
        elif isinstance(block, Note):
            label = document.t("warning" if block.kind == "warning" else "note")
            out.append(f'<div class="note {esc(block.kind)}" role="note">'
                       f'<span class="label">{esc(label)}:</span> {_lines(block.text)}</div>')


#: text width of a portrait A4 page with the book's margins (cm) and a 16 pt em (cm)
PORTRAIT_CM, LANDSCAPE_CM, EM_CM = 16.0, 24.7, 0.36
#: a cell this short (in ems) never wraps (an age band "๗–๑๘ ปี", a date, a short name)
NOWRAP_EM = 8.5
#: a table of this many rows or fewer is never split over two pages (as in the DOCX book)
SHORT_TABLE_ROWS = 12
#: a cell's left and right padding in print (2 × .5rem at 16 pt) and some air (cm)
PADDING_CM = 0.8


def fit_columns(widths: list[float], needs: list[float]) -> list[float]:
    """``widths`` with each column at least its ``needs`` (the text it may not wrap), the room
    taken from the columns above their own needs in proportion to their spare room; the
    total stays the same when it can.

    >>> [round(w, 2) for w in fit_columns([10.0, 3.0, 3.0], [0.0, 3.5, 2.0])]
    [9.55, 3.5, 2.95]
    """
    short = sum(max(n - w, 0.0) for w, n in zip(widths, needs, strict=True))
    spare = [max(w - max(n, 0.0), 0.0) for w, n in zip(widths, needs, strict=True)]
    room = sum(spare)
    if short <= 0 or room <= 0:
        return widths
    take = min(short, room)
    return [max(w, n) if n > w else w - take * sp / room
            for w, n, sp in zip(widths, needs, spare, strict=True)]


def _table(document: Document, table: Table, caption: bool = True) -> str:
    from lessonkit.renderers.docx import column_widths, text_width

    align = [table.alignment(i) for i in range(len(table.headers))]
    cells = table_cells(document, table)
    numeric = [a == "right" for a in align]
    wide = len(table.headers) >= WIDE_COLUMNS
    widths = column_widths([list(table.headers), *cells], numeric,
                           LANDSCAPE_CM if wide else PORTRAIT_CM, EM_CM, PADDING_CM)
    # a short cell is kept on one line and its column gets its whole width from the others;
    # where the columns cannot all have that room, the cells that do not fit wrap after all
    ems = [[text_width(c) for c in row] for row in cells]
    needs = [max((em[i] * EM_CM + PADDING_CM for em in ems
                  if i < len(em) and (numeric[i] or em[i] <= NOWRAP_EM)), default=0.0)
             for i in range(len(widths))]
    widths = fit_columns(widths, needs)
    total = sum(widths) or 1.0
    room = [(w - PADDING_CM) / EM_CM + 0.15 for w in widths]

    keep = _KEEP.get()

    def td(i: int, text: str, em: float) -> str:
        names = [] if align[i] == "left" else [align[i]]
        # a number never wraps; a number with words ("๒.๘๐ (จำนวน ๕)") may at a space
        wraps = em > room[i] and " " in text if numeric[i] else em > min(NOWRAP_EM, room[i])
        if not wraps:
            names.append("nowrap")
        attr = f' class="{" ".join(names)}"' if names else ""
        # only a cell that may wrap needs its words kept whole
        return f"<td{attr}>{keep(clean(text)) if keep is not None and wraps else esc(text)}</td>"

    def th(i: int, text: str) -> str:
        if numeric[i]:
            return f'<th class="{align[i]} nowrap">{esc(text)}</th>'
        return f"<th>{keep(clean(text)) if keep is not None else esc(text)}</th>"

    # a short table moves to the next page whole rather than leave a few rows behind
    parts = ['<table class="short">' if len(cells) <= SHORT_TABLE_ROWS else "<table>"]
    if table.caption and caption:
        parts.append(f"<caption>{esc(table.caption)}</caption>")
    parts.append("<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">'
                                        for w in widths) + "</colgroup>")
    parts.append("<thead><tr>" + "".join(th(i, h) for i, h in enumerate(table.headers))
                 + "</tr></thead>")
    parts.append("<tbody>")
    for row, em in zip(cells, ems, strict=True):
        parts.append("<tr>" + "".join(td(i, c, em[i]) for i, c in enumerate(row)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


# -- fragment mode: the report inside a host program's page ---------------------------------

#: The class of the ``<div>`` a fragment comes in; its stylesheet applies only inside it.
FRAGMENT_CLASS = "lessonkit-report"


# the host page's element rules (``p { color: … }``) must not recolour the report's text
_FRAGMENT_CSS = """
p, li, td, caption, dt, dd, h1, h2, h3, h4, h5, h6 { color: var(--ink); }
"""


def render_fragment(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The report as one ``<div class="lessonkit-report">`` for a host's page.

    It holds what the standalone page's ``<body>`` holds (title, contents,
    chapters), with no ``<html>``, ``<head>`` or ``<body>``, and, unless
    ``options["style"]`` is false, a ``<style>`` whose rules apply only inside
    the ``<div>`` (:func:`scoped_css`), so the host page's look is untouched.
    Ids are those of the standalone page: put one report on a page.

    >>> from lessonkit.report import Document
    >>> render_fragment(Document(title="AAR", locale="en"), {"style": False}).splitlines()[0]
    '<div class="lessonkit-report" lang="en">'
    """
    page = render(document, {k: v for k, v in (options or {}).items() if k != "fragment"})
    body = page[page.index("<body>") + len("<body>"):page.rindex("</body>")].strip("\n")
    lang = "th" if document.locale == "th" else "en"
    out = [f'<div class="{FRAGMENT_CLASS}" lang="{lang}">']
    if (options or {}).get("style", True):
        out.append(f"<style>{scoped_css(CSS + _FRAGMENT_CSS)}</style>")
    out += [body, "</div>", ""]
    return "\n".join(out)


def scoped_css(css: str, scope: str = f".{FRAGMENT_CLASS}") -> str:
    """``css`` with every rule limited to elements inside ``scope``.

    ``html``, ``body`` and ``:root`` become the scope itself. Rules inside
    ``@media`` (other than print) and ``@supports`` are scoped the same way;
    ``@font-face`` is kept as it is (it styles nothing by itself); print-only
    (``@media print``), ``@page`` and other at-rules are left out, since they
    would act on the host's page.

    >>> scoped_css("body { margin: 0; } p, th { color: red; }")
    '.lessonkit-report { margin: 0; }\\n.lessonkit-report p, .lessonkit-report th { color: red; }'
    >>> scoped_css("@media (max-width: 40rem) { td { padding: 0; } } @page { size: A4; }")
    '@media (max-width: 40rem) { .lessonkit-report td { padding: 0; } }'
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules: list[str] = []
    depth = 0
    start = 0
    selector = ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector = " ".join(css[start:i].split())
                start = i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                body = css[start:i]
                start = i + 1
                if selector.startswith("@font-face"):
                    rules.append(f"{selector} {{{body}}}")
                elif selector.startswith(("@media", "@supports")):
                    if selector.startswith("@media") and re.search(r"\bprint\b", selector):
                        continue
                    inner = scoped_css(body, scope)
                    if inner:
                        rules.append(f"{selector} {{ {inner} }}")
                elif not selector.startswith("@"):
                    rules.append(f"{_scope_selectors(selector, scope)} {{{body}}}")
    return "\n".join(rules)


def _scope_selectors(selector: str, scope: str) -> str:
    parts = []
    for one in selector.split(","):
        one = one.strip()
        head, _, rest = one.partition(" ")
        if head in ("html", "body", ":root"):
            parts.append(f"{scope} {rest}" if rest else scope)
        elif one == "*":
            parts.append(f"{scope}, {scope} *")
        else:
            parts.append(f"{scope} {one}")
    return ", ".join(parts)
