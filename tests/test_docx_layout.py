"""The DOCX layout pieces: chart-bar PNGs, column widths, the page, tables, headings."""

from __future__ import annotations

import io
import itertools
import math
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from _report_fixtures import make_session, registry
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.renderers.docx import (
    MARGINS_CM,
    PAGE_CM,
    bar_png,
    column_widths,
    render,
    text_width,
)
from lessonkit.report import Chart, Document, Section, Series, Table, build_report

docx = pytest.importorskip("docx", reason="python-docx (the 'docx' extra) is not installed")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks, each CRC checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        found.append((kind, data))
        at += 12 + length
    return found


def pixels(png: bytes) -> list[bytes]:
    parts = dict(chunks(png))
    width, height, depth, colour_type, *_ = struct.unpack(">IIBBBBB", parts[b"IHDR"])
    assert (height, depth, colour_type) == (1, 8, 2)
    row = zlib.decompress(parts[b"IDAT"])
    assert row[0] == 0 and len(row) == 1 + 3 * width
    return [row[1 + 3 * i:4 + 3 * i] for i in range(width)]


def test_bar_png_is_a_valid_png_coloured_to_its_fraction() -> None:
    png = bar_png(0.25, "1F5F8B", "E3E8ED", steps=8)
    assert [kind for kind, _ in chunks(png)] == [b"IHDR", b"IDAT", b"IEND"]
    assert pixels(png) == [bytes.fromhex("1F5F8B")] * 2 + [bytes.fromhex("E3E8ED")] * 6
    # python-docx reads it as the picture it inserts
    from docx.image.image import Image

    image = Image.from_blob(png)
    assert (image.content_type, image.px_width, image.px_height) == ("image/png", 8, 1)


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(1, 300))
def test_bar_png_clamps_any_fraction(fraction: float, steps: int) -> None:
    row = pixels(bar_png(fraction, "000000", "FFFFFF", steps))
    filled = row.count(b"\x00\x00\x00")
    assert len(row) == steps
    if math.isnan(fraction) or fraction <= 0:
        assert filled == 0
    elif fraction >= 1:
        assert filled == steps
    else:
        assert filled == round(fraction * steps)


def test_bar_png_refuses_a_bad_colour() -> None:
    with pytest.raises(ValueError, match="hexadecimal"):
        bar_png(0.5, "blue")


def test_text_width_ignores_thai_marks_above_and_below() -> None:
    assert text_width("กิ่") == text_width("ก") > 0
    assert text_width("ที่") == text_width("ท")
    assert text_width("๒") > text_width("2")
    assert text_width("") == 0


@given(st.lists(st.lists(st.text(max_size=60), min_size=3, max_size=3), min_size=1,
                max_size=6),
       st.lists(st.booleans(), min_size=3, max_size=3),
       st.floats(min_value=3, max_value=30))
def test_column_widths_fill_the_width(rows: list[list[str]], numeric: list[bool],
                                      total: float) -> None:
    widths = column_widths(rows, numeric, total, 0.5)
    assert len(widths) == 3
    assert all(w > 0 for w in widths)
    assert sum(widths) == pytest.approx(total)


def test_column_widths_keep_numbers_whole_and_give_text_the_room() -> None:
    rows = [["กิจกรรม", "คะแนนรวม"],
            ["รณรงค์ให้แรงงานนอกระบบสมัครเป็นผู้ประกันตนตามมาตรา ๔๐" * 3, "๒๒"]]
    text, number = column_widths(rows, [False, True], 16.0, 0.5)
    assert text + number == pytest.approx(16.0)
    assert number >= text_width("๒๒") * 0.5 and text > 3 * number
    # everything fits: the text column takes the room left, the numbers keep their width
    text, number = column_widths([["a", "1"], ["b", "2"]], [False, True], 16.0, 0.5)
    assert number < 2 and text == pytest.approx(16.0 - number)


@pytest.fixture(scope="module")
def thai() -> object:
    data = render(build_report(make_session(), registry()))
    return docx.Document(io.BytesIO(data))


def test_page_is_a4_with_a_running_head_and_page_numbers(thai) -> None:  # type: ignore[no-untyped-def]
    section = thai.sections[0]
    assert round(section.page_width.cm, 1) == PAGE_CM[0]
    assert round(section.page_height.cm, 1) == PAGE_CM[1]
    assert round(section.left_margin.cm, 1) == MARGINS_CM["left"]
    assert section.different_first_page_header_footer  # the title page has neither
    assert section.header.paragraphs[0].text == "การประชุมเชิงปฏิบัติการด้านการคุ้มครองทางสังคม"
    assert "PAGE" in section.footer._element.xml


