"""The built-in words of reports and the CLI, in Thai and English.

>>> t("group", "th")
'กลุ่ม'
>>> t("participants_n", "en", n=3)
'3 participants'

A plugin keeps its words in its own *catalogue*, under a namespace (its
method key or plugin name), so two plugins can use the same short key without
clashing, and registering again (a module imported twice, a test reloading a
plugin) is harmless:

>>> words = messages("demo", {"practice": {"en": "Practice", "th": "แนวปฏิบัติ"}})
>>> words.t("practice", "th")
'แนวปฏิบัติ'
>>> t("demo:practice", "en")          # the full key, as ReportContext.t() takes it
'Practice'
>>> messages("demo", {"practice": {"en": "Good practice", "th": "แนวปฏิบัติที่ดี"}}) is words
True
>>> words.t("practice", "en")         # registering again replaces the namespace's words
'Good practice'

The core's own words have no namespace (``t("group")``); core modules add
theirs with :func:`add_messages`, where a key added twice with other text is
an error. See ``docs/messages.md``.

Command-line help is translated by its English text (the message id, as
gettext does it): :func:`help_texts` (or ``Catalogue.help``) registers a
namespace's translations, :func:`help_text` looks one up:

>>> help_texts("demo", {"Only this group.": {"th": "เฉพาะกลุ่มนี้"}})
>>> help_text("Only  this   group.", "th")   # spacing in the English text does not matter
'เฉพาะกลุ่มนี้'
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = [
    "LOCALE_ENV",
    "MESSAGES",
    "NAMESPACE_SEPARATOR",
    "Catalogue",
    "add_messages",
    "catalogue",
    "has_message",
    "help_ids",
    "help_text",
    "help_texts",
    "lookup",
    "messages",
    "resolve_locale",
    "system_locale",
    "t",
]

#: Separates a catalogue's namespace from its keys: ``"exchange:practice"``.
NAMESPACE_SEPARATOR = ":"
_NAMESPACE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

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
    "valid": {"en": "{path}: valid ({groups}, {participants})",
              "th": "{path}: ถูกต้อง ({groups} {participants})"},
    "n_groups": {"en": "{n} groups", "th": "{n} กลุ่ม"},
    "n_groups_one": {"en": "{n} group", "th": "{n} กลุ่ม"},
    "n_participants": {"en": "{n} participants", "th": "ผู้เข้าร่วม {n} คน"},
    "n_participants_one": {"en": "{n} participant", "th": "ผู้เข้าร่วม {n} คน"},
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


def _checked_texts(key: str, texts: object, where: str) -> dict[str, str]:
    if not isinstance(key, str) or not key or NAMESPACE_SEPARATOR in key:
        raise ValueError(f"{where}: a message key must be a non-empty string without "
                         f"{NAMESPACE_SEPARATOR!r} (got {key!r})")
    if not isinstance(texts, Mapping) or not texts \
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        raise ValueError(f"{where}: message {key!r} must be a mapping of language to text, "
                         f"e.g. {{'en': '…', 'th': '…'}} (got {texts!r})")
    return dict(texts)


def add_messages(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add the core's own words (no namespace): ``{"key": {"en": "…", "th": "…"}}``.

    Adding a key again with the same text does nothing; with other text it is
    a :class:`ValueError`. Plugins use :func:`messages` instead, which keeps
    their words under their own namespace.
    """
    for key, texts in messages.items():
        checked = _checked_texts(key, texts, "add_messages")
        current = MESSAGES.get(key)
        if current is not None and current != checked:
            raise ValueError(f"message {key!r} is already defined with other text")
        MESSAGES[key] = checked


class Catalogue:
    """The words of one namespace (a plugin's): ``catalogue.t("key", "th")``.

    Made and registered by :func:`messages`; the full key of a word, as
    :func:`t` and ``ReportContext.t()`` take it, is ``"namespace:key"``
    (:meth:`key`).
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self._messages: dict[str, dict[str, str]] = {}

    def add(self, messages: Mapping[str, Mapping[str, str]], *, replace: bool = False) -> Catalogue:
        """Add (or change) words; with ``replace`` the catalogue holds only these afterwards."""
        checked = {key: _checked_texts(key, texts, f"messages({self.namespace!r})")
                   for key, texts in messages.items()}
        if replace:
            self._messages.clear()
        self._messages.update(checked)
        return self

    def help(self, texts: Mapping[str, Mapping[str, str]]
             | Callable[[], Mapping[str, Mapping[str, str]]], *, replace: bool = True) -> Catalogue:
        """Register the translations of this plugin's command-line help texts under the
        catalogue's namespace: :func:`help_texts` ``(self.namespace, texts)``."""
        help_texts(self.namespace, texts, replace=replace)
        return self

    def key(self, name: str) -> str:
        """The full key of word ``name``: ``"namespace:name"``."""
        return f"{self.namespace}{NAMESPACE_SEPARATOR}{name}"

    def texts(self, name: str) -> dict[str, str] | None:
        """The word ``name`` in every language it has, or None."""
        found = self._messages.get(name)
        return dict(found) if found is not None else None

    def t(self, name: str, locale: str = "en", /, **kwargs: object) -> str:
        """The word ``name`` of this catalogue in ``locale`` (see :func:`t`)."""
        return t(self.key(name), locale, **kwargs)

    def __contains__(self, name: object) -> bool:
        return name in self._messages

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def __repr__(self) -> str:
        return f"Catalogue({self.namespace!r}, {len(self._messages)} words)"


_CATALOGUES: dict[str, Catalogue] = {}


