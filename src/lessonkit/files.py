"""The session file: UTF-8 JSON with a ``schema_version``, migrations, atomic save, a lock.

>>> import lessonkit.files as files                       # doctest: +SKIP
>>> with files.edit("workshop.json") as session:          # doctest: +SKIP
...     session.venue = "Bangkok"

:func:`edit` holds the file's lock from load to save, so two processes doing
load-change-save on one file cannot lose each other's changes; when the block
raises, nothing is written. :func:`save` writes a temporary file in the same
folder, flushes it to disk and replaces the old file in one step, keeping its
permissions: a save that fails half-way leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import re
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import attrs

from lessonkit._collector import collector_paused
from lessonkit.errors import LessonkitError, SessionFileError, ValidationError
from lessonkit.model import ActionItem, Entry, Group, Participant, Session, _filling
from lessonkit.scores import _COLUMN_FIELDS, _TABLE_FIELDS, ScoreTable

if TYPE_CHECKING:
    import cattrs

    converter: cattrs.Converter  # built on first use, see _get_converter

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "converter",
    "dumps",
    "edit",
    "from_data",
    "load",
    "loads",
    "lock",
    "read_regular",
    "save",
    "to_data",
    "write_session_text",
]

#: The version of the file format this lessonkit writes.
SCHEMA_VERSION = 1
#: ``MIGRATIONS[n]`` turns the plain data of version ``n`` into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
#: How long :func:`lock` waits for another process before giving up, in seconds.
LOCK_TIMEOUT = 30.0


def _make_converter() -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_structure_fn

    conv = cattrs.Converter(forbid_extra_keys=True)

    def structure_date(value: Any, _type: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"a date must be an ISO string like 2017-12-22 (got {value!r})")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date like 2017-12-22") from None

    def structure_str(value: Any, _type: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value

    def structure_int(value: Any, _type: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        if abs(value) >= 10**18:
            raise ValueError(f"the number has {len(str(abs(value)))} digits, more than 18")
        return value

    def structure_bool(value: Any, _type: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value

    def structure_any(value: Any, _type: Any) -> Any:
        return value

    def structure_table(value: Any, _type: Any) -> ScoreTable:
        try:
            return ScoreTable.from_data(value, where="")
        except ValidationError as exc:
            raise ValueError(exc.message + (f" (at {exc.where.lstrip('.')})" if exc.where else "")) from None

    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, structure_date)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(Any, structure_any)
    conv.register_unstructure_hook(ScoreTable, lambda t: t.to_data())
    conv.register_structure_hook(ScoreTable, structure_table)
    for cls in (Session, Group, Participant, Entry, ActionItem):
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))
    return conv


def _get_converter() -> cattrs.Converter:
    """The one converter between the model and plain data (``lessonkit.files.converter``),
    built on first use: the quick paths below read and write ordinary sessions without it,
    and the command line starts quicker without importing cattrs."""
    found = globals().get("converter")
    if found is None:
        found = globals()["converter"] = _make_converter()
    return found


def __getattr__(name: str) -> Any:
    if name == "converter":
        return _get_converter()
    raise AttributeError(f"module 'lessonkit.files' has no attribute {name!r}")


# ----------------------------------------------------------------------------- quick paths
#
# Reading and writing a session of 100,000 participants through cattrs costs a converter
# call per value. The shape of the file is known, so the quick paths below build the model
# (and its plain data) directly, field by field, and cattrs stays the reference: any value
# the quick path does not expect (a wrong type, an unknown or missing field, a value a
# model check refuses) sends the whole session through cattrs, which gives the result or
# the error message it always gave. tests/test_files_quick.py checks both paths agree.


class _NotPlain(Exception):
    """The data is not in the shape the quick path reads."""


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _NotPlain
    return value


def _opt_str(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _NotPlain
    return value


def _str_list(value: Any) -> list[str]:
    if type(value) is not list or not all(type(v) is str for v in value):
        raise _NotPlain
    return list(value)


def _obj(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= keys:
        raise _NotPlain
    return value


def _plain_dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict or not all(type(k) is str for k in value):
        raise _NotPlain
    return dict(value)


def _opt_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _NotPlain
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _NotPlain from None


_KEYS = {cls: frozenset(f.name for f in attrs.fields(cls))
         for cls in (Session, Group, Participant, Entry, ActionItem)}
#: The fields each quick reader handles; a field added to the model and not here makes the
#: quick path step aside (and a test fail).
_QUICK_FIELDS = {
    Participant: frozenset({"key", "name", "agency"}),
    Entry: frozenset({"id", "method", "step", "prompt", "text", "participant", "row", "tags",
                      "data"}),
    ActionItem: frozenset({"id", "what", "owner", "due", "status", "method", "source", "note"}),
    Group: frozenset({"key", "name", "members", "facilitator", "participants", "entries",
                      "scores", "actions", "data"}),
    Session: frozenset({"title", "date", "venue", "locale", "methods", "groups", "settings",
                        "data", "organiser", "attendance", "foreword", "introduction", "agenda"}),
}


_new = object.__new__


_KEY_LINES = r"[a-z0-9_-]+(?:\n[a-z0-9_-]+)*"  # compiled (and cached by re) when first used
_STR: frozenset[type] = frozenset({str})
_OPT_STR: frozenset[type] = frozenset({str, type(None)})
_DICT: frozenset[type] = frozenset({dict})


def _objects_of(raw: Any, cls: type) -> list[dict[str, Any]]:
    """A list of objects with no key the model's class lacks, checked with C-level loops."""
    items = _list(raw)
    if items and (set(map(type, items)) != _DICT
                  or not _QUICK_FIELDS[cls].issuperset(chain.from_iterable(items))):
        raise _NotPlain
    return items