def test_chapters_start_pages_under_their_thai_number(thai) -> None:  # type: ignore[no-untyped-def]
    chapters = [p for p in thai.paragraphs if p.style.name == "Heading 1"]
    assert [p.text.split("\n")[0] for p in chapters] == [
        "บทสรุปผู้บริหาร", "บทที่ ๑", "บทที่ ๒", "บทที่ ๓", "บทที่ ๔", "บทที่ ๕", "ภาคผนวก"]
    assert chapters[3].text.endswith("ผลการประชุมเชิงปฏิบัติการ")
    assert all(p.paragraph_format.page_break_before for p in chapters)
    sections = [p.text for p in thai.paragraphs if p.style.name == "Heading 2"]
    assert "๓.๑ กลุ่มที่ ๑ การคุ้มครองทางสังคมสำหรับเด็ก" in sections


def test_bold_is_bold_for_thai_too(thai) -> None:  # type: ignore[no-untyped-def]
    bold = [r for p in thai.paragraphs for r in p.runs if r.bold]
    assert bold
    for r in bold:
        bcs = r._element.rPr.find(f"{W}bCs")
        assert bcs is not None and bcs.get(f"{W}val") in (None, "1", "true", "on")
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        rpr = thai.styles[name].element.rPr
        assert rpr.find(f"{W}bCs") is not None
        italic = rpr.find(f"{W}i")
        assert italic is None or italic.get(f"{W}val") in ("0", "false")


def test_tables_have_a_repeated_header_row_borders_and_whole_rows(thai) -> None:  # type: ignore[no-untyped-def]
    table = next(t for t in thai.tables if t.rows[0].cells[0].text == "ชื่อ")
    xml = table._tbl.xml
    header = table.rows[0]._tr
    assert header.trPr.find(f"{W}tblHeader") is not None
    assert header.find(f".//{W}shd") is not None
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)
    assert "<w:tblBorders>" in xml and 'w:type="fixed"' in xml
    widths = [c.width.cm for c in table.rows[0].cells]
    assert sum(widths) == pytest.approx(PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"],
                                        abs=0.01)


def test_charts_are_drawn_bars_with_values_in_thai_digits() -> None:
    chart = Chart("bar", ["ก", "ข"], [4, 2], title="คะแนน", maximum=4)
    radar = Chart("radar", ["สนุก", "ปลอดภัย", "ทุกคน"], series=[
        Series("๐–๖ ปี", [1, 2, 3]), Series("๗–๑๘ ปี", [3, 2, 1])], maximum=3)
    doc = Document(title="t", chapters=[Section("c", blocks=[chart, radar])])
    out = docx.Document(io.BytesIO(render(doc)))
    bars, profile = out.tables
    assert [c.text for c in bars.rows[0].cells] == ["รายการ", "๐ – ๔", "คะแนน"]
    assert [c.text for c in bars.rows[1].cells] == ["ก", "", "๔"]
    # one picture per bar; the radar: a bar per series in each row, and a legend
    assert len(bars._tbl.xpath(".//pic:pic")) == 2
    assert len(profile._tbl.xpath(".//pic:pic")) == 6
    assert [p.text for p in profile.rows[1].cells[2].paragraphs] == ["๑", "๓"]
    assert "๐–๖ ปี" in "".join(p.text for p in out.paragraphs)
    assert "█" not in out.element.xml
    # 10 pictures (8 bars, 2 legend squares), 9 images: the full blue bar of the bar
    # chart and of the radar's first series is stored once
    assert len(out.inline_shapes) == 10
    assert len({rel.target_ref for rel in out.part.rels.values()
                if rel.reltype.endswith("/image")}) == 9


def test_a_huge_value_or_a_long_title_still_lays_out() -> None:
    doc = Document(title="ก" * 400, chapters=[Section("c", blocks=[
        Chart("bar", ["x"], [1e30]), Table(["a"], [[1e30]])])])
    out = docx.Document(io.BytesIO(render(doc)))
    head = out.sections[0].header.paragraphs[0].text
    assert head.endswith("…") and len(head) < 200  # at most two lines of the page


@given(st.text(alphabet=st.sampled_from("กขคิ่้ำาเ๑a \u0e4c"), max_size=30))
def test_join_word_only_adds_joiners_between_letter_clusters(word: str) -> None:
    from lessonkit.renderers.docx import WORD_JOINER, join_word

    joined = join_word(word)
    assert joined.replace(WORD_JOINER, "") == word
    for before, after in itertools.pairwise(joined):
        if before == WORD_JOINER:  # never in front of a mark that sits on the letter before
            assert after not in "ิ่้ำ\u0e4c" and after != WORD_JOINER


