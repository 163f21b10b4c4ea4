"""The After Action Review's own words, in Thai and English: the ``aar`` catalogue.

Look them up as ``context.t("aar:key")`` or ``WORDS.t("key", locale)``.
"""

from __future__ import annotations

from lessonkit.i18n import messages

__all__ = ["MESSAGES", "WORDS"]

MESSAGES: dict[str, dict[str, str]] = {
    # forms
    "form_seeds5": {"en": "the seeds' 5 questions", "th": "แบบ ๕ คำถาม"},
    "form_army4": {"en": "the US Army's 4 questions", "th": "แบบ ๔ คำถามของกองทัพบกสหรัฐฯ"},
    "form_is": {"en": "AAR form: {form} ({title})", "th": "แบบ AAR: {form} ({title})"},
    "form_in_report": {"en": "Questions used: {title}.", "th": "ชุดคำถามที่ใช้: {title}"},
    "form_set": {"en": "AAR form set to {form} ({title})",
                     "th": "ตั้งแบบ AAR เป็น {form} ({title}) แล้ว"},
    # CLI confirmations
    "tagged": {"en": "Tagged {n} answer(s) in group {group} with: {themes}",
                   "th": "ติดประเด็น {themes} ให้คำตอบ {n} รายการของกลุ่ม {group} แล้ว"},
    "untagged": {"en": "Removed {themes} from {n} answer(s) in group {group}",
                     "th": "นำประเด็น {themes} ออกจากคำตอบ {n} รายการของกลุ่ม {group} แล้ว"},
    "added_item": {"en": "Added item {id} ({kind}) to group {group}",
                       "th": "เพิ่มรายการ{kind} {id} ในกลุ่ม {group} แล้ว"},
    "added_action": {"en": "Action {id} in group {group}: {what}",
                         "th": "สิ่งที่ต้องดำเนินการ {id} ของกลุ่ม {group}: {what}"},
    "carried": {"en": "Carried {n} open action item(s) from group {source} into group {group}",
                    "th": "นำสิ่งที่ต้องดำเนินการที่ยังไม่เสร็จ {n} รายการจากกลุ่ม {source} มายังกลุ่ม {group} แล้ว"},
    "reviewed": {"en": "Action {id} in group {group} is now {status}",
                     "th": "สิ่งที่ต้องดำเนินการ {id} ของกลุ่ม {group}: สถานะ {status}"},
    "form_ok": {"en": "{path}: every AAR answer fits the form {form}",
                    "th": "{path}: คำตอบ AAR ทั้งหมดตรงกับแบบ {form}"},
    # handout
    "handout": {"en": "After Action Review — answer sheet", "th": "แบบทบทวนหลังการปฏิบัติ (AAR)"},
    "handout_intro": {
        "en": "Answer each question alone, in writing, before the group discusses. "
              "Write one idea per card; you may leave your name off.",
        "th": "โปรดตอบทุกข้อด้วยตนเองเป็นลายลักษณ์อักษรก่อนการอภิปรายกลุ่ม "
              "เขียนหนึ่งความคิดต่อหนึ่งบัตร จะไม่ระบุชื่อก็ได้",
    },
    # report
    "review_of": {"en": "After Action Review — {group}", "th": "การทบทวนหลังการปฏิบัติ (AAR) : {group}"},
    "participants": {"en": "Participants", "th": "ผู้เข้าร่วมทบทวน"},
    "answered": {"en": "Answers given", "th": "จำนวนคำตอบ"},
    "ground_rules": {
        "en": "Ground rules: no blame (what, not who); the expectation is written down before "
              "the discussion; everyone answers.",
        "th": "กติกา: ไม่กล่าวโทษกัน (มุ่งที่สิ่งที่เกิดขึ้น ไม่ใช่ตัวบุคคล) บันทึกความคาดหวังก่อนการอภิปราย "
              "และทุกคนได้ตอบ",
    },
    "questions": {"en": "Answers to each question", "th": "คำตอบรายข้อ"},
    "theme": {"en": "Theme", "th": "ประเด็น"},
    "themes": {"en": "Themes", "th": "ประเด็น"},
    "theme_n": {"en": "{theme} ({n})", "th": "{theme} ({n})"},
    "untagged_answers": {"en": "Not grouped yet", "th": "ยังไม่จัดประเด็น"},
    "answers_n": {"en": "Answers", "th": "จำนวนคำตอบ"},
    "anonymous_card": {"en": "Anonymous", "th": "ไม่ระบุชื่อ"},
    "process_intro": {
        "en": "Each participant first answered the {n} questions below on their own, in "
              "writing, before the group discussed them.",
        "th": "ผู้เข้าร่วมแต่ละคนตอบคำถาม {n} ข้อต่อไปนี้ด้วยตนเองเป็นลายลักษณ์อักษร "
              "ก่อนร่วมกันอภิปรายในกลุ่ม"},
    "recommendations": {"en": "Suggestions for improvement (After Action Review)",
                        "th": "ข้อเสนอแนะเพื่อการปรับปรุง (จากการทบทวนหลังการปฏิบัติ)"},
    "answers_spread": {"en": "Participants by the number of answers they gave",
                       "th": "จำนวนผู้เข้าร่วมจำแนกตามจำนวนคำตอบที่ให้"},
    "anonymous_n": {"en": "Anonymous cards: {n}", "th": "บัตรไม่ระบุชื่อ: {n} ใบ"},
    "gap_column": {"en": "Question", "th": "คำถาม"},
    "gap": {"en": "Expected and actual, side by side", "th": "สิ่งที่คาดหวังเทียบกับสิ่งที่เกิดขึ้นจริง"},
    "gap_note": {"en": "Read why they differ against the gap on each row.",
                     "th": "อ่านเหตุที่แตกต่างเทียบกับช่องว่างในแต่ละแถว"},
    "expected": {"en": "Expected", "th": "สิ่งที่คาดหวัง"},
    "actual": {"en": "Actual", "th": "สิ่งที่เกิดขึ้นจริง"},
    "why": {"en": "Why they differ", "th": "เหตุที่แตกต่าง"},
    "supposed": {"en": "Supposed to happen", "th": "สิ่งที่ควรจะเกิดขึ้น"},
    "happened": {"en": "Happened", "th": "สิ่งที่เกิดขึ้นจริง"},
    "right_wrong": {"en": "Right or wrong, and why", "th": "ถูกหรือผิด เพราะเหตุใด"},
    "sustain_improve": {"en": "Sustain and improve", "th": "สิ่งที่ควรรักษาไว้และสิ่งที่ควรปรับปรุง"},
    "sustain": {"en": "Sustain", "th": "สิ่งที่ควรรักษาไว้"},
    "improve": {"en": "Improve", "th": "สิ่งที่ควรปรับปรุง"},
    "improve_ranked": {"en": "Improvements in order of priority",
                           "th": "สิ่งที่ควรปรับปรุงเรียงตามลำดับความสำคัญ"},
    "ranked_by": {"en": "Ranked by: {rule}", "th": "จัดลำดับโดย: {rule}"},
    "not_ranked": {"en": "Not prioritised yet.", "th": "ยังไม่ได้จัดลำดับความสำคัญ"},
    "dots": {"en": "Dots", "th": "จำนวนจุด"},
    "voters": {"en": "Voters", "th": "ผู้ลงคะแนน"},
    "actions": {"en": "Action items from the review", "th": "สิ่งที่ต้องดำเนินการจากการทบทวน"},
    "from": {"en": "From", "th": "ที่มา"},
    "carried_from": {"en": "carried over from {session}", "th": "ยกมาจาก {session}"},
    "carry_review": {"en": "Review of the actions carried over", "th": "ทบทวนสิ่งที่ต้องดำเนินการที่ยกมา"},
    "carry_review_n": {"en": "{done} of {n} carried-over action(s) done; {open} still open.",
                           "th": "สิ่งที่ต้องดำเนินการที่ยกมา {n} รายการ เสร็จแล้ว {done} รายการ ยังไม่เสร็จ {open} รายการ"},
    "summary": {"en": "After Action Review across groups", "th": "ภาพรวมการทบทวนหลังการปฏิบัติของทุกกลุ่ม"},
    "summary_table": {"en": "Answers, themes and actions per group",
                          "th": "คำตอบ ประเด็น และสิ่งที่ต้องดำเนินการรายกลุ่ม"},
    "open_actions": {"en": "Open actions", "th": "ยังไม่เสร็จ"},
    "total": {"en": "Total", "th": "รวม"},
    "themes_across": {"en": "Themes across groups", "th": "ประเด็นร่วมของทุกกลุ่ม"},
    "top_improve": {"en": "Top improvement of each group", "th": "สิ่งที่ควรปรับปรุงอันดับแรกของแต่ละกลุ่ม"},
    "off_form": {
        "en": "{n} answer(s) belong to the other form ({form}) and are left out.",
        "th": "มีคำตอบ {n} รายการที่เป็นของอีกแบบ ({form}) จึงไม่นำมาแสดง",
    },
}


#: The catalogue (registering it again, on a re-import, is harmless).
WORDS = messages("aar", MESSAGES)
