"""The renderers: every format, escaping of participant text, SVG, DOCX Thai fonts, the CLI."""

from __future__ import annotations

import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _report_fixtures import HOSTILE, make_session, registry
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.errors import LessonkitError
from lessonkit.render import Renderer
from lessonkit.renderers import docx as docx_renderer
from lessonkit.renderers import markdown as md_renderer
from lessonkit.renderers import text as text_renderer
from lessonkit.report import (
    BulletList,
    Chart,
    Document,
    Heading,
    Note,
    NumberedList,
    Paragraph,
    Section,
    Series,
    Table,
    build_report,
    document_from_data,
)

FORMATS = ("md", "html", "txt", "json", "docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def reg():  # type: ignore[no-untyped-def]
    return registry()


@pytest.fixture(scope="module")
def doc(reg) -> Document:  # type: ignore[no-untyped-def]
    return build_report(make_session(), reg)


@pytest.fixture(scope="module")
def hostile(reg) -> Document:  # type: ignore[no-untyped-def]
    return build_report(make_session(hostile=True), reg)


def render(reg, key: str, document: Document) -> str | bytes:  # type: ignore[no-untyped-def]
    renderer = reg.renderers.get(key)
    assert isinstance(renderer, Renderer)
    return renderer(document)


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.S)


def test_the_five_formats_are_registered(reg) -> None:  # type: ignore[no-untyped-def]
    assert set(FORMATS) <= set(reg.renderers.keys())
    assert reg.renderers.get("docx").binary
    assert reg.renderers.get("html").extension == ".html"
    assert reg.renderers.source("md") == "lessonkit.renderers"


@pytest.mark.parametrize("key", FORMATS)
def test_every_format_renders_the_book(reg, doc, key) -> None:  # type: ignore[no-untyped-def]
    result = render(reg, key, doc)
    if key == "docx":
        assert isinstance(result, bytes) and result[:2] == b"PK"
        return
    assert isinstance(result, str)
    assert "กลุ่มที่ ๒ การคุ้มครองทางสังคมสำหรับวัยแรงงาน" in result
    assert "เพื่อพัฒนาศักยภาพเด็ก/เยาวชน" in result
    if key != "json":
        assert "๒.๒.๑ ขั้นตอนที่ ๑" in result
        assert "๒๒ ธันวาคม ๒๕๖๐" in result


def test_markdown_tables_and_numbering(reg, doc) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "md", doc)
    assert isinstance(page, str)
    assert "## บทที่ ๓: ผลการประชุมเชิงปฏิบัติการ" in page
    assert "### ๓.๑ กลุ่มที่ ๑ การคุ้มครองทางสังคมสำหรับเด็ก" in page
    assert "๑\\) ฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน" in page
    assert re.search(r"^\| *ลำดับ *\| *รายการ", page, flags=re.M)
    assert "| ๖ " in page or "|       ๖ |" in page or re.search(r"\|\s+๖\s+\|", page)


def test_markdown_neutralises_participant_text(reg, hostile) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "md", hostile)
    assert isinstance(page, str)
    assert "<script>" not in page
    assert "\\<script\\>" in page
    assert "[l](http://e)" not in page
    # every row of every pipe table has as many unescaped pipes as its header
    for block in re.findall(r"(?:^\|.*\n)+", page, flags=re.M):
        counts = {len(re.findall(r"(?<!\\)\|", line)) for line in block.strip("\n").split("\n")}
        assert len(counts) == 1, block
    assert "\x01" not in page


def test_markdown_escape() -> None:
    assert md_renderer.escape("# a") == "\\# a"
    assert md_renderer.escape("1. a") == "1\\. a"
    assert md_renderer.escape("a|b") == "a\\|b"
    assert md_renderer.escape("x\ny") == "x y"
    assert md_renderer.escape("ไทย ๑๒") == "ไทย ๑๒"


def test_html_is_standalone_printable_and_escaped(reg, hostile) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "html", hostile)
    assert isinstance(page, str)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="th">' in page
    assert "@page" in page and "@media print" in page
    assert '"Sarabun"' in page and '"TH Sarabun New"' in page and '"Noto Sans Thai"' in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "no network access"
    assert "<link" not in page
    assert "\x01" not in page


def test_svg_charts_parse_as_xml_even_with_hostile_labels(reg, hostile) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "html", hostile)
    assert isinstance(page, str)
    charts = svgs(page)
    kinds = set()
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        kinds.add(root.get("class"))
        for element in root.iter():
            assert "script" not in element.tag
    assert kinds == {"chart bar", "chart radar"}


