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

from lessonkit.errors import LessonkitError, ValidationError
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

    def __attrs_post_init__(self) -> None:
        if self.digits not in DIGIT_STYLES:
            raise ValidationError(f"digits {self.digits!r} is not 'thai' or 'arabic'")

    # -- helpers for renderers -------------------------------------------
    def t(self, message: str, /, **kwargs: Any) -> str:
        """A built-in word in the document's locale, numbers in its digits."""
        return _t(self.locale, self.digits, message, kwargs)

    def num(self, value: float | int, decimals: int = 2) -> str:
        return format_number(value, self.digits, decimals)

    def digits_of(self, text: str) -> str:
        """``text`` (numbering, counts — never participant text) in the document's digits."""
        return format_digits(text, self.digits)

    def date_text(self) -> str | None:
        if self.date is None:
            return None
        return format_date(self.date, locale=self.locale, era="be", digits=self.digits,
                           style="long")

    def chapter_label(self, index: int) -> str:
        """``บทที่ ๒`` / ``Chapter 2`` for the chapter at ``index`` (0-based)."""
        return self.t("chapter_n", n=index + 1)

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


def format_number(value: float | int, digits: str = "arabic", decimals: int = 2) -> str:
    """A number for a reader: ``1234`` → ``1,234``; floats to ``decimals`` places, trailing
    zeros dropped; ``inf``/``nan`` as ``–``; Thai digits when ``digits="thai"``.

    >>> format_number(1234.5), format_number(1234.5, "thai"), format_number(3.0)
    ('1,234.5', '๑,๒๓๔.๕', '3')
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return format_digits(text, digits)


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
        ``full_listing`` (``True`` lists everything, whatever its size).

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
        """A date in the report's locale (Buddhist Era) and digits."""
        return format_date(value, locale=self.locale, era="be", digits=self.digits, style=style)

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
) -> Document:
    """Assemble the report book of ``session``.

    :param registry: the plugin registry (methods and the ``report_sections`` hook).
    :param locale: ``"th"`` or ``"en"``; default the session's.
    :param digits: ``"thai"`` or ``"arabic"``; default Thai for Thai, Arabic for English.
    :param group: a group key: only that group's chapter (no session-wide part).
    :param options: passed to plugins in :attr:`ReportContext.options`.
    :raises NotFoundError: for an unknown group or method.

    >>> from lessonkit.model import Session
    >>> from lessonkit.plugins import get_registry
    >>> doc = build_report(Session(title="AAR", locale="en"), get_registry())
    >>> doc.title, doc.chapters[0].title
    ('AAR', 'Workshop results')
    """
    lang = locale or session.locale
    if lang not in ("th", "en"):
        raise ValidationError(f"locale {lang!r} is not 'th' or 'en'")
    numerals = digits or ("thai" if lang == "th" else "arabic")
    if numerals not in DIGIT_STYLES:
        raise ValidationError(f"digits {numerals!r} is not 'thai' or 'arabic'")
    ctx = ReportContext(session=session, registry=registry, locale=lang, digits=numerals,
                        options=dict(options or {}))
    groups = [session.group(group)] if group is not None else list(session.groups)
    methods = [registry.method(key) for key in session.methods]

    doc = Document(title=session.title, locale=lang, digits=numerals, date=session.date,
                   venue=session.venue, participants=session.participant_count(),
                   subtitle=ctx.t("report_title"))
    doc.chapters.append(_overview(ctx, methods))
    for g in groups:
        doc.chapters.append(_group_chapter(ctx, g, methods))
    if group is None:
        summary = _session_chapter(ctx, methods)
        if summary.blocks or summary.subsections:
            doc.chapters.append(summary)
    number_sections(doc.chapters)
    return doc


def number_sections(chapters: Sequence[Section]) -> None:
    """Number chapters ``1``, ``2``… and their sections ``2.1``, ``2.1.1``…"""
    def walk(sections: Sequence[Section], prefix: str) -> None:
        n = 0
        for section in sections:
            if section.numbered:
                n += 1
                section.number = f"{prefix}.{n}" if prefix else str(n)
            else:
                section.number = None
            walk(section.subsections, section.number or prefix)
    walk(chapters, "")


def _overview(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    session = ctx.session
    chapter = Section(title=ctx.t("workshop_results"), key="overview")
    section = Section(title=ctx.t("overview"), key="overview.groups")
    date = ctx.date(session.date) if session.date else None
    if date and session.venue:
        section.add(Paragraph(ctx.t("overview_held", date=date, venue=session.venue)))
    elif date:
        section.add(Paragraph(ctx.t("overview_date", date=date)))
    elif session.venue:
        section.add(Paragraph(ctx.t("overview_venue", venue=session.venue)))
    section.add(Paragraph(ctx.t("overview_groups", n=session.participant_count(),
                                groups=len(session.groups))))
    if session.groups:
        section.add(BulletList([ctx.group_title(g) for g in session.groups]))
    if methods:
        section.add(BulletList([ctx.text(m.title) for m in methods], title=ctx.t("methods_used")))
    chapter.subsections.append(section)
    return chapter


def _group_chapter(ctx: ReportContext, group: Group, methods: Sequence[Method]) -> Section:
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
    elif count or not group.members:
        # "0 participants" under a list of member agencies would contradict it
        members.add(Paragraph(ctx.t("participants_n", n=count) if count <= limit or not named
                              else ctx.t("participants_omitted", n=count)))
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


def _session_chapter(ctx: ReportContext, methods: Sequence[Method]) -> Section:
    chapter = Section(title=ctx.t("summary_all_groups"), key="summary")
    for method in methods:
        part = Section(title=ctx.text(method.title), key=f"summary.{method.key}", part=method.key)
        contributed = _contributions(ctx, method, None, part)
        part.subsections.extend(c for c in contributed if isinstance(c, Section))
        if part.blocks or part.subsections:
            chapter.subsections.append(part)
    everything = [(g, a) for g in ctx.session.groups for a in g.actions]
    if everything:
        actions = Section(title=ctx.t("all_actions"), key="summary.actions")
        actions.add(_actions_table(ctx, everything, with_group=True))
        chapter.subsections.append(actions)
    return chapter


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
        return [Paragraph(ctx.t("no_answers"))]
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
        return [Paragraph(ctx.t("no_scores"))]
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
            (ctx.rank_label(r.label), r.text, r.score, r.n, r.spread, r.note or "")
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
            blocks.append(Chart("bar", [r.text for r in scored], [r.score for r in scored],
                                title=ctx.text(prompt.text), minimum=0.0))
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
              minimum=min(0.0, prompt.scale.low) if prompt.scale is not None else 0.0),
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
        chapters=[_section_from_data(s) for s in data.get("chapters", [])],
    )
