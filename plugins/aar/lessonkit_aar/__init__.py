"""After Action Review (AAR) for lessonkit.

Each participant answers alone, before the group work: the seeds' five
questions (the default) or the US Army's four (``form = army4``). Written only
against lessonkit's public API, like any third-party plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lessonkit import LocalizedText as T
from lessonkit import Method, Prompt, Step, hookimpl

__all__ = ["FORMS", "METHOD", "register_commands", "register_methods", "report_sections"]

_NO_BLAME = T(
    en="Focus on what happened, not on who: no blame.",
    th="มุ่งที่สิ่งที่เกิดขึ้น ไม่ใช่ตัวบุคคล ไม่กล่าวโทษกัน",
)

#: The seeds' five questions (workshop report, p.12), each answered alone first.
SEEDS5 = Step(
    key="review",
    title=T(en="Individual review", th="การทบทวนตนเอง"),
    description=T(
        en="Everyone answers each question alone, in writing, before the group discusses.",
        th="ผู้เข้าร่วมทุกคนตอบทุกข้อด้วยตนเองเป็นลายลักษณ์อักษรก่อนการระดมความเห็นกลุ่ม",
    ),
    prompts=(
        Prompt(
            key="expected", kind="text",
            text=T(en="What results and success do you expect from the work?",
                   th="ท่านคาดหวังผลลัพธ์ ความสำเร็จของการดำเนินงานอย่างไร"),
            help=T(en="Write the expectation down before anyone discusses what happened.",
                   th="บันทึกความคาดหวังก่อนที่จะอภิปรายสิ่งที่เกิดขึ้นจริง"),
        ),
        Prompt(
            key="actual", kind="text",
            text=T(en="What results and success actually happened?",
                   th="ผลลัพธ์ ความสำเร็จของการดำเนินงานที่เกิดขึ้นจริงเป็นอย่างไร"),
            help=_NO_BLAME,
        ),
        Prompt(
            key="why_differ", kind="text",
            text=T(en="Why do the expected and the actual results differ?",
                   th="เพราะเหตุใดผลลัพธ์ความสำเร็จที่คาดหวังและที่เกิดขึ้นจริงจึงมีความแตกต่างกัน"),
            help=T(en="Read the answers against the gap between expected and actual; look for causes, not culprits.",
                   th="พิจารณาช่องว่างระหว่างสิ่งที่คาดหวังกับสิ่งที่เกิดขึ้นจริง มองหาสาเหตุ ไม่ใช่ผู้กระทำผิด"),
        ),
        Prompt(
            key="went_well", kind="text",
            text=T(en="What good things have come from the work so far?",
                   th="มีสิ่งดี ๆ เกิดขึ้นจากการทำงานในช่วงที่ผ่านมาอย่างไร"),
            help=T(en="What went well becomes a 'sustain' item.",
                   th="สิ่งที่ทำได้ดีจะกลายเป็นสิ่งที่ควรรักษาไว้"),
        ),
        Prompt(
            key="recommend", kind="text",
            text=T(en="What do you suggest to make the work better in the future?",
                   th="ข้อเสนอแนะที่จะทำให้การทำงานดีขึ้นในอนาคต"),
            help=T(en="Recommendations become 'improve' items, then action items with an owner and a date.",
                   th="ข้อเสนอแนะจะกลายเป็นสิ่งที่ควรปรับปรุง และนำไปสู่สิ่งที่ต้องดำเนินการพร้อมผู้รับผิดชอบและกำหนดเวลา"),
        ),
    ),
)

#: The US Army's four questions (TC 25-20).
ARMY4 = Step(
    key="review4",
    title=T(en="After Action Review (4 questions)", th="การทบทวนหลังการปฏิบัติ (๔ คำถาม)"),
    description=T(
        en="The US Army form (TC 25-20), chosen with 'lessonkit aar form FILE army4'. Everyone "
           "answers each question alone, in writing, before the group discusses.",
        th="แบบของกองทัพบกสหรัฐฯ (TC 25-20) เลือกด้วยคำสั่ง 'lessonkit aar form FILE army4' "
           "ผู้เข้าร่วมทุกคนตอบทุกข้อด้วยตนเองเป็นลายลักษณ์อักษรก่อนการอภิปรายกลุ่ม",
    ),
    prompts=(
        Prompt(key="supposed", kind="text",
               text=T(en="What was supposed to happen?", th="อะไรคือสิ่งที่ควรจะเกิดขึ้น"),
               help=T(en="Record the expectation before discussing what happened.",
                      th="บันทึกความคาดหวังก่อนอภิปรายสิ่งที่เกิดขึ้นจริง")),
        Prompt(key="happened", kind="text",
               text=T(en="What happened?", th="อะไรคือสิ่งที่เกิดขึ้นจริง"), help=_NO_BLAME),
        Prompt(key="right_wrong", kind="text",
               text=T(en="What was right or wrong with what happened, and why?",
                      th="สิ่งที่เกิดขึ้นมีอะไรถูกหรือผิด และเพราะเหตุใด"),
               help=T(en="Read it against the gap between supposed and happened; what was right "
                         "becomes a 'sustain' item. Causes, not culprits.",
                      th="พิจารณาช่องว่างระหว่างสิ่งที่ควรเกิดกับสิ่งที่เกิดขึ้นจริง สิ่งที่ถูกต้องจะกลายเป็นสิ่งที่ควรรักษาไว้ "
                         "มองหาสาเหตุ ไม่ใช่ผู้กระทำผิด")),
        Prompt(key="differently", kind="text",
               text=T(en="What should we do differently next time?",
                      th="ครั้งต่อไปเราควรทำอะไรแตกต่างออกไป"),
               help=T(en="Everyone answers. These become 'improve' items, then action items "
                         "with an owner and a date.",
                      th="ทุกคนต้องตอบ คำตอบจะกลายเป็นสิ่งที่ควรปรับปรุง และนำไปสู่สิ่งที่ต้องดำเนินการพร้อมผู้รับผิดชอบและกำหนดเวลา")),
    ),
)

#: The group's synthesis: sustain and improve items, prioritised with dots.
SYNTHESIS = Step(
    key="synthesis",
    title=T(en="Group synthesis: sustain and improve", th="สังเคราะห์ผลของกลุ่ม: สิ่งที่ควรรักษาไว้และสิ่งที่ควรปรับปรุง"),
    description=T(
        en="The facilitator groups similar answers into themes, the group lists what to sustain "
           "and what to improve, prioritises the improvements and turns the top ones into "
           "action items with an owner, a due date and a status.",
        th="วิทยากรกระบวนการจัดกลุ่มคำตอบที่คล้ายกันเป็นประเด็น กลุ่มระบุสิ่งที่ควรรักษาไว้และสิ่งที่ควรปรับปรุง "
           "จัดลำดับความสำคัญ แล้วนำรายการสำคัญที่สุดไปเป็นสิ่งที่ต้องดำเนินการพร้อมผู้รับผิดชอบ กำหนดเสร็จ และสถานะ",
    ),
    prompts=(
        Prompt(key="sustain", kind="list", individual=False,
               text=T(en="What should we keep doing (sustain)?", th="สิ่งที่ควรรักษาไว้"),
               help=T(en="Drawn from what went well.", th="มาจากสิ่งดี ๆ ที่เกิดขึ้น")),
        Prompt(key="improve", kind="list", individual=False,
               text=T(en="What should we improve?", th="สิ่งที่ควรปรับปรุง"),
               help=T(en="Drawn from the recommendations.", th="มาจากข้อเสนอแนะ")),
        Prompt(key="priority", kind="dots", items_from="improve", budget=3,
               text=T(en="Spread your 3 dots over the improvements that matter most.",
                      th="ใช้จุด ๓ จุดเลือกสิ่งที่ควรปรับปรุงที่สำคัญที่สุด"),
               help=T(en="Each participant spreads or stacks 3 dots; the top items become action "
                         "items ('lessonkit aar act').",
                      th="ผู้เข้าร่วมแต่ละคนกระจายหรือรวมจุด ๓ จุด รายการที่ได้คะแนนสูงสุดจะเป็นสิ่งที่ต้องดำเนินการ "
                         "('lessonkit aar act')")),
    ),
)

#: The question forms a session can choose with the setting ``aar.form``.
FORMS = {"seeds5": SEEDS5.key, "army4": ARMY4.key}

METHOD = Method(
    key="aar",
    title=T(en="After Action Review", th="การทบทวนหลังการปฏิบัติ (AAR)"),
    description=T(
        en="Each participant reviews the work alone: what was expected, what happened, why they "
           "differ, what went well and what to improve. Ground rules: no blame, expectation "
           "recorded first, everyone answers.",
        th="ผู้เข้าร่วมแต่ละคนทบทวนการทำงานด้วยตนเอง: สิ่งที่คาดหวัง สิ่งที่เกิดขึ้นจริง เหตุที่แตกต่าง "
           "สิ่งที่ทำได้ดี และสิ่งที่ควรปรับปรุง กติกา: ไม่กล่าวโทษกัน บันทึกความคาดหวังก่อน และทุกคนได้ตอบ",
    ),
    steps=(SEEDS5, ARMY4, SYNTHESIS),
    default_rule="dots",
)


@hookimpl
def register_methods(register: Callable[[Method], None]) -> None:
    register(METHOD)


@hookimpl
def register_commands(cli: Any) -> None:
    from lessonkit_aar.cli import aar

    cli.add_command(aar)


@hookimpl
def report_sections(context: Any, method: Method, group: Any) -> Any:
    """The AAR sections: they cover every step, so the generic sections are left out."""
    from lessonkit.report import NO_GENERIC
    from lessonkit_aar import sections

    if group is None:
        return sections.session_sections(context, method) or None
    return [*sections.group_sections(context, method, group), NO_GENERIC]


@hookimpl
def report_part(context: Any, method: Method, part: str) -> Any:
    """The AAR's questions (process), suggestions (recommendations), top improvements."""
    from lessonkit_aar import sections

    return sections.book_part(context, method, part)


@hookimpl
def session_problems(session: Any, method: Method) -> Any:
    """Answers to the other form's questions (the generic ``lessonkit answer`` is refused them too)."""
    from lessonkit_aar.review import form_problems

    return form_problems(session)


@hookimpl
def change_problems(session: Any, method: Method, group: Any, entries: Any) -> Any:
    """The form check of the entries just added (an answer costs the answer, not the session)."""
    from lessonkit_aar.review import new_form_problems

    return new_form_problems(session, group, entries)


@hookimpl
def steps_in_use(session: Any, method: Method) -> Any:
    """The session's question form and the group synthesis (not the other form)."""
    from lessonkit_aar.review import FORM_STEPS, form_of

    try:
        form = form_of(session)
    except Exception:  # a bad form setting is reported by 'validate'; walk everything
        return None
    return [FORM_STEPS[form], SYNTHESIS.key]