def test_bar_chart_draws_bars_in_proportion() -> None:
    from lessonkit.renderers.svg import bar_chart, radar_chart

    svg = bar_chart(Chart("bar", ["a", "b"], [4, 2], maximum=4), "thai")
    root = ET.fromstring(svg)
    widths = [float(r.get("width", 0)) for r in root.iter("{http://www.w3.org/2000/svg}rect")
              if r.get("fill") != "#eef1f4"]
    assert widths == [540.0, 270.0]
    assert "๔" in svg
    radar = radar_chart(Chart("radar", ["x", "y", "z"], series=[Series("0–6", [1, 2, 3]),
                                                               Series("7–18", [3, 2, 1])]))
    root = ET.fromstring(radar)
    polygons = list(root.iter("{http://www.w3.org/2000/svg}polygon"))
    assert len(polygons) == 4 + 2  # four grid rings, two series
    assert "7–18" in radar


def test_text_aligns_thai_columns(reg, doc) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "txt", doc)
    assert isinstance(page, str)
    lines = page.split("\n")
    start = next(i for i, line in enumerate(lines) if "ชื่อ" in line and "หน่วยงาน" in line)
    table = lines[start:start + 5]
    widths = {text_renderer.width(line.rstrip()) for line in table[1:]}
    assert len(widths) == 1, table
    assert "๑) ฝ่ายงบประมาณ" in page
    assert "█" in page


def test_json_is_the_document_model(reg, doc) -> None:  # type: ignore[no-untyped-def]
    page = render(reg, "json", doc)
    assert isinstance(page, str)
    data = json.loads(page)
    assert "ก" in page  # Thai unescaped
    assert document_from_data(data) == doc


def _docx(data: bytes):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(data))


def test_docx_sets_thai_fonts_and_sizes(reg, doc) -> None:  # type: ignore[no-untyped-def]
    data = render(reg, "docx", doc)
    assert isinstance(data, bytes)
    document = _docx(data)
    normal = document.styles["Normal"].element.rPr
    fonts = normal.find(f"{W}rFonts")
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(f"{W}{attr}") == "TH SarabunPSK"
    assert normal.find(f"{W}sz").get(f"{W}val") == "32"
    assert normal.find(f"{W}szCs").get(f"{W}val") == "32"
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        rpr = document.styles[name].element.rPr
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}cs") == "TH SarabunPSK"
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            assert fonts.get(f"{W}{theme}") is None, (name, theme)
        assert rpr.find(f"{W}szCs") is not None
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert runs and all(r._element.rPr.find(f"{W}rFonts").get(f"{W}cs") == "TH SarabunPSK"
                        for r in runs)
    text = "\n".join(p.text for p in document.paragraphs)
    # numbered items: the number, a tab to the hanging indent, the text
    assert "บทที่ ๒" in text and "๑)\tฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน" in text
    assert len(document.tables) >= 4
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "๓๑ ม.ค. ๒๕๖๑" in cells


def test_docx_keeps_hostile_text_as_plain_text(reg, hostile) -> None:  # type: ignore[no-untyped-def]
    data = render(reg, "docx", hostile)
    assert isinstance(data, bytes)
    document = _docx(data)
    xml = document.element.xml
    # the one field is the book's own table of contents; participant text makes none
    assert re.findall(r"<w:instrText[^>]*>([^<]*)<", xml) == [' TOC \\o "1-2" \\h \\z \\u ']
    assert "fldSimple" not in xml
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert '=HYPERLINK("x")' in cells
    assert any("<script>alert(1)</script>" in p.text for p in document.paragraphs)


def test_docx_without_python_docx_says_how_to_install(monkeypatch, doc) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(LessonkitError, match=r"lessonkit\[docx\]"):
        docx_renderer.render(doc, {})


def test_renderer_checks_its_result_type() -> None:
    bad = Renderer(key="bad", title="Bad", extension=".bad", render=lambda d, o: b"x")
    with pytest.raises(LessonkitError, match="returned bytes"):
        bad(Document(title="t"))


# -- property: any document renders, HTML never lets <script> through ----------------------

texts = st.one_of(st.text(max_size=40), st.sampled_from([HOSTILE, "<script>x</script>",
                                                         "a|b", "=1+1", "๑๒", "\r\n", ""]))
numbers = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True))
cells = st.one_of(st.none(), texts, numbers)


@st.composite
def blocks(draw):  # type: ignore[no-untyped-def]
    kind = draw(st.sampled_from(["heading", "paragraph", "bullets", "numbers", "table", "chart",
                                 "note"]))
    if kind == "heading":
        return Heading(draw(texts), draw(st.integers(1, 4)))
    if kind == "paragraph":
        return Paragraph(draw(texts), label=draw(st.none() | texts))
    if kind == "bullets":
        return BulletList(draw(st.lists(texts, max_size=4)), title=draw(st.none() | texts))
    if kind == "numbers":
        return NumberedList(draw(st.lists(texts, max_size=4)), title=draw(st.none() | texts))
    if kind == "table":
        width = draw(st.integers(1, 4))
        rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=4))
        return Table(draw(st.lists(texts, min_size=width, max_size=width)), rows,
                     caption=draw(st.none() | texts))
    if kind == "chart":
        labels = draw(st.lists(texts, max_size=6))
        values = draw(st.lists(numbers, min_size=len(labels), max_size=len(labels)))
        return Chart(draw(st.sampled_from(["bar", "radar"])), labels, values, title=draw(texts))
    return Note(draw(texts), kind=draw(st.sampled_from(["info", "warning"])))


