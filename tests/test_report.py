"""The report document model and how the core assembles the book."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from _report_fixtures import make_session, registry

from lessonkit import hookimpl
from lessonkit.errors import NotFoundError, ValidationError
from lessonkit.report import (
    BulletList,
    Chart,
    Document,
    Heading,
    Note,
    NumberedList,
    Paragraph,
    ReportContext,
    Section,
    Series,
    Table,
    build_report,
    document_from_data,
    document_to_data,
    format_number,
    iter_sections,
)


def titles(doc: Document) -> list[str]:
    return [doc.section_label(s) for _d, s in iter_sections(doc.chapters)]


def blocks_of(section: Section, kind: type) -> list[Any]:
    return [b for b in section.blocks if isinstance(b, kind)]


def find(doc: Document, key: str) -> Section:
    for _depth, section in iter_sections(doc.chapters):
        if section.key == key:
            return section
    raise AssertionError(f"no section {key!r} in {[s.key for _d, s in iter_sections(doc.chapters)]}")


def test_book_has_overview_a_chapter_per_group_and_a_summary() -> None:
    doc = build_report(make_session(), registry())
    keys = [c.key for c in doc.chapters]
    assert keys == ["executive_summary", "introduction", "process", "results", "summary",
                    "conclusions", "appendices"]
    assert [c.number for c in doc.chapters] == [None, "1", "2", "3", "4", "5", None]
    results = doc.chapters[3]
    # one results chapter, a section per group numbered after the group
    assert [s.title for s in results.subsections] == [
        "กลุ่มที่ ๑ การคุ้มครองทางสังคมสำหรับเด็ก", "กลุ่มที่ ๒ การคุ้มครองทางสังคมสำหรับวัยแรงงาน"]
    assert [s.number for s in results.subsections] == ["3.1", "3.2"]
    assert doc.participants == 5
    assert doc.date == dt.date(2017, 12, 22)
    assert doc.date_text() == "๒๒ ธันวาคม ๒๕๖๐"


def test_numbering_in_thai_digits_like_the_seeds() -> None:
    doc = build_report(make_session(), registry())
    labels = titles(doc)
    assert "๑.๑ ผู้เข้าร่วมประชุมและการจัดกลุ่ม" in labels
    assert "๓.๑.๑ สมาชิก" in labels
    assert any(label.startswith("๓.๑.๒.๑ ขั้นตอนที่ ๑ กำหนดภารกิจที่คาดหวัง : ") for label in labels)
    assert doc.chapter_label(2) == "บทที่ ๒"
    assert doc.chapter_label(0) == ""  # the executive summary is not a numbered chapter


def test_english_uses_arabic_digits_by_default_and_thai_on_request() -> None:
    session = make_session(locale="en")
    doc = build_report(session, registry())
    assert doc.digits == "arabic"
    assert doc.chapter_label(2) == "Chapter 2"
    assert "3.1.1 Members" in titles(doc)
    thai = build_report(session, registry(), digits="thai")
    assert "๓.๑.๑ Members" in titles(thai)
    with pytest.raises(ValidationError):
        build_report(session, registry(), digits="roman")


def test_step_headings_name_their_own_group() -> None:
    """The seeds headed group 2's step with group 1's name; headings come from the data."""
    doc = build_report(make_session(), registry())
    step = find(doc, "group.workers.demo.mission")
    assert step.title.endswith(": การคุ้มครองทางสังคมสำหรับวัยแรงงาน")
    assert "เด็ก" not in step.title
    step1 = find(doc, "group.children.demo.mission")
    assert step1.title.endswith(": การคุ้มครองทางสังคมสำหรับเด็ก")


def test_members_are_a_numbered_list_and_participants_a_table() -> None:
    doc = build_report(make_session(), registry())
    members = find(doc, "group.children.members")
    (numbered,) = blocks_of(members, NumberedList)
    assert numbered.items == ("ฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน", "สำนักงานสถิติแห่งชาติ")
    assert numbered.title == "สมาชิกผู้เข้าร่วมถอดบทเรียน : การคุ้มครองทางสังคมสำหรับเด็ก"
    (table,) = blocks_of(members, Table)
    assert len(table.rows) == 3
    short = build_report(make_session(), registry(), options={"max_participants_listed": 2})
    members = find(short, "group.children.members")
    assert not blocks_of(members, Table)
    assert "๓" in blocks_of(members, Paragraph)[0].text


def test_generic_fallback_renders_answers_rankings_and_profiles() -> None:
    doc = build_report(make_session(), registry())
    mission = find(doc, "group.workers.demo.mission")
    headings = [b.text for b in blocks_of(mission, Heading)]
    assert headings == ["วัตถุประสงค์ของภารกิจ", "ความสำคัญ"]
    (objectives,) = blocks_of(mission, NumberedList)
    assert objectives.items == ("คุ้มครองแรงงานนอกระบบ", "ขยายหลักประกันทางสังคม")
    (ranking,) = blocks_of(mission, Table)
    assert ranking.headers[:2] == ("ลำดับ", "รายการ")
    # p1: o1=3, o2=1; p2: o1=1, o2=2 -> sums 4 and 3
    assert [row[:3] for row in ranking.rows] == [("๑", "คุ้มครองแรงงานนอกระบบ", 4),
                                                  ("๒", "ขยายหลักประกันทางสังคม", 3)]
    (bar,) = blocks_of(mission, Chart)
    assert bar.kind == "bar" and bar.values == (4.0, 3.0)
    # ties are shown as "1=" in the report's digits
    tied = find(doc, "group.children.demo.mission")
    assert [row[0] for row in blocks_of(tied, Table)[0].rows] == ["๑=", "๑=", "๑="]

    plan = find(doc, "group.children.demo.plan")
    tables = blocks_of(plan, Table)
    assert tables[0].headers == ("เป้าหมาย", "หลักฐาน")
    assert tables[0].rows[0][1] == '=HYPERLINK("x")'
    (radar,) = blocks_of(plan, Chart)
    assert radar.kind == "radar"
    assert radar.labels == ("สนุก", "ปลอดภัย", "สำหรับทุกคน")
    assert radar.maximum == 10
    assert [b.items for b in blocks_of(plan, NumberedList)] == [("บรรทัดแรก\nบรรทัดที่สอง",)]


def test_prompts_without_answers_say_so() -> None:
    session = make_session()
    group = session.groups[1]
    group.entries.clear()
    group.scores.clear()
    doc = build_report(session, registry(), draft=True)
    mission = find(doc, "group.workers.demo.mission")
    texts = [b.text for b in blocks_of(mission, Paragraph)]
    assert texts == ["ยังไม่มีคำตอบ", "ยังไม่มีคะแนน"]
    # the final edition leaves the empty step out, and says once what had no data
    final = build_report(session, registry())
    keys = [s.key for _d, s in iter_sections(final.chapters)]
    assert "group.workers.demo.mission" not in keys
    assert not any("ยังไม่มี" in str(b) for _d, s in iter_sections(final.chapters)
                   for b in s.blocks)


def test_action_items_per_group_and_for_all_groups() -> None:
    doc = build_report(make_session(), registry())
    actions = find(doc, "group.children.actions")
    (table,) = blocks_of(actions, Table)
    assert table.rows[0] == ("ติดตามผล เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง", "สำนักงาน",
                             "๓๑ ม.ค. ๒๕๖๑", "ยังไม่เริ่ม")
    everything = find(doc, "summary.actions")
    assert len(blocks_of(everything, Table)[0].rows) == 2


def test_group_option_gives_one_group_and_no_summary() -> None:
    doc = build_report(make_session(), registry(), group="workers")
    assert [c.key for c in doc.chapters] == ["results"]
    (only,) = doc.chapters[0].subsections
    assert only.title.startswith("กลุ่มที่ ๒ ")  # its number in the session
    assert only.number == "1.2"
    with pytest.raises(NotFoundError):
        build_report(make_session(), registry(), group="nobody")


class Contributor:
    """Contributes a mission section for the demo method and a session-wide section."""

    def __init__(self, *markers: Any) -> None:
        self.markers = markers

    @hookimpl
    def report_sections(self, context: ReportContext, method: Any, group: Any) -> Any:
        if method.key != "demo":
            return None
        if group is None:
            return [Section(title=context.t("summary_all_groups"), key="demo.summary",
                            blocks=[Paragraph(context.t("participants_n",
                                                        n=context.session.participant_count()))])]
        goals = [e.text for e in group.entries_for("demo", "mission", "objectives")]
        return [*self.markers,
                Section(title=f"{context.group_title(group)} — {context.text(method.title)}",
                        key=f"demo.{group.key}", blocks=[NumberedList(goals)])]


class Broken:
    @hookimpl
    def report_sections(self, context: Any, method: Any, group: Any) -> Any:
        raise RuntimeError("boom")


class WrongType:
    @hookimpl
    def report_sections(self) -> Any:
        return ["not a section"]


GENERIC_KEYS = ["group.children.demo.mission", "group.children.demo.plan"]


def test_plugin_sections_no_longer_silently_replace_the_generic_ones() -> None:
    doc = build_report(make_session(), registry(("contrib", Contributor())))
    part = find(doc, "group.children.demo")
    assert [s.key for s in part.subsections] == ["demo.children", *GENERIC_KEYS]


def test_a_plugin_leaves_the_generic_sections_out_with_no_generic() -> None:
    from lessonkit.report import NO_GENERIC

    doc = build_report(make_session(), registry(("contrib", Contributor(NO_GENERIC))))
    part = find(doc, "group.children.demo")
    assert [s.key for s in part.subsections] == ["demo.children"]


def test_a_plugin_places_the_generic_sections_with_generic() -> None:
    from lessonkit.report import GENERIC

    doc = build_report(make_session(), registry(("contrib", Contributor(GENERIC))))
    part = find(doc, "group.children.demo")
    assert [s.key for s in part.subsections] == [*GENERIC_KEYS, "demo.children"]


def test_plugin_sections_keep_their_part_and_summary() -> None:
    doc = build_report(make_session(), registry(("contrib", Contributor())))
    part = find(doc, "group.children.demo")
    assert part.subsections[0].part == "demo"
    assert part.subsections[0].title == "กลุ่มที่ ๑ การคุ้มครองทางสังคมสำหรับเด็ก — การประเมินตัวอย่าง"
    summary = find(doc, "demo.summary")
    assert blocks_of(summary, Paragraph)[0].text == "ผู้เข้าร่วม ๕ คน"
    assert summary.number == "4.1.1"


def test_a_failing_plugin_becomes_a_warning_and_the_rest_renders() -> None:
    from lessonkit.report import NO_GENERIC

    reg = registry(("contrib", Contributor(NO_GENERIC)), ("broken", Broken()), ("wrongtype", WrongType()))
    doc = build_report(make_session(), reg, draft=True)
    part = find(doc, "group.children.demo")
    notes = blocks_of(part, Note)
    assert len(notes) == 2 and all(n.kind == "warning" for n in notes)
    # the final edition keeps the book clean and hands the warnings to the caller
    final = build_report(make_session(), reg)
    assert not blocks_of(find(final, "group.children.demo"), Note)
    assert any("'broken'" in w for w in final.warnings)
    assert "'broken'" in notes[0].text and "boom" in notes[0].text
    assert "'wrongtype'" in notes[1].text
    assert [s.key for s in part.subsections] == ["demo.children"]
    assert any("broken" in w and "report_sections" in w for w in reg.warnings)
    assert any("wrongtype" in w for w in reg.warnings)


def test_only_a_broken_plugin_falls_back_to_the_generic_sections() -> None:
    doc = build_report(make_session(), registry(("broken", Broken())), draft=True)
    part = find(doc, "group.children.demo")
    assert blocks_of(part, Note)
    assert [s.key for s in part.subsections] == ["group.children.demo.mission",
                                                 "group.children.demo.plan"]


def test_context_translates_with_digits_and_formats_dates() -> None:
    ctx = ReportContext(session=make_session(), registry=None, locale="th", digits="thai")
    assert ctx.t("participants_n", n=81) == "ผู้เข้าร่วม ๘๑ คน"
    assert ctx.date(dt.date(2017, 12, 22)) == "๒๒ ธันวาคม ๒๕๖๐"
    assert ctx.num(1234.5) == "๑,๒๓๔.๕"
    en = ReportContext(session=make_session(), registry=None, locale="en", digits="arabic")
    assert en.t("participants_n", n=81) == "81 participants"
    assert en.date(dt.date(2017, 12, 22)) == "22 December 2017"  # English books use CE
    assert en.group_title(en.session.groups[1]) == "Group 2: การคุ้มครองทางสังคมสำหรับวัยแรงงาน"


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (3, "arabic", "3"), (2.0, "arabic", "2"), (2.3333, "arabic", "2.33"), (2.5, "thai", "๒.๕"),
    (12345, "thai", "๑๒,๓๔๕"), (float("nan"), "arabic", "–"), (0.005, "arabic", "0.01"),
    (-1.25, "arabic", "-1.25"),
])
def test_format_number(value: float, digits: str, expected: str) -> None:
    assert format_number(value, digits) == expected


def test_blocks_validate_their_shape() -> None:
    with pytest.raises(ValidationError, match="row 1 has 1 cells"):
        Table(["a", "b"], [["x"]])
    with pytest.raises(ValidationError, match="alignment"):
        Table(["a"], [["x"]], align=["middle"])
    with pytest.raises(ValidationError, match="chart kind"):
        Chart("pie", ["a"], [1])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="2 values for 3 labels"):
        Chart("radar", ["a", "b", "c"], series=[Series("x", [1, 2])])
    assert Table(["n"], [[1], [2.5]]).alignment(0) == "right"
    assert Table(["n"], [["x"]]).alignment(0) == "left"
    assert Chart("bar", ["a", "b"], [1, 4]).top() == 4
    assert Chart("bar", ["a"], [1], maximum=3).top() == 3


def test_json_structure_round_trips() -> None:
    doc = build_report(make_session(), registry())
    data = document_to_data(doc)
    assert data["format"] == "lessonkit-report" and data["version"] == 1
    assert data["date"] == "2017-12-22"
    first = data["chapters"][3]["subsections"][0]["subsections"][0]
    assert first["type"] == "section" and first["number"] == "3.1.1"
    assert first["blocks"][0]["type"] == "numbered_list"
    assert document_from_data(data) == doc
    with pytest.raises(ValidationError):
        document_from_data({"format": "other"})


def test_json_has_no_nan() -> None:
    doc = Document(title="t", chapters=[Section("s", [Table(["x"], [[float("nan")]]),
                                                      Chart("bar", ["a"], [float("inf")])])])
    data = document_to_data(doc)
    blocks = data["chapters"][0]["blocks"]
    assert blocks[0]["rows"] == [[None]] and blocks[1]["values"] == [None]


def test_bullet_list_and_section_helpers() -> None:
    section = Section("s").add(BulletList(["a", None]), Note("n", kind="warning"))  # type: ignore[list-item]
    assert section.blocks[0].items == ("a", "")  # type: ignore[union-attr]
    assert len(section.blocks) == 2
