"""PDF: the HTML book printed by headless Chromium (WeasyPrint where Chromium is absent).

Chromium is preferred because it breaks Thai lines with ICU's dictionary and supports the
book's print CSS (page-margin boxes for the running head and the Thai page numbers, named
landscape pages); the measurements behind the choice are in ``docs/reports.md``. The browser
is found as ``$LESSONKIT_CHROMIUM``, else ``chromium``, ``chromium-browser``,
``google-chrome`` on the PATH. WeasyPrint (``pip install 'lessonkit[pdf]'``) is the fallback.

With Chromium the book is printed twice: the first print's document outline says on which
page each heading fell, and the second shows those page numbers in the contents
(:func:`outline_pages`, :func:`page_labels`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lessonkit.errors import LessonkitError
from lessonkit.report import Document

__all__ = ["find_chromium", "render"]

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: seconds a print may take (a 10,000-participant book prints in well under a minute)
TIMEOUT = 300


def find_chromium() -> str | None:
    """The headless browser to print with, or ``None``."""
    given = os.environ.get("LESSONKIT_CHROMIUM")
    if given:
        return given if os.path.exists(given) else shutil.which(given)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _print(browser: str, page: str, outline: bool) -> bytes:
    with tempfile.TemporaryDirectory(prefix="lessonkit-pdf-") as folder:
        source = Path(folder) / "book.html"
        target = Path(folder) / "book.pdf"
        source.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-pdf-header-footer", f"--user-data-dir={folder}/profile",
                   *(["--generate-pdf-document-outline"] if outline else []),
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LessonkitError(f"printing the PDF with {browser} failed: {exc}") from None
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise LessonkitError(f"printing the PDF with {browser} failed "
                                 f"(exit code {done.returncode}) {tail[0]}".strip())
        return target.read_bytes()


def render(document: Document, options: Mapping[str, Any] | None = None) -> bytes:
    """The book as PDF bytes."""
    from lessonkit.renderers.html import render as render_html

    # table cells keep PyThaiNLP's words whole when it is installed, as in the HTML book;
    # options={"thai_words": False} turns it off
    page = render_html(document, options)
    browser = find_chromium()
    if browser is not None:
        return _paged(browser, document, options, page)
    try:
        import weasyprint  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise LessonkitError(
            "the PDF format needs headless Chromium (apt-get install chromium) or WeasyPrint",
            hint="install one: apt-get install chromium, or pip install 'lessonkit[pdf]'",
        ) from None
    result: bytes = weasyprint.HTML(string=page).write_pdf()
    return result


#: prints at most: the first finds where the headings fall, the next show those pages in the
#: contents (a second try when the numbers moved the pages after them)
PRINTS = 3


def _paged(browser: str, document: Document, options: Mapping[str, Any] | None,
           page: str) -> bytes:
    """The book printed with page numbers in its contents: printed once with a document
    outline (Chromium's bookmarks for the headings, which say on which page each falls), then
    again with those numbers, until they hold (at most :data:`PRINTS` prints). Without an
    outline the first print is the book, its contents without page numbers."""
    from lessonkit.renderers.html import contents_entries
    from lessonkit.renderers.html import render as render_html

    pdf = _print(browser, page, outline=True)
    if len(document.chapters) <= 1:
        return pdf
    entries = contents_entries(document)
    shown: dict[str, str] | None = None
    for _ in range(PRINTS - 1):
        found = page_labels(document, entries, outline_pages(pdf))
        if not found or found == shown:
            break
        shown = found
        pdf = _print(browser, render_html(document, {**dict(options or {}), "toc_pages": found}),
                     outline=True)
    return pdf


_OBJECT = re.compile(rb"\s*(\d+) 0 obj\s*<<")
_PAGES = re.compile(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", re.DOTALL)
_TITLE = re.compile(rb"/Title\s*(<[0-9A-Fa-f]*>|\((?:\\.|[^\\()])*\)).*?"
                    rb"/Dest\s*\[\s*(\d+) 0 R\s*/XYZ\s+[-0-9.]+\s+([-0-9.]+)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_text(token: bytes) -> str:
    """A PDF string: ``<FEFF…>`` (UTF-16, as Chromium writes non-ASCII text) or ``(…)``."""
    if token.startswith(b"<"):
        return bytes.fromhex(token[1:-1].decode()).decode("utf-16")
    raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)])
                 if m.group(1)[:1].isdigit() else _ESCAPES.get(m.group(1), m.group(1)),
                 token[1:-1], flags=re.DOTALL)
    return raw.decode("latin-1")


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """The bookmarks of a PDF printed by Chromium with ``--generate-pdf-document-outline``:
    ``(title, page index from 0)`` in reading order. Empty when the PDF has none or is not
    laid out as Chromium writes it (plain objects, bookmarks titled in UTF-16 hex)."""
    kids: dict[int, list[int]] = {}
    marks: list[tuple[int, float, str]] = []
    for chunk in pdf.split(b"endobj"):
        match = _OBJECT.match(chunk)
        if match is None or b"stream" in chunk:
            continue  # page contents, fonts, images: neither the page tree nor a bookmark
        body = chunk[match.end():]
        pages = _PAGES.search(body)
        if pages:
            kids[int(match.group(1))] = [int(k) for k in re.findall(rb"(\d+) 0 R", pages.group(1))]
            continue
        title = _TITLE.search(body)
        if title:
            try:
                text = _pdf_text(title.group(1))
            except (ValueError, UnicodeDecodeError):
                continue
            marks.append((int(title.group(2)), float(title.group(3)), text))
    children = {k for ks in kids.values() for k in ks}
    roots = [node for node in kids if node not in children]
    if len(roots) != 1:
        return []
    order: list[int] = []

    def walk(node: int) -> None:
        for kid in kids.get(node, []):
            if kid in kids:
                walk(kid)
            else:
                order.append(kid)

    walk(roots[0])
    index = {page: i for i, page in enumerate(order)}
    placed = sorted((index[p], -y, text) for p, y, text in marks if p in index)
    return [(text, at) for at, _y, text in placed]


def _plain(text: str) -> str:
    return "".join(text.split())


def page_labels(document: Document, entries: list[tuple[int, str, str]],
                marks: list[tuple[str, int]]) -> dict[str, str]:
    """Each contents entry's printed page number (``ก`` … in the front matter, then ``๑`` …
    from the first numbered chapter, as the print CSS numbers them), found by its heading
    among the bookmarks in reading order; empty unless every entry is found."""
    from lessonkit.renderers.html import THAI_LETTERS, front_matter

    found: dict[str, int] = {}
    at = 0
    for _level, target, text in entries:
        want = _plain(text)
        while at < len(marks) and _plain(marks[at][0]) != want:
            at += 1
        if at == len(marks):
            return {}
        found[target] = marks[at][1]
        at += 1
    front = front_matter(document)
    body = found.get(f"chapter-{front + 1}", 1) if front else 1
    labels = {}
    for target, index in found.items():
        if index >= body:
            labels[target] = document.digits_of(str(index - body + 1))
        elif index >= 1:
            labels[target] = (THAI_LETTERS[(index - 1) % len(THAI_LETTERS)]
                              if document.locale == "th" else _roman(index))
    return labels


def _roman(n: int) -> str:
    """``n`` in lower-case Roman numerals (``4`` → ``iv``)."""
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
