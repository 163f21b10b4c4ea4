"""The Thai help of ``lessonkit 5c4f …`` (keys: the English help texts as in cli.py).

Registered in the plugin's message catalogue (``WORDS.help``) by cli.py, loaded only for Thai help; shown when the
help language is Thai (``LESSONKIT_LOCALE=th``, ``--locale th`` or a Thai system locale).
"""

from __future__ import annotations

__all__ = ["HELP_TH", "texts"]

HELP_TH: dict[str, str] = {
    "5C4F Child-friendly City: activities by age band, the nine dimensions, gaps, needs.\n\n\b\n"
    "A typical session:\n"
    "  lessonkit new area.json --title \"โคกม่วง\" --method 5c4f\n"
    "  lessonkit group add area.json kokmuang --name \"เทศบาลตำบลโคกม่วง\"\n"
    "  lessonkit 5c4f activity area.json --group kokmuang --band 0-6 \"กล่องรับขวัญ\"\n"
    "  lessonkit participant add area.json --group kokmuang --count 3\n"
    "  lessonkit 5c4f assess area.json --group kokmuang --participant p1 --activity 1 all=mostly fun=na\n"
    "  lessonkit 5c4f need area.json --group kokmuang --band 7-18 -d comfort \"พื้นที่ปลอดภัย\"\n"
    "  lessonkit 5c4f matrix area.json --group kokmuang":
        "เมืองที่เป็นมิตรกับเด็ก 5C4F: กิจกรรมตามช่วงวัย เก้ามิติ ช่องว่าง และความต้องการของเด็ก\n\n"
        "\b\n"
        "ตัวอย่างการใช้งาน:\n"
        "  lessonkit new area.json --title \"โคกม่วง\" --method 5c4f\n"
        "  lessonkit group add area.json kokmuang --name \"เทศบาลตำบลโคกม่วง\"\n"
        "  lessonkit 5c4f activity area.json --group kokmuang --band 0-6 \"กล่องรับขวัญ\"\n"
        "  lessonkit participant add area.json --group kokmuang --count 3\n"
        "  lessonkit 5c4f assess area.json --group kokmuang --participant p1 \\\n"
        "      --activity 1 all=mostly fun=na\n"
        "  lessonkit 5c4f need area.json --group kokmuang --band 7-18 -d comfort \\\n"
        "      \"พื้นที่ปลอดภัย\"\n"
        "  lessonkit 5c4f matrix area.json --group kokmuang",
    "Add activities of the area to the inventory (one per NAME), for one age band.":
        "เพิ่มกิจกรรมสำหรับเด็กในพื้นที่ (หนึ่งกิจกรรมต่อหนึ่ง NAME) ของช่วงวัยหนึ่ง",
    "The group (the area).": "กลุ่ม (พื้นที่)",
    "The age band, e.g. 0-6 ('lessonkit 5c4f bands FILE' lists them).":
        "ช่วงวัย เช่น 0-6 (ดูได้จาก 'lessonkit 5c4f bands FILE')",
    "The responsible agency.": "หน่วยงานที่รับผิดชอบ",
    "Language of the output (default: LESSONKIT_LOCALE, else the session's).":
        "ภาษาของผลลัพธ์ (ค่าเริ่มต้น: LESSONKIT_LOCALE ถ้าไม่มีจึงใช้ภาษาของไฟล์เวที)",
    "Rate an activity on dimensions: DIMENSION=LEVEL ... (all=LEVEL for the rest).\n\n\b\n"
    "Levels: never (1), sometimes (2), mostly (3), na (does not apply — not a low score).\n"
    "Example: lessonkit 5c4f assess area.json --group g1 --participant p1 --activity 2 "
    "all=sometimes fun=mostly family_focused=na":
        "ประเมินกิจกรรมรายมิติ: DIMENSION=LEVEL ... (all=LEVEL สำหรับมิติที่เหลือ)\n\n"
        "ระดับ: never (ไม่เคย ๑) sometimes (บางครั้ง ๒) mostly (ส่วนใหญ่เป็นจริง ๓)"
        " na (ไม่เกี่ยวข้อง ไม่นับเป็นคะแนนต่ำ)\n\n"
        "\b\n"
        "ตัวอย่าง:\n"
        "  lessonkit 5c4f assess area.json --group g1 --participant p1 --activity 2 \\\n"
        "      all=sometimes fun=mostly family_focused=na",
    "Who rates.": "ผู้ประเมิน",
    "The activity: its number, id (e3) or name.": "กิจกรรม: ลำดับ รหัส (e3) หรือชื่อกิจกรรม",
    "A comment on the activity (optional, as in the kit).":
        "ข้อคิดเห็นต่อกิจกรรม (ไม่บังคับ เช่นเดียวกับในชุดเครื่องมือ)",
    "Show the session's age bands, or set them: lessonkit 5c4f bands FILE 0-2 3-6 7-12 13-18.":
        "แสดงช่วงวัยของเวที หรือกำหนดช่วงวัยใหม่\n\n"
        "\b\n"
        "ตัวอย่าง:\n"
        "  lessonkit 5c4f bands FILE 0-2 3-6 7-12 13-18",
    "Show or set the baseline round: the session file the report compares this round with.\n\n"
    "With a baseline the report adds the change since the baseline per dimension and per activity "
    "(as 'lessonkit 5c4f compare --by-activity' shows it).":
        "แสดงหรือกำหนดรอบข้อมูลฐาน: ไฟล์เวทีที่รายงานใช้เปรียบเทียบกับรอบนี้\n\n"
        "เมื่อมีข้อมูลฐาน รายงานจะเพิ่มการเปลี่ยนแปลงเทียบกับข้อมูลฐานรายมิติและรายกิจกรรม"
        " (แบบเดียวกับ 'lessonkit 5c4f compare --by-activity')",
    "Forget the baseline.": "ยกเลิกข้อมูลฐาน",
    "Check the 5C4F data: known age bands and dimensions, valid settings (exit 1 on problems).":
        "ตรวจสอบข้อมูล 5C4F: ช่วงวัยและมิติที่รู้จัก และการตั้งค่าที่ถูกต้อง (จบด้วยสถานะ 1 เมื่อพบปัญหา)",
    "The change of each dimension's mean level between two rounds (baseline and follow-up).\n\n"
    "With --by-activity: each activity's mean level over all dimensions and on each dimension, n "
    "and the change, then the activities added and dropped. An activity is the same in both "
    "rounds when its group, age band and name match (Thai spelled either way: SARA AM typed as "
    "two keys counts as the same letter).":
        "การเปลี่ยนแปลงของระดับเฉลี่ยรายมิติระหว่างสองรอบ (ข้อมูลฐานและติดตามผล)\n\n"
        "เมื่อใช้ --by-activity: แสดงระดับเฉลี่ยของแต่ละกิจกรรมทั้งภาพรวมทุกมิติและรายมิติ"
        " พร้อม n และการเปลี่ยนแปลง แล้วตามด้วยกิจกรรมที่เพิ่มใหม่และที่ไม่มีแล้ว"
        " กิจกรรมในสองรอบถือเป็นกิจกรรมเดียวกันเมื่อกลุ่ม ช่วงวัย และชื่อตรงกัน"
        " (สระอำที่พิมพ์เป็นนิคหิตกับสระอา ถือเป็นตัวเดียวกัน)",
    "The same group in both files; default: all pooled.":
        "กลุ่มเดียวกันในทั้งสองไฟล์ ค่าเริ่มต้น: รวมทุกกลุ่ม",
    "Also show the change in each age band.": "แสดงการเปลี่ยนแปลงในแต่ละช่วงวัยด้วย",
    "Show the change of each activity instead, matched by name and age band.":
        "แสดงการเปลี่ยนแปลงรายกิจกรรมแทน โดยจับคู่ตามชื่อและช่วงวัย",
    "Output a table or JSON.": "แสดงผลเป็นตารางหรือ JSON",
    "List the nine dimensions (keys to use in commands), the levels and respondent types.":
        "แสดงเก้ามิติ (รหัสที่ใช้ในคำสั่ง) ระดับการประเมิน และประเภทผู้ตอบ",
    "Show UNICEF CFCI's goal areas for each dimension.":
        "แสดงเป้าหมายของ UNICEF CFCI ที่แต่ละมิติเกี่ยวข้อง",
    "Gaps: age bands and dimensions with no or weak activities, needs no activity serves.":
        "ช่องว่าง: ช่วงวัยและมิติที่ยังไม่มีกิจกรรมหรือกิจกรรมยังอ่อน"
        " และความต้องการที่ยังไม่มีกิจกรรมรองรับ",
    "One group (area); default: all groups pooled.": "กลุ่มเดียว (พื้นที่) ค่าเริ่มต้น: รวมทุกกลุ่ม",
    "The coverage matrix: dimension × age band, activities addressing it and mean level (n).":
        "ตารางความครอบคลุม: มิติ × ช่วงวัย จำนวนกิจกรรมที่ตอบมิติ และระดับเฉลี่ย (n)",
    "Only the ratings of this respondent type.": "เฉพาะการประเมินของผู้ตอบประเภทนี้",
    "Add a need stated by children or young people, tagged with its age band and dimensions.":
        "เพิ่มความต้องการที่เด็กหรือเยาวชนเสนอ พร้อมระบุช่วงวัยและมิติที่เกี่ยวข้อง",
    "The age band of the children with this need.": "ช่วงวัยของเด็กที่มีความต้องการนี้",
    "A dimension the need touches (repeatable; key or name, or a comma list).":
        "มิติที่ความต้องการนี้เกี่ยวข้อง (ระบุซ้ำได้ ใช้รหัสหรือชื่อ หรือรายการคั่นด้วยจุลภาค)",
    "The group's needs in priority order, with the activities that serve each.":
        "ความต้องการของกลุ่มเรียงตามลำดับความสำคัญ พร้อมกิจกรรมที่รองรับแต่ละข้อ",
    "A registered ranking rule (default: the prompt's, dots).":
        "กฎการจัดลำดับที่ลงทะเบียนไว้ (ค่าเริ่มต้น: กฎของคำถาม คือ dots)",
    "Say which respondent type participants answer as (UNICEF's kit has a tool per type).":
        "ระบุประเภทผู้ตอบของผู้เข้าร่วม (ชุดเครื่องมือของ UNICEF มีแบบสอบถามแยกตามประเภท)",
    "children, adolescents, parents or officials (Thai labels work too).":
        "children (เด็ก) adolescents (วัยรุ่น) parents (พ่อแม่ผู้ปกครอง) หรือ officials (เจ้าหน้าที่)"
        " ใช้ชื่อภาษาไทยก็ได้",
    "Also add this many new anonymous participants of this type.":
        "เพิ่มผู้เข้าร่วมแบบไม่ระบุชื่อของประเภทนี้ตามจำนวนนี้ด้วย",
    "Spread dots over the needs: NEED=DOTS ... (NEED is its number, id or text; 5 dots each).":
        "ลงจุดให้ความต้องการ: NEED=DOTS ... (NEED คือลำดับ รหัส หรือข้อความ คนละ ๕ จุด)",
    "Who votes.": "ผู้ลงคะแนน",
}


def texts() -> dict[str, dict[str, str]]:
    """The Thai help as :func:`lessonkit.i18n.help_texts` takes it."""
    return {english: {"th": thai} for english, thai in HELP_TH.items()}