def _column(items: list[dict[str, Any]], name: str, kinds: frozenset[type],
            default: Any = None) -> list[Any]:
    """Each object's value for ``name`` (``default`` when absent), all of ``kinds``."""
    values = list(map(dict.get, items, repeat(name), repeat(default)))
    if not kinds.issuperset(map(type, values)):
        raise _NotPlain
    return values


def _check_keys(keys: list[Any]) -> None:
    """All ``keys`` are as :func:`lessonkit.method.check_key` accepts them, checked at once."""
    if not keys:
        return
    try:
        joined = "\n".join(keys)
    except TypeError:  # not all text
        raise _NotPlain from None
    if re.fullmatch(_KEY_LINES, joined) is None or joined.count("\n") != len(keys) - 1:
        raise _NotPlain


def _key_column(items: list[dict[str, Any]], name: str) -> list[str]:
    """Each object's key, as :func:`lessonkit.method.check_key` accepts it."""
    values = _column(items, name, _STR)
    _check_keys(values)
    return values


def _build(cls: type, columns: dict[str, list[Any]], n: int) -> list[Any]:
    """``n`` objects of ``cls`` whose fields take the checked ``columns``, made without the
    per-object validators (their checks were made on the columns) and with C-level loops:
    one call per object and field, to the slot's own setter."""
    made: list[Any] = list(map(_new, repeat(cls, n)))
    for name, values in columns.items():
        deque(map(vars(cls)[name].__set__, made, values), maxlen=0)
    return made


def _quick_participants(raw: Any) -> list[Participant]:
    """Participants, checked as their validators would check them (a valid key, text or
    None), a column at a time."""
    items = _objects_of(raw, Participant)
    return _build(Participant, {"key": _key_column(items, "key"),
                                "name": _column(items, "name", _OPT_STR),
                                "agency": _column(items, "agency", _OPT_STR)}, len(items))


#: An :class:`Entry` while :func:`_quick_entries` fills in its fields (see
#: :func:`lessonkit.model._filling`): nine Python calls per answer were most of a large
#: file's reading.
_NewEntry = _filling(Entry)


def _quick_entries(raw: Any) -> list[Entry]:
    """Entries, made without their per-object validators (the same checks, made on the
    values), a whole entry at a time (the common case — text, no row, tags or data —
    checked inline: this loop reads most of a large file, and one pass over the objects is
    quicker than one per field)."""
    items = _list(raw)
    made: list[Entry] = []
    ids: list[Any] = []
    new, entry, fields = _NewEntry, Entry, _QUICK_FIELDS[Entry]
    append, add_id = made.append, ids.append
    for d in items:
        if type(d) is not dict:
            raise _NotPlain
        e = new()
        e.id, e.method, e.step, e.prompt = d["id"], d["method"], d["step"], d["prompt"]
        e.text = text = d.get("text", "")
        e.participant = participant = d.get("participant")
        if (type(e.method) is not str or type(e.step) is not str or type(e.prompt) is not str
                or type(text) is not str
                or (participant is not None and type(participant) is not str)):
            raise _NotPlain
        # the four fields read above and the two looked for: no field the model lacks
        if len(d) > 4 + ("text" in d) + ("participant" in d):  # a row, tags or data
            if not d.keys() <= fields:
                raise _NotPlain
            row = d.get("row")
            if row is not None:
                row = _plain_dict(row)
                if not all(type(v) is str for v in row.values()):
                    raise _NotPlain
            e.row = row
            e.tags = _str_list(d["tags"]) if "tags" in d else []
            e.data = _plain_dict(d["data"]) if "data" in d else {}
        else:
            e.row = None
            e.tags = []
            e.data = {}
        e.__class__ = entry
        append(e)
        add_id(e.id)
    _check_keys(ids)
    return made


def _quick_action(raw: Any, keys: frozenset[str] = _QUICK_FIELDS[ActionItem]) -> ActionItem:
    d = _obj(raw, keys)
    return ActionItem(id=_str(d["id"]), what=_str(d["what"]), owner=_opt_str(d.get("owner")),
                      due=_opt_date(d.get("due")), status=_str(d.get("status", "open")),  # type: ignore[arg-type]
                      method=_opt_str(d.get("method")), source=_opt_str(d.get("source")),
                      note=_opt_str(d.get("note")))


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _NotPlain
    return value


def _quick_group(raw: Any) -> Group:
    d = _obj(raw, _QUICK_FIELDS[Group])
    scores = _plain_dict(d.get("scores", {}))
    try:
        tables: dict[str, ScoreTable] = {}
        last = None
        for k, v in scores.items():
            tables[k] = last = ScoreTable.from_data(v, where="", like=last)
    except ValidationError:
        raise _NotPlain from None
    return Group(key=_str(d["key"]), name=_str(d["name"]), members=_str_list(d.get("members", [])),
                 facilitator=_opt_str(d.get("facilitator")),
                 participants=_quick_participants(d.get("participants", [])),
                 entries=_quick_entries(d.get("entries", [])),
                 scores=tables, actions=[_quick_action(a) for a in _list(d.get("actions", []))],
                 data=_plain_dict(d.get("data", {})))


