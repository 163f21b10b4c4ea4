"""The method declaration: three steps, their prompts, in Thai and English."""

from __future__ import annotations

from lessonkit import Field, Method, Prompt, Scale, Step
from lessonkit import LocalizedText as T

#: The five themes of the national meeting, as (key, Thai, English).
THEMES = (
    ("family_strengthening", "การเสริมสร้างความเข้มแข็งของครอบครัว", "Family Strengthening"),
    ("gatekeeping", "การคัดกรองป้องกันการเลี้ยงดูทดแทนโดยไม่จำเป็น", "Gatekeeping"),
    ("standard_of_care", "มาตรฐานการเลี้ยงดูทดแทน", "Standard of Care"),
    ("family_based_care", "การเลี้ยงดูทดแทนในรูปแบบครอบครัว", "Family Based Care"),
    ("deinstitutionalization", "การลดการพึ่งพิงสถานรองรับ", "Deinstitutionalization"),
)

METHOD = Method(
    key="exchange",
    title=T(en="Thematic good-practice exchange", th="การแลกเปลี่ยนแนวปฏิบัติที่ดีรายประเด็น"),
    description=T(
        en="Per theme: the situation, the good practices (rated for how well they would "
           "work elsewhere) and the plan for the remaining years.",
        th="รายประเด็น: สถานการณ์ แนวปฏิบัติที่ดี (ประเมินว่านำไปใช้ที่อื่นได้เพียงใด) "
           "และแผนการขับเคลื่อนในระยะเวลาที่เหลือ"),
    default_rule="broad_support",
    steps=(
        Step(key="situation", title=T(en="Situation", th="สถานการณ์"), prompts=(
            Prompt(key="situation", kind="list", individual=False,
                   text=T(en="What is the situation of the theme?", th="สถานการณ์ของประเด็นเป็นอย่างไร"),
                   help=T(en="One fact per line: figures, gaps, what changed.",
                          th="ข้อเท็จจริงบรรทัดละหนึ่งข้อ: ตัวเลข ช่องว่าง สิ่งที่เปลี่ยนไป")),
        )),
        Step(key="practices", title=T(en="Good practices", th="แนวปฏิบัติที่ดี"), prompts=(
            Prompt(key="practices", kind="list", individual=False,
                   text=T(en="Which good practices does the theme present?",
                          th="ประเด็นนี้มีแนวปฏิบัติที่ดีอะไรบ้าง")),
            Prompt(key="transferable", kind="score", items_from="practices",
                   text=T(en="How well would this practice work in other provinces?",
                          th="แนวปฏิบัตินี้นำไปใช้ในจังหวัดอื่นได้ดีเพียงใด"),
                   help=T(en="1 = hardly, 5 = anywhere; N/A if you cannot judge.",
                          th="๑ = แทบไม่ได้ ๕ = ได้ทุกที่ ไม่เกี่ยวข้อง หากประเมินไม่ได้"),
                   scale=Scale.range(1, 5, allow_na=True)),
        )),
        Step(key="plan", title=T(en="Plan for the remaining years", th="แผนในระยะเวลาที่เหลือ"), prompts=(
            Prompt(key="plan", kind="table", individual=False,
                   text=T(en="What will the theme do in the remaining years (2023–2026)?",
                          th="จะขับเคลื่อนอะไรในระยะเวลาที่เหลือ (พ.ศ. ๒๕๖๖–๒๕๖๙)"),
                   fields=(
                       Field(key="action", label=T(en="Action", th="การดำเนินงาน"), required=True),
                       Field(key="partners", label=T(en="Partners", th="ภาคีเครือข่าย")),
                       Field(key="year", label=T(en="Year (B.E.)", th="ปี พ.ศ."), kind="number"),
                   )),
        )),
    ),
)
