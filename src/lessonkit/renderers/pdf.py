"""PDF: the HTML book printed by headless Chromium (WeasyPrint where Chromium is absent).

Chromium is preferred because it breaks Thai lines with ICU's dictionary and supports the
book's print CSS (page-margin boxes for the running head and the Thai page numbers, named
landscape pages); the measurements behind the choice are in ``docs/reports.md``. The browser
is found as ``$LESSONKIT_CHROMIUM``, else ``chromium``, ``chromium-browser``,
``google-chrome`` on the PATH. WeasyPrint (``pip install 'lessonkit[pdf]'``) is the fallback.
"""

from __future__ import annotations

import os
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


def _chromium(browser: str, page: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="lessonkit-pdf-") as folder:
        source = Path(folder) / "book.html"
        target = Path(folder) / "book.pdf"
        source.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-pdf-header-footer", f"--user-data-dir={folder}/profile",
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
        return _chromium(browser, page)
    try:
        import weasyprint  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise LessonkitError(
            "the PDF format needs headless Chromium (apt-get install chromium) or WeasyPrint",
            hint="install one: apt-get install chromium, or pip install 'lessonkit[pdf]'",
        ) from None
    result: bytes = weasyprint.HTML(string=page).write_pdf()
    return result
