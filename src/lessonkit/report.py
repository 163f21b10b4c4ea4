"""The report book as a small document model, and how the core assembles it.

A report is a :class:`Document` (title-page data plus chapters); a chapter is a
:class:`Section`; a section holds *blocks* — :class:`Heading`,
:class:`Paragraph`, :class:`BulletList`, :class:`NumberedList`,
:class:`Table`, :class:`Chart`, :class:`Note` — and subsections. The classes
are plain attrs data and do no I/O; the renderers in :mod:`lessonkit.renderers`
turn a document into Markdown, HTML, text, JSON or DOCX.

Method plugins contribute sections through the ``report_sections`` hook::

    from lessonkit import hookimpl
    from lessonkit.report import NumberedList, Section

    @hookimpl
    def report_sections(context, method, group):  # called for the plugin's own methods
        if group is None:
            return None
        items = [e.text for e in group.entries_for("mine", "s1", "goals")]
        return [Section(title=context.t("goals"), blocks=[NumberedList(items)])]

:func:`build_report` assembles the book: an overview chapter (date, venue,
participants, the groups), a chapter per group (members, participants, then
each method's sections — the plugins', and a generic rendering of the answers
unless a plugin says :data:`NO_GENERIC` — and the group's action items), and a
session-wide chapter. It numbers chapters and sections (``2.4``); renderers
show the numbers in Thai digits when ``digits="thai"``.

Texts in blocks are plain strings (never markup): every renderer escapes
them for its format.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from lessonkit.errors import LessonkitError, ReportInputError, ValidationError
from lessonkit.i18n import add_messages
from lessonkit.i18n import t as translate
from lessonkit.method import LocalizedText, Method, Prompt, Step
from lessonkit.model import Group, Session
from lessonkit.thai import format_date, format_digits

__all__ = [
    "GENERIC",
    "NO_GENERIC",
    "Block",
    "BulletList",
    "Cell",
    "Chart",
    "Document",
    "Heading",
    "Note",
    "NumberedList",
    "Paragraph",
    "ReportContext",
    "Section",
    "Series",
    "Table",
    "build_report",
    "document_from_data",
    "document_to_data",
    "format_number",
    "generic_sections",
    "iter_sections",
]

class GenericPart:
    """A marker a ``report_sections`` implementation puts in its list of sections."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"lessonkit.report.{self.name}"


#: In a list returned by ``report_sections``: put the core's generic sections of the
#: method (:func:`generic_sections`) here.
GENERIC = GenericPart("GENERIC")
#: In a list returned by ``report_sections``: leave the generic sections out (the
#: plugin's sections cover the method's answers).
NO_GENERIC = GenericPart("NO_GENERIC")

#: A table cell: text, a number (formatted by the renderer with the document's digits) or empty.
Cell = str | int | float | None

DIGIT_STYLES = ("thai", "arabic")
#: The version of the JSON structure of :func:`document_to_data`.
JSON_VERSION = 1

add_messages({
    "report_title": {"en": "Workshop report", "th": "รายงานสรุปผลการประชุม"},
    "chapter_n": {"en": "Chapter {n}", "th": "บทที่ {n}"},
    "overview": {"en": "Participants and groups", "th": "ผู้เข้าร่วมประชุมและการจัดกลุ่ม"},
    "workshop_results": {"en": "Workshop results", "th": "ผลการประชุมเชิงปฏิบัติการ"},
    "overview_held": {"en": "The workshop was held on {date} at {venue}.",
                      "th": "การประชุมเชิงปฏิบัติการดำเนินการเมื่อวันที่ {date} ณ {venue}"},
    "overview_date": {"en": "The workshop was held on {date}.",
                      "th": "การประชุมเชิงปฏิบัติการดำเนินการเมื่อวันที่ {date}"},
    "overview_venue": {"en": "The workshop was held at {venue}.",
                       "th": "การประชุมเชิงปฏิบัติการดำเนินการ ณ {venue}"},
    "overview_groups": {"en": "{n} participants took part, in {groups} groups:",
                        "th": "ผู้เข้าร่วมกระบวนการรวมทั้งสิ้นจำนวน {n} คน แบ่งเป็น {groups} กลุ่ม ดังนี้"},
    "methods_used": {"en": "Methods used", "th": "วิธีการที่ใช้"},
    "members_of": {"en": "Members: {name}", "th": "สมาชิกผู้เข้าร่วมถอดบทเรียน : {name}"},
    "participants_listed": {"en": "Participants ({n})", "th": "รายชื่อผู้เข้าร่วม ({n} คน)"},
    "participants_omitted": {"en": "{n} participants (list left out of the report).",
                             "th": "ผู้เข้าร่วม {n} คน (ไม่แสดงรายชื่อในรายงาน)"},
    "answers_summarised": {
        "en": "{n} answers, {distinct} different; the {shown} most frequent are shown. Every "
              "answer: 'lessonkit report --full-listing' or 'lessonkit export'.",
        "th": "คำตอบ {n} รายการ ไม่ซ้ำกัน {distinct} รายการ แสดง {shown} รายการที่พบบ่อยที่สุด "
              "ดูคำตอบทั้งหมดด้วย 'lessonkit report --full-listing' หรือ 'lessonkit export'"},
    "answer": {"en": "Answer", "th": "คำตอบ"},
    "rows_omitted": {
        "en": "{n} rows (left out of the report). Every row: 'lessonkit report --full-listing' "
              "or 'lessonkit export'.",
        "th": "{n} แถว (ไม่แสดงในรายงาน) ดูทั้งหมดด้วย 'lessonkit report --full-listing' "
              "หรือ 'lessonkit export'"},
    "step_of_group": {"en": "Step {n}: {step} — {group}", "th": "ขั้นตอนที่ {n} {step} : {group}"},
    "no_answers": {"en": "No answers yet.", "th": "ยังไม่มีคำตอบ"},
    "no_scores": {"en": "No scores yet.", "th": "ยังไม่มีคะแนน"},
    "ranked_by": {"en": "Ranked by: {rule}", "th": "จัดลำดับโดย: {rule}"},
    "ranking_unavailable": {"en": "The ranking could not be computed: {error}",
                            "th": "ไม่สามารถจัดลำดับได้: {error}"},
    "profile": {"en": "Profile by criterion", "th": "ภาพรวมรายมิติ"},
    "plugin_failed": {"en": "The plugin {plugin!r} failed to build its report section: {error}",
                      "th": "ปลั๊กอิน {plugin!r} สร้างส่วนของรายงานไม่สำเร็จ: {error}"},
    "count": {"en": "Count", "th": "จำนวน"},
    "choice": {"en": "Choice", "th": "ตัวเลือก"},
    "summary_all_groups": {"en": "Summary across groups", "th": "สรุปภาพรวมทุกกลุ่ม"},
    "all_actions": {"en": "Action items of all groups", "th": "สิ่งที่ต้องดำเนินการของทุกกลุ่ม"},
    "number_of_participants": {"en": "Number of participants", "th": "จำนวนผู้เข้าร่วม"},
    "note": {"en": "Note", "th": "หมายเหตุ"},
    "contents": {"en": "Contents", "th": "สารบัญ"},
    "contents_subject": {"en": "Chapter and section", "th": "เรื่อง"},
    "contents_page": {"en": "Page", "th": "หน้า"},
    # the book (0.2)
    "book_subtitle": {"en": "Report of the workshop", "th": "รายงานสรุปผลการประชุมเชิงปฏิบัติการ"},
    "organiser": {"en": "Organised by", "th": "จัดโดย"},
    "people_n": {"en": "{n} people", "th": "{n} คน"},
    "head_count": {"en": "Participants", "th": "ผู้เข้าร่วมประชุม"},
    "foreword": {"en": "Foreword", "th": "คำนำ"},
    "executive_summary": {"en": "Executive summary", "th": "บทสรุปผู้บริหาร"},
    "introduction": {"en": "Introduction", "th": "บทนำ"},
    "process": {"en": "How the workshop was run", "th": "กระบวนการประชุมเชิงปฏิบัติการ"},
    "results": {"en": "Results by group", "th": "ผลการประชุมเชิงปฏิบัติการ"},
    "conclusions": {"en": "Conclusions and recommendations", "th": "สรุปและข้อเสนอแนะ"},
    "recommendations": {"en": "Recommendations", "th": "ข้อเสนอแนะ"},
    "appendices": {"en": "Appendices", "th": "ภาคผนวก"},
    "appendix_n": {"en": "Appendix {n}", "th": "ภาคผนวก {n}"},
    "agenda": {"en": "Programme", "th": "กำหนดการ"},
    "participants_by_agency": {"en": "Participants by agency", "th": "รายชื่อหน่วยงานผู้เข้าร่วม"},
    "no_data_line": {"en": "No data was recorded for: {items}.",
                     "th": "ไม่มีข้อมูลสำหรับ: {items}"},
    "summary_held_by": {"en": "{organiser} held the workshop “{title}” {when}{where}. {people} "
                              "took part, in {groups}{methods}.",
                        "th": "{organiser} จัดการประชุมเชิงปฏิบัติการ “{title}” {when}{where} "
                              "มีผู้เข้าร่วม {people} แบ่งเป็น {groups}{methods}"},
    "summary_held": {"en": "The workshop “{title}” was held {when}{where}. {people} took part, "
                           "in {groups}{methods}.",
                     "th": "การประชุมเชิงปฏิบัติการ “{title}” จัดขึ้น{when}{where} "
                           "มีผู้เข้าร่วม {people} แบ่งเป็น {groups}{methods}"},
    "summary_when": {"en": "on {date}", "th": "เมื่อวันที่ {date}"},
    "summary_where": {"en": " at {venue}", "th": " ณ {venue}"},
    "summary_methods": {"en": ", using {methods}", "th": " โดยใช้{methods}"},
    "groups_n": {"en": "{n} groups", "th": "{n} กลุ่ม"},
    "one_group": {"en": "one group", "th": "๑ กลุ่ม"},
    "people_sentence_n": {"en": "{n} people", "th": "{n} คน"},
    "one_person": {"en": "One person", "th": "๑ คน"},
    "summary_findings": {"en": "Main findings", "th": "ผลการประชุมที่สำคัญ"},
    "summary_counts": {"en": "Groups at a glance", "th": "ภาพรวมของแต่ละกลุ่ม"},
    "registered": {"en": "Registered", "th": "ลงทะเบียน"},
    "answers": {"en": "Answers", "th": "คำตอบ"},
    "action_items_n": {"en": "Action items", "th": "สิ่งที่ต้องดำเนินการ"},
    "total": {"en": "Total", "th": "รวม"},
    "method_steps": {"en": "Steps", "th": "ขั้นตอน"},
    "step_n_title": {"en": "Step {n}: {title}", "th": "ขั้นตอนที่ {n} {title}"},
    "groups_section": {"en": "Groups", "th": "การจัดกลุ่ม"},
    "signed_date": {"en": "{date}", "th": "{date}"},
    "from_actions": {"en": "Agreed actions", "th": "แนวทางการดำเนินงานที่กลุ่มเสนอ"},
    "participant_no": {"en": "Participant {n}", "th": "ผู้เข้าร่วมคนที่ {n}"},
    "no_agency": {"en": "(agency not given)", "th": "(ไม่ระบุหน่วยงาน)"},
    "mean_n": {"en": "{mean} (n = {n})", "th": "{mean} (จำนวน {n})"},
})


