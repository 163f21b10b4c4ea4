"""The JSON Schema (draft 2020-12) of the session file, printed by ``lessonkit schema``.

The schema checks the file's shape; what it cannot say (an entry's prompt must
exist in its method, a score must fit its scale) ``lessonkit validate`` checks
against the installed methods.
"""

from __future__ import annotations

from typing import Any

from lessonkit.files import SCHEMA_VERSION
from lessonkit.model import ACTION_STATUSES, LOCALES

__all__ = ["session_schema"]

_KEY = {"type": "string", "pattern": "^[a-z0-9_-]+$"}
_TEXT = {"type": "string"}
_OPT_TEXT = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "format": "date",
         "description": "ISO date, Common Era (display may be Buddhist Era)"}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": required, "additionalProperties": False}


def session_schema() -> dict[str, Any]:
    """The JSON Schema of the session file format, version :data:`SCHEMA_VERSION`."""
    score_value = {"oneOf": [{"type": "number"}, {"type": "null"}, {"const": "na"}],
                   "description": "a score; null = absent (skipped), \"na\" = does not apply"}
    score_table = _object({
        "participants": {"type": "array", "items": _KEY, "uniqueItems": True},
        "columns": {"type": "array", "items": _object({
            "item": {**_TEXT, "description": "the id of the scored entry"},
            "criterion": {**_TEXT, "description": "the criterion (e.g. a 5C4F dimension), if any"},
            "values": {"type": "array", "items": score_value,
                       "description": "one value per participant, in the order of 'participants'"},
        }, ["item", "values"], "the scores of one item (and criterion)")},
    }, ["participants", "columns"], "the scores of one prompt, stored by column")
    participant = _object({"key": _KEY, "name": _OPT_TEXT, "agency": _OPT_TEXT},
                          ["key"], "a participant; without a name, anonymous")
    entry = _object({
        "id": _KEY, "method": _TEXT, "step": _TEXT, "prompt": _TEXT,
        "text": _TEXT, "participant": _OPT_TEXT,
        "row": {"type": ["object", "null"], "additionalProperties": _TEXT},
        "tags": {"type": "array", "items": _TEXT},
        "data": {"type": "object"},
    }, ["id", "method", "step", "prompt"], "one answer to a prompt (a list item, a text, a table row)")
    action = _object({
        "id": _KEY, "what": _TEXT, "owner": _OPT_TEXT, "due": _DATE,
        "status": {"enum": list(ACTION_STATUSES)}, "method": _OPT_TEXT, "source": _OPT_TEXT,
        "note": _OPT_TEXT,
    }, ["id", "what"], "an action item")
    group = _object({
        "key": _KEY, "name": _TEXT,
        "members": {"type": "array", "items": _TEXT, "description": "member agencies"},
        "facilitator": _OPT_TEXT,
        "participants": {"type": "array", "items": participant},
        "entries": {"type": "array", "items": entry},
        "scores": {"type": "object", "additionalProperties": score_table,
                   "description": "score tables by 'method/step/prompt'"},
        "actions": {"type": "array", "items": action},
        "data": {"type": "object", "description": "free for plugins"},
    }, ["key", "name"], "a working group")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"lessonkit-session-v{SCHEMA_VERSION}",
        "title": "lessonkit session",
        **_object({
            "schema_version": {"const": SCHEMA_VERSION},
            "title": _TEXT,
            "date": _DATE,
            "venue": _OPT_TEXT,
            "locale": {"enum": list(LOCALES)},
            "methods": {"type": "array", "items": _KEY, "description": "keys of the methods in use"},
            "groups": {"type": "array", "items": group},
            "settings": {"type": "object", "additionalProperties": {"type": "object"},
                         "description": "per-method options, e.g. {\"aar\": {\"form\": \"army4\"}}"},
            "data": {"type": "object", "description": "free for plugins and host programs"},
            "organiser": {**_OPT_TEXT, "description": "the organising unit (cover, foreword)"},
            "attendance": {"type": "integer", "minimum": 0,
                           "description": "the real head count of the workshop"},
            "foreword": {**_OPT_TEXT, "description": "the report's foreword (plain text)"},
            "introduction": {**_OPT_TEXT, "description": "the report's introduction (plain text)"},
            "agenda": {"type": "array", "items": _TEXT,
                       "description": "the programme, one line per item"},
        }, ["schema_version", "title"], "a facilitated evaluation workshop"),
    }
