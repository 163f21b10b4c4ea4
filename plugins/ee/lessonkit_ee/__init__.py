"""Empowerment Evaluation (Fetterman's three steps) for lessonkit.

1. Mission: the group's objectives and goals.
2. Taking stock: list the activities, weigh them (importance 1–3 summed, as in
   the seeds, or 5 dots each), then rate how well each is going (1–10).
3. Planning for the future: goals → strategies → evidence, with owner and date.

Session settings (``settings["ee"]``): ``prioritisation`` ``"importance"``
(default) or ``"dots"``; ``top_k`` (default 10); ``low_rating`` (default 5) and
``disagreement`` (default 2.5) for the dialogue flags; ``baseline``, the path
of a baseline session file the report compares with.

The arithmetic is in :mod:`lessonkit_ee.analysis`, the report sections in
:mod:`lessonkit_ee.report`, the ``lessonkit ee`` commands in
:mod:`lessonkit_ee.cli`; they are imported only when used, so loading the
plugin stays cheap. Written only against lessonkit's public API, like any
third-party plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lessonkit import Field, Method, Prompt, Scale, Step, hookimpl
from lessonkit import LocalizedText as T

__all__ = ["METHOD", "register_commands", "register_methods", "report_sections"]

MISSION = Step(
    key="mission",
    title=T(en="Mission", th="กำหนดภารกิจที่คาดหวัง"),
    description=T(en="The key phrases of the group's mission: objectives and goals.",
                  th="ข้อความสำคัญของภารกิจของกลุ่ม: วัตถุประสงค์และเป้าหมาย"),
    prompts=(
        Prompt(key="objectives", kind="list", individual=False,
               text=T(en="Objectives of the mission", th="วัตถุประสงค์ของภารกิจ")),
        Prompt(key="goals", kind="list", individual=False,
               text=T(en="Goals of the mission", th="เป้าหมายของภารกิจ")),
    ),
)

TAKING_STOCK = Step(
    key="taking_stock",
    title=T(en="Taking stock", th="ตรวจสอบต้นทุน"),
    description=T(
        en="Part I: list the key activities already done and weigh their importance. "
           "Part II: rate how well each kept activity is going, then discuss.",
        th="ส่วนที่ ๑ ระบุกิจกรรมสำคัญที่ดำเนินการไปแล้วและประเมินน้ำหนักความสำคัญ "
           "ส่วนที่ ๒ ให้คะแนนว่าแต่ละกิจกรรมดำเนินการได้ดีเพียงใด แล้วร่วมกันอภิปราย",
    ),
    prompts=(
        Prompt(key="activities", kind="list", individual=False,
               text=T(en="Key activities already done", th="กิจกรรมสำคัญที่ดำเนินการไปแล้ว")),
        Prompt(key="importance", kind="score", items_from="activities", scale=Scale.range(1, 3),
               rule="sum",
               text=T(en="Score each activity's importance to the goal (1–3)",
                      th="ให้คะแนนความสำคัญของกิจกรรมต่อการบรรลุเป้าหมาย (๑–๓ คะแนน)"),
               help=T(en="Scores are summed and the activities ranked from highest to lowest.",
                      th="รวมคะแนนและจัดลำดับความสำคัญของกิจกรรมจากมากไปน้อย")),
        Prompt(key="dots", kind="dots", items_from="activities", budget=5, rule="dots",
               text=T(en="Spread or stack your 5 dots on the most important activities",
                      th="ใช้จุด ๕ จุดเลือกกิจกรรมที่สำคัญที่สุด จะวางรวมหรือกระจายก็ได้"),
               help=T(en="Fetterman's variant of part I; use it instead of the 1–3 scores.",
                      th="ทางเลือกแบบ Fetterman สำหรับส่วนที่ ๑ ใช้แทนการให้คะแนน ๑–๓")),
        Prompt(key="rating", kind="score", items_from="activities", scale=Scale.range(1, 10),
               rule="mean",
               text=T(en="How well are we doing on each activity? (1 low – 10 high)",
                      th="กิจกรรมแต่ละกิจกรรมดำเนินการได้ดีเพียงใด (๑ น้อย – ๑๐ มาก)"),
               help=T(en="This rating is the baseline a later session compares with.",
                      th="คะแนนนี้เป็นข้อมูลฐานสำหรับเปรียบเทียบในการประชุมครั้งต่อไป")),
    ),
)

PLANNING = Step(
    key="planning",
    title=T(en="Planning for the future", th="วางแผนสำหรับอนาคต"),
    prompts=(
        Prompt(
            key="plan", kind="table", individual=False,
            text=T(en="For each kept activity: goals, strategies and the evidence that will show progress",
                   th="สำหรับกิจกรรมที่คัดเลือก: เป้าหมาย กลยุทธ์ และหลักฐานที่จะแสดงความก้าวหน้า"),
            fields=(
                Field(key="activity", label=T(en="Activity", th="กิจกรรม"), required=True),
                Field(key="goal", label=T(en="Goal", th="เป้าหมาย"), required=True),
                Field(key="strategy", label=T(en="Strategy", th="กลยุทธ์")),
                Field(key="evidence", label=T(en="Evidence", th="หลักฐาน/ตัวชี้วัด")),
                Field(key="owner", label=T(en="Owner", th="ผู้รับผิดชอบ")),
                Field(key="due", label=T(en="Due", th="กำหนดเสร็จ"), kind="date"),
            ),
        ),
    ),
)

METHOD = Method(
    key="ee",
    title=T(en="Empowerment Evaluation", th="การประเมินแบบเสริมพลัง (EE)"),
    description=T(
        en="Fetterman's three steps: mission, taking stock, planning for the future.",
        th="สามขั้นตอนของ Fetterman: กำหนดภารกิจ ตรวจสอบต้นทุน และวางแผนสำหรับอนาคต",
    ),
    steps=(MISSION, TAKING_STOCK, PLANNING),
    default_rule="sum",
)


@hookimpl
def register_methods(register: Callable[[Method], None]) -> None:
    register(METHOD)


@hookimpl
def report_sections(context: Any, method: Method, group: Any) -> Any:
    """The EE sections of a group's chapter (they cover every step, so the generic sections
    are left out); across groups, the top activities side by side."""
    from lessonkit.report import NO_GENERIC
    from lessonkit_ee.report import group_sections, session_sections

    if group is None:
        return session_sections(context) or None
    return [*group_sections(context, group), NO_GENERIC]


@hookimpl
def report_part(context: Any, method: Method, part: str) -> Any:
    """EE's three steps (process chapter) and the groups' plans (recommendations)."""
    from lessonkit_ee.report import book_part

    return book_part(context, part)


@hookimpl
def register_commands(cli: Any) -> None:
    """Add ``lessonkit ee …``."""
    from lessonkit_ee.cli import ee

    cli.add_command(ee)
