"""Render the demo's report books the way a reader gets them, for tests and docs.

For each demo session (the seeds' workshop, the 5C4F assessment) and each language
(Thai, English): the HTML printed to PDF by headless Chromium, the DOCX converted to PDF by
LibreOffice, and ``lessonkit report --format pdf``; every PDF rendered to PNG pages.

    python tools/render_books.py OUT_DIR [--dpi 50] [--only html,pdf]
    python tools/render_books.py --docs-images docs/images   # the pages shown in docs/reports.md

Prints one JSON line per book: {"book", "locale", "via", "pdf", "pages": [png…]}. A route
whose program is missing (chromium, soffice, pdftoppm) is reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROUTES = ("html", "docx", "pdf")


def _run(command: list[str], timeout: int = 240) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=timeout)


def render_books(out: Path, dpi: int = 50, routes: tuple[str, ...] = ROUTES) -> list[dict[str, Any]]:
    from lessonkit import files
    from lessonkit.demo_run import demo_sessions
    from lessonkit.plugins import get_plugin_manager, load_registry
    from lessonkit.renderers.pdf import find_chromium
    from lessonkit.report import build_report

    registry = load_registry(get_plugin_manager())
    out.mkdir(parents=True, exist_ok=True)
    chromium = find_chromium()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    results: list[dict[str, Any]] = []
    for entry, text in demo_sessions():
        name = entry["file"].removesuffix(".json")
        session = files.loads(text)
        for locale in ("th", "en"):
            document = build_report(session, registry, locale=locale)
            stem = out / f"{name}-{locale}"
            for via in routes:
                record: dict[str, Any] = {"book": name, "locale": locale, "via": via,
                                          "document": document}
                pdf = Path(f"{stem}-{via}.pdf")
                try:
                    if via == "html":
                        if chromium is None:
                            raise FileNotFoundError("chromium")
                        from lessonkit.renderers.html import render as html

                        page = Path(f"{stem}.html")
                        page.write_text(html(document), encoding="utf-8")  # the default book
                        _run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
                    elif via == "docx":
                        if soffice is None:
                            raise FileNotFoundError("soffice")
                        from lessonkit.renderers.docx import render as docx

                        word = Path(f"{stem}.docx")
                        word.write_bytes(docx(document, {"thai_words": True}))
                        folder = out / f"lo-{name}-{locale}"
                        folder.mkdir(exist_ok=True)
                        _run([soffice, f"-env:UserInstallation=file://{out.resolve()}/lo-profile",
                              "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                              str(word)])
                        shutil.move(str(folder / word.with_suffix(".pdf").name), pdf)
                    else:
                        if chromium is None:
                            raise FileNotFoundError("chromium")
                        from lessonkit.renderers.pdf import render as render_pdf

                        pdf.write_bytes(render_pdf(document, {}))
                    if shutil.which("pdftoppm") is None:
                        raise FileNotFoundError("pdftoppm")
                    _run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{stem}-{via}"])
                except FileNotFoundError as exc:
                    record["skipped"] = f"{exc.args[0] if exc.args else exc} not found"
                    results.append(record)
                    continue
                record["pdf"] = str(pdf)
                record["pages"] = sorted(str(p) for p in out.glob(f"{stem.name}-{via}-*.png"))
                results.append(record)
    return results


#: the page images of docs/reports.md: file → (book, locale, route, words on the page, words
#: not on it)
DOCS_IMAGES = {
    "book-th-cover.png": ("seeds-workshop", "th", "html", (), ()),
    "book-th-contents.png": ("seeds-workshop", "th", "pdf", ("สารบัญ", "หน้า"), ()),
    "book-th-summary.png": ("seeds-workshop", "th", "html", ("บทสรุปผู้บริหาร",), ("สารบัญ",)),
    "book-th-rating.png": ("seeds-workshop", "th", "html", ("สำคัญแต่คะแนนต่ำ",), ()),
    "book-th-plan.png": ("seeds-workshop", "th", "html", ("หลักฐาน/ตัวชี้วัด", "ผู้รับผิดชอบ"),
                         ("สารบัญ",)),
    "book-5c4f-radar.png": ("phatthalung-5c4f", "th", "html", ("ภาพรวมรายมิติจำแนกตามช่วงวัย",),
                            ("สารบัญ",)),
    "book-en-summary.png": ("seeds-workshop", "en", "html", ("Executive summary",), ("Contents",)),
}


def docs_images(target: Path, dpi: int = 60) -> list[str]:
    """Print the demo's HTML books and write the pages docs/reports.md shows (PNG, ``dpi``),
    each found by the words on it."""
    import tempfile

    written = []
    with tempfile.TemporaryDirectory(prefix="lessonkit-books-") as folder:
        books = {(r["book"], r["locale"], r["via"]): r
                 for r in render_books(Path(folder), 10, ("html", "pdf"))}
        for name, (book, locale, via, has, lacks) in DOCS_IMAGES.items():
            record = books[(book, locale, via)]
            if "skipped" in record:
                raise SystemExit(f"{name}: {record['skipped']}")
            pages = subprocess.run(["pdftotext", record["pdf"], "-"], check=True,
                                   capture_output=True, text=True).stdout.split("\f")
            number = next(i + 1 for i, page in enumerate(pages)
                          if all(w in page for w in has) and not any(w in page for w in lacks))
            stem = target / name.removesuffix(".png")
            _run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(number),
                  "-l", str(number), record["pdf"], str(stem)])
            written.append(f"{stem}.png: {book} {locale} {via} page {number}")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--only", default=",".join(ROUTES))
    parser.add_argument("--docs-images", type=Path, default=None,
                        help="write the page images of docs/reports.md into this folder")
    args = parser.parse_args()
    if args.docs_images:
        print("\n".join(docs_images(args.docs_images, 60 if args.dpi == 50 else args.dpi)))
        return
    if args.out is None:
        parser.error("give OUT_DIR or --docs-images")
    for record in render_books(args.out, args.dpi, tuple(args.only.split(","))):
        record.pop("document", None)
        print(json.dumps(record, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
