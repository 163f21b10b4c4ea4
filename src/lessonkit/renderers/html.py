"""Standalone HTML: one file, no network, print-friendly, charts as inline SVG.

Every piece of text from the document is escaped (``html.escape`` with quotes)
after removing characters XML cannot carry, so participant text can neither
add markup nor break the page. The CSS has a Thai font stack, ``@page`` margins
for A4 and page breaks before chapters when printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape as _escape
from typing import Any

from lessonkit.renderers._common import clean, table_cells
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

FONT_STACK = ('"Sarabun", "TH Sarabun New", "TH SarabunPSK", "Laksaman", "Noto Sans Thai", '
              '"Leelawadee UI", "Tahoma", sans-serif')

CSS = """
:root { --ink: #1d2733; --muted: #5b6673; --line: #cfd6de; --accent: #1f5f8b; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: var(--ink); line-height: 1.65; font-size: 16px;
  /* TH Sarabun New draws Thai about two thirds the size of the other fonts of the stack at
     the same font-size: scale every font to the same x-height instead */
  font-size-adjust: 0.5; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem; }
header.title-page { text-align: center; padding: 3rem 0 2rem; border-bottom: 2px solid var(--accent); }
header.title-page h1 { font-size: 1.7rem; margin: 0 0 .6rem; line-height: 1.4; }
header.title-page .subtitle { font-size: 1.2rem; color: var(--accent); margin: 0 0 1.2rem; }
header.title-page dl { display: inline-grid; grid-template-columns: auto auto; gap: .2rem 1rem;
  text-align: left; margin: 0; }
header.title-page dt { color: var(--muted); }
header.title-page dd { margin: 0; }
section.chapter > h2 { text-align: center; font-size: 1.45rem; margin: 2.6rem 0 1.2rem; }
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
th, td { border: 1px solid var(--line); padding: .3rem .55rem; vertical-align: top; }
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
@page { size: A4; margin: 2.2cm 2cm 2cm 2.5cm; }
@media print {
  html { font-size: 12pt; }
  body { max-width: none; padding: 0; }
  header.title-page { page-break-after: always; border: 0; padding-top: 30%; }
  section.chapter, nav.toc { page-break-before: always; }
  /* long tables run on over pages (the header row repeats), rows are never cut */
  tr, caption, figure.chart, .note, li { page-break-inside: avoid; break-inside: avoid; }
  caption, .list-title, .block-heading { break-after: avoid; page-break-after: avoid; }
  h2, h3, h4, h5, h6 { page-break-after: avoid; break-after: avoid; page-break-inside: avoid;
    break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".replace("FONTS", FONT_STACK)


def esc(text: str) -> str:
    """Text escaped for HTML element content and attribute values."""
    return _escape(clean(text), quote=True)


def _lines(text: str) -> str:
    """Escaped multi-line text, line breaks kept."""
    return "<br>".join(esc(line) for line in clean(text).split("\n"))


def render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The document as one standalone HTML page; with ``{"fragment": True}``,
    the part to embed in a host's page (:func:`render_fragment`)."""
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
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="title-page">',
        f"<h1>{esc(document.title)}</h1>",
    ]
    if document.subtitle:
        out.append(f'<p class="subtitle plain">{esc(document.subtitle)}</p>')
    facts: list[tuple[str, str]] = []
    if document.date:
        facts.append((document.t("date"), document.date_text() or ""))
    if document.venue:
        facts.append((document.t("venue"), document.venue))
    if document.participants is not None:
        facts.append((document.t("number_of_participants"),
                      document.t("participants_n", n=document.participants)))
    if facts:
        out.append("<dl>")
        out += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts]
        out.append("</dl>")
    out.append("</header>")
    if len(document.chapters) > 1:
        out.append(_contents(document))
    out.append("<main>")
    for index, chapter in enumerate(document.chapters):
        anchor = f' id="{esc(chapter.key)}"' if chapter.key else ""
        out.append(f'<section class="chapter"{anchor}>')
        out.append(f'<h2 id="chapter-{index + 1}"><span class="chapter-no">'
                   f"{esc(document.chapter_label(index))}</span>{esc(chapter.title)}</h2>")
        _blocks(document, chapter, out, 3)
        for section in chapter.subsections:
            _section(document, section, out, 3)
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _target(section: Section) -> str:
    """The id of a numbered section's heading (``s-2-4``), linked from the contents."""
    return "s-" + "-".join(str(section.number).split("."))


