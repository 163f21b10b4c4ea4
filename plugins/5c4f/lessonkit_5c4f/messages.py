"""The 5C4F plugin's words in Thai and English : the ``5c4f`` catalogue (``context.t("5c4f:key")``)."""

from __future__ import annotations

from lessonkit.i18n import messages

__all__ = ["MESSAGES", "WORDS", "say"]

MESSAGES: dict[str, dict[str, str]] = {
    "inventory": {"en": "Activity inventory", "th": "กิจกรรมสำหรับเด็กในพื้นที่"},
    "activity": {"en": "Activity", "th": "กิจกรรม"},
    "band": {"en": "Age band", "th": "ช่วงวัย"},
    "band_years": {"en": "{band} years", "th": "{band} ปี"},
    "agency": {"en": "Responsible agency", "th": "หน่วยงานที่รับผิดชอบ"},
    "dimension": {"en": "Dimension", "th": "มิติ"},
    "dimensions": {"en": "Dimensions", "th": "มิติ"},
    "description": {"en": "Description", "th": "คำอธิบาย"},
    "goal_areas": {"en": "CFCI goal areas", "th": "เป้าหมายของ CFCI"},
    "matrix": {"en": "Coverage by dimension and age band", "th": "ความครอบคลุมรายมิติและช่วงวัย"},
    "matrix_caption": {
        "en": "Activities addressing each dimension, mean level (never 1 – sometimes 2 – mostly true 3) and n ratings",
        "th": "จำนวนกิจกรรมที่ตอบมิติ ระดับเฉลี่ย (ไม่เคย ๑ – บางครั้ง ๒ – ส่วนใหญ่เป็นจริง ๓) และจำนวนการประเมิน"},
    "col_activities": {"en": "{band}: activities", "th": "{band}: กิจกรรม"},
    "col_mean": {"en": "{band}: mean", "th": "{band}: เฉลี่ย"},
    "col_n": {"en": "{band}: n", "th": "{band}: n"},
    "col_na": {"en": "{band}: N/A", "th": "{band}: ไม่เกี่ยวข้อง"},
    "all_bands": {"en": "All", "th": "ทุกช่วงวัย"},
    "na_note": {
        "en": "\"Does not apply\" answers ({n} in all) are not counted as low scores: they are left out of the means.",
        "th": "คำตอบ \"ไม่เกี่ยวข้อง\" (รวม {n} คำตอบ) ไม่นับเป็นคะแนนต่ำ และไม่นำมาคิดค่าเฉลี่ย"},
    "gaps": {"en": "Gaps", "th": "ช่องว่าง"},
    "no_gaps": {"en": "No gaps found.", "th": "ไม่พบช่องว่าง"},
    "gap_rule": {
        "en": "A gap is a band, dimension or need with no activity, or one whose mean level is below {weak} (weak).",
        "th": "ช่องว่าง คือ ช่วงวัย มิติ หรือความต้องการที่ยังไม่มีกิจกรรมรองรับ หรือมีระดับเฉลี่ยต่ำกว่า {weak} (อ่อน)"},
    "gap_band_none": {"en": "Age band {band}: no activities in the inventory.",
                           "th": "ช่วงวัย {band}: ยังไม่มีกิจกรรม"},
    "gap_band_weak": {"en": "Age band {band}: weak overall (mean {mean}, n = {n}).",
                           "th": "ช่วงวัย {band}: ภาพรวมยังอ่อน (เฉลี่ย {mean}, จำนวน {n})"},
    "gap_dimension_none": {"en": "{dimension}: no activity addresses it in any age band.",
                                "th": "{dimension}: ยังไม่มีกิจกรรมใดตอบมิตินี้ในทุกช่วงวัย"},
    "gap_dimension_unrated": {"en": "{dimension}: not rated yet for any activity.",
                                   "th": "{dimension}: ยังไม่มีการประเมินในกิจกรรมใด"},
    "gap_dimension_weak": {"en": "{dimension}: weak across age bands (mean {mean}, n = {n}).",
                                "th": "{dimension}: ยังอ่อนในภาพรวม (เฉลี่ย {mean}, จำนวน {n})"},
    "gap_cell_none": {"en": "{dimension}, age band {band}: no activity addresses it.",
                           "th": "{dimension} ช่วงวัย {band}: ยังไม่มีกิจกรรมที่ตอบมิตินี้"},
    "gap_cell_unrated": {"en": "{dimension}, age band {band}: not rated yet.",
                              "th": "{dimension} ช่วงวัย {band}: ยังไม่มีการประเมิน"},
    "gap_cell_weak": {"en": "{dimension}, age band {band}: weak (mean {mean}, n = {n}).",
                           "th": "{dimension} ช่วงวัย {band}: ยังอ่อน (เฉลี่ย {mean}, จำนวน {n})"},
    "gap_need_none": {"en": "Need \"{need}\" ({band}): no activity addresses its dimensions.",
                           "th": "ความต้องการ \"{need}\" ({band}): ยังไม่มีกิจกรรมที่ตอบมิติที่เกี่ยวข้อง"},
    "gap_need_weak": {"en": "Need \"{need}\" ({band}): only weak activities (best mean {mean}).",
                           "th": "ความต้องการ \"{need}\" ({band}): มีเพียงกิจกรรมที่ยังอ่อน (เฉลี่ยสูงสุด {mean})"},
    "any_band": {"en": "any age", "th": "ทุกช่วงวัย"},
    "profile": {"en": "Profile by age band", "th": "ภาพรวมรายมิติจำแนกตามช่วงวัย"},
    "radar_note": {"en": "The centre is the scale's lowest level; a dimension with no "
                         "ratings is drawn at the centre.",
                   "th": "จุดกึ่งกลางคือระดับต่ำสุดของมาตรวัด มิติที่ยังไม่มีการประเมินแสดงที่จุดกึ่งกลาง"},
    "needs": {"en": "Children's needs in priority order", "th": "ความต้องการของเด็กและเยาวชนตามลำดับความสำคัญ"},
    "need": {"en": "Need", "th": "ความต้องการ"},
    "served_by": {"en": "Served by", "th": "กิจกรรมที่รองรับ"},
    "unserved": {"en": "(no activity yet)", "th": "(ยังไม่มีกิจกรรม)"},
    "weakly_served": {"en": "(weak activities only)", "th": "(มีแต่กิจกรรมที่ยังอ่อน)"},
    "no_needs": {"en": "No needs recorded yet.", "th": "ยังไม่มีการบันทึกความต้องการ"},
    "no_activities": {"en": "No activities recorded yet.", "th": "ยังไม่มีการบันทึกกิจกรรม"},
    "not_voted": {"en": "Nobody has voted yet: the needs are in the order they were recorded.",
                       "th": "ยังไม่มีการลงคะแนน จึงเรียงตามลำดับที่บันทึก"},
    "ranked_by": {"en": "Ranked by: {rule}", "th": "จัดลำดับโดย: {rule}"},
    "comments": {"en": "Comments", "th": "ข้อคิดเห็น"},
    "by_respondent": {"en": "Mean level by respondent type", "th": "ระดับเฉลี่ยจำแนกตามประเภทผู้ตอบ"},
    "respondent": {"en": "Respondent type", "th": "ประเภทผู้ตอบ"},
    "crosswalk": {"en": "Dimensions and UNICEF CFCI goal areas", "th": "มิติ 5C4F กับเป้าหมายของ UNICEF CFCI"},
    "goal_area": {"en": "Goal area", "th": "เป้าหมาย"},
    "by_group": {"en": "Mean level by dimension and group", "th": "ระดับเฉลี่ยรายมิติจำแนกตามกลุ่ม"},
    "change": {"en": "Change", "th": "การเปลี่ยนแปลง"},
    "round1": {"en": "Round 1", "th": "รอบที่ ๑"},
    "round2": {"en": "Round 2", "th": "รอบที่ ๒"},
    "all_dimensions": {"en": "All dimensions", "th": "ทุกมิติ"},
    "status": {"en": "Status", "th": "สถานะ"},
    "status_both": {"en": "", "th": ""},
    "status_added": {"en": "added", "th": "เพิ่มใหม่"},
    "status_dropped": {"en": "dropped", "th": "ไม่มีแล้ว"},
    "activities_added": {"en": "Added in round 2: {items}", "th": "กิจกรรมที่เพิ่มในรอบที่ ๒: {items}"},
    "activities_dropped": {"en": "Not in round 2: {items}", "th": "กิจกรรมที่ไม่มีในรอบที่ ๒: {items}"},
    "baseline": {"en": "Baseline", "th": "ข้อมูลฐาน"},
    "followup": {"en": "This round", "th": "รอบนี้"},
    "pair_error": {"en": "{value} is not {what}", "th": "{value} ไม่อยู่ในรูป {what}"},
    "respondents_none": {"en": "name participants or give --new N", "th": "ระบุผู้เข้าร่วม หรือใช้ --new N"},
    "baseline_set": {"en": "Baseline: {path}", "th": "ข้อมูลฐาน: {path}"},
    "since_baseline": {"en": "Change since the baseline", "th": "การเปลี่ยนแปลงเทียบกับข้อมูลฐาน"},
    "since_baseline_intro": {
        "en": "Mean level of each dimension and each activity in the baseline ({baseline}) and in this "
              "round, with n and the change. Activities are matched by name and age band.",
        "th": "ระดับเฉลี่ยรายมิติและรายกิจกรรมในข้อมูลฐาน ({baseline}) และในรอบนี้ พร้อมจำนวนการประเมิน "
              "และการเปลี่ยนแปลง จับคู่กิจกรรมตามชื่อและช่วงวัย"},
    "by_dimension_change": {"en": "By dimension", "th": "รายมิติ"},
    "by_activity_change": {"en": "By activity", "th": "รายกิจกรรม"},
    "baseline_lacks_group": {"en": "The baseline has no group {group}: nothing to compare.",
                                  "th": "ข้อมูลฐานไม่มีกลุ่ม {group} จึงไม่มีสิ่งที่เปรียบเทียบ"},
    "added_since": {"en": "Added since the baseline: {items}", "th": "กิจกรรมที่เพิ่มขึ้น: {items}"},
    "dropped_since": {"en": "Dropped since the baseline: {items}", "th": "กิจกรรมที่ไม่มีแล้ว: {items}"},
    "added_activity": {"en": "Added activity {id}: {name} ({band})", "th": "เพิ่มกิจกรรม {id}: {name} ({band}) แล้ว"},
    "added_need": {"en": "Added need {id}: {text}", "th": "เพิ่มความต้องการ {id}: {text} แล้ว"},
    "assessed": {"en": "Recorded {n} level(s) of {participant} for {activity}",
                      "th": "บันทึกระดับ {n} มิติของ {participant} สำหรับ {activity} แล้ว"},
    "voted": {"en": "Recorded {participant}'s dots", "th": "บันทึกการลงคะแนนของ {participant} แล้ว"},
    "bands_set": {"en": "Age bands: {bands}", "th": "ช่วงวัย: {bands}"},
    "respondents_set": {"en": "{participants}: {kind}", "th": "{participants}: {kind}"},
}

#: The catalogue (registering it again, on a re-import, is harmless).
WORDS = messages("5c4f", MESSAGES)


def say(key: str, locale: str, **kwargs: object) -> str:
    """A 5C4F word: ``say("gaps", "th")`` looks up ``5c4f:gaps``."""
    return WORDS.t(key, locale, **kwargs)
