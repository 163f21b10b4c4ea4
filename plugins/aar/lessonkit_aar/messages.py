"""The After Action Review's own words, in Thai and English (keys start with ``aar_``)."""

from __future__ import annotations

from lessonkit.i18n import add_messages

__all__ = ["MESSAGES", "install"]

MESSAGES: dict[str, dict[str, str]] = {
    # forms
    "aar_form_seeds5": {"en": "the seeds' 5 questions", "th": "แบบ ๕ คำถาม"},
    "aar_form_army4": {"en": "the US Army's 4 questions", "th": "แบบ ๔ คำถามของกองทัพบกสหรัฐฯ"},
    "aar_form_is": {"en": "AAR form: {form} ({title})", "th": "แบบ AAR: {form} ({title})"},
    "aar_form_in_report": {"en": "Questions used: {title}.", "th": "ชุดคำถามที่ใช้: {title}"},
    "aar_form_set": {"en": "AAR form set to {form} ({title})",
                     "th": "ตั้งแบบ AAR เป็น {form} ({title}) แล้ว"},
    # CLI confirmations
    "aar_tagged": {"en": "Tagged {n} answer(s) in group {group} with: {themes}",
                   "th": "ติดประเด็น {themes} ให้คำตอบ {n} รายการของกลุ่ม {group} แล้ว"},
    "aar_untagged": {"en": "Removed {themes} from {n} answer(s) in group {group}",
                     "th": "นำประเด็น {themes} ออกจากคำตอบ {n} รายการของกลุ่ม {group} แล้ว"},
    "aar_added_item": {"en": "Added item {id} ({kind}) to group {group}",
                       "th": "เพิ่มรายการ{kind} {id} ในกลุ่ม {group} แล้ว"},
    "aar_added_action": {"en": "Action {id} in group {group}: {what}",
                         "th": "สิ่งที่ต้องดำเนินการ {id} ของกลุ่ม {group}: {what}"},
    "aar_carried": {"en": "Carried {n} open action item(s) from group {source} into group {group}",
                    "th": "นำสิ่งที่ต้องดำเนินการที่ยังไม่เสร็จ {n} รายการจากกลุ่ม {source} มายังกลุ่ม {group} แล้ว"},
    "aar_reviewed": {"en": "Action {id} in group {group} is now {status}",
                     "th": "สิ่งที่ต้องดำเนินการ {id} ของกลุ่ม {group}: สถานะ {status}"},
    "aar_form_ok": {"en": "{path}: every AAR answer fits the form {form}",
                    "th": "{path}: คำตอบ AAR ทั้งหมดตรงกับแบบ {form}"},
    # handout
    "aar_handout": {"en": "After Action Review — answer sheet", "th": "แบบทบทวนหลังการปฏิบัติ (AAR)"},
    "aar_handout_intro": {
        "en": "Answer each question alone, in writing, before the group discusses. "
              "Write one idea per card; you may leave your name off.",
        "th": "โปรดตอบทุกข้อด้วยตนเองเป็นลายลักษณ์อักษรก่อนการอภิปรายกลุ่ม "
              "เขียนหนึ่งความคิดต่อหนึ่งบัตร จะไม่ระบุชื่อก็ได้",
    },
    # report
    "aar_review_of": {"en": "After Action Review — {group}", "th": "การทบทวนหลังการปฏิบัติ (AAR) : {group}"},
    "aar_participants": {"en": "Participants", "th": "ผู้เข้าร่วมทบทวน"},
    "aar_answered": {"en": "Answers given", "th": "จำนวนคำตอบ"},
    "aar_ground_rules": {
        "en": "Ground rules: no blame (what, not who); the expectation is written down before "
              "the discussion; everyone answers.",
        "th": "กติกา: ไม่กล่าวโทษกัน (มุ่งที่สิ่งที่เกิดขึ้น ไม่ใช่ตัวบุคคล) บันทึกความคาดหวังก่อนการอภิปราย "
              "และทุกคนได้ตอบ",
    },
    "aar_questions": {"en": "Answers to each question", "th": "คำตอบรายข้อ"},
    "aar_theme": {"en": "Theme", "th": "ประเด็น"},
    "aar_themes": {"en": "Themes", "th": "ประเด็น"},
    "aar_theme_n": {"en": "{theme} ({n})", "th": "{theme} ({n})"},
    "aar_untagged_answers": {"en": "Not grouped yet", "th": "ยังไม่จัดประเด็น"},
    "aar_answers_n": {"en": "Answers", "th": "จำนวนคำตอบ"},
    "aar_anonymous_card": {"en": "anonymous", "th": "ไม่ระบุชื่อ"},
    "aar_answers_spread": {"en": "Participants by the number of answers they gave",
                           "th": "จำนวนผู้เข้าร่วมจำแนกตามจำนวนคำตอบที่ให้"},
    "aar_anonymous_n": {"en": "Anonymous cards: {n}", "th": "บัตรไม่ระบุชื่อ: {n} ใบ"},
    "aar_gap_column": {"en": "Question", "th": "คำถาม"},
    "aar_gap": {"en": "Expected and actual, side by side", "th": "สิ่งที่คาดหวังเทียบกับสิ่งที่เกิดขึ้นจริง"},
    "aar_gap_note": {"en": "Read why they differ against the gap on each row.",
                     "th": "อ่านเหตุที่แตกต่างเทียบกับช่องว่างในแต่ละแถว"},
    "aar_expected": {"en": "Expected", "th": "สิ่งที่คาดหวัง"},
    "aar_actual": {"en": "Actual", "th": "สิ่งที่เกิดขึ้นจริง"},
    "aar_why": {"en": "Why they differ", "th": "เหตุที่แตกต่าง"},
    "aar_supposed": {"en": "Supposed to happen", "th": "สิ่งที่ควรจะเกิดขึ้น"},
    "aar_happened": {"en": "Happened", "th": "สิ่งที่เกิดขึ้นจริง"},
    "aar_right_wrong": {"en": "Right or wrong, and why", "th": "ถูกหรือผิด เพราะเหตุใด"},
    "aar_sustain_improve": {"en": "Sustain and improve", "th": "สิ่งที่ควรรักษาไว้และสิ่งที่ควรปรับปรุง"},
    "aar_sustain": {"en": "Sustain", "th": "สิ่งที่ควรรักษาไว้"},
    "aar_improve": {"en": "Improve", "th": "สิ่งที่ควรปรับปรุง"},
    "aar_improve_ranked": {"en": "Improvements in order of priority",
                           "th": "สิ่งที่ควรปรับปรุงเรียงตามลำดับความสำคัญ"},
    "aar_ranked_by": {"en": "Ranked by: {rule}", "th": "จัดลำดับโดย: {rule}"},
    "aar_not_ranked": {"en": "Not prioritised yet.", "th": "ยังไม่ได้จัดลำดับความสำคัญ"},
    "aar_dots": {"en": "Dots", "th": "จำนวนจุด"},
    "aar_voters": {"en": "Voters", "th": "ผู้ลงคะแนน"},
    "aar_actions": {"en": "Action items from the review", "th": "สิ่งที่ต้องดำเนินการจากการทบทวน"},
    "aar_from": {"en": "From", "th": "ที่มา"},
    "aar_carried_from": {"en": "carried over from {session}", "th": "ยกมาจาก {session}"},
    "aar_carry_review": {"en": "Review of the actions carried over", "th": "ทบทวนสิ่งที่ต้องดำเนินการที่ยกมา"},
    "aar_carry_review_n": {"en": "{done} of {n} carried-over action(s) done; {open} still open.",
                           "th": "สิ่งที่ต้องดำเนินการที่ยกมา {n} รายการ เสร็จแล้ว {done} รายการ ยังไม่เสร็จ {open} รายการ"},
    "aar_summary": {"en": "After Action Review across groups", "th": "ภาพรวมการทบทวนหลังการปฏิบัติของทุกกลุ่ม"},
    "aar_summary_table": {"en": "Answers, themes and actions per group",
                          "th": "คำตอบ ประเด็น และสิ่งที่ต้องดำเนินการรายกลุ่ม"},
    "aar_open_actions": {"en": "Open actions", "th": "ยังไม่เสร็จ"},
    "aar_total": {"en": "Total", "th": "รวม"},
    "aar_themes_across": {"en": "Themes across groups", "th": "ประเด็นร่วมของทุกกลุ่ม"},
    "aar_top_improve": {"en": "Top improvement of each group", "th": "สิ่งที่ควรปรับปรุงอันดับแรกของแต่ละกลุ่ม"},
    "aar_off_form": {
        "en": "{n} answer(s) belong to the other form ({form}) and are left out.",
        "th": "มีคำตอบ {n} รายการที่เป็นของอีกแบบ ({form}) จึงไม่นำมาแสดง",
    },
}


def install() -> None:
    """Add the words to :mod:`lessonkit.i18n` (safe to call again)."""
    add_messages(MESSAGES)


install()