def _contents(document: Document) -> str:
    """The table of contents: each chapter and its numbered sections, linked."""
    parts = ['<nav class="toc">', f"<h2>{esc(document.t('contents'))}</h2>", "<ol>"]
    for index, chapter in enumerate(document.chapters):
        parts.append(f'<li><a class="chapter-link" href="#chapter-{index + 1}">'
                     f"{esc(document.chapter_label(index))} {esc(chapter.title)}</a>")
        numbered = [s for s in chapter.subsections if s.number]
        if numbered:
            parts.append("<ol>" + "".join(
                f'<li><a href="#{_target(s)}">{esc(document.section_label(s))}</a></li>'
                for s in numbered) + "</ol>")
        parts.append("</li>")
    parts += ["</ol>", "</nav>"]
    return "".join(parts)


def _section(document: Document, section: Section, out: list[str], level: int) -> None:
    h = min(level, 6)
    anchor = f' id="{esc(section.key)}"' if section.key else ""
    part = f' data-part="{esc(section.part)}"' if section.part else ""
    out.append(f'<section class="section"{anchor}{part}>')
    target = f' id="{_target(section)}"' if section.number else ""
    out.append(f"<h{h}{target}>{esc(document.section_label(section))}</h{h}>")
    _blocks(document, section, out, level + 1)
    for sub in section.subsections:
        _section(document, sub, out, level + 1)
    out.append("</section>")


def _blocks(document: Document, section: Section, out: list[str], level: int) -> None:
    for block in section.blocks:
        if isinstance(block, Heading):
            h = min(level + block.level - 1, 6)
            out.append(f'<h{h} class="block-heading">{esc(block.text)}</h{h}>')
        elif isinstance(block, Paragraph):
            if block.label:
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
            out.append(_table(document, block))
        elif isinstance(block, Chart):
            caption = f"<figcaption>{esc(block.title)}</figcaption>" if block.title else ""
            out.append(f'<figure class="chart">{caption}{chart_svg(block, document.digits)}'
                       "</figure>")
        elif isinstance(block, Note):
            label = document.t("warning" if block.kind == "warning" else "note")
            out.append(f'<div class="note {esc(block.kind)}" role="note">'
                       f'<span class="label">{esc(label)}:</span> {_lines(block.text)}</div>')


def _table(document: Document, table: Table) -> str:
    align = [table.alignment(i) for i in range(len(table.headers))]

    def cls(i: int) -> str:
        return "" if align[i] == "left" else f' class="{align[i]}"'

    parts = ["<table>"]
    if table.caption:
        parts.append(f"<caption>{esc(table.caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th{cls(i)}>{esc(h)}</th>"
                                         for i, h in enumerate(table.headers)) + "</tr></thead>")
    parts.append("<tbody>")
    for row in table_cells(document, table):
        parts.append("<tr>" + "".join(f"<td{cls(i)}>{esc(c)}</td>" for i, c in enumerate(row))
                     + "</tr>")
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

    ``html`` and ``body`` become the scope itself; print-only (``@media
    print``) and ``@page`` rules are left out, since they would act on the
    host's page.

    >>> scoped_css("body { margin: 0; } p, th { color: red; }")
    '.lessonkit-report { margin: 0; }\\n.lessonkit-report p, .lessonkit-report th { color: red; }'
    """
    rules: list[str] = []
    depth = 0
    start = 0
    skip = False
    selector = ""
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selector = css[start:i].strip()
                skip = selector.startswith("@")
            depth += 1
            if depth == 1:
                start = i + 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                if not skip:
                    parts = []
                    for one in selector.split(","):
                        one = one.strip()
                        head, _, rest = one.partition(" ")
                        if head in ("html", "body", ":root", "*"):
                            parts.append(f"{scope} {rest}".strip() if rest else
                                         (scope if head != "*" else f"{scope}, {scope} *"))
                        else:
                            parts.append(f"{scope} {one}")
                    rules.append(f"{', '.join(parts)} {{{css[start:i]}}}")
                start = i + 1
    return "\n".join(rules)
