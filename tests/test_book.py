"""The report book: session metadata, final vs draft edition, the report_part hook, and
every count in the demo's books agreeing with the sessions."""

from __future__ import annotations

import html as html_lib
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from _report_fixtures import make_session, registry
from click.testing import CliRunner

from lessonkit import files, hookimpl
from lessonkit.book import set_book_info
from lessonkit.cli import cli
from lessonkit.demo_run import demo_sessions
from lessonkit.errors import ValidationError
from lessonkit.plugins import get_plugin_manager, load_registry
from lessonkit.report import (
    BulletList,
    Note,
    NumberedList,
    NumberFormat,
    Paragraph,
    Section,
    Table,
    build_report,
    iter_sections,
)

PLACEHOLDERS = ("ยังไม่มีคำตอบ", "ยังไม่มีคะแนน", "ยังไม่มีข้อมูล", "ยังไม่มีแผน", "ยังไม่มีการบันทึก",
                "No answers yet", "No scores yet", "None recorded yet", "No plan rows yet",
                "recorded yet")


def demo(name: str) -> Any:
    for entry, text in demo_sessions():
        if entry["file"] == name:
            return files.loads(text)
    raise AssertionError(name)


@pytest.fixture(scope="module")
def reg() -> Any:
    return load_registry(get_plugin_manager())


def sections(doc: Any) -> dict[str, Section]:
    return {s.key: s for _d, s in iter_sections(doc.chapters) if s.key}


def all_text(doc: Any) -> str:
    out = []
    for _d, s in iter_sections(doc.chapters):
        out.append(s.title)
        out.extend(str(b) for b in s.blocks)
    return "\n".join(out)


# -- metadata --------------------------------------------------------------------------


def test_book_metadata_round_trips_and_old_files_stay_unchanged() -> None:
    session = make_session()
    plain = files.dumps(session)
    assert "organiser" not in plain and "agenda" not in plain  # unset: not written
    set_book_info(session, organiser="กองยุทธศาสตร์", attendance=81, foreword="คำนำ\n\nย่อหน้า",
                  agenda=["09.00 ลงทะเบียน", "  ", "09.30 เปิดการประชุม"])
    again = files.loads(files.dumps(session))
    assert (again.organiser, again.attendance, again.agenda) == (
        "กองยุทธศาสตร์", 81, ["09.00 ลงทะเบียน", "09.30 เปิดการประชุม"])
    assert again.head_count() == 81 and make_session().head_count() == 5
    set_book_info(again, organiser=None)  # None clears, left-out stays
    assert again.organiser is None and again.attendance == 81
    with pytest.raises(ValidationError):
        set_book_info(again, attendance=-1)
    with pytest.raises(ValidationError):
        set_book_info(again, attendance=True)


def test_schema_accepts_the_metadata() -> None:
    import jsonschema

    from lessonkit.schema import session_schema

    session = make_session()
    set_book_info(session, organiser="ก", attendance=3, introduction="x", agenda=["a"])
    jsonschema.validate(json.loads(files.dumps(session)), session_schema())


