"""The DOCX report as a word processor shows it: LibreOffice converts it to PDF.

Needs the Debian package ``libreoffice-writer`` (``soffice``), a Thai font
(``fonts-thai-tlwg``: fontconfig gives its Laksaman for TH Sarabun New) and, for
the font and text checks, ``poppler-utils`` (``pdffonts``, ``pdftotext``,
``pdfinfo``). Each test is skipped, saying which program is missing, where they
are not installed. One conversion serves every test (it takes a few seconds).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from _report_fixtures import make_session, registry

from lessonkit.renderers import docx as docx_renderer
from lessonkit.report import Document, build_report

pytest.importorskip("docx", reason="python-docx (the 'docx' extra) is not installed")


def find_soffice() -> str | None:
    for name in (os.environ.get("LESSONKIT_SOFFICE"), "soffice", "libreoffice"):
        if name and (found := shutil.which(name)):
            return found
    return None


SOFFICE = find_soffice()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed "
                       "(Debian: apt-get install -y libreoffice-writer fonts-thai-tlwg)"),
]


def need(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.skip(f"{program} is not installed (Debian: apt-get install -y poppler-utils)")
    return found


def run(*command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def document() -> Document:
    return build_report(make_session(), registry())


@pytest.fixture(scope="module")
def pdf(document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Thai report, rendered to DOCX and converted to PDF by LibreOffice."""
    assert SOFFICE is not None
    folder = tmp_path_factory.mktemp("office")
    source = folder / "report.docx"
    source.write_bytes(docx_renderer.render(document))
    # a profile of its own: a LibreOffice already running with the default one would
    # take the job and the conversion would silently write nothing
    result = run(SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                 "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                 str(source), timeout=240)
    target = folder / "report.pdf"
    assert target.exists(), f"LibreOffice wrote no PDF: {result.stdout[-1000:]} {result.stderr[-2000:]}"
    return target


def page_count(path: Path) -> int:
    if shutil.which("pdfinfo"):
        info = run("pdfinfo", str(path)).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, flags=re.M)
        assert found, info
        return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def bare(text: str) -> str:
    """``text`` without spaces and without Thai vowel and tone marks: PDF text extraction
    splits words and misplaces the marks, the letters and digits stay in order."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Mn")


def test_libreoffice_opens_the_docx_as_a4_pages(pdf: Path, document: Document) -> None:
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = page_count(pdf)
    # the title page, then every chapter starts a page of its own
    assert pages >= 1 + len(document.chapters), pages
    if shutil.which("pdfinfo"):
        assert "(A4)" in run("pdfinfo", str(pdf)).stdout


def test_thai_is_drawn_with_a_thai_font(pdf: Path) -> None:
    pdffonts = need("pdffonts")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list (fontconfig) is not installed: cannot tell which fonts are Thai")
    listing = run(pdffonts, str(pdf)).stdout.splitlines()[2:]
    used = {line.split()[0].split("+", 1)[-1] for line in listing if line.strip()}
    assert used, "the PDF embeds no font"
    thai = {name.replace(" ", "").lower()
            for line in run(fc_list, ":lang=th", "family").stdout.splitlines()
            for name in line.split(",") if name.strip()}
    if not thai:
        pytest.skip("no Thai font is installed (Debian: apt-get install -y fonts-thai-tlwg)")

    def family(font: str) -> str:
        return re.sub(r"[-,](bold|italic|oblique|regular|bolditalic|boldoblique)$", "",
                      font.lower(), flags=re.I).replace(" ", "")

    # every text of this report is Thai or Latin, all of it in the Thai font: no glyph
    # fell back to another font (DejaVu, Liberation...)
    assert {family(f) for f in used} <= thai, (used, sorted(thai))


def test_extracted_text_has_thai_headings_numbers_and_groups(pdf: Path,
                                                             document: Document) -> None:
    pdftotext = need("pdftotext")
    text = run(pdftotext, "-enc", "UTF-8", str(pdf), "-").stdout
    assert "บทที่ ๒" in text and "บทที่ 2" not in text
    flat = bare(text)
    for number in ("๒.๑", "๓.๑", "๒.๒.๑"):  # numbered sections in Thai digits
        assert number in flat, number
    assert bare("๑) ฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน") in flat  # numbered members
    for group in ("การคุ้มครองทางสังคมสำหรับเด็ก", "การคุ้มครองทางสังคมสำหรับวัยแรงงาน"):
        assert bare(f"กลุ่มที่ ๑ {group}") in flat or bare(f"กลุ่มที่ ๒ {group}") in flat, group
    assert bare(document.title) in flat
    assert bare("๓๑ ม.ค. ๒๕๖๑") in flat  # a table cell: the action item's due date
    assert "█" not in text  # charts are drawn, not typed
