"""The Thai help of ``lessonkit ee …`` (keys: the English help texts as in cli.py).

Registered in the plugin's message catalogue (``WORDS.help``) by cli.py, loaded only for Thai help; shown when the
help language is Thai (``LESSONKIT_LOCALE=th``, ``--locale th`` or a Thai system locale).
"""

from __future__ import annotations

__all__ = ["HELP_TH", "texts"]

HELP_TH: dict[str, str] = {
    "Empowerment Evaluation: settings, mission, taking stock, plan checks, comparison.\n\n\b\n"
    "Record answers and scores with the core commands, e.g.\n"
    "  lessonkit answer ws.json --group g2 --method ee --prompt activities \"…\" \"…\"\n"
    "  lessonkit score ws.json --group g2 --method ee --prompt importance --participant p1 1=3 2=2\n"
    "then look at the result with 'lessonkit ee stock' and 'lessonkit report'.":
        "การประเมินแบบเสริมพลัง (EE): การตั้งค่า ภารกิจ การตรวจสอบต้นทุน การตรวจแผน"
        " และการเปรียบเทียบกับข้อมูลฐาน\n\n"
        "\b\n"
        "บันทึกคำตอบและคะแนนด้วยคำสั่งหลัก เช่น\n"
        "  lessonkit answer ws.json --group g2 --method ee --prompt activities \"…\" \"…\"\n"
        "  lessonkit score ws.json --group g2 --method ee --prompt importance \\\n"
        "      --participant p1 1=3 2=2\n"
        "แล้วดูผลด้วย 'lessonkit ee stock' และ 'lessonkit report'",
    "Check the plans: every kept activity has a plan row and every plan row has evidence.\n\n"
    "Exits with status 1 when something is missing.":
        "ตรวจแผน: กิจกรรมที่คัดเลือกทุกกิจกรรมมีแผน และแผนทุกแถวระบุหลักฐาน\n\n"
        "จบด้วยสถานะ 1 เมื่อมีสิ่งที่ขาด",
    "Only this group (default: every group).": "เฉพาะกลุ่มนี้ (ค่าเริ่มต้น: ทุกกลุ่ม)",
    "Compare a follow-up session with its baseline, side by side.\n\nActivities are matched by "
    "their text (ignoring case and spacing); the table shows each one's mean rating and n in both "
    "sessions, the change, the priority rank in both and how many places it moved, and which "
    "activities were added or dropped.":
        "เปรียบเทียบเวทีติดตามผลกับข้อมูลฐานแบบเคียงข้างกัน\n\n"
        "จับคู่กิจกรรมตามข้อความ (ไม่สนใจตัวพิมพ์และการเว้นวรรค)"
        " ตารางแสดงคะแนนเฉลี่ยและ n ของแต่ละกิจกรรมในทั้งสองเวที การเปลี่ยนแปลง"
        " ลำดับความสำคัญในทั้งสองเวทีและจำนวนลำดับที่ขยับ"
        " รวมทั้งกิจกรรมที่เพิ่มขึ้นและที่ไม่มีแล้ว",
    "Only this group (default: every group in both).":
        "เฉพาะกลุ่มนี้ (ค่าเริ่มต้น: ทุกกลุ่มที่มีในทั้งสองเวที)",
    "Merge repeated objectives and goals of a group (same text, ignoring case and spacing).":
        "รวมวัตถุประสงค์และเป้าหมายที่ซ้ำกันของกลุ่ม (ข้อความเดียวกัน ไม่สนใจตัวพิมพ์และการเว้นวรรค)",
    "The group.": "กลุ่ม",
    "Show or change the session's EE settings.": "แสดงหรือเปลี่ยนการตั้งค่า EE ของเวที",
    "Part I: 1–3 importance scores summed (the seeds) or 5 dots each (Fetterman).":
        "ส่วนที่ ๑: รวมคะแนนความสำคัญ ๑–๓ (ตามเอกสารต้นแบบ) หรือลงจุดคนละ ๕ จุด (ตาม Fetterman)",
    "How many activities part I keeps.": "จำนวนกิจกรรมที่ส่วนที่ ๑ คัดเลือกไว้",
    "A mean rating at or below this flags an important activity as rated low.":
        "คะแนนเฉลี่ยที่เท่ากับหรือต่ำกว่าค่านี้ จะทำเครื่องหมายกิจกรรมสำคัญว่าได้คะแนนต่ำ",
    "A spread (standard deviation) at or above this flags disagreement.":
        "การกระจาย (ส่วนเบี่ยงเบนมาตรฐาน) ที่เท่ากับหรือสูงกว่าค่านี้ จะทำเครื่องหมายว่าความเห็นแตกต่างกันมาก",
    "Path of the baseline session the report compares with.":
        "ที่อยู่ของไฟล์เวทีข้อมูลฐานที่รายงานใช้เปรียบเทียบ",
    "Output the settings as JSON.": "แสดงการตั้งค่าเป็น JSON",
    "Taking stock: part I (priority, the kept top k) and part II (mean, n, spread, flags).":
        "การตรวจสอบต้นทุน: ส่วนที่ ๑ (ลำดับความสำคัญ และ k อันดับแรกที่คัดเลือก)"
        " และส่วนที่ ๒ (ค่าเฉลี่ย n การกระจาย และประเด็นอภิปราย)",
}


def texts() -> dict[str, dict[str, str]]:
    """The Thai help as :func:`lessonkit.i18n.help_texts` takes it."""
    return {english: {"th": thai} for english, thai in HELP_TH.items()}
