"""The 5C4F plugin's words in Thai and English (keys prefixed ``5c4f_``)."""

from __future__ import annotations

from lessonkit.i18n import add_messages, t

__all__ = ["MESSAGES", "say"]

MESSAGES: dict[str, dict[str, str]] = {
    "5c4f_inventory": {"en": "Activity inventory", "th": "กิจกรรมสำหรับเด็กในพื้นที่"},
    "5c4f_activity": {"en": "Activity", "th": "กิจกรรม"},
    "5c4f_band": {"en": "Age band", "th": "ช่วงวัย"},
    "5c4f_band_years": {"en": "{band} years", "th": "{band} ปี"},
    "5c4f_agency": {"en": "Responsible agency", "th": "หน่วยงานที่รับผิดชอบ"},
    "5c4f_dimension": {"en": "Dimension", "th": "มิติ"},
    "5c4f_dimensions": {"en": "Dimensions", "th": "มิติ"},
    "5c4f_description": {"en": "Description", "th": "คำอธิบาย"},
    "5c4f_goal_areas": {"en": "CFCI goal areas", "th": "เป้าหมายของ CFCI"},
    "5c4f_matrix": {"en": "Coverage by dimension and age band", "th": "ความครอบคลุมรายมิติและช่วงวัย"},
    "5c4f_matrix_caption": {
        "en": "Activities addressing each dimension, mean level (never 1 – sometimes 2 – mostly true 3) and n ratings",
        "th": "จำนวนกิจกรรมที่ตอบมิติ ระดับเฉลี่ย (ไม่เคย ๑ – บางครั้ง ๒ – ส่วนใหญ่เป็นจริง ๓) และจำนวนการประเมิน (n)"},
    "5c4f_col_activities": {"en": "{band}: activities", "th": "{band}: กิจกรรม"},
    "5c4f_col_mean": {"en": "{band}: mean", "th": "{band}: เฉลี่ย"},
    "5c4f_col_n": {"en": "{band}: n", "th": "{band}: n"},
    "5c4f_col_na": {"en": "{band}: N/A", "th": "{band}: ไม่เกี่ยวข้อง"},
    "5c4f_all_bands": {"en": "All", "th": "ทุกช่วงวัย"},
    "5c4f_na_note": {
        "en": "\"Does not apply\" answers ({n} in all) are not counted as low scores: they are left out of the means.",
        "th": "คำตอบ \"ไม่เกี่ยวข้อง\" (รวม {n} คำตอบ) ไม่นับเป็นคะแนนต่ำ และไม่นำมาคิดค่าเฉลี่ย"},
    "5c4f_gaps": {"en": "Gaps", "th": "ช่องว่าง"},
    "5c4f_no_gaps": {"en": "No gaps found.", "th": "ไม่พบช่องว่าง"},
    "5c4f_gap_rule": {
        "en": "A gap is a band, dimension or need with no activity, or one whose mean level is below {weak} (weak).",
        "th": "ช่องว่าง คือ ช่วงวัย มิติ หรือความต้องการที่ยังไม่มีกิจกรรมรองรับ หรือมีระดับเฉลี่ยต่ำกว่า {weak} (อ่อน)"},
    "5c4f_gap_band_none": {"en": "Age band {band}: no activities in the inventory.",
                           "th": "ช่วงวัย {band}: ยังไม่มีกิจกรรม"},
    "5c4f_gap_band_weak": {"en": "Age band {band}: weak overall (mean {mean}, n = {n}).",
                           "th": "ช่วงวัย {band}: ภาพรวมยังอ่อน (เฉลี่ย {mean}, n = {n})"},
    "5c4f_gap_dimension_none": {"en": "{dimension}: no activity addresses it in any age band.",
                                "th": "{dimension}: ยังไม่มีกิจกรรมใดตอบมิตินี้ในทุกช่วงวัย"},
    "5c4f_gap_dimension_unrated": {"en": "{dimension}: not rated yet for any activity.",
                                   "th": "{dimension}: ยังไม่มีการประเมินในกิจกรรมใด"},
    "5c4f_gap_dimension_weak": {"en": "{dimension}: weak across age bands (mean {mean}, n = {n}).",
                                "th": "{dimension}: ยังอ่อนในภาพรวม (เฉลี่ย {mean}, n = {n})"},
    "5c4f_gap_cell_none": {"en": "{dimension}, age band {band}: no activity addresses it.",
                           "th": "{dimension} ช่วงวัย {band}: ยังไม่มีกิจกรรมที่ตอบมิตินี้"},
    "5c4f_gap_cell_unrated": {"en": "{dimension}, age band {band}: not rated yet.",
                              "th": "{dimension} ช่วงวัย {band}: ยังไม่มีการประเมิน"},
    "5c4f_gap_cell_weak": {"en": "{dimension}, age band {band}: weak (mean {mean}, n = {n}).",
                           "th": "{dimension} ช่วงวัย {band}: ยังอ่อน (เฉลี่ย {mean}, n = {n})"},
    "5c4f_gap_need_none": {"en": "Need \"{need}\" ({band}): no activity addresses its dimensions.",
                           "th": "ความต้องการ \"{need}\" ({band}): ยังไม่มีกิจกรรมที่ตอบมิติที่เกี่ยวข้อง"},
    "5c4f_gap_need_weak": {"en": "Need \"{need}\" ({band}): only weak activities (best mean {mean}).",
                           "th": "ความต้องการ \"{need}\" ({band}): มีเพียงกิจกรรมที่ยังอ่อน (เฉลี่ยสูงสุด {mean})"},
    "5c4f_any_band": {"en": "any age", "th": "ทุกช่วงวัย"},
    "5c4f_profile": {"en": "Profile by age band", "th": "ภาพรวมรายมิติจำแนกตามช่วงวัย"},
    "5c4f_radar_note": {"en": "The centre is the scale's lowest level; a dimension with no "
                              "ratings is drawn at the centre.",
                        "th": "จุดกึ่งกลางคือระดับต่ำสุดของมาตรวัด มิติที่ยังไม่มีการประเมินแสดงที่จุดกึ่งกลาง"},
    "5c4f_needs": {"en": "Children's needs in priority order", "th": "ความต้องการของเด็กและเยาวชนตามลำดับความสำคัญ"},
    "5c4f_need": {"en": "Need", "th": "ความต้องการ"},
    "5c4f_served_by": {"en": "Served by", "th": "กิจกรรมที่รองรับ"},
    "5c4f_unserved": {"en": "(no activity yet)", "th": "(ยังไม่มีกิจกรรม)"},
    "5c4f_weakly_served": {"en": "(weak activities only)", "th": "(มีแต่กิจกรรมที่ยังอ่อน)"},
    "5c4f_no_needs": {"en": "No needs recorded yet.", "th": "ยังไม่มีการบันทึกความต้องการ"},
    "5c4f_no_activities": {"en": "No activities recorded yet.", "th": "ยังไม่มีการบันทึกกิจกรรม"},
    "5c4f_not_voted": {"en": "Nobody has voted yet: the needs are in the order they were recorded.",
                       "th": "ยังไม่มีการลงคะแนน จึงเรียงตามลำดับที่บันทึก"},
    "5c4f_ranked_by": {"en": "Ranked by: {rule}", "th": "จัดลำดับโดย: {rule}"},
    "5c4f_comments": {"en": "Comments", "th": "ข้อคิดเห็น"},
    "5c4f_by_respondent": {"en": "Mean level by respondent type", "th": "ระดับเฉลี่ยจำแนกตามประเภทผู้ตอบ"},
    "5c4f_respondent": {"en": "Respondent type", "th": "ประเภทผู้ตอบ"},
    "5c4f_crosswalk": {"en": "Dimensions and UNICEF CFCI goal areas", "th": "มิติ 5C4F กับเป้าหมายของ UNICEF CFCI"},
    "5c4f_goal_area": {"en": "Goal area", "th": "เป้าหมาย"},
    "5c4f_by_group": {"en": "Mean level by dimension and group", "th": "ระดับเฉลี่ยรายมิติจำแนกตามกลุ่ม"},
    "5c4f_change": {"en": "Change", "th": "การเปลี่ยนแปลง"},
    "5c4f_round1": {"en": "Round 1", "th": "รอบที่ ๑"},
    "5c4f_round2": {"en": "Round 2", "th": "รอบที่ ๒"},
    "5c4f_added_activity": {"en": "Added activity {id}: {name} ({band})", "th": "เพิ่มกิจกรรม {id}: {name} ({band}) แล้ว"},
    "5c4f_added_need": {"en": "Added need {id}: {text}", "th": "เพิ่มความต้องการ {id}: {text} แล้ว"},
    "5c4f_assessed": {"en": "Recorded {n} level(s) of {participant} for {activity}",
                      "th": "บันทึกระดับ {n} มิติของ {participant} สำหรับ {activity} แล้ว"},
    "5c4f_voted": {"en": "Recorded {participant}'s dots", "th": "บันทึกการลงคะแนนของ {participant} แล้ว"},
    "5c4f_bands_set": {"en": "Age bands: {bands}", "th": "ช่วงวัย: {bands}"},
    "5c4f_respondents_set": {"en": "{participants}: {kind}", "th": "{participants}: {kind}"},
}

add_messages(MESSAGES)


def say(key: str, locale: str, **kwargs: object) -> str:
    """A 5C4F word: ``say("gaps", "th")`` looks up ``5c4f_gaps``."""
    return t(f"5c4f_{key}", locale, **kwargs)
