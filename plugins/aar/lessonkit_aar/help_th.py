"""The Thai help of ``lessonkit aar …`` (keys: the English help texts as in cli.py).

Registered in the plugin's message catalogue (``WORDS.help``) by cli.py, loaded only for Thai help; shown when the
help language is Thai (``LESSONKIT_LOCALE=th``, ``--locale th`` or a Thai system locale).
"""

from __future__ import annotations

__all__ = ["HELP_TH", "texts"]

HELP_TH: dict[str, str] = {
    "After Action Review: form, answers, themes, priorities, actions, carry-over.\n\n\b\n"
    "lessonkit aar form ws.json army4            choose the 4-question form\n"
    "lessonkit aar answer ws.json --group g1 --question expected --participant p1 \"…\"\n"
    "lessonkit aar tag ws.json --group g1 --theme data e1 e4\n"
    "lessonkit aar item ws.json --group g1 improve \"…\"\n"
    "lessonkit aar dots ws.json --group g1 --participant p1 1=2 2=1\n"
    "lessonkit aar act ws.json --group g1 --top 2 --owner \"…\" --due 2018-03-31\n"
    "lessonkit aar carry-over before.json after.json --group g1\n"
    "lessonkit aar review after.json --group g1 a1 --status done":
        "การทบทวนหลังการปฏิบัติ (AAR): แบบคำถาม คำตอบ ประเด็น ลำดับความสำคัญ"
        " สิ่งที่ต้องดำเนินการ และการยกไปทบทวนในเวทีถัดไป\n\n"
        "\b\n"
        "lessonkit aar form ws.json army4            เลือกแบบ ๔ คำถาม\n"
        "lessonkit aar answer ws.json --group g1 --question expected \\\n"
        "    --participant p1 \"…\"\n"
        "lessonkit aar tag ws.json --group g1 --theme ข้อมูล e1 e4\n"
        "lessonkit aar item ws.json --group g1 improve \"…\"\n"
        "lessonkit aar dots ws.json --group g1 --participant p1 1=2 2=1\n"
        "lessonkit aar act ws.json --group g1 --top 2 --owner \"…\" --due 31/3/2561\n"
        "lessonkit aar carry-over before.json after.json --group g1\n"
        "lessonkit aar review after.json --group g1 a1 --status done",
    "Turn improve items (ITEM: id, number or text) or the --top N into action items.":
        "เปลี่ยนสิ่งที่ควรปรับปรุง (ITEM: รหัส ลำดับ หรือข้อความ) หรือ N อันดับแรกตาม --top"
        " เป็นสิ่งที่ต้องดำเนินการ",
    "The group's key.": "รหัสกลุ่ม",
    "Turn the top N improve items into actions.":
        "เปลี่ยนสิ่งที่ควรปรับปรุง N อันดับแรกเป็นสิ่งที่ต้องดำเนินการ",
    "The ranking rule for --top (default: dots).": "กฎการจัดลำดับสำหรับ --top (ค่าเริ่มต้น: dots)",
    "Word the action differently from the item.": "เขียนสิ่งที่ต้องดำเนินการให้ต่างจากข้อความของรายการ",
    "Who is responsible.": "ผู้รับผิดชอบ",
    "Due date: 2018-03-31 or 31/3/2561.": "กำหนดเสร็จ: 2018-03-31 หรือ 31/3/2561",
    "Record answers to a question of the session's form (each VALUE is one answer).\n\n"
    "Answers to the other form's questions are refused.":
        "บันทึกคำตอบของคำถามในแบบ AAR ของเวที (ค่า VALUE แต่ละค่าคือหนึ่งคำตอบ)\n\n"
        "คำตอบของคำถามในอีกแบบจะถูกปฏิเสธ",
    "The question's key ('lessonkit prompts aar' lists them).":
        "รหัสคำถาม (ดูได้จาก 'lessonkit prompts aar')",
    "Who answers; leave out for an anonymous card.": "ผู้ตอบ ไม่ต้องใส่ถ้าเป็นบัตรคำตอบที่ไม่ระบุชื่อ",
    "A theme (repeatable).": "ประเด็น (ระบุซ้ำได้)",
    "Bring the open action items of a group of EARLIER into LATER, to be reviewed there.":
        "ยกสิ่งที่ต้องดำเนินการที่ยังไม่เสร็จของกลุ่มในเวที EARLIER ไปยังเวที LATER"
        " เพื่อทบทวนในเวทีนั้น",
    "The group of LATER to carry into (default: the same key).":
        "กลุ่มในเวที LATER ที่รับรายการไป (ค่าเริ่มต้น: กลุ่มรหัสเดียวกัน)",
    "Check that every AAR answer fits the session's form (exit 1 if not).":
        "ตรวจสอบว่าคำตอบ AAR ทุกข้อตรงกับแบบคำถามของเวที (จบด้วยสถานะ 1 ถ้าไม่ตรง)",
    "Place a participant's dots on improve items (ITEM is an id, a number or the text).":
        "ลงจุดของผู้เข้าร่วมให้กับสิ่งที่ควรปรับปรุง (ITEM คือรหัส ลำดับ หรือข้อความ)",
    "Who places the dots.": "ผู้ลงจุด",
    "Show or choose the session's question form: seeds5 (default) or army4.\n\n"
    "Switching is refused while answers to the current form exist.":
        "แสดงหรือเลือกแบบคำถามของเวที: seeds5 (ค่าเริ่มต้น) หรือ army4\n\n"
        "เปลี่ยนแบบไม่ได้ระหว่างที่ยังมีคำตอบของแบบปัจจุบันอยู่",
    "Print the participants' answer sheet: ground rules, then each question with its\n"
    "guidance and room to write.":
        "พิมพ์ใบตอบคำถามสำหรับผู้เข้าร่วม: กติกา แล้วตามด้วยคำถามแต่ละข้อ"
        " พร้อมคำแนะนำและที่ว่างสำหรับเขียน",
    "The form (default: the session's, else seeds5).":
        "แบบคำถาม (ค่าเริ่มต้น: แบบของเวที ถ้าไม่มีจึงใช้ seeds5)",
    "Language (default: LESSONKIT_LOCALE, else the session's).":
        "ภาษา (ค่าเริ่มต้น: LESSONKIT_LOCALE ถ้าไม่มีจึงใช้ภาษาของไฟล์เวที)",
    "Add a sustain or improve item to the group's synthesis.":
        "เพิ่มสิ่งที่ควรรักษาไว้ (sustain) หรือสิ่งที่ควรปรับปรุง (improve) ในข้อสรุปของกลุ่ม",
    "An answer this item comes from (repeatable).": "คำตอบที่เป็นที่มาของรายการนี้ (ระบุซ้ำได้)",
    "Show the group's improve items in order of priority.":
        "แสดงสิ่งที่ควรปรับปรุงของกลุ่มเรียงตามลำดับความสำคัญ",
    "A registered ranking rule (default: dots).": "กฎการจัดลำดับที่ลงทะเบียนไว้ (ค่าเริ่มต้น: dots)",
    "Output JSON.": "แสดงผลเป็น JSON",
    "Review an action item: its status, a note, its owner or due date.":
        "ทบทวนสิ่งที่ต้องดำเนินการ: สถานะ บันทึก ผู้รับผิดชอบ หรือกำหนดเสร็จ",
    "What was found when reviewing it.": "สิ่งที่พบเมื่อทบทวน",
    "Group similar answers into a theme: tag the answers ANSWER_ID… (e1 e4 …).":
        "จัดคำตอบที่คล้ายกันเป็นประเด็น: ติดประเด็นให้คำตอบ ANSWER_ID… (e1 e4 …)",
    "Remove these themes instead of adding them.": "นำประเด็นเหล่านี้ออกแทนการเพิ่ม",
    "Count the themes of each question's answers in a group.":
        "นับประเด็นของคำตอบในแต่ละคำถามของกลุ่ม",
}


def texts() -> dict[str, dict[str, str]]:
    """The Thai help as :func:`lessonkit.i18n.help_texts` takes it."""
    return {english: {"th": thai} for english, thai in HELP_TH.items()}