def test_cli_session_set(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    files.save(make_session(), path)
    foreword = tmp_path / "foreword.md"
    foreword.write_text("ด้วยกระทรวงฯ จัดการประชุม", encoding="utf-8")
    agenda = tmp_path / "agenda.txt"
    agenda.write_text("09.00 ลงทะเบียน\n\n09.30 เปิดการประชุม\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["session", "set", str(path), "--organiser", "กองยุทธศาสตร์",
                                 "--attendance", "81", "--foreword", str(foreword),
                                 "--agenda", str(agenda)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    session = files.load(path)
    assert (session.organiser, session.attendance, session.foreword) == (
        "กองยุทธศาสตร์", 81, "ด้วยกระทรวงฯ จัดการประชุม")
    assert session.agenda == ["09.00 ลงทะเบียน", "09.30 เปิดการประชุม"]
    before = path.read_bytes()
    bad = runner.invoke(cli, ["session", "set", str(path), "--foreword", str(tmp_path / "none")])
    assert bad.exit_code == 1 and "cannot read the foreword file" in bad.stderr
    assert "Traceback" not in bad.stderr and path.read_bytes() == before
    cleared = runner.invoke(cli, ["session", "set", str(path), "--foreword", "",
                                  "--clear-attendance"])
    assert cleared.exit_code == 0
    assert files.load(path).foreword is None and files.load(path).attendance is None


# -- structure ---------------------------------------------------------------------------


def test_book_order_and_front_matter(reg: Any) -> None:
    session = demo("seeds-workshop.json")
    set_book_info(session, foreword="ย่อหน้าแรก\n\nย่อหน้าที่สอง", agenda=["09.00 ลงทะเบียน"])
    doc = build_report(session, reg)
    keys = [c.key for c in doc.chapters]
    assert keys == ["foreword", "executive_summary", "introduction", "process", "results",
                    "summary", "conclusions", "appendices"]
    foreword = doc.chapters[0]
    assert [b.text for b in foreword.blocks if isinstance(b, Paragraph) and not b.role] == [
        "ย่อหน้าแรก", "ย่อหน้าที่สอง"]
    assert [b.text for b in foreword.blocks if isinstance(b, Paragraph) and b.role == "signature"] \
        == ["กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "ธันวาคม ๒๕๖๐"]
    by_key = sections(doc)
    # the process chapter: the AAR's five questions and EE's three steps, once for the book
    (questions,) = [b for b in by_key["process.aar"].blocks if isinstance(b, NumberedList)]
    assert len(questions.items) == 5
    ee_steps = [b.label for b in by_key["process.ee"].blocks if isinstance(b, Paragraph) and b.label]
    assert [s.split(" ", 1)[0] for s in ee_steps if s] == ["ขั้นตอนที่"] * 3
    assert all_text(doc).count("ด้วยตนเองเป็นลายลักษณ์อักษร") == 1
    # one results chapter; its sections are numbered after the groups they show
    results = by_key["results"]
    assert results.subsections
    for section in results.subsections:
        assert section.number and section.title.startswith("กลุ่มที่ ")
        group_no = "๑๒๓๔".index(section.title.split()[1]) + 1
        assert section.number.split(".")[-1] == str(group_no)
    appendices = by_key["appendices"]
    titles = [s.title for s in appendices.subsections]
    assert titles[0].startswith("ภาคผนวก ก ") and any("กำหนดการ" in t for t in titles)


def test_html_prints_the_front_matter_apart_foreword_before_contents(reg: Any) -> None:
    from lessonkit.renderers.html import render

    session = demo("seeds-workshop.json")
    set_book_info(session, foreword="ย่อหน้าแรก")
    page = render(build_report(session, reg))
    order = [page.index(marker) for marker in (
        '<header class="title-page">', '<section class="chapter front" id="foreword">',
        '<nav class="toc front">', '<section class="chapter front" id="executive_summary">',
        '<section class="chapter" id="introduction">', '<section class="chapter" id="appendices">')]
    assert order == sorted(order)
    assert page.count("chapter front") == 2  # the body (chapters, appendices) is not front matter
    assert "counter-increment: page 0 front 1" in page and "lessonkit-thai-letters" in page
    english = render(build_report(session, reg, locale="en"))
    assert "counter(front, lower-roman)" in english
    # a book without numbered chapters has no front matter: contents first, numbered from 1
    from lessonkit.report import Document

    plain = render(Document("t", chapters=[Section("a", numbered=False),
                                           Section("b", numbered=False)]))
    assert '<nav class="toc">' in plain and "chapter front" not in plain


@pytest.mark.parametrize("name", ["seeds-workshop.json", "phatthalung-5c4f.json"])
@pytest.mark.parametrize("locale", ["th", "en"])
def test_html_tables_give_cells_that_never_wrap_their_whole_width(reg: Any, name: str,
                                                                  locale: str) -> None:
    """The planned width of a column holds its widest unwrapped cell and the padding (the
    rating table's "สำคัญแต่คะแนนต่ำ" ran to the table's edge)."""
    from lessonkit.renderers.docx import text_width
    from lessonkit.renderers.html import EM_CM, LANDSCAPE_CM, PADDING_CM, PORTRAIT_CM, render

    page = render(build_report(demo(name), reg, locale=locale), {"thai_words": False})
    checked = 0
    for table in re.findall(r"<table[^>]*>.*?</table>", page, re.DOTALL):
        widths = [float(w) for w in re.findall(r'<col style="width:([0-9.]+)%">', table)]
        total = LANDSCAPE_CM if len(widths) >= 6 else PORTRAIT_CM
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1]):
            for i, (attrs, text) in enumerate(re.findall(r"<td([^>]*)>(.*?)</td>", row)):
                if "nowrap" in attrs and text:
                    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
                    assert widths[i] * total / 100 >= text_width(shown) * EM_CM + PADDING_CM - 0.05, \
                        (shown, widths)
                    checked += 1
    assert checked > 10


def test_cross_group_summary_shows_ee_top_activities_side_by_side(reg: Any) -> None:
    session = demo("seeds-workshop.json")
    doc = build_report(session, reg)
    ranked = [g for g in session.groups if any(e.method == "ee" and e.step == "taking_stock"
                                                for e in g.entries)]
    keys = sections(doc)
    if len(ranked) >= 2:
        (table,) = [b for b in keys["ee.summary.top"].blocks if isinstance(b, Table)]
        assert table.headers[1:] == tuple(g.name for g in ranked)
    else:
        assert "ee.summary.top" not in keys


class Explainer:
    """A method plugin explaining its method through report_part."""

    @hookimpl
    def report_part(self, context: Any, method: Any, part: str) -> Any:
        if method.key != "demo":
            return None
        if part == "process":
            return [Section(title="x", blocks=[Paragraph("วิธีของเรา")])]
        if part == "appendix":
            return [Section(title="แบบฟอร์ม", blocks=[BulletList(["ข้อ ๑"])])]
        if part == "recommendations":
            return [Section(title="ข้อเสนอ", blocks=[NumberedList(["ทำต่อ"])])]
        return None


class BrokenExplainer:
    @hookimpl
    def report_part(self, context: Any, method: Any, part: str) -> Any:
        raise RuntimeError("boom")


def test_report_part_hook_feeds_process_recommendations_and_appendices() -> None:
    doc = build_report(make_session(), registry(("explainer", Explainer())))
    by_key = sections(doc)
    assert [b.text for b in by_key["process.demo"].blocks] == ["วิธีของเรา"]
    titles = [s.title for s in by_key["appendices"].subsections]
    assert "ภาคผนวก ข แบบฟอร์ม" in titles
    summary = doc.chapters[0]
    assert any(isinstance(b, NumberedList) and "ทำต่อ" in b.items for b in summary.blocks)
    # without a contribution the core explains the method from its declaration
    plain = sections(build_report(make_session(), registry()))
    assert any(isinstance(b, BulletList) for b in plain["process.demo"].blocks)
    # a failing plugin: a warning, and the book still renders
    reg = registry(("broken", BrokenExplainer()))
    doc = build_report(make_session(), reg)
    assert any("report_part" in w for w in reg.warnings)
    assert "process.demo" in sections(doc)


# -- final vs draft ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seeds-workshop.json", "phatthalung-5c4f.json"])
def test_final_edition_has_no_placeholders_or_warnings_and_draft_keeps_them(reg: Any, name: str) -> None:
    session = demo(name)
    final = build_report(session, reg)
    draft = build_report(session, reg, draft=True)
    text = all_text(final)
    assert not any(p in text for p in PLACEHOLDERS)
    assert not any(isinstance(b, Note) and b.kind == "warning"
                   for _d, s in iter_sections(final.chapters) for b in s.blocks)
    if name == "seeds-workshop.json":
        assert any(p in all_text(draft) for p in PLACEHOLDERS)
        assert final.warnings  # the facilitator still hears about them
        # groups without data are left out, named once in the appendix
        shown = [s.title for s in sections(final)["results"].subsections]
        assert not any(t.startswith("กลุ่มที่ ๓") for t in shown)
        appendix = sections(final)["appendices"]
        (line,) = [b.text for b in appendix.blocks if isinstance(b, Paragraph)]
        assert "กลุ่มที่ ๓" in line and "กลุ่มที่ ๔" in line


def test_cli_final_prints_warnings_on_stderr_and_draft_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(next(t for e, t in demo_sessions() if e["file"] == "seeds-workshop.json"),
                    encoding="utf-8")
    runner = CliRunner()
    final = runner.invoke(cli, ["report", str(path), "--format", "txt"])
    assert final.exit_code == 0
    assert "คำเตือน" in final.stderr and "คำเตือน" not in final.stdout
    assert not any(p in final.stdout for p in PLACEHOLDERS)
    draft = runner.invoke(cli, ["report", str(path), "--format", "txt", "--draft"])
    assert draft.exit_code == 0 and "คำเตือน" in draft.stdout
    assert any(p in draft.stdout for p in PLACEHOLDERS)


# -- numbers ---------------------------------------------------------------------------------


def test_number_format() -> None:
    thai, arabic = NumberFormat("thai"), NumberFormat("arabic")
    assert thai.mean(4.5) == "๔.๕๐" and arabic.mean(6) == "6.00"
    assert thai.rank("3=") == "๓=" and thai.count(1234) == "๑,๒๓๔"
    assert thai.score(6) == "๖" and thai.score(4.26) == "๔.๓" and thai.quantity(None) == "–"


def test_a_column_never_mixes_decimals() -> None:
    from lessonkit.renderers._common import table_cells
    from lessonkit.report import Document

    table = Table(["a", "b"], [["x", 6], ["y", 4.5], ["z", 6.75]])
    assert [r[1] for r in table_cells(Document("t", digits="thai"), table)] == [
        "๖.๐๐", "๔.๕๐", "๖.๗๕"]
    whole = Table(["a", "b"], [["x", 6], ["y", 4]])
    assert [r[1] for r in table_cells(Document("t", digits="arabic"), whole)] == ["6", "4"]


def test_english_edition_reads_naturally(reg: Any) -> None:
    doc = build_report(demo("seeds-workshop.json"), reg, locale="en")
    text = all_text(doc)
    assert "22 December 2017" in text and "2560 BE" not in text
    assert "in 1 groups" not in text and "seeds'" not in text
    assert "81 people took part, in 4 groups" in text
    one = demo("phatthalung-5c4f.json")
    assert "one group" in all_text(build_report(one, reg, locale="en"))


# -- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["th", "en"])
@pytest.mark.parametrize("name", ["seeds-workshop.json", "phatthalung-5c4f.json"])
def test_every_count_in_the_book_agrees_with_the_session(reg: Any, name: str, locale: str) -> None:
    session = demo(name)
    doc = build_report(session, reg, locale=locale, digits="arabic")
    by_key = sections(doc)
    assert doc.participants == session.head_count()
    if name == "seeds-workshop.json":
        assert doc.participants == 81  # the head count, not the 8 registered
    if len(session.groups) > 1:
        (counts,) = [b for b in by_key["summary"].blocks if isinstance(b, Table)]
        # the final edition leaves out groups with no data (the appendix names them)
        with_data = [g for g in session.groups if g.entries or g.actions]
        assert len(counts.rows) == len(with_data) + 1
        for group, row in zip(with_data, counts.rows, strict=False):
            assert row[1:] == (len(group.members), len(group.participants), len(group.entries),
                               len(group.actions))
        assert counts.rows[-1][1:] == tuple(sum(r[i] for r in counts.rows[:-1]) for i in range(1, 5))
    for group in session.groups:
        members = by_key.get(f"group.{group.key}.members")
        if members is not None:
            for block in members.blocks:
                if isinstance(block, NumberedList):
                    assert len(block.items) == len(group.members)
                if isinstance(block, Table):
                    assert len(block.rows) == len(group.participants)
                    assert str(len(group.participants)) in (block.caption or "")
        aar = by_key.get(f"aar.{group.key}.participants")
        if aar is not None:
            (table,) = [b for b in aar.blocks if isinstance(b, Table)]
            answered = [e for e in group.entries if e.method == "aar" and e.step == "review"]
            assert sum(r[2] for r in table.rows) == len(answered)
            assert all(r[2] > 0 for r in table.rows)  # no zero-answer rows
    # no internal participant keys anywhere ("p1 (ไม่ระบุชื่อ)")
    text = all_text(doc)
    for key in {p.key for g in session.groups for p in g.participants if not p.name}:
        assert not re.search(rf"'{re.escape(key)} ", text)
    appendix = by_key.get("appendix.agencies")
    if appendix is not None:
        (table,) = [b for b in appendix.blocks if isinstance(b, Table)]
        assert table.rows[-1][1] == session.participant_count()


def test_the_draft_keeps_groups_without_data_in_the_summary_table(reg: Any) -> None:
    session = demo("seeds-workshop.json")
    empty = [g for g in session.groups if not (g.entries or g.actions)]
    assert empty  # the demo has groups that recorded nothing
    for draft, rows in ((False, len(session.groups) - len(empty)), (True, len(session.groups))):
        doc = build_report(session, reg, locale="en", draft=draft)
        (counts,) = [b for b in sections(doc)["summary"].blocks if isinstance(b, Table)]
        assert len(counts.rows) == rows + 1  # and the total


def test_docx_has_its_own_styles_properties_contents_and_landscape_tables(reg: Any) -> None:
    import datetime as dt
    import io
    import zipfile

    docx = pytest.importorskip("docx")
    from lessonkit.renderers.docx import render

    session = demo("seeds-workshop.json")
    data = render(build_report(session, reg), {})
    book = docx.Document(io.BytesIO(data))
    props = book.core_properties
    assert props.author == session.organiser and props.title == session.title
    created = props.created.replace(tzinfo=None)
    assert abs((dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - created).total_seconds()) < 600
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert f'w:{slot}="TH SarabunPSK"' in styles
    defaults = styles.split("<w:docDefaults")[1].split("</w:docDefaults>")[0]
    ours = [s for s in styles.split("<w:style ") if re.search(r'w:styleId="(Heading\d|Normal|Title)"', s)]
    assert ours and not any("Theme=" in s or "theme=" in s for s in [defaults, *ours])
    assert 'w:ascii="TH SarabunPSK"' in defaults
    assert 'w:bidi="th-TH"' in styles
    for size, size_cs in re.findall(r'<w:sz w:val="(\d+)"/><w:szCs w:val="(\d+)"/>', styles):
        assert size == size_cs
    assert " TOC " in body and "updateFields" in settings
    assert 'w:orient="landscape"' in body  # the EE plan table turns the page
    assert 'w:fmt="thaiNumbers"' in body


LONG_CELL = "สำนักงานสถิติแห่งชาติร่วมกับหน่วยงานท้องถิ่นเผยแพร่ข้อมูล <b>"


def _kept_table() -> Any:
    from lessonkit.report import Document

    return Document("t", chapters=[Section("c", blocks=[
        Table(["หน่วยงานที่รับผิดชอบ", "จำนวน"], [[LONG_CELL, 3], ["ครู", 4]])])])


def test_html_keeps_thai_dictionary_words_whole_in_table_cells_by_default() -> None:
    pytest.importorskip("pythainlp")
    from lessonkit.renderers.html import render

    kept = render(_kept_table(), {})
    assert '<span class="w">' in kept and "&lt;b&gt;" in kept and "<b>" not in kept
    cell = kept.split("<tbody>")[1].split("</td>")[0]
    # every Thai word of the wrapping cell is inside a kept word: the browser cannot break
    # inside one, only between two
    assert not re.search("[\u0e01-\u0e4e]{2}", re.sub(r'<span class="w">[^<]*</span>', "", cell))
    assert '<span class="w">หน่วยงาน</span>' in cell and '<span class="w">เผยแพร่</span>' in cell
    assert '<th><span class="w">หน่วยงาน</span>' in kept  # headers wrap too
    assert "<td class=\"nowrap\">ครู</td>" in kept  # a short cell never wraps: left as it is
    plain = render(_kept_table(), {"thai_words": False})
    assert 'class="w"' not in plain
    # the spans change no text
    assert re.sub(r"<[^>]+>", "", kept) == re.sub(r"<[^>]+>", "", plain)


def test_html_without_pythainlp_leaves_line_breaking_to_the_browser() -> None:
    """Without the ``thai`` extra the page renders, with the browser's own line breaking."""
    code = ("import sys; sys.modules['pythainlp'] = None\n"
            "sys.path.insert(0, 'tests')\n"
            "from test_book import _kept_table\n"
            "from lessonkit.renderers.html import render\n"
            "from lessonkit.renderers.thaiwords import segmenter\n"
            "assert segmenter() is None\n"
            "print(render(_kept_table(), {}) == render(_kept_table(), {'thai_words': False}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_the_thai_dictionary_is_built_once_and_answers_like_pythainlps_trie() -> None:
    corpus = pytest.importorskip("pythainlp.corpus")
    from pythainlp.util import Trie

    from lessonkit.renderers.thaiwords import Dictionary, segmenter

    assert segmenter() is segmenter()  # loaded once per process
    words = sorted(corpus.thai_words())[::40]
    ours, theirs = Dictionary(words), Trie(words)
    rng = random.Random(15)
    for _ in range(300):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        for start in range(len(text) + 1):
            assert ours.prefixes(text, start) == theirs.prefixes(text, start), (text, start)


def test_pdf_contents_numbers_come_from_the_printed_outline() -> None:
    """The bookmarks Chromium writes (page tree, UTF-16 and literal titles) give each
    contents entry its printed number: front matter in letters, the body from ๑."""
    from lessonkit.renderers.html import contents_entries, render
    from lessonkit.renderers.pdf import outline_pages, page_labels
    from lessonkit.report import Document

    def hexed(text: str) -> str:
        return "<" + text.encode("utf-16-be").hex().upper().join(["FEFF", ""]) + ">"

    kids = " ".join(f"{n} 0 R" for n in range(3, 9))
    pdf = ("%PDF-1.7\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n"
           f"2 0 obj\n<</Type /Pages\n/Count 6\n/Kids [{kids}]>>\nendobj\n"
           + "".join(f"{n} 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj\n" for n in range(3, 9))
           + "9 0 obj\n<</Length 3>> stream\nabc\nendstream\nendobj\n"
           f"10 0 obj\n<</Title {hexed('บทที่ ๑บทนำ')}\n/Dest [6 0 R /XYZ 0 700 0]>>\nendobj\n"
           f"11 0 obj\n<</Title {hexed('บทสรุปผู้บริหาร')}\n/Dest [5 0 R /XYZ 0 700 0]>>\nendobj\n"
           f"12 0 obj\n<</Title {hexed('๑.๑ ผู้เข้าร่วม')}\n/Dest [7 0 R /XYZ 0 300 0]>>\nendobj\n"
           "13 0 obj\n<</Title (Appendix \\(A\\))\n/Dest [8 0 R /XYZ 0 700 0]>>\nendobj\n"
           ).encode("latin-1")
    marks = outline_pages(pdf)
    assert marks == [("บทสรุปผู้บริหาร", 2), ("บทที่ ๑บทนำ", 3), ("๑.๑ ผู้เข้าร่วม", 4),
                     ("Appendix (A)", 5)]
    doc = Document("t", chapters=[
        Section("บทสรุปผู้บริหาร", key="executive_summary", numbered=False),
        Section("บทนำ", number="1", subsections=[Section("ผู้เข้าร่วม", number="1.1")]),
        Section("ภาคผนวก", numbered=False)])
    entries = contents_entries(doc)
    assert page_labels(doc, entries, marks) == {}  # ภาคผนวก has no bookmark: no numbers
    marks.append(("ภาคผนวก", 5))
    labels = page_labels(doc, entries, marks)
    assert labels == {"chapter-1": "ข", "chapter-2": "๑", "s-1-1": "๒", "chapter-3": "๓"}
    page = render(doc, {"toc_pages": labels})
    assert '<span class="t">บทที่ ๑ บทนำ</span><span class="fill"></span><span class="pg">๑</span>' \
        in page and "<span>หน้า</span>" in page


def test_html_does_not_title_a_chart_twice_under_its_own_heading(reg: Any) -> None:
    from lessonkit.renderers.html import render
    from lessonkit.report import Chart, Document

    page = render(build_report(demo("phatthalung-5c4f.json"), reg))
    heading = re.search(r"<h\d[^>]*>[^<]*ภาพรวมรายมิติจำแนกตามช่วงวัย</h\d>", page)
    assert heading and "<figcaption>ภาพรวมรายมิติจำแนกตามช่วงวัย" not in page
    chart = Chart("bar", ["ก"], [1.0], title="ค่าเฉลี่ย")
    later = render(Document("t", chapters=[Section("c", blocks=[
        Paragraph("ก่อน"), chart]), Section("ค่าเฉลี่ย", blocks=[chart])]))
    assert later.count("<figcaption>ค่าเฉลี่ย</figcaption>") == 1  # titled where it is not the heading
