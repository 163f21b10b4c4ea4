"""The 5C4F Child-friendly City model (MSDHS, 2023) for lessonkit.

An area inventories its activities for children by age band, rates each on the
nine 5C4F dimensions (never / sometimes / mostly true / does not apply, as in
UNICEF's community self-assessment kit) and records children's needs. Written
only against lessonkit's public API, like any third-party plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lessonkit import Criterion, Field, Level, Method, Prompt, Scale, Step, hookimpl
from lessonkit import LocalizedText as T

__all__ = [
    "AGE_BANDS",
    "DIMENSIONS",
    "LEVELS",
    "METHOD",
    "register_commands",
    "register_methods",
    "report_sections",
]

#: The nine dimensions: five C and four F.
DIMENSIONS = (
    Criterion("creative", T(en="Creative", th="สร้างสรรค์"),
              T(en="Activities let children create, imagine and learn by doing.",
                th="กิจกรรมเปิดโอกาสให้เด็กได้คิดสร้างสรรค์ จินตนาการ และเรียนรู้จากการลงมือทำ")),
    Criterion("comfort", T(en="Comfort (safe)", th="ปลอดภัย"),
              T(en="Children are safe and feel safe, in body and mind.",
                th="เด็กปลอดภัยและรู้สึกปลอดภัยทั้งร่างกายและจิตใจ")),
    Criterion("connected", T(en="Connected", th="เชื่อมต่อ"),
              T(en="Services, places and people are linked and easy to reach.",
                th="บริการ สถานที่ และผู้คนเชื่อมโยงกันและเข้าถึงได้ง่าย")),
    Criterion("child_centred", T(en="Child-centred", th="ยึดเด็กเป็นศูนย์กลาง"),
              T(en="Children's views and needs shape the activity.",
                th="ความคิดเห็นและความต้องการของเด็กเป็นตัวกำหนดกิจกรรม")),
    Criterion("community_based", T(en="Community-based", th="มีชุมชนเป็นฐาน"),
              T(en="The community owns and runs the activity.",
                th="ชุมชนเป็นเจ้าของและร่วมดำเนินกิจกรรม")),
    Criterion("fun", T(en="Fun", th="สนุก"),
              T(en="Children enjoy taking part.", th="เด็กสนุกกับการเข้าร่วม")),
    Criterion("for_all", T(en="For All", th="สำหรับทุกคน"),
              T(en="Every child can take part, whatever their background or ability.",
                th="เด็กทุกคนเข้าร่วมได้ ไม่ว่าจะมีภูมิหลังหรือความสามารถอย่างไร")),
    Criterion("friendly", T(en="Friendly", th="เป็นมิตร"),
              T(en="People and places welcome children.", th="ผู้คนและสถานที่เป็นมิตรต่อเด็ก")),
    Criterion("family_focused", T(en="Family-focused", th="ให้ความสำคัญต่อครอบครัว"),
              T(en="The activity strengthens families.", th="กิจกรรมช่วยเสริมความเข้มแข็งของครอบครัว")),
)

#: The kit's levels; "does not apply" is N/A, never a low score.
LEVELS = Scale.of_levels(
    Level("never", 1, T(en="Never", th="ไม่เคย")),
    Level("sometimes", 2, T(en="Sometimes", th="บางครั้ง")),
    Level("mostly", 3, T(en="Mostly true", th="ส่วนใหญ่เป็นจริง")),
    allow_na=True,
    na_label=T(en="Does not apply", th="ไม่เกี่ยวข้อง"),
)

#: The default age bands; a session may set its own (setting ``5c4f.age_bands``).
AGE_BANDS = ("0-6", "7-18")

INVENTORY = Step(
    key="inventory",
    title=T(en="Activity inventory", th="รวบรวมกิจกรรมในพื้นที่"),
    prompts=(
        Prompt(
            key="activities", kind="table", individual=False,
            text=T(en="The area's activities for children, by age band", th="กิจกรรมสำหรับเด็กในพื้นที่ จำแนกตามช่วงวัย"),
            fields=(
                Field("activity", T(en="Activity", th="กิจกรรม"), required=True),
                Field("age_band", T(en="Age band", th="ช่วงวัย"), required=True),
                Field("agency", T(en="Responsible agency", th="หน่วยงานที่รับผิดชอบ")),
            ),
        ),
    ),
)

ASSESSMENT = Step(
    key="assessment",
    title=T(en="Dimension assessment", th="ประเมินตามมิติ 5C4F"),
    prompts=(
        Prompt(
            key="dimensions", kind="score", items_from="inventory.activities", scale=LEVELS,
            criteria=DIMENSIONS, rule="mean",
            text=T(en="For each activity and dimension: is this true?",
                   th="สำหรับแต่ละกิจกรรมและแต่ละมิติ ข้อความนี้เป็นจริงเพียงใด"),
            help=T(en="Answer 'does not apply' where the dimension does not fit the activity; it is not a low score.",
                   th="ตอบ 'ไม่เกี่ยวข้อง' เมื่อมิตินั้นไม่เกี่ยวกับกิจกรรม ซึ่งไม่ใช่คะแนนต่ำ"),
        ),
    ),
)

NEEDS = Step(
    key="needs",
    title=T(en="Children's needs", th="ความต้องการของเด็กและเยาวชน"),
    prompts=(
        Prompt(
            key="needs", kind="table", individual=False,
            text=T(en="Needs stated by children and young people", th="ความต้องการที่เด็กและเยาวชนระบุ"),
            fields=(
                Field("need", T(en="Need", th="ความต้องการ"), required=True),
                Field("age_band", T(en="Age band", th="ช่วงวัย")),
                Field("dimensions", T(en="Dimensions", th="มิติ")),
            ),
        ),
        Prompt(
            key="priority", kind="dots", items_from="needs", budget=5, rule="dots",
            text=T(en="Spread 5 dots over the needs that matter most", th="ใช้จุด ๕ จุดเลือกความต้องการที่สำคัญที่สุด"),
        ),
    ),
)

METHOD = Method(
    key="5c4f",
    title=T(en="5C4F Child-friendly City", th="เมืองที่เป็นมิตรกับเด็ก 5C4F"),
    description=T(
        en="Assess an area's activities for children on the nine 5C4F dimensions by age band, "
           "find gaps and prioritise children's own needs.",
        th="ประเมินกิจกรรมสำหรับเด็กในพื้นที่ตามมิติ 5C4F ทั้งเก้ามิติ จำแนกตามช่วงวัย "
           "หาช่องว่าง และจัดลำดับความต้องการของเด็ก",
    ),
    steps=(INVENTORY, ASSESSMENT, NEEDS),
    default_rule="mean",
)


@hookimpl
def register_methods(register: Callable[[Method], None]) -> None:
    """Register the 5C4F method."""
    register(METHOD)


@hookimpl
def report_sections(context: Any, method: Method, group: Any) -> Any:
    """The 5C4F part of the report: matrix, gaps, radar chart, ranked needs (per group);
    groups side by side and the CFCI cross-walk (session-wide). They replace the generic
    sections."""
    from lessonkit.report import NO_GENERIC
    from lessonkit_5c4f import report

    if group is None:
        return report.session_sections(context)
    return [*report.group_sections(context, group), NO_GENERIC]


@hookimpl
def register_commands(cli: Any) -> None:
    """Add ``lessonkit 5c4f …`` (bands, activity, need, assess, vote, matrix, gaps, needs, compare)."""
    from lessonkit_5c4f.cli import five_c_four_f

    cli.add_command(five_c_four_f)


@hookimpl
def session_problems(session: Any, method: Method) -> Any:
    """Unknown age bands, dimensions and respondent types, and bad settings."""
    from lessonkit_5c4f.analysis import session_problems as problems

    return problems(session)
