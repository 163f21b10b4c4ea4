"""The EE plugin's words in Thai and English: the ``ee`` catalogue (``context.t("ee:key")``)."""

from __future__ import annotations

from typing import Any

from lessonkit.i18n import messages
from lessonkit.i18n import t as translate

__all__ = ["WORDS", "t"]

WORDS = messages("ee", {
    "step_group": {"en": "Step {n}: {step} — {group}", "th": "ขั้นตอนที่ {n} {step} : {group}"},
    "objectives": {"en": "Objectives of the mission", "th": "วัตถุประสงค์ของภารกิจ"},
    "goals": {"en": "Goals of the mission", "th": "เป้าหมายของภารกิจ"},
    "merged": {"en": "{n} repeated item(s) were merged.", "th": "รวมรายการที่ซ้ำกันแล้ว {n} รายการ"},
    "none_yet": {"en": "None recorded yet.", "th": "ยังไม่มีข้อมูล"},
    "part1": {"en": "Part I: weighing the importance of activities",
                 "th": "ส่วนที่ ๑ ประเมินน้ำหนักความสำคัญของกิจกรรม"},
    "part1_importance": {
        "en": "Each participant scored each activity 1–3 for its importance to the goal; the "
              "scores were summed and the activities ranked from highest to lowest.",
        "th": "ผู้เข้าร่วมให้คะแนนความสำคัญของแต่ละกิจกรรมต่อการบรรลุเป้าหมาย ๑–๓ คะแนน "
              "รวมคะแนนและจัดลำดับจากมากไปน้อย"},
    "part1_dots": {
        "en": "Each participant spread or stacked {budget} dots on the most important activities; "
              "the dots were counted and the activities ranked from most to fewest.",
        "th": "ผู้เข้าร่วมแต่ละคนใช้จุด {budget} จุดเลือกกิจกรรมที่สำคัญที่สุด "
              "นับจำนวนจุดและจัดลำดับจากมากไปน้อย"},
    "activity": {"en": "Activity", "th": "กิจกรรม"},
    "score": {"en": "Score", "th": "คะแนนรวม"},
    "dots": {"en": "Dots", "th": "จำนวนจุด"},
    "rank": {"en": "Rank", "th": "ลำดับ"},
    "kept": {"en": "Kept", "th": "คัดเลือก"},
    "yes": {"en": "yes", "th": "ใช่"},
    "no": {"en": "–", "th": "–"},
    "kept_top": {"en": "The top {k} activities are kept for rating and planning.",
                    "th": "คัดเลือกกิจกรรม {k} ลำดับแรกเพื่อให้คะแนนและวางแผนต่อไป"},
    "tie_at_cut": {
        "en": "Activities tied at the cut are all kept: {kept} activities instead of {k}.",
        "th": "กิจกรรมที่คะแนนเท่ากัน ณ ลำดับที่ตัด ได้รับการคัดเลือกทั้งหมด: {kept} กิจกรรมแทน {k}"},
    "part2": {"en": "Part II: rating and dialogue", "th": "ส่วนที่ ๒ การให้คะแนนและการอภิปราย"},
    "part2_intro": {
        "en": "Each participant rated how well each kept activity is going, from 1 (low) to 10 "
              "(high). The table shows the mean, the number of raters (n) and the spread "
              "(standard deviation).",
        "th": "ผู้เข้าร่วมให้คะแนนว่าแต่ละกิจกรรมที่คัดเลือกดำเนินการได้ดีเพียงใด ตั้งแต่ ๑ (น้อย) "
              "ถึง ๑๐ (มาก) ตารางแสดงค่าเฉลี่ย จำนวนผู้ให้คะแนน และการกระจาย (ส่วนเบี่ยงเบนมาตรฐาน)"},
    "mean": {"en": "Mean", "th": "ค่าเฉลี่ย"},
    "n": {"en": "n", "th": "จำนวน"},
    "top_by_group": {"en": "Top activities of each group (Empowerment Evaluation)",
                     "th": "กิจกรรมสำคัญของแต่ละกลุ่ม (การประเมินแบบเสริมพลัง)"},
    "step_n": {"en": "Step {n}: {step}.", "th": "ขั้นตอนที่ {n} {step}"},
    "plans_title": {"en": "The groups' plans for the future (Empowerment Evaluation)",
                    "th": "แผนสำหรับอนาคตของแต่ละกลุ่ม (การประเมินแบบเสริมพลัง)"},
    "spread": {"en": "Spread", "th": "การกระจาย"},
    "flag": {"en": "For dialogue", "th": "ประเด็นอภิปราย"},
    "flag_low": {"en": "important, rated low", "th": "สำคัญแต่คะแนนต่ำ"},
    "flag_disagree": {"en": "raters disagree", "th": "ความเห็นแตกต่างกันมาก"},
    "chart": {"en": "Mean rating (1–10)", "th": "คะแนนเฉลี่ย (๑–๑๐)"},
    "low_note": {
        "en": "Important but rated low (mean {limit} or less): {items}. Discuss why, and plan for them.",
        "th": "กิจกรรมสำคัญแต่ได้คะแนนต่ำ (เฉลี่ยไม่เกิน {limit}): {items} ควรอภิปรายหาสาเหตุและวางแผนปรับปรุง"},
    "disagree_note": {
        "en": "Raters disagree (spread {limit} or more) on: {items}. Ask the highest and the "
              "lowest raters to explain.",
        "th": "ผู้ให้คะแนนเห็นต่างกันมาก (การกระจายตั้งแต่ {limit} ขึ้นไป) ในกิจกรรม: {items} "
              "ควรให้ผู้ให้คะแนนสูงสุดและต่ำสุดอธิบายเหตุผล"},
    "not_kept_rated": {
        "en": "Rated although part I did not keep them (these ratings are not counted): {items}.",
        "th": "มีการให้คะแนนกิจกรรมที่ส่วนที่ ๑ ไม่ได้คัดเลือกไว้ (ไม่นำคะแนนเหล่านี้มาคิด): {items}"},
    "unrated": {"en": "Not rated yet: {items}.", "th": "ยังไม่มีการให้คะแนน: {items}"},
    "no_part1": {"en": "Part I has no scores yet, so every listed activity is shown.",
                    "th": "ส่วนที่ ๑ ยังไม่มีคะแนน จึงแสดงกิจกรรมทั้งหมด"},
    "plan_none": {"en": "No plan rows yet.", "th": "ยังไม่มีแผน"},
    "no_plan": {"en": "Kept activity without a plan: {activity}",
                   "th": "กิจกรรมที่คัดเลือกแต่ยังไม่มีแผน: {activity}"},
    "no_evidence": {"en": "Plan row {row} ({activity}) has no evidence",
                       "th": "แผนแถวที่ {row} ({activity}) ยังไม่ระบุหลักฐาน/ตัวชี้วัด"},
    "unknown_activity": {"en": "Plan row {row} names an activity not in the list: {activity}",
                            "th": "แผนแถวที่ {row} ระบุกิจกรรมที่ไม่อยู่ในรายการ: {activity}"},
    "plan_complete": {"en": "Every kept activity has a plan, and every plan row has evidence.",
                         "th": "กิจกรรมที่คัดเลือกทุกกิจกรรมมีแผน และทุกแผนระบุหลักฐานแล้ว"},
    "compare": {"en": "Change since the baseline", "th": "การเปลี่ยนแปลงเทียบกับข้อมูลฐาน"},
    "baseline": {"en": "Baseline", "th": "ข้อมูลฐาน"},
    "followup": {"en": "Follow-up", "th": "ติดตามผล"},
    "change": {"en": "Change", "th": "เปลี่ยนแปลง"},
    "rank_change": {"en": "Rank change", "th": "ลำดับเปลี่ยน"},
    "status": {"en": "Status", "th": "สถานะ"},
    "status_both": {"en": "", "th": ""},
    "status_added": {"en": "added", "th": "เพิ่มใหม่"},
    "status_dropped": {"en": "dropped", "th": "ไม่มีแล้ว"},
    "added": {"en": "Added since the baseline: {items}", "th": "กิจกรรมที่เพิ่มขึ้น: {items}"},
    "dropped": {"en": "Dropped since the baseline: {items}", "th": "กิจกรรมที่ไม่มีแล้ว: {items}"},
    "only_in": {"en": "Groups only in {where}: {groups}", "th": "กลุ่มที่มีเฉพาะใน{where}: {groups}"},
    "settings": {"en": "EE settings: prioritisation {prioritisation}, top {top_k}",
                    "th": "การตั้งค่า EE: การจัดลำดับแบบ {prioritisation} คัดเลือก {top_k} ลำดับแรก"},
    "merged_cli": {"en": "Merged {n} repeated objective(s)/goal(s) in group {group}",
                      "th": "รวมวัตถุประสงค์/เป้าหมายที่ซ้ำกัน {n} รายการในกลุ่ม {group} แล้ว"},
    "plan_problems": {"en": "{n} plan problem(s)", "th": "พบปัญหาของแผน {n} รายการ"},
})


def t(key: str, locale: str, **kwargs: Any) -> str:
    """An EE word in ``locale``."""
    return translate(key, locale, **kwargs)