def test_thai_words_in_table_cells_are_joined_and_parted_on_request() -> None:
    pytest.importorskip("pythainlp")
    from lessonkit.renderers.docx import WORD_BREAK, WORD_JOINER, join_word

    doc = Document("t", chapters=[Section("c", blocks=[
        Table(["หน่วยงาน", "จำนวน"], [["สำนักงานสถิติแห่งชาติ <b>", 3]])])])

    def body(options: dict[str, object]) -> str:
        with zipfile.ZipFile(io.BytesIO(render(doc, options))) as z:
            return z.read("word/document.xml").decode("utf-8")

    plain = body({})
    assert WORD_JOINER not in plain and WORD_BREAK not in plain  # off by default
    kept = body({"thai_words": True})
    assert "&lt;b&gt;" in kept
    j = WORD_JOINER
    assert f"ส{j}ำ" not in kept and f"สำ{j}น{j}ั" not in kept  # no joiner before a mark
    assert f"สำ{j}นั{j}ก{j}ง{j}า{j}น{j}ส{j}ถิ{j}ติ{j}แ{j}ห่{j}ง{j}ช{j}า{j}ติ &lt;b&gt;" in kept
    # two words side by side: each joined, a break opportunity between them
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize("หน่วยงานภาครัฐ", engine="newmm")
    assert len(words) == 2
    two = Document("t", chapters=[Section("c", blocks=[Table(["ก"], [["หน่วยงานภาครัฐ"]])])])
    with zipfile.ZipFile(io.BytesIO(render(two, {"thai_words": True}))) as z:
        assert WORD_BREAK.join(join_word(w) for w in words) in \
            z.read("word/document.xml").decode("utf-8")
    from lessonkit.renderers.docx import thai_word_keeper

    keep = thai_word_keeper({"thai_words": True})
    assert keep("กระทรวงมหาดไทย", 20.0) == join_word("กระทรวงมหาดไทย")
    assert keep("กระทรวงมหาดไทย", 3.0) == "กระทรวงมหาดไทย"  # wider than its column: left alone
    cells = docx.Document(io.BytesIO(render(doc, {"thai_words": True}))).tables[0]
    assert cells.rows[1].cells[0].text.replace(j, "").replace(WORD_BREAK, "") == \
        "สำนักงานสถิติแห่งชาติ <b>"


_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40) | \
    st.sampled_from(["a & b < c > d \"q\" 'x'", "\x00\x01\x0b\x1f\ud800\udfff\ufffe\uffff",
                     " lead\ttab\nline\r\nCR\rend ", "]]><![CDATA[x]]>", "<w:t>", "&amp;"])


@settings(max_examples=60, deadline=None)
@given(_ANY_TEXT, _ANY_TEXT, st.booleans())
def test_any_text_gives_well_formed_xml_that_reads_back_cleaned(text: str, other: str,
                                                                thai_digits: bool) -> None:
    """The body is written as XML text: whatever a session holds (controls, lone surrogates,
    markup), the file parses, and what Word reads is the text without what XML cannot carry."""
    from lxml import etree

    from lessonkit.renderers._common import clean, one_line
    from lessonkit.report import BulletList, Heading, Note, NumberedList, Paragraph

    doc = Document(title=text or "t", subtitle=other, organiser=other, venue=text,
                   digits="thai" if thai_digits else "arabic", chapters=[
                       Section(text, blocks=[
                           Paragraph(text), Paragraph(other, label=text), Heading(other),
                           BulletList([text, other], title=other), NumberedList([other]),
                           Note(text), Table([text, other], [[other, 1], [text, None]],
                                             caption=other),
                           Chart("bar", [text, other], [1, 2], title=text)],
                               subsections=[Section(other, blocks=[Paragraph(other)])]),
                       Section(other)])
    data = render(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        etree.fromstring(z.read("word/document.xml"))  # well-formed
    out = docx.Document(io.BytesIO(data))
    texts = [p.text for p in out.paragraphs]
    shown = clean(text).replace("\t", "").replace("\n", "")
    assert any(t.replace("\t", "").replace("\n", "") == shown for t in texts) or not shown
    cell = out.tables[0].rows[1].cells[0].text
    assert cell == one_line(other)


def test_cli_report_thai_words_flag_reaches_the_renderer(tmp_path: Path) -> None:
    """``--thai-words`` turns the DOCX word keeping on, ``--no-thai-words`` the HTML one off;
    without either each format keeps its own default."""
    pytest.importorskip("pythainlp")
    from click.testing import CliRunner

    from lessonkit.cli import cli
    from lessonkit.demo import __file__ as demo_init
    from lessonkit.renderers.docx import WORD_JOINER

    source = Path(demo_init).parent / "seeds-workshop.json"
    session = tmp_path / "ws.json"
    session.write_bytes(source.read_bytes())
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["report", str(session), *args])
        assert result.exit_code == 0, result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout

    def body(name: str) -> str:
        with zipfile.ZipFile(tmp_path / name) as z:
            return z.read("word/document.xml").decode("utf-8")

    run("-o", str(tmp_path / "plain.docx"))
    run("-o", str(tmp_path / "kept.docx"), "--thai-words")
    assert WORD_JOINER not in body("plain.docx")
    assert WORD_JOINER in body("kept.docx")
    assert 'class="w"' in run("--format", "html")
    assert 'class="w"' not in run("--format", "html", "--no-thai-words")