def messages(namespace: str, words: Mapping[str, Mapping[str, str]] | None = None, *,
             replace: bool = True) -> Catalogue:
    """Register the words of ``namespace`` and return its :class:`Catalogue`.

    ``words`` is ``{"key": {"en": "…", "th": "…"}}`` with short keys (no
    namespace prefix). Call it at import time of the module that uses the
    words; calling it again is safe: by default the namespace's words are
    replaced by the new ones (``replace=False`` adds to them instead, for a
    plugin spreading its words over several modules). Use your method key or
    plugin name as the namespace; the core's words have none.

    :raises ValueError: a namespace or key that is not a plain name, or a
        message that is not a mapping of language to text.
    """
    if not isinstance(namespace, str) or not _NAMESPACE.match(namespace):
        raise ValueError(f"a message namespace is a plain name such as 'exchange' (got {namespace!r})")
    found = _CATALOGUES.get(namespace)
    if found is None:
        found = _CATALOGUES[namespace] = Catalogue(namespace)
    if words is not None:
        found.add(words, replace=replace)
    return found


def catalogue(namespace: str) -> Catalogue | None:
    """The registered catalogue of ``namespace``, or None."""
    return _CATALOGUES.get(namespace)


def lookup(message: str) -> dict[str, str] | None:
    """The texts of a full key (``"group"`` or ``"exchange:practice"``) by language, or None."""
    namespace, sep, name = message.partition(NAMESPACE_SEPARATOR)
    if sep:
        found = _CATALOGUES.get(namespace)
        return found.texts(name) if found is not None else None
    texts = MESSAGES.get(message)
    return dict(texts) if texts is not None else None


def has_message(message: str) -> bool:
    """Whether ``message`` (a full key) is a registered word."""
    return lookup(message) is not None


def t(message: str, locale: str = "en", /, **kwargs: object) -> str:
    """The word ``message`` in ``locale`` (falling back to English), formatted with ``kwargs``.

    ``message`` is a core key (``"group"``) or a catalogue's full key
    (``"exchange:practice"``); an unknown key is returned as it is.
    """
    namespace, sep, name = message.partition(NAMESPACE_SEPARATOR)
    if sep:
        found = _CATALOGUES.get(namespace)
        texts = found._messages.get(name) if found is not None else None
    else:
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


# --------------------------------------------------------------------------- help texts

#: namespace → {English help text, spaces collapsed: {locale: text}}
_HELP_LOADERS: dict[str, list[Any]] = {}
_HELP: dict[str, dict[str, dict[str, str]]] = {}
_HELP_INDEX: dict[str, dict[str, str]] = {}


def _help_key(text: str) -> str:
    return " ".join(text.split())


def help_texts(namespace: str,
               texts: Mapping[str, Mapping[str, str]] | Callable[[], Mapping[str, Mapping[str, str]]],
               *, replace: bool = True) -> None:
    """Register the translations of a plugin's (or the core's) command-line help texts.

    ``texts`` maps each English help text as written in the code — a command's
    docstring, an option's ``help=`` — to its other languages:
    ``{"Only this group.": {"th": "เฉพาะกลุ่มนี้"}}``; or it is a function returning
    that mapping, called the first time a help screen is shown in another language
    than English (so English help never loads the translations). Line breaks and runs
    of spaces do not matter in the English text (a re-wrapped docstring still
    matches); in the translation they do (click's ``\\b`` paragraphs, blank lines
    between paragraphs). The first paragraph of a command's translation is its short
    help in a list of commands. Registering a namespace again replaces its texts (with
    ``replace=False`` they are added), so a re-imported module is harmless.
    """
    if replace or namespace not in _HELP_LOADERS:
        _HELP_LOADERS[namespace] = []
    _HELP_LOADERS[namespace].append(texts)
    _HELP.pop(namespace, None)
    _HELP_INDEX.clear()


def _load_help(namespace: str) -> dict[str, dict[str, str]]:
    loaded = _HELP.get(namespace)
    if loaded is not None:
        return loaded
    loaded = {}
    for source in _HELP_LOADERS.get(namespace, []):
        texts = source() if callable(source) else source
        for english, translations in texts.items():
            if not isinstance(english, str) or not english.strip() or not isinstance(translations, Mapping) \
                    or not all(isinstance(k, str) and isinstance(v, str) for k, v in translations.items()):
                raise ValueError(f"help_texts({namespace!r}): each English help text must map to "
                                 f"{{'th': '…'}} (got {english!r}: {translations!r})")
            loaded[_help_key(english)] = dict(translations)
    _HELP[namespace] = loaded
    return loaded


def _index(locale: str) -> dict[str, str]:
    index = _HELP_INDEX.get(locale)
    if index is None:
        index = {key: texts[locale] for namespace in list(_HELP_LOADERS)
                 for key, texts in _load_help(namespace).items() if locale in texts}
        _HELP_INDEX[locale] = index
    return index


def help_text(english: str, locale: str) -> str | None:
    """The translation of the help text ``english`` into ``locale``, or None without one."""
    if locale == "en":
        return english
    return _index(locale).get(_help_key(english))


def help_ids(locale: str) -> list[str]:
    """The English help texts (spaces collapsed) that have a translation into ``locale``."""
    return list(_index(locale))


def system_locale() -> str | None:
    """``"th"`` or ``"en"`` from the system's locale (LC_ALL, else LC_MESSAGES, else LANG:
    ``th_TH.UTF-8`` is Thai), or None when it names neither."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            language = value.split(".", 1)[0].split("_", 1)[0].split("@", 1)[0].lower()
            return language if language in ("th", "en") else None
    return None