@st.composite
def documents(draw):  # type: ignore[no-untyped-def]
    sections = [Section(draw(texts), draw(st.lists(blocks(), max_size=4)),
                        [Section(draw(texts), draw(st.lists(blocks(), max_size=3)))])
                for _ in range(draw(st.integers(0, 2)))]
    return Document(title=draw(texts), locale=draw(st.sampled_from(["th", "en"])),
                    digits=draw(st.sampled_from(["thai", "arabic"])), venue=draw(st.none() | texts),
                    participants=draw(st.none() | st.integers(0, 10**5)), chapters=sections)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_renders_in_every_format(document: Document) -> None:
    from lessonkit.report import number_sections

    number_sections(document.chapters)
    reg = registry()
    for key in FORMATS:
        result = render(reg, key, document)
        assert result
    page = render(reg, "html", document)
    assert isinstance(page, str)
    assert "<script" not in page.lower()
    for chart in svgs(page):
        ET.fromstring(chart)
    md = render(reg, "md", document)
    assert isinstance(md, str)
    assert not re.search(r"(?<!\\)<", md), "every < in Markdown is escaped"


# -- the command line --------------------------------------------------------------------


@pytest.fixture()
def cli_env(monkeypatch, tmp_path: Path, reg):  # type: ignore[no-untyped-def]
    from lessonkit.cli import _common

    _common.reset()
    monkeypatch.setitem(_common._STATE, "pm", reg.pm)
    monkeypatch.setitem(_common._STATE, "registry", reg)
    path = tmp_path / "workshop.json"
    files.save(make_session(hostile=True), path)
    yield path
    _common.reset()


def run(*args: str):  # type: ignore[no-untyped-def]
    from lessonkit.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_writes_every_format_by_extension(cli_env: Path) -> None:
    for key in FORMATS:
        out = cli_env.parent / f"report.{key}"
        result = run("report", str(cli_env), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 100
        assert not list(cli_env.parent.glob(".lessonkit-*"))
    assert "<script>" not in (cli_env.parent / "report.html").read_text(encoding="utf-8")


def test_cli_defaults_to_text_on_stdout_and_takes_options(cli_env: Path) -> None:
    result = run("report", str(cli_env))
    assert result.exit_code == 0
    assert "บทที่ ๒" in result.stdout
    result = run("report", str(cli_env), "--locale", "en", "--group", "workers")
    assert "Chapter 1" in result.stdout and "1.2.1 Members" in result.stdout
    assert "Group 1:" not in result.stdout
    result = run("report", str(cli_env), "--locale", "en", "--digits", "thai", "--format", "md")
    assert "## Chapter ๒" in result.stdout


def test_cli_errors_are_one_line(cli_env: Path) -> None:
    from lessonkit.cli import cli

    runner = CliRunner()
    cases = [
        (["report", str(cli_env), "--format", "docx"], "needs a file"),
        (["report", str(cli_env), "--format", "odt"], "unknown report format 'odt'"),
        (["report", str(cli_env), "-o", str(cli_env.parent / "x.weird")], "cannot tell the format"),
        (["report", str(cli_env), "-o", str(cli_env)], "would overwrite the session file"),
        (["report", str(cli_env), "--group", "nobody"], "unknown group 'nobody'"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    assert files.load(cli_env).title  # the session file is untouched


names = st.text(min_size=1, max_size=30).filter(lambda s: s.strip())


@st.composite
def sessions(draw):  # type: ignore[no-untyped-def]
    session = make_session(locale=draw(st.sampled_from(["th", "en"])))
    session.title = draw(names)
    session.venue = draw(st.none() | texts)
    for group in session.groups:
        group.name = draw(names)
        group.members = draw(st.lists(texts, max_size=3))
        group.facilitator = draw(st.none() | texts)
        for participant in group.participants:
            participant.name = draw(st.none() | texts)
        for entry in group.entries:
            if entry.row is not None:
                entry.row = {k: draw(texts) for k in entry.row}
            else:
                entry.text = draw(texts)
        for action in group.actions:
            action.what = draw(names)
            action.owner = draw(st.none() | texts)
    return session


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.sampled_from(["thai", "arabic"]))
def test_any_session_renders_and_html_has_no_script(session, digits) -> None:  # type: ignore[no-untyped-def]
    reg = registry()
    document = build_report(session, reg, digits=digits)
    for key in FORMATS:
        assert render(reg, key, document)
    page = render(reg, "html", document)
    assert isinstance(page, str) and "<script" not in page.lower()
    for chart in svgs(page):
        ET.fromstring(chart)