# --------------------------------------------------------------------------- blocks


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _str_tuple(value: Iterable[Any]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in value)


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return str(value)


def _rows(value: Iterable[Iterable[Any]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(_cell(c) for c in row) for row in value)


def _floats(value: Iterable[Any]) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


@attrs.frozen
class Heading:
    """A sub-heading inside a section (``level`` 1 is the highest inside the section).

    >>> Heading("ผลการประชุม", level=2).level
    2
    """

    text: str
    level: int = 1
    type: str = attrs.field(default="heading", init=False)


@attrs.frozen
class Paragraph:
    """A paragraph of plain text; ``label`` is shown in bold before it (``"Owner:"``).

    >>> Paragraph("นายสมชาย", label="ผู้รับผิดชอบ:").label
    'ผู้รับผิดชอบ:'
    """

    text: str
    label: str | None = None
    #: ``"signature"``: set right (the foreword's signature); ``None``: body text
    role: str | None = None
    type: str = attrs.field(default="paragraph", init=False)


@attrs.frozen
class BulletList:
    """A bulleted list; ``title`` is shown above it (like the seeds' ``• วัตถุประสงค์``).

    >>> BulletList(["ลดขั้นตอน", "เพิ่มงบ"], title="วัตถุประสงค์").items
    ('ลดขั้นตอน', 'เพิ่มงบ')
    """

    items: tuple[str, ...] = attrs.field(converter=_str_tuple)
    title: str | None = None
    type: str = attrs.field(default="bullet_list", init=False)


@attrs.frozen
class NumberedList:
    """A numbered list shown ``1) …`` (``๑) …`` with Thai digits), starting at ``start``.

    >>> NumberedList(["ประชุม", "ติดตาม"], start=3).start
    3
    """

    items: tuple[str, ...] = attrs.field(converter=_str_tuple)
    title: str | None = None
    start: int = 1
    type: str = attrs.field(default="numbered_list", init=False)


@attrs.frozen
class Table:
    """A table. Cells are text, numbers or ``None``; renderers format numbers
    (``decimals`` places at most, in the document's digits) and align them right.

    ``align`` optionally gives ``"left"``, ``"right"`` or ``"center"`` per column.

    >>> table = Table(["กิจกรรม", "คะแนน"], [["อบรมครู", 7], ["จัดงบ", 5]])
    >>> table.alignment(1)
    'right'
    """

    headers: tuple[str, ...] = attrs.field(converter=_str_tuple)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_rows)
    caption: str | None = None
    align: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    decimals: int = 2
    type: str = attrs.field(default="table", init=False)

    def __attrs_post_init__(self) -> None:
        width = len(self.headers)
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValidationError(
                    f"table row {i + 1} has {len(row)} cells but the table has {width} columns",
                    where=self.caption or "table",
                )
        for a in self.align:
            if a not in ("left", "right", "center"):
                raise ValidationError(f"column alignment {a!r} is not left, right or center")

    def alignment(self, column: int) -> str:
        """The alignment of a column: as given, else right for numbers, left for text."""
        if column < len(self.align) and self.align[column]:
            return self.align[column]
        values = [row[column] for row in self.rows if row[column] is not None]
        if values and all(isinstance(v, (int, float)) for v in values):
            return "right"
        return "left"


@attrs.frozen
class Series:
    """One series of a chart: a name and one value per label.

    >>> Series("คะแนน", [7, 5]).values
    (7.0, 5.0)
    """

    name: str
    values: tuple[float, ...] = attrs.field(converter=_floats)


