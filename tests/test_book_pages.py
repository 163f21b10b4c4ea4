"""What a reader sees in the printed demo books (HTML printed by Chromium, DOCX through
LibreOffice, ``--format pdf``), checked on the PDFs that ``tools/render_books.py`` makes.

Skips cleanly where Chromium, LibreOffice or poppler are absent."""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from lessonkit import files
from lessonkit.demo_run import demo_sessions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
PLACEHOLDERS = ("ยังไม่มีคำตอบ", "ยังไม่มีคะแนน", "ยังไม่มีข้อมูล", "ยังไม่มีแผน", "ยังไม่มีการบันทึก",
                "No answers yet", "No scores yet", "None recorded yet", "No plan rows yet",
                "คำเตือน", "Warning:")

if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
    pytest.skip("poppler (pdftotext, pdftoppm) is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("render_books", ROOT / "tools" / "render_books.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: list[dict[str, Any]] = module.render_books(tmp_path_factory.mktemp("books"), dpi=30)
    if all("skipped" in r for r in found):
        pytest.skip("neither Chromium nor LibreOffice is installed")
    return [r for r in found if "skipped" not in r]


def text_of(pdf: str, *layout: str) -> str:
    return subprocess.run(["pdftotext", *layout, pdf, "-"], check=True, capture_output=True,
                          text=True).stdout


def user_texts() -> str:
    """Everything typed by people (answers, names, titles): digits in it are theirs."""
    parts: list[str] = []
    for _entry, text in demo_sessions():
        session = files.loads(text)
        parts += [session.title, session.venue or "", session.organiser or "",
                  session.introduction or ""]
        for g in session.groups:
            parts += [g.name, *g.members]
            parts += [p.name or "" for p in g.participants] + [p.agency or "" for p in g.participants]
            for e in g.entries:
                parts.append(e.text)
                parts += [str(v) for v in (e.row or {}).values()]
            parts += [a.what for a in g.actions]
    return "\n".join(parts)


def test_every_route_made_pages(books: list[dict[str, Any]]) -> None:
    for record in books:
        assert record["pages"], record
        assert Path(record["pages"][0]).stat().st_size > 1000


def test_final_books_have_no_placeholders_or_facilitator_warnings(books: list[dict[str, Any]]) -> None:
    for record in books:
        text = text_of(record["pdf"])
        assert not [p for p in PLACEHOLDERS if p in text], record["pdf"]


def test_thai_running_text_has_no_arabic_digit(books: list[dict[str, Any]]) -> None:
    typed = user_texts()
    for record in books:
        if record["locale"] != "th":
            continue
        text = text_of(record["pdf"])
        if record["via"] == "docx":  # LibreOffice numbers a DOCX's pages in Arabic digits
            text = without_page_numbers(text)  # (no DOCX encoding it reads as Thai digits)
        for token in re.findall(r"\S*[0-9]\S*", text):
            core = token.strip("()[]:;,.“”\"'")
            assert core in typed or re.sub(r"[^0-9]", "", core) in typed, (record["pdf"], token)


def without_page_numbers(text: str) -> str:
    """``text`` without each page's number: one line holding the page's own number (the
    count from 1) and nothing else (the last line, or elsewhere on a landscape page)."""
    pages = text.split("\f")
    for n, page in enumerate(pages):
        lines = page.split("\n")
        found = [i for i, line in enumerate(lines) if line.strip() == str(n + 1)]
        if found:
            del lines[found[-1]]
            pages[n] = "\n".join(lines)
    return "\f".join(pages)


def test_counts_on_the_cover(books: list[dict[str, Any]]) -> None:
    for record in books:
        if record["book"] == "seeds-workshop" and record["via"] != "docx":
            cover = subprocess.run(["pdftotext", "-l", "1", record["pdf"], "-"], check=True,
                                   capture_output=True, text=True).stdout
            assert ("๘๑ คน" if record["locale"] == "th" else "81 people") in cover


def _segments(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]


def table_splits(layout: str, words: Any, tokenize: Any) -> tuple[list[str], int]:
    """Line breaks inside a Thai word in the table rows of ``pdftotext -layout`` text, and how
    many cell line breaks were checked. A cell's next line starts in the same column."""
    thai = re.compile(r"[\u0e01-\u0e4e]+")
    lines = [line for line in layout.splitlines() if line.strip()]  # rows are spaced out
    splits, checked = [], 0
    for above, below in itertools.pairwise(lines):
        cells, rest = _segments(above), _segments(below)
        if len(cells) < 2 or len(rest) >= len(cells):
            continue  # not a table row, or the next row rather than this row's next line
        for col, text in rest:
            match = [t for c, t in cells if abs(c - col) <= 1]
            if not match:
                continue
            tail, head = thai.findall(match[0]), thai.findall(text)
            if not tail or not head or not match[0].endswith(tail[-1]) \
                    or not text.startswith(head[0]):
                continue
            checked += 1
            joined, cut = tail[-1] + head[0], len(tail[-1])
            tokens = tokenize.word_tokenize(joined, engine="newmm", keep_whitespace=False)
            bounds, at = set(), 0
            for tok in tokens:
                at += len(tok)
                bounds.add(at)
            if cut not in bounds and any(t in words for t in tokens):
                splits.append(f"{tail[-1]}|{head[0]}")
    return splits, checked


def test_the_split_check_finds_a_split_word() -> None:
    corpus = pytest.importorskip("pythainlp.corpus")
    tokenize = pytest.importorskip("pythainlp.tokenize")
    cut = "กิจกรรม        การกระ        ๓\n\n                จาย\n"
    whole = "กิจกรรม        การ           ๓\n\n                กระจาย\n"
    assert table_splits(cut, corpus.thai_words(), tokenize)[0] == ["การกระ|จาย"]
    assert table_splits(whole, corpus.thai_words(), tokenize) == ([], 1)


def test_no_thai_word_is_split_across_lines_in_a_table(books: list[dict[str, Any]]) -> None:
    """A table cell's line ends between two words, never inside one (pythainlp's dictionary).
    The HTML route is the default page (``render(document)``, no option) printed by Chromium;
    the DOCX route is rendered with ``thai_words`` and printed by LibreOffice."""
    corpus = pytest.importorskip("pythainlp.corpus")
    tokenize = pytest.importorskip("pythainlp.tokenize")
    words = corpus.thai_words()
    found, checked = [], dict.fromkeys(("html", "pdf", "docx"), 0)
    for record in books:
        if record["locale"] != "th":
            continue
        splits, n = table_splits(text_of(record["pdf"], "-layout"), words, tokenize)
        found += [f"{record['pdf']}: {s}" for s in splits]
        checked[record["via"]] += n
    # the books' tables do wrap: each route's check looked at real line breaks
    assert all(n > 20 for via, n in checked.items() if any(r["via"] == via for r in books)), checked
    assert not found, found


def test_fonts_are_embedded_and_pages_numbered(books: list[dict[str, Any]]) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts is not installed")
    for record in books:
        report = subprocess.run(["pdffonts", record["pdf"]], check=True, capture_output=True,
                                text=True).stdout.splitlines()[2:]
        assert report and all(" yes " in line for line in report), (record["pdf"], report)
        if record["via"] != "docx":
            assert all("Sarabun" in line for line in report), report  # the shipped font
        pages = text_of(record["pdf"], "-layout").split("\f")
        numbered = [p for p in pages[1:] if p.strip() and re.search(
            r"^\s*[-–]?\s*([0-9๐-๙]+|[ก-ฮ]|[ivxlc]+)\s*[-–]?\s*$", p, re.MULTILINE)]
        assert len(numbered) >= len([p for p in pages[1:] if p.strip()]) - 1, record["pdf"]


def page_numbers(pdf: str) -> list[str]:
    """The number printed at the foot of each page ("" where there is none)."""
    found = []
    for page in text_of(pdf, "-layout").split("\f")[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        match = re.fullmatch(r"[-–]?\s*([0-9๐-๙]+|[ก-ฮ]|[ivxlc]+)\s*[-–]?", last)
        found.append(match.group(1) if match else "")
    return found


def test_front_matter_is_numbered_in_letters_and_the_body_from_one(
        books: list[dict[str, Any]]) -> None:
    """Printed HTML: the cover unnumbered, the front matter (contents, executive summary) ก ข ค
    (i ii iii in English), the first chapter's page ๑ (1), then one more per page."""
    from lessonkit.renderers.html import THAI_LETTERS

    for record in books:
        if record["via"] == "docx":
            continue
        thai = record["locale"] == "th"
        numbers = page_numbers(record["pdf"])
        pages = text_of(record["pdf"]).split("\f")
        first = next(i for i, p in enumerate(pages) if ("บทที่ ๑" if thai else "Chapter 1") in p
                     and ("สารบัญ" if thai else "Contents") not in p)
        assert numbers[0] == "", (record["pdf"], numbers)
        front = list(THAI_LETTERS[:first - 1]) if thai else \
            ["i", "ii", "iii", "iv", "v", "vi"][:first - 1]
        assert first >= 3 and numbers[1:first] == front, (record["pdf"], numbers)
        body = [str(n) for n in range(1, len(numbers) - first + 1)]
        if thai:
            body = [n.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) for n in body]
        assert numbers[first:] == body, (record["pdf"], numbers)


def test_the_pdfs_contents_give_the_page_each_heading_is_printed_on(
        books: list[dict[str, Any]]) -> None:
    """``--format pdf``: the contents list a page number for every chapter and section, and
    the heading is printed on the page that carries that number."""
    checked = 0
    for record in books:
        if record["via"] != "pdf":
            continue
        numbers = page_numbers(record["pdf"])
        pages = ["".join(p.split()) for p in text_of(record["pdf"]).split("\f")]
        head = "สารบัญ" if record["locale"] == "th" else "Contents"
        at = next(i for i, p in enumerate(pages) if p.startswith(head) or head in p[:200])
        layout = text_of(record["pdf"], "-layout").split("\f")[at]
        entries = [m.groups() for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\S+)\s*$", layout, re.MULTILINE)
                   if m.group(2) in numbers and m.group(2)]
        assert len(entries) >= 5, (record["pdf"], layout)
        for text, number in entries:
            printed = numbers.index(number)
            assert "".join(text.split()) in pages[printed], (record["pdf"], text, number)
            checked += 1
    if not any(r["via"] == "pdf" for r in books):
        pytest.skip("Chromium is not installed")
    assert checked >= 30