def _quick_session(body: dict[str, Any]) -> Session:
    d = _obj(body, _QUICK_FIELDS[Session])
    settings = _plain_dict(d.get("settings", {}))
    attendance = d.get("attendance")
    if attendance is not None and type(attendance) is not int:
        raise _NotPlain
    return Session(title=_str(d["title"]), date=_opt_date(d.get("date")),
                   venue=_opt_str(d.get("venue")), locale=_str(d.get("locale", "th")),
                   methods=_str_list(d.get("methods", [])),
                   groups=[_quick_group(g) for g in _list(d.get("groups", []))],
                   settings={k: _plain_dict(v) for k, v in settings.items()},
                   data=_plain_dict(d.get("data", {})), organiser=_opt_str(d.get("organiser")),
                   attendance=attendance, foreword=_opt_str(d.get("foreword")),
                   introduction=_opt_str(d.get("introduction")),
                   agenda=_str_list(d.get("agenda", [])))


_JSON_SCALARS = (str, int, float, bool, type(None))


def _is_plain_json(value: Any) -> bool:
    """Only JSON's own types (what cattrs passes through unchanged)."""
    if isinstance(value, _JSON_SCALARS):
        return True
    if type(value) is list:
        return all(_is_plain_json(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _is_plain_json(v) for k, v in value.items())
    return False


def _data_of(value: Any) -> Any:
    if not value:
        return value
    if not _is_plain_json(value):
        raise _NotPlain
    return value


def _participant_data(p: Participant) -> dict[str, Any]:
    row: dict[str, Any] = {"key": p.key}
    if p.name is not None:
        row["name"] = p.name
    if p.agency is not None:
        row["agency"] = p.agency
    return row


def _entry_data(e: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {"id": e.id, "method": e.method, "step": e.step, "prompt": e.prompt}
    if e.text is not None:
        item["text"] = e.text
    if e.participant is not None:
        item["participant"] = e.participant
    if e.row is not None and e.row != {}:
        item["row"] = _data_of(dict(e.row))
    if e.tags:
        item["tags"] = list(e.tags)
    if e.data:
        item["data"] = _data_of(e.data)
    return item


class _Lazy:
    """A long list of model objects whose plain data is made a chunk at a time, as the
    file is written (:func:`save`): never all at once."""

    def __init__(self, objects: list[Any], plain: Callable[[Any], dict[str, Any]]) -> None:
        self.objects, self.plain = objects, plain

    def __len__(self) -> int:
        return len(self.objects)

    def chunks(self) -> Iterator[list[dict[str, Any]]]:
        for start in range(0, len(self.objects), _CHUNK):
            yield list(map(self.plain, self.objects[start:start + _CHUNK]))


def _quick_to_data(session: Session, lazy: bool = False) -> dict[str, Any]:
    """What ``converter.unstructure`` plus the dropping of empty optional values give,
    built field by field (with ``lazy``, long lists of participants and answers are left
    as :class:`_Lazy`, for :func:`save`)."""
    groups = []
    for g in session.groups:
        people: Any
        entries: Any
        if lazy and len(g.participants) > _CHUNK:
            people = _Lazy(g.participants, _participant_data)
        else:
            people = list(map(_participant_data, g.participants))
        if lazy and len(g.entries) > _CHUNK:
            entries = _Lazy(g.entries, _entry_data)
        else:
            entries = list(map(_entry_data, g.entries))
        actions = []
        for a in g.actions:
            act: dict[str, Any] = {"id": a.id, "what": a.what}
            for name in ("owner", "due", "status", "method", "source", "note"):
                value = getattr(a, name)
                if value is not None:
                    act[name] = value.isoformat() if name == "due" else value
            actions.append(act)
        groups.append(_drop_empty({
            "key": g.key, "name": g.name, "members": list(g.members),
            "facilitator": g.facilitator, "participants": people, "entries": entries,
            "scores": {k: t.to_data() for k, t in g.scores.items()},
            "actions": actions, "data": _data_of(g.data)}, keep=("key", "name")))
    if session.attendance is not None and type(session.attendance) is not int:
        raise _NotPlain
    return {"schema_version": SCHEMA_VERSION, **_drop_empty({
        "title": session.title,
        "date": session.date.isoformat() if session.date is not None else None,
        "venue": session.venue, "locale": session.locale, "methods": list(session.methods),
        "groups": groups, "settings": _data_of(session.settings), "data": _data_of(session.data),
        "organiser": session.organiser, "attendance": session.attendance,
        "foreword": session.foreword, "introduction": session.introduction,
        "agenda": list(session.agenda)}, keep=("title", "methods", "groups"))}


def _drop_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values so files stay short and readable."""
    return {k: v for k, v in data.items() if v is not None and v != {} and
            not (v == [] and k in {"tags", "actions", "entries", "participants", "members"})}


def to_data(session: Session) -> dict[str, Any]:
    """The session as plain JSON-able data, ``schema_version`` first.

    A value the format has no place for (a number as an owner, a string as a
    date set behind the model's back) raises :class:`ValidationError`.

    >>> to_data(Session(title="AAR"))["schema_version"]     # doctest: +SKIP
    1
    """
    try:
        return _quick_to_data(session)
    except Exception:
        pass
    return _reference_to_data(session)


def _reference_to_data(session: Session) -> dict[str, Any]:
    """:func:`to_data` through cattrs (the reference the quick path must agree with)."""
    try:
        body = _get_converter().unstructure(session)
    except Exception as exc:  # a value of the wrong type, set without the model's checks
        raise ValidationError(f"the session holds a value that cannot be saved: "
                              f"{type(exc).__name__}: {exc}") from None
    groups = []
    for group in body["groups"]:
        group["participants"] = [_drop_defaults(p) for p in group["participants"]]
        group["entries"] = [_drop_defaults(e) for e in group["entries"]]
        group["actions"] = [_drop_defaults(a) for a in group["actions"]]
        groups.append(_drop_empty(group, keep=("key", "name")))
    body["groups"] = groups
    return {"schema_version": SCHEMA_VERSION, **_drop_empty(body, keep=("title", "methods", "groups"))}


def _drop_empty(data: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """Leave out ``None`` and empty lists and objects, except the fields in ``keep``."""
    return {k: v for k, v in data.items() if k in keep or (v is not None and v != [] and v != {})}


def _format_cattrs_error(exc: Exception) -> str:
    import cattrs

    def fmt(err: BaseException, _type: Any) -> str:
        if isinstance(err, KeyError):
            return "required field missing"
        if isinstance(err, cattrs.ForbiddenExtraKeysError):
            return f"unknown field(s) {', '.join(sorted(err.extra_fields))}"
        if isinstance(err, LessonkitError):
            return err.message
        if isinstance(err, (ValueError, TypeError)):
            text = str(err)
            if "'NoneType'" in text or "not iterable" in text or "argument" in text:
                return f"wrong type, expected {getattr(_type, '__name__', _type)}"
            return text
        return f"{type(err).__name__}: {err}"

    lines = cattrs.transform_error(exc, path="$", format_exception=fmt)
    if not lines:
        return str(exc)
    first = lines[0]
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return first + more


def from_data(data: Any, where: str = "session") -> Session:
    """Turn plain data (as read from JSON) into a :class:`Session`, migrating old versions.

    >>> from_data({"schema_version": 1, "title": "AAR"}).title
    'AAR'
    >>> from_data({"title": "AAR"})
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: session: 'schema_version' is missing or not a whole number (got None) (is this a lessonkit session file?)
    """
    if not isinstance(data, dict):
        raise SessionFileError(f"a session file holds a JSON object, not {type(data).__name__}", where=where)
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SessionFileError(
            f"'schema_version' is missing or not a whole number (got {version!r})", where=where,
            hint="is this a lessonkit session file?",
        )
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            f"the file is schema version {version}, newer than this lessonkit reads ({SCHEMA_VERSION})",
            where=where, hint="upgrade lessonkit: pip install -U lessonkit",
        )
    if version < 0 or (version < SCHEMA_VERSION and version not in MIGRATIONS):
        raise SessionFileError(f"schema version {version} is not one lessonkit knows", where=where)
    body = dict(data)
    while version < SCHEMA_VERSION:
        try:
            body = MIGRATIONS[version](body)
        except LessonkitError:
            raise
        except Exception as exc:
            raise SessionFileError(
                f"cannot migrate from schema version {version}: {type(exc).__name__}: {exc}", where=where
            ) from None
        version += 1
        body["schema_version"] = version
    body.pop("schema_version", None)
    session = _quick_or_none(body)
    if session is not None:
        return session
    import cattrs

    try:
        return _get_converter().structure(body, Session)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        message = _format_cattrs_error(exc) if isinstance(exc, cattrs.BaseValidationError) else str(exc)
        raise SessionFileError(f"invalid session: {message}", where=where) from None
    except LessonkitError as exc:
        raise SessionFileError(f"invalid session: {exc}", where=where) from None


def _quick_or_none(body: dict[str, Any]) -> Session | None:
    """The session of ``body`` (a file's data less ``schema_version``) read by the quick
    path, or ``None`` when the quick path steps aside."""
    with collector_paused():  # the objects made hold no cycles: collecting meanwhile is waste
        try:
            return _quick_session(body)
        except Exception:
            return None


_MARK = "@@lessonkit-compact-"


def dumps(session: Session) -> str:
    """The session as JSON text: UTF-8 Thai unescaped, indented, score columns on one line each.

    >>> print(dumps(Session(title="ทบทวน")), end="")
    {
      "schema_version": 1,
      "title": "ทบทวน",
      "locale": "th",
      "methods": [],
      "groups": []
    }
    """
    # plain data and text a chunk at a time, no cycles: a collection meanwhile (a full one
    # walks the whole session) finds only what reference counting frees anyway
    with collector_paused():
        data = to_data(session)
        try:
            return _quick_dumps(data)
        except _NotPlain:  # a value outside JSON's own types: the json module words it
            return _json_dumps(data)


def _json_dumps(data: dict[str, Any]) -> str:
    """:func:`dumps` through the json module's indenting encoder (the reference)."""
    compact: list[str] = []
    for group in data["groups"]:
        for table in group.get("scores", {}).values():
            compact.append(json.dumps(table["participants"], ensure_ascii=False, separators=(",", ":")))
            table["participants"] = f"{_MARK}{len(compact) - 1}"
            for column in table["columns"]:
                compact.append(json.dumps(column["values"], separators=(",", ":")))
                column["values"] = f"{_MARK}{len(compact) - 1}"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if compact:
        parts = text.split(f'"{_MARK}')
        out = [parts[0]]
        for part in parts[1:]:
            index, _quote, rest = part.partition('"')
            out.append(compact[int(index)])
            out.append(rest)
        text = "".join(out)
    return text + "\n"


class _Raw(str):
    """JSON text written as it is (a score column on one line)."""


def _quick_dumps(data: dict[str, Any]) -> str:
    """The same text as :func:`_json_dumps` (``json.dumps(indent=2)``, score columns compact),
    written by a small encoder for the data's known shape: strings through the json module's
    C escaper, each flat object (a participant, an answer) in one join. Python's own
    indenting encoder is pure Python and was most of a large session's save."""
    out: list[str] = []
    _quick_write(data, out)
    return "".join(out)


def _quick_write(data: dict[str, Any], out: Any) -> None:
    """The text of :func:`_quick_dumps`, piece by piece to ``out.append``."""
    groups = []
    for group in data["groups"]:
        if "scores" not in group:
            groups.append(group)
            continue
        scores = {}
        for key, table in group["scores"].items():
            columns = [{**column, "values": _Raw(json.dumps(column["values"], separators=(",", ":")))}
                       for column in table["columns"]]
            scores[key] = {**table, "columns": columns, "participants": _Raw(json.dumps(
                table["participants"], ensure_ascii=False, separators=(",", ":")))}
        groups.append({**group, "scores": scores})
    _write({**data, "groups": groups}, "", out)
    out.append("\n")


class _Sink:
    """Text appended here is written as UTF-8 a megabyte at a time (a large session is
    never held whole as text and again as bytes)."""

    def __init__(self, write: Callable[[bytes], Any]) -> None:
        self._write = write
        self._pieces: list[str] = []
        self._size = 0

    def append(self, text: str) -> None:
        self._pieces.append(text)
        self._size += len(text)
        if self._size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self._write("".join(self._pieces).encode("utf-8"))
        self._pieces.clear()
        self._size = 0


_encode_str: Callable[[str], str] = json.encoder.encode_basestring


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is _Raw:
        return value
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _NotPlain


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FLAT = _SCALARS | {_Raw}


_TEMPLATES: dict[tuple[str, tuple[str, ...]], str] = {}
_DICTS = frozenset({dict})


def _objects(items: list[dict[str, Any]], pad: str) -> list[str]:
    """Each object of a long list (participants, answers) as indented text. The objects whose
    values are all scalars have their values encoded by the json module's C encoder in one
    call (one per line: an encoded value never holds a raw newline) and filled into a
    template per run of objects with the same keys; any other object is written by
    :func:`_write`. The loops over objects and values are C loops (map, groupby)."""
    from itertools import chain, groupby

    scalars = _SCALARS
    values: list[Any]
    if scalars.issuperset(map(type, chain.from_iterable(map(dict.values, items)))):
        shapes: list[tuple[str, ...] | None] = list(map(tuple, items))
        if () in shapes:  # an empty object is written as {}
            shapes = [s or None for s in shapes]
        values = list(chain.from_iterable(map(dict.values, items)))
    else:
        shapes = [tuple(d) if d and scalars.issuperset(map(type, d.values())) else None
                  for d in items]
        values = list(chain.from_iterable(d.values() for d, s in zip(items, shapes, strict=True)
                                          if s is not None))
    encoded = (json.dumps(values, ensure_ascii=False, separators=("\n", ":"))[1:-1].split("\n")
               if values else [])
    texts: list[str] = []
    at = pos = 0
    for keys, run in groupby(shapes):
        k = sum(1 for _ in run)
        if keys is None:
            for d in items[pos:pos + k]:
                out: list[str] = [pad]
                _write(d, pad, out)
                texts.append("".join(out))
        else:
            template = _TEMPLATES.get((pad, keys)) or _template(pad, keys)
            end = at + len(keys) * k
            texts.append(",\n".join([template] * k) % tuple(encoded[at:end]))
            at = end
        pos += k
    return texts


#: How many objects of a long list one call of the C encoder writes.
_CHUNK = 4096


def _object_list(chunks: Iterable[list[dict[str, Any]]], pad: str, out: Any) -> None:
    """A long list of objects, given a chunk at a time, as indented text to ``out``: a chunk
    of flat objects (:func:`_flat_objects`) by one call of the C encoder, any other chunk
    object by object (:func:`_objects`)."""
    inner = pad + "  "
    out.append("[\n")
    first = True
    for chunk in chunks:
        if not first:
            out.append(",\n")
        first = False
        flat = _flat_objects(chunk, pad)
        out.append(flat if flat is not None else ",\n".join(_objects(chunk, inner)))
    out.append(f"\n{pad}]")


def _flat_objects(items: list[dict[str, Any]], pad: str) -> str | None:
    """Objects holding only text, numbers, booleans and nulls, as the indented items of a
    list, from one call of the json module's C encoder (``None`` for any others).

    Its item separator is the one between an object's fields (comma, newline, the fields'
    indent); between two objects it then stands between ``}`` and ``{``, where nothing else
    puts it (an encoded string holds no raw newline), and is replaced by the right one."""
    if not all(items):
        return None
    kinds = set(map(type, chain.from_iterable(map(dict.values, items))))
    if not _SCALARS.issuperset(kinds):
        return None
    if float not in kinds and _fast_dumps_available():
        try:  # the indented list from orjson (which refuses keys other than text), less its
            # brackets, each line indented by pad
            text = _fast_dumps(items)[2:-2]
        except TypeError:  # an integer beyond 64 bits, a lone surrogate: as without orjson
            pass
        else:
            if pad:
                indent = pad.encode()
                text = indent + text.replace(b"\n", b"\n" + indent)
            return text.decode("utf-8")
    if not _STR.issuperset(map(type, chain.from_iterable(items))):
        return None
    inner = pad + "  "
    fields = inner + "  "
    separator = ",\n" + fields
    text = json.dumps(items, ensure_ascii=False, separators=(separator, ": "))
    body = text[2:-2].replace("}" + separator + "{", f"\n{inner}}},\n{inner}{{\n{fields}")
    return f"{inner}{{\n{fields}{body}\n{inner}}}"


#: ``orjson.dumps`` with 2-space indents once imported; ``False`` when orjson is not
#: installed (or is turned off, as the tests do to check both writers); ``None``: not
#: looked for yet.
_fast_dumps: Any = None


def _fast_dumps_available() -> bool:
    """Whether the optional orjson writer is installed (``pip install 'lessonkit[fast]'``).

    It writes a list of flat objects as the json module's indenting encoder does, byte for
    byte, when the values are text, whole numbers within 64 bits (it refuses larger ones),
    booleans and nulls: floats are left to the json module (orjson spells some of them
    otherwise, 1e16 for 1e+16, and NaN as null). tests/test_files_fast.py compares the two
    writers over every character and generated sessions."""
    global _fast_dumps
    if _fast_dumps is None:
        try:
            from orjson import OPT_INDENT_2, dumps
        except ImportError:
            _fast_dumps = False
        else:
            def indented(value: Any) -> bytes:
                return dumps(value, option=OPT_INDENT_2)
            _fast_dumps = indented
    return _fast_dumps is not False


def _template(pad: str, keys: tuple[str, ...]) -> str:
    if not all(type(k) is str for k in keys):
        raise _NotPlain
    inner = pad + "  "
    template = (pad + "{\n" + ",\n".join(
        f"{inner}{_encode_str(k).replace('%', '%%')}: %s" for k in keys) + f"\n{pad}}}")
    _TEMPLATES[(pad, keys)] = template
    return template


def _write(value: Any, pad: str, out: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        if not all(type(k) is str for k in value):
            raise _NotPlain
        if _FLAT.issuperset(map(type, value.values())):
            out.append("{\n" + ",\n".join([f"{inner}{_encode_str(k)}: {_scalar(v)}"
                                              for k, v in value.items()]) + f"\n{pad}}}")
            return
        out.append("{\n")
        first = True
        for k, v in value.items():
            if first:
                first = False
            else:
                out.append(",\n")
            out.append(f"{inner}{_encode_str(k)}: ")
            _write(v, inner, out)
        out.append(f"\n{pad}}}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        if len(value) > 8 and _DICTS.issuperset(map(type, value)):
            _object_list((value[start:start + _CHUNK] for start in range(0, len(value), _CHUNK)),
                         pad, out)
            return
        if _FLAT.issuperset(map(type, value)):
            out.append("[\n" + ",\n".join([inner + _scalar(v) for v in value]) + f"\n{pad}]")
            return
        out.append("[\n")
        first = True
        for v in value:
            if first:
                first = False
            else:
                out.append(",\n")
            out.append(inner)
            _write(v, inner, out)
        out.append(f"\n{pad}]")
    elif kind is _Lazy:
        _object_list(value.chunks(), pad, out)
    else:
        out.append(_scalar(value))


def loads(text: str | bytes, where: str = "session") -> Session:
    """Parse JSON text into a :class:`Session`; every failure is a :class:`SessionFileError`.

    The JSON is read strictly (:func:`lessonkit.jsonsafe.parse`): duplicate keys,
    NaN/Infinity, huge numbers, lone surrogates and deep nesting are refused, so
    whatever loads can be printed, exported and saved again. With the optional orjson
    installed (``pip install 'lessonkit[fast]'``) a large file is parsed by orjson first
    (:func:`lessonkit.jsonsafe.parse_fast`); whatever that reader is not sure of, or the
    model refuses, is read again as without it, so the session and every message are
    the same.

    >>> loads('{"schema_version": 1, "title": "AAR"}').title
    'AAR'
    >>> loads("{", where="w.json")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: w.json: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2
    >>> loads('{"schema_version": 1, "title": "A", "title": "B"}', where="w.json")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: w.json: not valid JSON: duplicate key 'title' in one object (keys: schema_version, title) (a key may appear once in an object: keep the one you mean and delete the other)
    """
    # the parsed data and the session hold no cycles: a collection while they are made would
    # find them all alive, and what is alive after counts as old (the young passes that
    # follow do not walk a large session either)
    with collector_paused(age=True):
        return _loads(text, where)


def _loads(text: str | bytes, where: str) -> Session:
    from lessonkit.jsonsafe import parse, parse_fast

    data = parse_fast(text, count_keys=_file_key_count)  # with orjson installed, large files
    if (type(data) is dict and type(data.get("schema_version")) is int
            and data["schema_version"] == SCHEMA_VERSION and _tables_hold_only_their_fields(data)):
        body = dict(data)
        del body["schema_version"]
        session = _quick_or_none(body)
        if session is not None:
            return session
    # anything else is read again by the json module, as without orjson: every value and
    # every message is the same
    return from_data(parse(text, where, count_keys=_file_key_count), where=where)


def _tables_hold_only_their_fields(data: dict[str, Any]) -> bool:
    """Whether the score tables of a file's data hold no field :meth:`ScoreTable.from_data`
    passes over. Such a field is read by nothing, so the free-form checks do not look into
    it, and what the json module makes of it depends on more than the data (it gives up on
    nesting as deep as the interpreter's recursion limit allows, which orjson reads): a file
    with one is left to the json module."""
    groups = data.get("groups")
    for group in groups if type(groups) is list else []:
        tables = group.get("scores") if type(group) is dict else None
        for table in tables.values() if type(tables) is dict else []:
            if type(table) is not dict or not table.keys() <= _TABLE_FIELDS:
                return False
            columns = table.get("columns")
            if type(columns) is list and not all(
                    type(column) is dict and column.keys() <= _COLUMN_FIELDS for column in columns):
                return False
    return True


def _file_key_count(data: Any) -> int:
    """How many keys the objects of a session file hold, counted where the format puts
    them with C-level loops (for :func:`lessonkit.jsonsafe.parse`, which tells from it
    that no key was written twice). Objects elsewhere are not counted: then the count is
    short and ``parse`` counts every object (never more: a key is counted once at most)."""
    from lessonkit.jsonsafe import key_count

    if type(data) is not dict:
        return 0
    count = len(data)
    for name, value in data.items():
        if name != "groups" and type(value) in (dict, list):
            count += key_count(value)
    groups = data.get("groups")
    for group in groups if type(groups) is list else []:
        if type(group) is not dict:
            continue
        count += len(group)
        for name, value in group.items():
            if name in ("participants", "entries", "actions") and type(value) is list:
                # an answer's row and data are not counted: in the rare file that has them
                # the count falls short
                with contextlib.suppress(TypeError):  # not all objects
                    count += sum(map(dict.__len__, value))
            elif name == "scores" and type(value) is dict:
                count += len(value)
                for table in value.values():
                    if type(table) is dict:
                        count += len(table)
                        columns = table.get("columns")
                        if type(columns) is list:
                            with contextlib.suppress(TypeError):
                                count += sum(map(dict.__len__, columns))
            elif type(value) in (dict, list):
                count += key_count(value)
    return count


def _shown(path: str | os.PathLike[str]) -> str:
    """``str(pathlib.Path(path))``, the path as messages name it, without importing pathlib
    (the command line starts quicker) where the path needs no tidying."""
    text = os.fspath(path)
    if os.sep == "/" and text and "//" not in text and "/./" not in text and not (
            text.startswith("./") or text.endswith(("/", "/.")) or text == "."):
        return text
    from pathlib import Path

    return str(Path(text))


#: The largest file lessonkit reads (sessions, baselines, imported data), in bytes.
MAX_READ_BYTES = 1 << 30


def read_regular(path: str | os.PathLike[str], *, what: str = "session file",
                 limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    A device (``/dev/zero`` would be read until memory runs out), a FIFO (reading
    would wait for a writer for ever), a socket or a folder is refused, without
    blocking; so is a file larger than ``limit``. Every failure is one
    :class:`SessionFileError` naming the file.

    >>> read_regular("/dev/zero")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: /dev/zero is not a regular file (a device, FIFO or socket), not a session file
    """
    path = _shown(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SessionFileError(f"no such file: {path}", code="no_file") from None
    except IsADirectoryError:
        raise SessionFileError(f"{path} is a folder, not a {what}") from None
    except OSError as exc:
        raise SessionFileError(f"cannot read {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SessionFileError(f"{path} is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise SessionFileError(f"{path} is not a regular file (a device, FIFO or socket), "
                                   f"not a {what}")
        if info.st_size > limit:
            raise SessionFileError(f"{path} is {info.st_size:,} bytes, more than the {limit:,} "
                                   f"a {what} may have")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SessionFileError(f"cannot read {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SessionFileError(f"{path} grew beyond the {limit:,} bytes a {what} may have")
    return data


def load(path: str | os.PathLike[str]) -> Session:
    """Read a session file (a regular file: :func:`read_regular`).

    >>> load("workshop.json").title                      # doctest: +SKIP
    'แลกเปลี่ยนเรียนรู้และกำหนดแนวทางปฏิบัติด้านการคุ้มครองทางสังคม'
    >>> load("/no/such/file.json").code
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: no such file: /no/such/file.json
    """
    return loads(read_regular(path), where=_shown(path))


def save(session: Session, path: str | os.PathLike[str]) -> None:
    """Write ``session`` to ``path`` atomically, keeping the file's permissions.

    Written by :func:`write_session_text`. Raises :class:`SessionFileError` when the
    file cannot be written and :class:`ValidationError` when the session holds a value
    the format has no place for; either way the old file is left intact.

    >>> save(session, "workshop.json")                     # doctest: +SKIP
    """
    with collector_paused():  # as dumps: a collection meanwhile would find only temporaries
        try:
            data = _quick_to_data(session, lazy=True)
        except Exception:  # what the quick path does not expect: as dumps does
            write_session_text(path, dumps(session))
            return

        def write(put: Callable[[bytes], Any]) -> None:
            sink = _Sink(put)
            _quick_write(data, sink)
            sink.flush()

        from lessonkit.output import write_file

        try:  # the text of dumps(session), written as it is made
            write_file(path, write, error=SessionFileError, what="session file")
        except _NotPlain:  # a value outside JSON's own types (nothing was written): as dumps does
            write_session_text(path, dumps(session))


def write_session_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` in one step: temporary file, fsync, rename.

    Written by :func:`lessonkit.output.write_file`: the temporary file is created
    with its final permissions (those of the file it replaces, or 0o666 less the
    umask); a symbolic link is followed (its target is updated, the link stays); a
    device or FIFO is refused; every failure is one :class:`SessionFileError`.
    Stores call this with text they have checked.

    >>> write_session_text("workshop.json", dumps(session))   # doctest: +SKIP
    """
    from lessonkit.output import write_file

    write_file(path, text, error=SessionFileError, what="session file")


@contextlib.contextmanager
def lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through ``PATH.lock`` beside it).

    The lock is the operating system's (``flock``, or ``msvcrt.locking`` on
    Windows), held on the open lock file: it ends when the holder closes it or
    its process ends. The holder removes the lock file when it is done (except
    on Windows); one left by a command that was killed is harmless and never
    needs deleting (deleting a lock file by hand while a command holds it would
    let a second writer in). Waits ``timeout`` seconds, then raises :class:`SessionFileError`
    with code ``locked``. A symbolic link is resolved first, so editing a session
    through a link and through its target take the same lock.

    >>> with lock("workshop.json", timeout=5):              # doctest: +SKIP
    ...     save(session, "workshop.json")
    """
    lock_path = f"{os.path.realpath(os.fspath(path))}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            handle = open(lock_path, "a+b")
        except OSError as exc:
            raise SessionFileError(f"cannot create the lock file {lock_path}: {exc.strerror}") from None
        try:
            _try_lock(handle)
        except OSError:
            handle.close()
            holder = _holder(lock_path)
            if holder is not None:  # a server holds the file for its lifetime: no use waiting
                raise SessionFileError(
                    f"{path} is served by {holder}", code="locked",
                    hint="make the change on the server's pages, or stop the server (Ctrl+C) first",
                ) from None
            if time.monotonic() >= deadline:
                raise SessionFileError(
                    f"{path} is being changed by another lessonkit command", code="locked",
                    hint="wait for it to finish and try again; the lock ends with the command "
                         f"that holds it, so {os.path.basename(lock_path)} never needs deleting",
                ) from None
            time.sleep(0.01)
            continue
        if _is_current(handle, lock_path):
            break
        handle.close()  # its holder removed it on finishing: lock the file now at that path
    try:
        yield
    finally:
        try:
            if sys.platform != "win32":
                # Removed while still held, so no lock file stays beside the session; a
                # waiter that locked the removed file sees it is gone and tries again.
                with contextlib.suppress(OSError):
                    os.unlink(lock_path)
            _unlock(handle)
        finally:
            handle.close()


def _is_current(handle: Any, lock_path: str) -> bool:
    """Whether the locked file is still the one at ``lock_path`` (not removed by its last holder)."""
    if sys.platform == "win32":  # pragma: no cover - lock files are not removed on Windows
        return True
    try:
        on_path = os.stat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (held.st_dev, held.st_ino) == (on_path.st_dev, on_path.st_ino)


def _holder(lock_path: str) -> str | None:
    """Who holds the lock for long, as written into the lock file by a server (else None)."""
    try:
        with open(lock_path, encoding="utf-8") as handle:
            text = handle.read().strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    if isinstance(pid, int) and not isinstance(pid, bool) and sys.platform != "win32":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:  # left behind by a server that was killed
            return None
        except OSError:
            pass
    what = str(data.get("what") or "another lessonkit program")
    parts = [f"pid {data['pid']}"] if data.get("pid") else []
    if data.get("url"):
        parts.append(str(data["url"]))
    return f"{what} ({', '.join(parts)})" if parts else what


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: Any) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: Any) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: Any) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: Any) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def edit(
    path: str | os.PathLike[str], *, create: Session | None = None, timeout: float = LOCK_TIMEOUT,
) -> Iterator[Session]:
    """Load, change and save a session file under its lock.

    With ``create``, a missing file starts as that session. ``timeout`` is how
    long to wait for another writer's lock, in seconds. When the block raises,
    the file is left as it was. (:class:`lessonkit.store.JsonFileStore` does
    the same and also runs the methods' checks before saving.)

    >>> with edit("workshop.json", timeout=5) as session:   # doctest: +SKIP
    ...     session.venue = "Bangkok"
    """
    with lock(path, timeout=timeout):
        if create is not None and not os.path.exists(path):
            session = create
        else:
            session = load(path)
        yield session
        save(session, path)
