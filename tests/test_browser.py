"""The HTML report as a person sees it: rendered by headless Chromium to PNG and PDF.

Needs the Debian package ``chromium`` (``apt-get install -y chromium``; a Thai
font such as ``fonts-thai-tlwg`` makes the text legible); skipped where it is
not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from _report_fixtures import make_session, registry

from lessonkit.renderers import html
from lessonkit.report import build_report

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in (os.environ.get("LESSONKIT_CHROMIUM"), *CANDIDATES):
        if name and (found := shutil.which(name)):
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium)",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = build_report(make_session(hostile=True), registry())
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html.render(doc), encoding="utf-8")
    return path


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_lays_out_the_page(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert png_size(data) == (1000, 1400)
    assert len(data) > 20_000, "the screenshot is (nearly) blank"


def test_prints_to_pdf_with_pages(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    result = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    # the title page and each chapter start a new page when printed
    assert pages >= 5, pages
    assert len(data) > 10_000


def test_the_page_has_no_script_and_dom_shows_the_text(page: Path, tmp_path: Path) -> None:
    result = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = result.stdout
    assert "กลุ่มที่ ๒ การคุ้มครองทางสังคมสำหรับวัยแรงงาน" in dom
    assert "<script" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert dom.count("<svg") >= 4