@attrs.frozen
class Chart:
    """A chart: ``"bar"`` (horizontal bars, for ranked items) or ``"radar"``
    (a profile over dimensions).

    Give ``values`` for one series, or ``series`` for several (a radar chart
    of age bands, say). ``maximum`` fixes the end of the axis (the scale's
    top); by default it is the largest value.

    >>> chart = Chart("bar", ["อบรมครู", "จัดงบ"], [7, 5], title="Importance")
    >>> chart.top()
    7.0
    """

    kind: Literal["bar", "radar"]
    labels: tuple[str, ...] = attrs.field(converter=_str_tuple)
    values: tuple[float, ...] = attrs.field(default=(), converter=_floats)
    series: tuple[Series, ...] = attrs.field(default=(), converter=_tuple)
    title: str | None = None
    minimum: float = 0.0
    maximum: float | None = None
    type: str = attrs.field(default="chart", init=False)

    def __attrs_post_init__(self) -> None:
        if self.kind not in ("bar", "radar"):
            raise ValidationError(f"chart kind {self.kind!r} is not 'bar' or 'radar'")
        for s in self.all_series():
            if len(s.values) != len(self.labels):
                raise ValidationError(
                    f"chart series {s.name!r} has {len(s.values)} values for {len(self.labels)} labels"
                )

    def all_series(self) -> tuple[Series, ...]:
        """``series``, or ``values`` as one series named after the title."""
        if self.series:
            return self.series
        return (Series(self.title or "", self.values),)

    def top(self) -> float:
        """The end of the value axis."""
        if self.maximum is not None:
            return float(self.maximum)
        finite = [v for s in self.all_series() for v in s.values if math.isfinite(v)]
        return max([*finite, self.minimum + 1e-9]) if finite else 1.0


@attrs.frozen
class Note:
    """A remark set apart from the text; ``kind`` ``"warning"`` for problems.

    >>> Note("ยังไม่มีคะแนน", kind="warning").kind
    'warning'
    """

    text: str
    kind: Literal["info", "warning"] = "info"
    type: str = attrs.field(default="note", init=False)


Block = Heading | Paragraph | BulletList | NumberedList | Table | Chart | Note
BLOCK_TYPES: dict[str, type] = {
    "heading": Heading, "paragraph": Paragraph, "bullet_list": BulletList,
    "numbered_list": NumberedList, "table": Table, "chart": Chart, "note": Note,
}


def _block_list(value: Iterable[Block]) -> list[Block]:
    return list(value)


def _section_list(value: Iterable[Section]) -> list[Section]:
    return list(value)


@attrs.define
class Section:
    """A section: a title, blocks, subsections.

    ``key`` names it for programs (``"ee.mission"``), ``part`` says which
    method's part it belongs to. ``number`` (``"2.4"``, Arabic digits) is set
    by :func:`build_report`; ``numbered=False`` leaves a section unnumbered.

    >>> section = Section("กลุ่มที่ 1").add(Paragraph("สรุปผล"))
    >>> section.title, len(section.blocks)
    ('กลุ่มที่ 1', 1)
    """

    title: str
    blocks: list[Block] = attrs.field(factory=list, converter=_block_list)
    subsections: list[Section] = attrs.field(factory=list, converter=_section_list)
    key: str | None = None
    part: str | None = None
    numbered: bool = True
    number: str | None = None
    #: fixes this section's own number (a group's section is numbered after the group, so
    #: ``๓.๒ กลุ่มที่ ๒`` even when group 1 had no data and was left out)
    ordinal: int | None = None

    def add(self, *blocks: Block) -> Section:
        """Append blocks; returns the section (for chaining)."""
        self.blocks.extend(blocks)
        return self


