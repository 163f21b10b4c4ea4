"""The built-in words of reports and the CLI, in Thai and English.

>>> t("group", "th")
'กลุ่ม'
>>> t("participants_n", "en", n=3)
'3 participants'

Modules and plugins may add their own words with :func:`add_messages`; a key
added twice with different text is an error, so two plugins cannot silently
change each other's words.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["LOCALE_ENV", "MESSAGES", "add_messages", "resolve_locale", "t"]

#: Environment variable giving the default locale of the CLI.
LOCALE_ENV = "LESSONKIT_LOCALE"

MESSAGES: dict[str, dict[str, str]] = {
    "session": {"en": "Session", "th": "การประชุม"},
    "title": {"en": "Title", "th": "ชื่อ"},
    "date": {"en": "Date", "th": "วันที่"},
    "venue": {"en": "Venue", "th": "สถานที่"},
    "locale": {"en": "Language", "th": "ภาษา"},
    "methods": {"en": "Methods", "th": "วิธีการ"},
    "method": {"en": "Method", "th": "วิธีการ"},
    "group": {"en": "Group", "th": "กลุ่ม"},
    "groups": {"en": "Groups", "th": "กลุ่ม"},
    "group_n": {"en": "Group {key}: {name}", "th": "กลุ่มที่ {key} {name}"},
    "group_heading": {"en": "Group {n}: {name} ({key})", "th": "กลุ่มที่ {n} {name} ({key})"},
    "key": {"en": "Key", "th": "รหัส"},
    "name": {"en": "Name", "th": "ชื่อ"},
    "members": {"en": "Members", "th": "สมาชิก"},
    "member_agencies": {"en": "Member agencies", "th": "หน่วยงานที่เข้าร่วม"},
    "facilitator": {"en": "Facilitator", "th": "วิทยากรกระบวนการ"},
    "participant": {"en": "Participant", "th": "ผู้เข้าร่วม"},
    "participants": {"en": "Participants", "th": "ผู้เข้าร่วม"},
    "participants_n": {"en": "{n} participants", "th": "ผู้เข้าร่วม {n} คน"},
    "anonymous": {"en": "(anonymous)", "th": "(ไม่ระบุชื่อ)"},
    "agency": {"en": "Agency", "th": "หน่วยงาน"},
    "step": {"en": "Step", "th": "ขั้นตอน"},
    "step_n": {"en": "Step {n}", "th": "ขั้นตอนที่ {n}"},
    "prompt": {"en": "Prompt", "th": "คำถาม"},
    "question_n": {"en": "Question {n}", "th": "ข้อที่ {n}"},
    "kind": {"en": "Kind", "th": "ประเภท"},
    "scale": {"en": "Scale", "th": "มาตรวัด"},
    "answers": {"en": "Answers", "th": "คำตอบ"},
    "answer": {"en": "Answer", "th": "คำตอบ"},
    "entries": {"en": "Entries", "th": "รายการ"},
    "scores": {"en": "Scores", "th": "คะแนน"},
    "item": {"en": "Item", "th": "รายการ"},
    "score": {"en": "Score", "th": "คะแนน"},
    "rank": {"en": "Rank", "th": "ลำดับ"},
    "mean": {"en": "Mean", "th": "ค่าเฉลี่ย"},
    "median": {"en": "Median", "th": "มัธยฐาน"},
    "spread": {"en": "Spread", "th": "การกระจาย"},
    "n": {"en": "n", "th": "จำนวน"},
    "actions": {"en": "Action items", "th": "สิ่งที่ต้องดำเนินการ"},
    "what": {"en": "What", "th": "สิ่งที่ต้องทำ"},
    "owner": {"en": "Owner", "th": "ผู้รับผิดชอบ"},
    "due": {"en": "Due", "th": "กำหนดเสร็จ"},
    "status": {"en": "Status", "th": "สถานะ"},
    "status_open": {"en": "open", "th": "ยังไม่เริ่ม"},
    "status_in_progress": {"en": "in progress", "th": "กำลังดำเนินการ"},
    "status_done": {"en": "done", "th": "เสร็จแล้ว"},
    "status_dropped": {"en": "dropped", "th": "ยกเลิก"},
    "source": {"en": "Source", "th": "ที่มา"},
    "plugin": {"en": "Plugin", "th": "ปลั๊กอิน"},
    "plugins": {"en": "Plugins", "th": "ปลั๊กอิน"},
    "hooks": {"en": "Hooks", "th": "ฮุก"},
    "version": {"en": "Version", "th": "รุ่น"},
    "loaded": {"en": "loaded", "th": "โหลดแล้ว"},
    "failed": {"en": "failed", "th": "ล้มเหลว"},
    "rule": {"en": "Rule", "th": "กฎการจัดลำดับ"},
    "rules": {"en": "Ranking rules", "th": "กฎการจัดลำดับ"},
    "description": {"en": "Description", "th": "คำอธิบาย"},
    "none": {"en": "(none)", "th": "(ไม่มี)"},
    "not_applicable": {"en": "does not apply", "th": "ไม่เกี่ยวข้อง"},
    "created": {"en": "Created {path}", "th": "สร้างไฟล์ {path} แล้ว"},
    "saved": {"en": "Saved {path}", "th": "บันทึก {path} แล้ว"},
    "wrote": {"en": "Wrote {path}", "th": "เขียนไฟล์ {path} แล้ว"},
    "added_group": {"en": "Added group {key}: {name}", "th": "เพิ่มกลุ่ม {key}: {name} แล้ว"},
    "added_participant": {"en": "Added participant {key} to group {group}",
                          "th": "เพิ่มผู้เข้าร่วม {key} ในกลุ่ม {group} แล้ว"},
    "added_entries": {"en": "Added {n} answer(s) to {prompt} in group {group}",
                      "th": "เพิ่มคำตอบ {n} รายการใน {prompt} ของกลุ่ม {group} แล้ว"},
    "recorded_scores": {"en": "Recorded {n} score(s) of {participant} for {prompt} in group {group}",
                        "th": "บันทึกคะแนน {n} รายการของ {participant} ใน {prompt} ของกลุ่ม {group} แล้ว"},
    "valid": {"en": "{path}: valid ({groups} groups, {participants} participants)",
              "th": "{path}: ถูกต้อง ({groups} กลุ่ม ผู้เข้าร่วม {participants} คน)"},
    "problems": {"en": "{path}: {n} problem(s)", "th": "{path}: พบปัญหา {n} รายการ"},
    "error": {"en": "Error", "th": "ข้อผิดพลาด"},
    "warning": {"en": "Warning", "th": "คำเตือน"},
    "guidance": {"en": "Guidance", "th": "คำแนะนำ"},
    "question_sheet": {"en": "Question sheet", "th": "แบบคำถาม"},
    "individual": {"en": "each participant answers", "th": "ตอบรายบุคคล"},
    "group_answer": {"en": "the group answers together", "th": "ตอบร่วมกันทั้งกลุ่ม"},
    "items_from": {"en": "scores the items of", "th": "ให้คะแนนรายการจาก"},
    "budget": {"en": "{n} dots each", "th": "คนละ {n} จุด"},
    "kind_text": {"en": "text", "th": "ข้อความ"},
    "kind_list": {"en": "list", "th": "รายการ"},
    "kind_score": {"en": "score", "th": "ให้คะแนน"},
    "kind_dots": {"en": "dot voting", "th": "ลงคะแนนด้วยจุด"},
    "kind_rank": {"en": "ranking", "th": "จัดลำดับ"},
    "kind_table": {"en": "table", "th": "ตาราง"},
    "kind_choice": {"en": "choice", "th": "ตัวเลือก"},
}


def add_messages(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add words: ``{"key": {"en": "…", "th": "…"}}``."""
    for key, texts in messages.items():
        current = MESSAGES.get(key)
        if current is not None and current != dict(texts):
            raise ValueError(f"message {key!r} is already defined with other text")
        MESSAGES[key] = dict(texts)


def t(message: str, locale: str = "en", /, **kwargs: object) -> str:
    """The word ``message`` in ``locale`` (falling back to English), formatted with ``kwargs``."""
    texts = MESSAGES.get(message)
    if texts is None:
        text = message
    else:
        text = texts.get(locale) or texts.get("en") or next(iter(texts.values()))
    return text.format(**kwargs) if kwargs else text


def resolve_locale(explicit: str | None = None, session_locale: str | None = None) -> str:
    """The locale to speak: an explicit choice, else ``LESSONKIT_LOCALE``, else the session's, else English."""
    for candidate in (explicit, os.environ.get(LOCALE_ENV), session_locale):
        if candidate in ("th", "en"):
            return candidate
    return "en"