@attrs.define
class Document:
    """A report book: title-page data and chapters (top-level sections).

    >>> doc = Document(title="AAR", locale="th", digits="thai")
    >>> doc.num(1234.5)
    '๑,๒๓๔.๕'
    """

    title: str
    locale: str = "th"
    digits: str = "thai"
    date: dt.date | None = None
    venue: str | None = None
    participants: int | None = None
    subtitle: str | None = None
    chapters: list[Section] = attrs.field(factory=list, converter=_section_list)
    #: the organising unit (cover; the foreword's signature)
    organiser: str | None = None
    #: ``True`` for the draft edition (placeholders and facilitator notes kept)
    draft: bool = False
    #: the facilitator's warnings left out of the final edition (the CLI prints them)
    warnings: list[str] = attrs.field(factory=list, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.digits not in DIGIT_STYLES:
            raise ValidationError(f"digits {self.digits!r} is not 'thai' or 'arabic'")

    # -- helpers for renderers -------------------------------------------
    def t(self, message: str, /, **kwargs: Any) -> str:
        """A built-in word in the document's locale, numbers in its digits."""
        return _t(self.locale, self.digits, message, kwargs)

    def num(self, value: float | int, decimals: int = 2) -> str:
        """A number in the document's digits (``๑,๒๓๔.๕`` for Thai digits)."""
        return format_number(value, self.digits, decimals)

    def digits_of(self, text: str) -> str:
        """``text`` (numbering, counts — never participant text) in the document's digits."""
        return format_digits(text, self.digits)

    def date_text(self) -> str | None:
        """The session date as the document's language writes it (Buddhist Era for Thai), or
        None.
        """
        if self.date is None:
            return None
        return _date_text(self.date, self.locale, self.digits, "long")

    def chapter_label(self, index: int) -> str:
        """``บทที่ ๒`` / ``Chapter 2`` for the chapter at ``index`` (0-based); ``""`` for an
        unnumbered chapter (foreword, executive summary, appendices)."""
        chapter = self.chapters[index] if 0 <= index < len(self.chapters) else None
        if chapter is None:
            return self.t("chapter_n", n=index + 1)
        if not chapter.numbered or not chapter.number:
            return ""
        return self.t("chapter_n", n=int(chapter.number))

    def numbers(self) -> NumberFormat:
        """The book's number formatter."""
        return NumberFormat(self.digits)

    def section_label(self, section: Section) -> str:
        """The section's title with its number in the document's digits: ``๒.๔ ผลการ…``."""
        if section.number:
            return f"{self.digits_of(section.number)} {section.title}"
        return section.title


def iter_sections(sections: Iterable[Section], depth: int = 0) -> Iterable[tuple[int, Section]]:
    """Every section with its depth (chapters are depth 0), depth first.

    >>> book = [Section("บทที่ 1", subsections=[Section("1.1")])]
    >>> [(depth, s.title) for depth, s in iter_sections(book)]
    [(0, 'บทที่ 1'), (1, '1.1')]
    """
    for section in sections:
        yield depth, section
        yield from iter_sections(section.subsections, depth + 1)


def format_number(value: float | int, digits: str = "arabic", decimals: int = 2,
                  fixed: bool = False) -> str:
    """A number for a reader: ``1234`` → ``1,234``; floats to ``decimals`` places, trailing
    zeros dropped (kept with ``fixed=True``, so a column reads ``4.50``, ``6.00``);
    ``inf``/``nan`` as ``–``; Thai digits when ``digits="thai"``.

    >>> format_number(1234.5), format_number(1234.5, "thai"), format_number(3.0)
    ('1,234.5', '๑,๒๓๔.๕', '3')
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    if fixed and decimals > 0 and not isinstance(value, int):
        text = f"{value:,.{decimals}f}"
    elif isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return format_digits(text, digits)


#: decimals per kind of quantity, the same all through the book
DECIMALS = {"count": 0, "score": 1, "mean": 2, "spread": 2, "percent": 0}


@attrs.frozen
class NumberFormat:
    """The book's one number formatter: digits per the book, a fixed number of decimals per
    kind of quantity (:data:`DECIMALS`), rank labels (``3=``) in the book's digits.

    >>> NumberFormat("thai").mean(4.5)
    '๔.๕๐'
    >>> NumberFormat("thai").rank("3=")
    '๓='
    """

    digits: str = "arabic"

    def count(self, value: int) -> str:
        return format_number(int(value), self.digits)

    def quantity(self, value: float | int | None, kind: str = "mean") -> str:
        """``value`` with the decimals of ``kind`` (``count``, ``score``, ``mean``, ``spread``);
        ``None`` as ``–``."""
        if value is None:
            return "–"
        places = DECIMALS.get(kind, 2)
        if places == 0:
            return format_number(round(value) if isinstance(value, float) and math.isfinite(value)
                                 else value, self.digits)
        if isinstance(value, int) and kind == "score":
            return format_number(value, self.digits)
        return format_number(float(value), self.digits, places, fixed=True)

    def mean(self, value: float | None) -> str:
        return self.quantity(value, "mean")

    def score(self, value: float | int | None) -> str:
        return self.quantity(value, "score")

    def rank(self, label: str | int | None) -> str:
        """A rank label (``2``, ``3=``) in the book's digits."""
        return "" if label is None else format_digits(str(label), self.digits)

    def text(self, text: str) -> str:
        """Numbering or counts inside a generated text (never participant text)."""
        return format_digits(text, self.digits)


def _date_text(value: dt.date, locale: str, digits: str, style: str) -> str:
    """Thai: Buddhist Era (``๒๒ ธันวาคม ๒๕๖๐``); English: CE (``22 December 2017``)."""
    era = "be" if locale == "th" else "ce"
    if style == "month":
        text = format_date(value, locale=locale, era=era, digits=digits, style="long")
        return text.split(" ", 1)[1]
    return format_date(value, locale=locale, era=era, digits=digits, style=style)


def _t(locale: str, digits: str, key: str, kwargs: Mapping[str, Any]) -> str:
    shown = {k: format_number(v, digits) if isinstance(v, (int, float)) and not isinstance(v, bool)
             else v for k, v in kwargs.items()}
    return translate(key, locale, **shown)


# --------------------------------------------------------------------------- context


_RANK_LABEL = re.compile(r"^[0-9๐-๙]+=?$")


@attrs.define
class ReportContext:
    """What a ``report_sections`` implementation gets to build its sections.

    :ivar session: the :class:`lessonkit.Session`.
    :ivar registry: the :class:`lessonkit.plugins.Registry` (methods, rules, renderers).
    :ivar locale: ``"th"`` or ``"en"``.
    :ivar digits: ``"thai"`` or ``"arabic"``.
    :ivar options: free options from the caller: ``max_participants_listed`` (default 100:
        above it, a group's participants are counted, not listed), ``max_answers_listed``
        (default 200: above it, a list of answers shows the most frequent ones with counts),
        ``full_listing`` (``True`` lists everything, whatever its size);
        ``"session_file"`` is the path the session was read from, when there is one (the
        command line passes it), so a plugin resolves paths in the settings against the
        session file's folder.
    :ivar draft: ``True`` for the draft edition: :meth:`placeholder` and :meth:`warn` put
        their text in the book; in the final edition (the default) placeholders are left
        out and warnings go to :attr:`warnings` (the CLI prints them on stderr).
    :ivar warnings: facilitator warnings collected while building the final edition.
    :ivar missing: what had no data (one line in the appendix of the final edition).

    >>> from lessonkit.model import Session
    >>> ctx = ReportContext(session=Session(title="AAR"), registry=None, locale="th", digits="thai")
    >>> ctx.num(12)
    '๑๒'
    """

    session: Session
    registry: Any
    locale: str = "th"
    digits: str = "thai"
    options: dict[str, Any] = attrs.field(factory=dict)
    draft: bool = False
    warnings: list[str] = attrs.field(factory=list)
    missing: list[str] = attrs.field(factory=list)

    @property
    def numbers(self) -> NumberFormat:
        """The book's number formatter (digits, decimals per quantity, rank labels)."""
        return NumberFormat(self.digits)

    def placeholder(self, text: str, label: str | None = None, *,
                    what: str | None = None) -> list[Block]:
        """A "no answers yet" line: a paragraph in the draft edition, nothing in the final
        one (``what``, if given, is listed once in the appendix as having no data)."""
        if what and what not in self.missing:
            self.missing.append(what)
        return [Paragraph(text, label=label)] if self.draft else []

    def warn(self, text: str, kind: Literal["info", "warning"] = "warning") -> list[Block]:
        """A facilitator's note (data problems, "raters disagree"): a note in the draft
        edition; in the final edition collected in :attr:`warnings` instead."""
        if self.draft:
            return [Note(text, kind=kind)]
        self.warnings.append(text)
        return []

    def t(self, message: str, /, **kwargs: Any) -> str:
        """A word from :mod:`lessonkit.i18n` in the report's locale; number arguments are
        shown in the report's digits."""
        return _t(self.locale, self.digits, message, kwargs)

    def text(self, value: LocalizedText | str | None) -> str:
        """A localized text (a method's title, a prompt) in the report's locale."""
        if value is None:
            return ""
        if isinstance(value, LocalizedText):
            return value.get(self.locale)
        return value

    def num(self, value: float | int | str, decimals: int = 2) -> str:
        """A number as text in the report's digits (for prose; table cells take numbers).

        A rank label (``"5="``) is accepted too, as :meth:`rank_label`.
        """
        if isinstance(value, str):
            return self.rank_label(value)
        return format_number(value, self.digits, decimals)

    def rank_label(self, label: str | int) -> str:
        """A ranking's label (``"5="``, ``"12"``) in the report's digits: ``"๕="``.

        Use it for :attr:`lessonkit.ranking.RankedItem.label` in tables and prose.
        """
        text = str(label)
        if not _RANK_LABEL.match(text):
            raise ValidationError(f"{label!r} is not a rank label (a whole number, '=' when tied)")
        return format_digits(text, self.digits)

    def date(self, value: dt.date, style: str = "long") -> str:
        """A date in the report's locale and digits: Buddhist Era in Thai, CE in English
        (``22 December 2017``); ``style="month"`` gives month and year only."""
        return _date_text(value, self.locale, self.digits, style)

    def listing_limit(self, kind: str = "answers") -> int | float:
        """How many rows a per-participant listing shows before the report summarises it:
        ``kind`` ``"participants"`` (option ``max_participants_listed``, default 100) or
        ``"answers"`` (``max_answers_listed``, default 200); unlimited with ``full_listing``.
        Plugins use it so a national survey's report stays a few megabytes."""
        if self.options.get("full_listing"):
            return math.inf
        if kind == "participants":
            return int(self.options.get("max_participants_listed", 100))
        return int(self.options.get("max_answers_listed", 200))

    def answer_list(self, texts: Sequence[str], *, title: str | None = None,
                    numbered: bool = True, top: int = 30) -> list[Block]:
        """Answers as a list, or, past :meth:`listing_limit`, a summary: how many answers,
        how many different, and the ``top`` most frequent with their counts."""
        if len(texts) <= self.listing_limit("answers"):
            return [NumberedList(texts, title=title) if numbered else BulletList(texts, title=title)]
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        shown = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
        blocks: list[Block] = []
        if title:
            blocks.append(Paragraph(title))
        blocks.append(Paragraph(self.t("answers_summarised", n=len(texts), distinct=len(counts),
                                       shown=len(shown))))
        blocks.append(Table([self.t("answer"), self.t("count")], shown))
        return blocks

    def group_number(self, group: Group) -> int:
        """The group's 1-based position in the session (``กลุ่มที่ ๒``)."""
        for i, g in enumerate(self.session.groups):
            if g is group or g.key == group.key:
                return i + 1
        return 0

    def group_title(self, group: Group) -> str:
        """``กลุ่มที่ ๒ การคุ้มครอง…`` / ``Group 2: …``, from the group's own data."""
        return self.t("group_n", key=self.group_number(group), name=group.name)


# --------------------------------------------------------------------------- building


def build_report(
    session: Session,
    registry: Any,
    *,
    locale: str | None = None,
    digits: str | None = None,
    group: str | None = None,
    options: Mapping[str, Any] | None = None,
    draft: bool = False,
) -> Document:
    """Assemble the report book of ``session``.

    The book: cover data, foreword (when the session has one), executive summary, then the
    chapters introduction → process (each method's explanation) → results (a section per
    group) → summary across groups → conclusions and recommendations, and the appendices
    (participants by agency, agenda, what had no data).

    :param registry: the plugin registry (methods and the report hooks).
    :param locale: ``"th"`` or ``"en"``; default the session's.
    :param digits: ``"thai"`` or ``"arabic"``; default Thai for Thai, Arabic for English.
    :param group: a group key: only that group's results (no session-wide part).
    :param options: passed to plugins in :attr:`ReportContext.options`.
    :param draft: the draft edition: keeps "no answers yet" placeholders, empty groups and
        the facilitator's warnings. The final edition (default) leaves them out; its
        warnings are in ``document.warnings``.
    :raises NotFoundError: for an unknown group. A method the session uses whose plugin is
        not installed is left out, with a warning (``registry.warnings``).

    >>> from lessonkit.model import Session
    >>> from lessonkit.plugins import get_registry
    >>> doc = build_report(Session(title="AAR", locale="en"), get_registry())
    >>> doc.title, doc.locale
    ('AAR', 'en')
    """
    lang = locale or session.locale
    if lang not in ("th", "en"):
        raise ValidationError(f"locale {lang!r} is not 'th' or 'en'")
    numerals = digits or ("thai" if lang == "th" else "arabic")
    if numerals not in DIGIT_STYLES:
        raise ValidationError(f"digits {numerals!r} is not 'thai' or 'arabic'")
    ctx = ReportContext(session=session, registry=registry, locale=lang, digits=numerals,
                        options=dict(options or {}), draft=draft)
    groups = [session.group(group)] if group is not None else list(session.groups)
    methods = []
    for key in session.methods:  # a method whose plugin is not installed: the rest is reported
        if key in registry.methods:
            methods.append(registry.method(key))
        else:
            registry.pm.warn(f"method {key!r} is not installed: its sections are left out of "
                             "the report ('lessonkit methods' lists what is installed)")

    doc = Document(title=session.title, locale=lang, digits=numerals, date=session.date,
                   venue=session.venue, participants=session.head_count(),
                   subtitle=ctx.t("book_subtitle"), organiser=session.organiser, draft=draft)
    results = _results_chapter(ctx, groups, methods)
    if group is not None:
        doc.chapters.append(results)
    else:
        if session.foreword:
            doc.chapters.append(_foreword(ctx))
        summary = _summary_chapter(ctx, methods)
        conclusions = _conclusions_chapter(ctx, methods)
        doc.chapters.append(_executive_summary(ctx, methods, results, conclusions))
        doc.chapters.append(_introduction(ctx, methods))
        process = _process_chapter(ctx, methods)
        if process.subsections or process.blocks:
            doc.chapters.append(process)
        doc.chapters.append(results)
        if summary.blocks or summary.subsections:
            doc.chapters.append(summary)
        if conclusions.blocks or conclusions.subsections:
            doc.chapters.append(conclusions)
        appendices = _appendices(ctx, methods)
        if appendices.subsections:
            doc.chapters.append(appendices)
    if not draft:
        for chapter in doc.chapters:
            _final_edition(ctx, chapter)
        doc.chapters = [c for c in doc.chapters if c.blocks or c.subsections]
    number_sections(doc.chapters)
    doc.warnings = list(ctx.warnings)
    return doc


def _final_edition(ctx: ReportContext, section: Section) -> None:
    """Move warning notes to ``ctx.warnings`` and drop sections left empty."""
    kept: list[Block] = []
    for block in section.blocks:
        if isinstance(block, Note) and block.kind == "warning":
            if block.text not in ctx.warnings:
                ctx.warnings.append(block.text)
            continue
        kept.append(block)
    # a sub-heading with nothing under it before the next heading or the end is dropped
    section.blocks = [b for i, b in enumerate(kept) if not (
        isinstance(b, Heading) and (i + 1 == len(kept) or isinstance(kept[i + 1], Heading)))]
    for sub in section.subsections:
        _final_edition(ctx, sub)
    section.subsections = [s for s in section.subsections if s.blocks or s.subsections]


def number_sections(chapters: Sequence[Section]) -> None:
    """Number chapters ``1``, ``2``… and their sections ``2.1``, ``2.1.1``…; the subsections
    of an unnumbered chapter (foreword, appendices) stay unnumbered."""
    def walk(sections: Sequence[Section], prefix: str) -> None:
        n = 0
        for section in sections:
            if section.numbered:
                n = section.ordinal if section.ordinal is not None else n + 1
                section.number = f"{prefix}.{n}" if prefix else str(n)
            else:
                section.number = None
            if section.number:
                walk(section.subsections, section.number)
            else:
                _unnumber(section.subsections)
    walk(chapters, "")


def _unnumber(sections: Sequence[Section]) -> None:
    for section in sections:
        section.number = None
        _unnumber(section.subsections)


def _paragraphs(text: str) -> list[Block]:
    """Plain text as paragraphs (a blank line between paragraphs)."""
    return [Paragraph(c.strip()) for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]


def _foreword(ctx: ReportContext) -> Section:
    session = ctx.session
    chapter = Section(title=ctx.t("foreword"), key="foreword", numbered=False)
    chapter.blocks.extend(_paragraphs(session.foreword or ""))
    if session.organiser:
        chapter.add(Paragraph(session.organiser, role="signature"))
    if session.date:
        chapter.add(Paragraph(ctx.date(session.date, "month"), role="signature"))
    return chapter


def _count_phrase(ctx: ReportContext, n: int, one: str, many: str) -> str:
    return ctx.t(one) if n == 1 else ctx.t(many, n=n)


def _held_sentence(ctx: ReportContext, methods: Sequence[Method]) -> str:
    session = ctx.session
    when = ctx.t("summary_when", date=ctx.date(session.date)) if session.date else ""
    where = ctx.t("summary_where", venue=session.venue) if session.venue else ""
    names = [ctx.text(m.title) for m in methods]
    if ctx.locale == "en":
        joined = (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else "".join(names)
    else:
        joined = " และ".join(names)
    people = _count_phrase(ctx, session.head_count(), "one_person", "people_sentence_n").strip()
    key = "summary_held_by" if session.organiser else "summary_held"
    text = ctx.t(key, organiser=session.organiser or "", title=session.title, when=when,
                 where=where, people=people,
                 groups=_count_phrase(ctx, len(session.groups), "one_group", "groups_n").strip(),
                 methods=ctx.t("summary_methods", methods=joined) if joined else "")
    return " ".join(text.split())


def _executive_summary(ctx: ReportContext, methods: Sequence[Method], results: Section,
                       conclusions: Section) -> Section:
    chapter = Section(title=ctx.t("executive_summary"), key="executive_summary", numbered=False)
    chapter.add(Paragraph(_held_sentence(ctx, methods)))
    findings: list[str] = []
    for method in methods:
        for sec in _part_contributions(ctx, method, "summary_points"):
            for block in sec.blocks:
                if isinstance(block, (BulletList, NumberedList)):
                    findings.extend(block.items)
    if findings:
        chapter.add(BulletList(findings, title=ctx.t("summary_findings")))
    recs = [item for sec in conclusions.subsections for b in sec.blocks
            if isinstance(b, (BulletList, NumberedList)) for item in b.items][:10]
    if recs:
        chapter.add(NumberedList(recs, title=ctx.t("recommendations")))
    return chapter


def _introduction(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    session = ctx.session
    chapter = Section(title=ctx.t("introduction"), key="introduction")
    if session.introduction:
        chapter.blocks.extend(_paragraphs(session.introduction))
    section = Section(title=ctx.t("overview"), key="overview.groups")
    date = ctx.date(session.date) if session.date else None
    if date and session.venue:
        section.add(Paragraph(ctx.t("overview_held", date=date, venue=session.venue)))
    elif date:
        section.add(Paragraph(ctx.t("overview_date", date=date)))
    elif session.venue:
        section.add(Paragraph(ctx.t("overview_venue", venue=session.venue)))
    if session.groups:
        section.add(Paragraph(ctx.t("overview_groups", n=session.head_count(),
                                    groups=len(session.groups))))
        section.add(BulletList([ctx.group_title(g) for g in session.groups]))
    if methods:
        section.add(BulletList([ctx.text(m.title) for m in methods], title=ctx.t("methods_used")))
    chapter.subsections.append(section)
    return chapter


def _process_chapter(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    chapter = Section(title=ctx.t("process"), key="process")
    for method in methods:
        part = Section(title=ctx.text(method.title), key=f"process.{method.key}", part=method.key)
        contributed = _part_contributions(ctx, method, "process", holder=part)
        if contributed:
            if len(contributed) == 1 and not contributed[0].subsections:
                part.blocks.extend(contributed[0].blocks)
            else:
                part.subsections.extend(contributed)
        else:
            part.blocks.extend(generic_process(ctx, method))
        if part.blocks or part.subsections:
            chapter.subsections.append(part)
    return chapter


def generic_process(ctx: ReportContext, method: Method) -> list[Block]:
    """The core's explanation of a method: its description and its steps in use."""
    from lessonkit.workshop import steps_in_use

    blocks: list[Block] = []
    if method.description is not None:
        blocks.append(Paragraph(ctx.text(method.description)))
    try:
        steps = steps_in_use(ctx.session, ctx.registry, method)
    except LessonkitError:
        steps = list(method.steps)
    items = []
    for n, step in enumerate(steps, start=1):
        line = ctx.t("step_n_title", n=n, title=ctx.text(step.title))
        if step.description is not None:
            line += " — " + ctx.text(step.description)
        items.append(line)
    if items:
        blocks.append(BulletList(items, title=ctx.t("method_steps")))
    return blocks


def _has_data(group: Group) -> bool:
    return bool(group.entries or group.actions or any(len(t) for t in group.scores.values()))


def _results_chapter(ctx: ReportContext, groups: Sequence[Group],
                     methods: Sequence[Method]) -> Section:
    chapter = Section(title=ctx.t("workshop_results"), key="results")
    for g in groups:
        if not ctx.draft and not _has_data(g):
            ctx.missing.append(ctx.group_title(g))
            continue
        section = _group_chapter(ctx, g, methods)
        section.ordinal = ctx.group_number(g)
        chapter.subsections.append(section)
    return chapter


def _group_chapter(ctx: ReportContext, group: Group, methods: Sequence[Method]) -> Section:
    """A group's section of the results chapter: members, then each method's part."""
    chapter = Section(title=ctx.group_title(group), key=f"group.{group.key}")
    members = Section(title=ctx.t("members"), key=f"group.{group.key}.members")
    if group.members:
        members.add(NumberedList(group.members, title=ctx.t("members_of", name=group.name)))
    if group.facilitator:
        members.add(Paragraph(group.facilitator, label=ctx.t("facilitator")))
    limit = ctx.listing_limit("participants")
    count = len(group.participants)
    named = [p for p in group.participants if p.name]
    if named and count <= limit:
        rows = [(p.display(), p.agency or "") for p in group.participants]
        members.add(Table([ctx.t("name"), ctx.t("agency")], rows,
                          caption=ctx.t("participants_listed", n=count)))
    elif count:
        members.add(Paragraph(ctx.t("participants_n", n=count) if count <= limit or not named
                              else ctx.t("participants_omitted", n=count)))
    if members.blocks:
        chapter.subsections.append(members)
    shown_by_plugins: set[str] = set()
    for method in methods:
        part, contributed = _method_part(ctx, method, group)
        chapter.subsections.append(part)
        if contributed:
            shown_by_plugins.add(method.key)
    # A method plugin that contributes sections shows its own action items (with
    # where each came from); the core lists the rest, so none appears twice.
    rest = [a for a in group.actions if a.method not in shown_by_plugins]
    if rest:
        actions = Section(title=ctx.t("actions"), key=f"group.{group.key}.actions")
        actions.add(_actions_table(ctx, [(group, a) for a in rest], with_group=False))
        chapter.subsections.append(actions)
    return chapter


def _group_counts(ctx: ReportContext) -> Table:
    """Per group: member agencies, registered participants, answers, action items — the
    numbers the results chapter shows, so the two never disagree."""
    rows: list[list[Cell]] = []
    totals = [0, 0, 0, 0]
    for g in ctx.session.groups:
        if not ctx.draft and not _has_data(g):
            continue  # the final edition names it in the appendix's "no data" line instead
        values = [len(g.members), len(g.participants), len(g.entries), len(g.actions)]
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append([ctx.group_title(g), *values])
    rows.append([ctx.t("total"), *totals])
    return Table([ctx.t("group"), ctx.t("member_agencies"), ctx.t("registered"), ctx.t("answers"),
                  ctx.t("action_items_n")], rows, caption=ctx.t("summary_counts"))


def _summary_chapter(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    chapter = Section(title=ctx.t("summary_all_groups"), key="summary")
    if len(ctx.session.groups) > 1:
        chapter.add(_group_counts(ctx))
    for method in methods:
        part = Section(title=ctx.text(method.title), key=f"summary.{method.key}", part=method.key)
        contributed = _contributions(ctx, method, None, part)
        part.subsections.extend(c for c in contributed if isinstance(c, Section))
        if part.blocks or part.subsections:
            chapter.subsections.append(part)
    return chapter


def _conclusions_chapter(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    """Conclusions and recommendations: what the methods recommend, and every group's
    action items."""
    chapter = Section(title=ctx.t("conclusions"), key="conclusions")
    for method in methods:
        part = Section(title=ctx.text(method.title), key=f"conclusions.{method.key}",
                       part=method.key)
        contributed = _part_contributions(ctx, method, "recommendations", holder=part)
        if len(contributed) == 1 and not contributed[0].subsections:
            part.blocks.extend(contributed[0].blocks)
            part.title = contributed[0].title or part.title
        else:
            part.subsections.extend(contributed)
        if part.blocks or part.subsections:
            chapter.subsections.append(part)
    everything = [(g, a) for g in ctx.session.groups for a in g.actions]
    if everything:
        actions = Section(title=ctx.t("all_actions"), key="summary.actions")
        actions.add(_actions_table(ctx, everything, with_group=True))
        chapter.subsections.append(actions)
    return chapter


def _appendices(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    """Appendices: participants by agency, the agenda, the methods' own, what had no data."""
    chapter = Section(title=ctx.t("appendices"), key="appendices", numbered=False)
    letters = "กขคงจฉชซฌญ" if ctx.locale == "th" else "ABCDEFGHIJ"
    found: list[Section] = []
    by_agency: dict[str, int] = {}
    for g in ctx.session.groups:
        for p in g.participants:
            agency = p.agency or ctx.t("no_agency")
            by_agency[agency] = by_agency.get(agency, 0) + 1
    if by_agency:
        rows: list[list[Cell]] = [[a, n] for a, n in sorted(by_agency.items(), key=lambda kv: -kv[1])]
        rows.append([ctx.t("total"), sum(by_agency.values())])
        found.append(Section(title=ctx.t("participants_by_agency"), key="appendix.agencies",
                             blocks=[Table([ctx.t("agency"), ctx.t("participants")], rows)]))
    if ctx.session.agenda:
        found.append(Section(title=ctx.t("agenda"), key="appendix.agenda",
                             blocks=[BulletList(ctx.session.agenda)]))
    for method in methods:
        found.extend(_part_contributions(ctx, method, "appendix"))
    for i, section in enumerate(found):
        section.title = f"{ctx.t('appendix_n', n=letters[i % len(letters)])} {section.title}"
        section.numbered = False
    chapter.subsections.extend(found)
    if ctx.missing and not ctx.draft:
        sep = ", " if ctx.locale == "en" else " "
        chapter.add(Paragraph(ctx.t("no_data_line", items=sep.join(ctx.missing))))
    return chapter


def _part_contributions(ctx: ReportContext, method: Method, part: str,
                        holder: Section | None = None) -> list[Section]:
    """Sections a method's plugins give for a part of the book (``process``,
    ``recommendations``, ``summary_points``, ``appendix``) through the ``report_part`` hook."""
    if getattr(ctx.registry.pm.hook, "report_part", None) is None:
        return []
    sections: list[Section] = []
    for impl in ctx.registry.implementations_for("report_part", method):
        kwargs = {"context": ctx, "method": method, "part": part}
        args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        try:
            result = impl.function(**args)
            if result is None:
                continue
            result = [result] if isinstance(result, Section) else list(result)
            for item in result:
                if not isinstance(item, Section):
                    raise TypeError(f"report_part returned a {type(item).__name__}, "
                                    "not a lessonkit.report.Section")
        except Exception as exc:  # a plugin's bug must not lose the rest of the report
            error = f"{type(exc).__name__}: {exc}"
            ctx.registry.pm.warn(f"plugin {impl.plugin_name!r} failed in report_part "
                                 f"(method {method.key!r}, part {part!r}): {error}")
            if holder is not None:
                holder.add(Note(ctx.t("plugin_failed", plugin=impl.plugin_name, error=error),
                                kind="warning"))
            continue
        for item in result:
            if item.part is None:
                item.part = method.key
        sections.extend(result)
    return sections


def _contributions(ctx: ReportContext, method: Method, group: Group | None,
                   part: Section) -> list[Section | GenericPart]:
    """Sections (and generic-part markers) the plugins contribute; a failing plugin becomes
    a warning note in ``part``."""
    sections: list[Section | GenericPart] = []
    for impl in ctx.registry.implementations_for("report_sections", method):
        kwargs = {"context": ctx, "method": method, "group": group}
        args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        try:
            result = impl.function(**args)
            if result is None:
                continue
            if isinstance(result, Section):
                result = [result]
            result = list(result)
            for item in result:
                if not isinstance(item, (Section, GenericPart)):
                    raise TypeError(f"report_sections returned a {type(item).__name__}, "
                                    "not a lessonkit.report.Section")
        except ReportInputError:  # an input the user named is wrong: no report at all
            raise
        except Exception as exc:  # a plugin's bug must not lose the rest of the report
            error = f"{type(exc).__name__}: {exc}"
            where = f"method {method.key!r}" + (f", group {group.key!r}" if group else "")
            ctx.registry.pm.warn(f"plugin {impl.plugin_name!r} failed in report_sections "
                                 f"({where}): {error}")
            part.add(Note(ctx.t("plugin_failed", plugin=impl.plugin_name, error=error),
                          kind="warning"))
            continue
        for item in result:
            if isinstance(item, Section) and item.part is None:
                item.part = method.key
        sections.extend(result)
    return sections


def _method_part(ctx: ReportContext, method: Method, group: Group) -> tuple[Section, bool]:
    """A method's part of a group chapter, and whether plugins contributed it."""
    part = Section(title=ctx.text(method.title), key=f"group.{group.key}.{method.key}",
                   part=method.key)
    contributed = _contributions(ctx, method, group, part)
    sections = [c for c in contributed if isinstance(c, Section)]
    if GENERIC in contributed:  # placed where a plugin asked
        at = contributed.index(GENERIC)
        before = [c for c in contributed[:at] if isinstance(c, Section)]
        part.subsections.extend([*before, *generic_sections(ctx, method, group),
                                 *sections[len(before):]])
    elif NO_GENERIC in contributed:
        part.subsections.extend(sections)
    else:  # the default: the plugins' sections, then the generic ones
        part.subsections.extend([*sections, *generic_sections(ctx, method, group)])
    return part, bool(sections)


def _actions_table(ctx: ReportContext, actions: Sequence[tuple[Group, Any]],
                   with_group: bool) -> Table:
    headers = [ctx.t("what"), ctx.t("owner"), ctx.t("due"), ctx.t("status")]
    if with_group:
        headers.insert(0, ctx.t("group"))
    rows: list[list[Cell]] = []
    for g, action in actions:
        row: list[Cell] = [action.what, action.owner or "",
                           ctx.date(action.due, "short") if action.due else "",
                           ctx.t(f"status_{action.status}")]
        if with_group:
            row.insert(0, g.name)
        rows.append(row)
    return Table(headers, rows)


# --------------------------------------------------------------------------- generic fallback


def generic_sections(ctx: ReportContext, method: Method, group: Group) -> list[Section]:
    """The core's rendering of a method's answers in a group's chapter: one section per
    step with each prompt's answers, rankings and profiles.

    A method's part holds them after the plugins' sections unless a plugin's
    ``report_sections`` returns :data:`NO_GENERIC` (leave them out) or
    :data:`GENERIC` (put them here) in its list.

    >>> from lessonkit.model import Group, Session
    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = Session(title="EE", locale="en", methods=["ee"], groups=[Group(key="g1", name="One")])
    >>> ctx = ReportContext(session=session, registry=registry, locale="en", digits="arabic")
    >>> [section.title for section in generic_sections(ctx, registry.method("ee"), session.groups[0])][:1]
    ['Step 1: Mission — One']
    """
    sections = []
    for n, step in enumerate(method.steps, start=1):
        section = Section(
            title=ctx.t("step_of_group", n=n, step=ctx.text(step.title), group=group.name),
            key=f"group.{group.key}.{method.key}.{step.key}", part=method.key,
        )
        if step.description is not None:
            section.add(Paragraph(ctx.text(step.description)))
        for prompt in step.prompts:
            section.add(Heading(ctx.text(prompt.text)))
            section.blocks.extend(_prompt_blocks(ctx, method, step, prompt, group))
        sections.append(section)
    return sections


def _prompt_blocks(ctx: ReportContext, method: Method, step: Step, prompt: Prompt,
                   group: Group) -> list[Block]:
    if prompt.scored:
        return _scored_blocks(ctx, method, step, prompt, group)
    entries = group.entries_for(method.key, step.key, prompt.key)
    if not entries:
        return ctx.placeholder(ctx.t("no_answers"))
    if prompt.kind == "table":
        if len(entries) > ctx.listing_limit("answers"):
            return [Paragraph(ctx.t("rows_omitted", n=len(entries)))]
        headers = [ctx.text(f.label) for f in prompt.fields]
        rows = [[(e.row or {}).get(f.key, "") for f in prompt.fields] for e in entries]
        return [Table(headers, rows)]
    if prompt.kind == "choice":
        labels = {c.key: ctx.text(c.label) for c in prompt.choices}
        counts: dict[str, int] = {}
        for entry in entries:
            for key in (k.strip() for k in entry.text.split(",")):
                if key:
                    counts[key] = counts.get(key, 0) + 1
        choice_rows: list[tuple[Cell, ...]] = [(labels.get(k, k), counts[k]) for k in
                [*(c.key for c in prompt.choices if c.key in counts),
                 *(k for k in counts if k not in labels)]]
        return [Table([ctx.t("choice"), ctx.t("count")], choice_rows)]
    return ctx.answer_list([e.label() for e in entries])


def _scored_blocks(ctx: ReportContext, method: Method, step: Step, prompt: Prompt,
                   group: Group) -> list[Block]:
    table = group.scores_for(method.key, step.key, prompt.key)
    if not len(table):
        return ctx.placeholder(ctx.t("no_scores"))
    blocks: list[Block] = []
    if prompt.criteria:
        return _profile_blocks(ctx, prompt, table)
    from lessonkit.ranking import rank_prompt

    try:
        ranking = rank_prompt(ctx.session, ctx.registry, group.key, method.key, prompt.key,
                              step=step.key, locale=ctx.locale)
    except LessonkitError as exc:
        blocks.append(Note(ctx.t("ranking_unavailable", error=str(exc)), kind="warning"))
    else:
        rows: list[tuple[Cell, ...]] = [
            (ctx.numbers.rank(r.label), r.text, r.score, r.n, r.spread, r.note or "")
            for r in ranking.rows]
        headers = [ctx.t("rank"), ctx.t("item"), ctx.t("score"), ctx.t("n"), ctx.t("spread"),
                   ctx.t("note")]
        if not any(r.note for r in ranking.rows):
            headers.pop()
            rows = [r[:-1] for r in rows]
        blocks.append(Paragraph(ctx.t("ranked_by", rule=ctx.text(ranking.rule.title))))
        blocks.append(Table(headers, rows, align=("center",)))
        scored = [r for r in ranking.rows if isinstance(r.score, (int, float))
                  and math.isfinite(r.score)]
        if scored:
            # a mean or median is read against the scale's top, not against the largest value
            top = (prompt.scale.high if prompt.scale is not None and ranking.rule.key in
                   ("mean", "median", "trimmed_mean", "majority_judgment") else None)
            blocks.append(Chart("bar", [r.text for r in scored], [r.score for r in scored],
                                title=ctx.text(prompt.text), minimum=0.0, maximum=top))
    return blocks


def _profile_blocks(ctx: ReportContext, prompt: Prompt, table: Any) -> list[Block]:
    """Mean score per criterion over all items (a radar chart of the dimensions)."""
    labels, means, counts = [], [], []
    for criterion in prompt.criteria:
        total, n = 0.0, 0
        for item, crit in table.keys():
            if crit != criterion.key:
                continue
            for value in table.column(item, crit):
                if math.isfinite(value):
                    total += value
                    n += 1
        labels.append(ctx.text(criterion.label))
        means.append(total / n if n else 0.0)
        counts.append(n)
    maximum = prompt.scale.high if prompt.scale is not None else None
    return [
        Table([ctx.t("item"), ctx.t("mean"), ctx.t("n")], list(zip(labels, means, counts, strict=False)),
              caption=ctx.t("profile")),
        Chart("radar", labels, means, title=ctx.t("profile"), maximum=maximum,
              minimum=prompt.scale.low if prompt.scale is not None else 0.0),
    ]


# --------------------------------------------------------------------------- JSON structure


def _block_to_data(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = attrs.asdict(block, recurse=True)
    if isinstance(block, Table):
        data["rows"] = [list(r) for r in block.rows]
    data["type"] = block.type
    if isinstance(block, Chart):
        data["series"] = [{"name": s.name, "values": list(s.values)} for s in block.series]
        data["values"] = list(block.values)
    for key, value in list(data.items()):
        if isinstance(value, tuple):
            data[key] = list(value)
    return data


def _section_to_data(section: Section) -> dict[str, Any]:
    return {
        "type": "section",
        "number": section.number,
        "title": section.title,
        "key": section.key,
        "part": section.part,
        "numbered": section.numbered,
        "ordinal": section.ordinal,
        "blocks": [_block_to_data(b) for b in section.blocks],
        "subsections": [_section_to_data(s) for s in section.subsections],
    }


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: those become ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def document_to_data(doc: Document) -> dict[str, Any]:
    """The document as JSON-ready data (see ``docs/reports.md`` for the structure).

    >>> document_to_data(Document(title="AAR", locale="en"))["title"]
    'AAR'
    """
    return _finite({
        "format": "lessonkit-report",
        "version": JSON_VERSION,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "locale": doc.locale,
        "digits": doc.digits,
        "date": doc.date.isoformat() if doc.date else None,
        "date_text": doc.date_text(),
        "venue": doc.venue,
        "participants": doc.participants,
        "organiser": doc.organiser,
        "draft": doc.draft,
        "chapters": [_section_to_data(s) for s in doc.chapters],
    })


def _block_from_data(data: Mapping[str, Any]) -> Block:
    kind = data.get("type")
    cls = BLOCK_TYPES.get(str(kind))
    if cls is None:
        raise ValidationError(f"unknown block type {kind!r}")
    fields = {k: v for k, v in data.items() if k != "type"}
    if cls is Chart:
        fields["series"] = [Series(s["name"], s["values"]) for s in fields.get("series", [])]
    block: Block = cls(**fields)
    return block


def _section_from_data(data: Mapping[str, Any]) -> Section:
    return Section(
        title=data["title"], key=data.get("key"), part=data.get("part"),
        numbered=data.get("numbered", True), number=data.get("number"),
        ordinal=data.get("ordinal"),
        blocks=[_block_from_data(b) for b in data.get("blocks", [])],
        subsections=[_section_from_data(s) for s in data.get("subsections", [])],
    )


def document_from_data(data: Mapping[str, Any]) -> Document:
    """Rebuild a :class:`Document` from :func:`document_to_data`'s output.

    >>> doc = Document(title="AAR", locale="en", chapters=[Section("One")])
    >>> document_from_data(document_to_data(doc)).chapters[0].title
    'One'
    """
    if data.get("format") != "lessonkit-report":
        raise ValidationError("not a lessonkit report document (format is "
                              f"{data.get('format')!r})")
    return Document(
        title=data["title"], subtitle=data.get("subtitle"), locale=data.get("locale", "th"),
        digits=data.get("digits", "thai"),
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        venue=data.get("venue"), participants=data.get("participants"),
        organiser=data.get("organiser"), draft=bool(data.get("draft", False)),
        chapters=[_section_from_data(s) for s in data.get("chapters", [])],
    )
