"""Checked changes to a session: the operations the CLI and host programs call.

Every function here validates against the methods' declarations (prompt kinds,
scales, budgets) and raises a :class:`~lessonkit.errors.LessonkitError` naming
the thing, the value and where it is. On error the session is left unchanged.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal

from lessonkit.errors import NotFoundError, PluginRuleError, ScoreError, ValidationError, cut_list
from lessonkit.method import Method, Prompt, Step, check_key
from lessonkit.model import (
    ACTION_STATUSES,
    LOCALES,
    ActionItem,
    Entry,
    Group,
    Participant,
    Session,
    score_key,
)
from lessonkit.plugins import Registry
from lessonkit.safetext import strip_controls
from lessonkit.scores import NA, ScoreTable
from lessonkit.thai import normalize_thai

__all__ = [
    "KEEP",
    "add_action",
    "add_answers",
    "add_group",
    "add_participant",
    "check_session",
    "clean_text",
    "items_for",
    "new_session",
    "plugin_problems",
    "resolve_item",
    "session_problems",
    "set_scores",
    "update_action",
]


class _Keep(enum.Enum):
    KEEP = "keep"


#: The default of :func:`update_action`'s fields: leave the field as it is
#: (``None`` clears an optional field).
KEEP: Final = _Keep.KEEP


def clean_text(text: str) -> str:
    """Participant text as stored: NFC, PDF SARA AM artifacts repaired, control characters
    stripped (:func:`lessonkit.safetext.strip_controls`; a lone surrogate is refused), outer
    space trimmed.

    >>> clean_text("  อบรมครู ")
    'อบรมครู'
    """
    if not isinstance(text, str):
        raise ValidationError(f"expected text, got {text!r}", code="wrong_type", value=text,
                              expected="text")
    return strip_controls(normalize_thai(text)).strip()


def _text(value: object, what: str, where: str | None = None) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text (got {value!r})", where=where,
                              code="wrong_type", value=value, expected="text")
    return clean_text(value)


def _optional_text(value: object, what: str, where: str | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text or None (got {value!r})", where=where,
                              code="wrong_type", value=value, expected="text or None")
    return clean_text(value) or None


def _texts(values: object, what: str, where: str | None = None) -> list[str]:
    """A list of texts; one string is refused (it would become one entry per character)."""
    if isinstance(values, (str, bytes)):
        raise ValidationError(
            f"{what} must be a list of texts, not one text (got {values!r})", where=where,
            hint=f"put it in a list: [{values!r}]", code="wrong_type", value=values,
            expected="list of texts")
    if not isinstance(values, Iterable) or isinstance(values, Mapping):
        raise ValidationError(f"{what} must be a list of texts (got {values!r})", where=where,
                              code="wrong_type", value=values, expected="list of texts")
    items = list(values)
    for i, value in enumerate(items):
        if not isinstance(value, str):
            raise ValidationError(f"{what}[{i}] must be text (got {value!r})", where=where,
                                  code="wrong_type", value=value, expected="text")
    return items


def _date(value: object, what: str, where: str | None = None) -> dt.date | None:
    """A date, from a :class:`datetime.date` or a text :func:`lessonkit.thai.parse_date` reads."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise ValidationError(f"{what} must be a date, not a date and time (got {value!r})",
                              where=where, hint="pass value.date()", code="wrong_type",
                              value=value, expected="date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        from lessonkit.thai import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:
            raise ValidationError(f"{what}: {exc}", where=where, code="bad_value", value=value,
                                  expected="a date such as 2024-01-31") from None
    raise ValidationError(f"{what} must be a date or a text such as 2024-01-31 (got {value!r})",
                          where=where, code="wrong_type", value=value, expected="date")


def _status(value: object, where: str | None = None) -> str:
    if value not in ACTION_STATUSES:
        raise ValidationError(f"status {value!r} is not one of {', '.join(ACTION_STATUSES)}",
                              where=where, code="bad_value", value=value,
                              expected=list(ACTION_STATUSES))
    return str(value)


def new_session(
    registry: Registry,
    title: str,
    *,
    date: dt.date | str | None = None,
    venue: str | None = None,
    locale: str = "th",
    methods: Sequence[str] = (),
) -> Session:
    """A new, empty session using ``methods`` (keys of registered methods).

    ``date`` is a :class:`datetime.date` or a text such as ``2024-01-31`` or
    ``31 มกราคม 2567``; ``locale`` is ``"th"`` or ``"en"``. A wrong type or
    value raises :class:`~lessonkit.errors.ValidationError`.

    >>> from lessonkit.plugins import get_registry
    >>> new_session(get_registry(), "ทบทวนหลังปฏิบัติ", date="2024-01-31", methods=["aar"]).date
    datetime.date(2024, 1, 31)
    """
    method_keys = _texts(methods, "methods")
    for key in method_keys:
        registry.method(key)
    if len(set(method_keys)) != len(method_keys):
        raise ValidationError(f"a method is named twice: {', '.join(method_keys)}", code="duplicate",
                              value=method_keys)
    if locale not in LOCALES:
        raise ValidationError(f"locale {locale!r} is not one of {', '.join(LOCALES)}",
                              code="bad_value", value=locale, expected=list(LOCALES))
    return Session(title=_text(title, "a session's title"), date=_date(date, "a session's date"),
                   venue=_optional_text(venue, "a session's venue"),
                   locale=locale, methods=method_keys)


def add_group(
    session: Session,
    key: str,
    name: str,
    *,
    members: Iterable[str] = (),
    facilitator: str | None = None,
) -> Group:
    """Add a group; its key must be new.

    >>> from lessonkit.model import Session
    >>> add_group(Session(title="AAR"), "g1", "กลุ่ม 1", members=["สสว.12"]).members
    ['สสว.12']
    """
    check_key(key, "group")
    if any(g.key == key for g in session.groups):
        raise ValidationError(f"group {key!r} already exists", hint="choose another key",
                              code="duplicate", value=key)
    names = [clean_text(m) for m in _texts(members, "a group's members")]
    group = Group(key=key, name=_text(name, "a group's name"), members=[m for m in names if m],
                  facilitator=_optional_text(facilitator, "a group's facilitator"))
    session.groups.append(group)
    return group


def add_participant(
    session: Session,
    group_key: str,
    key: str | None = None,
    *,
    name: str | None = None,
    agency: str | None = None,
) -> Participant:
    """Add a participant to a group; without a key one is made (``p1``, ``p2``…).

    Participant keys are unique across the session, so an answer can never be
    filed under the wrong group's person.

    >>> from lessonkit.model import Session
    >>> session = Session(title="AAR")
    >>> _ = add_group(session, "g1", "กลุ่ม 1")
    >>> add_participant(session, "g1", name="สมชาย").key
    'p1'
    """
    group = session.group(group_key)
    taken = {p.key for g in session.groups for p in g.participants}
    if key is None:
        n = len(taken) + 1
        while f"p{n}" in taken:
            n += 1
        key = f"p{n}"
    check_key(key, "participant")
    if key in taken:
        raise ValidationError(f"participant {key!r} already exists", hint="choose another key",
                              code="duplicate", value=key)
    participant = Participant(key=key, name=_optional_text(name, "a participant's name"),
                              agency=_optional_text(agency, "a participant's agency"))
    group.participants.append(participant)
    return participant


def _method_in_use(session: Session, registry: Registry, method: str) -> Method:
    found = registry.method(method)
    if method not in session.methods:
        raise ValidationError(
            f"method {method!r} is not used in this session (in use: {', '.join(session.methods) or 'none'})",
            hint="list it in the session's methods", code="method_not_in_session", value=method,
            expected=list(session.methods),
        )
    return found


def _next_entry_id(group: Group, prefix: str = "e") -> str:
    """``e<n>``: the first ``n`` from the number of entries + 1 that no entry of the group
    uses (kept by the group's index: no set of every id is built per answer)."""
    from lessonkit.model import _next_entry_id as next_id

    return next_id(group, prefix)


def _check_participant(group: Group, participant: str | None) -> None:
    if participant is not None:
        group.participant(participant)


def add_answers(
    session: Session,
    registry: Registry,
    group_key: str,
    method_key: str,
    prompt_key: str,
    values: Sequence[str],
    *,
    step: str | None = None,
    participant: str | None = None,
    tags: Iterable[str] = (),
) -> list[Entry]:
    """Record answers to a ``text``, ``list``, ``table`` or ``choice`` prompt.

    ``text`` and ``list``: each value is one entry. ``table``: values are
    ``field=value`` pairs making one row. ``choice``: values are choice keys.
    Without ``participant`` the answer is the group's. ``values`` is a list:
    one string is refused, since it would be read as one answer per character.

    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = new_session(registry, "AAR", methods=["aar"])
    >>> _ = add_group(session, "g1", "กลุ่ม 1")
    >>> [e.text for e in add_answers(session, registry, "g1", "aar", "expected", ["อบรมครู"])]
    ['อบรมครู']
    """
    method = _method_in_use(session, registry, method_key)
    group = session.group(group_key)
    found_step, prompt = method.find_prompt(step, prompt_key)
    where = f"group {group.key!r} {method.key}.{found_step.key}.{prompt.key}"
    values = [clean_text(v) for v in _texts(values, "answers", where)]
    tags = _texts(tags, "tags", where)
    if participant is not None and not isinstance(participant, str):
        raise ValidationError(f"participant must be a key (got {participant!r})", where=where,
                              code="wrong_type", value=participant, expected="text")
    _check_participant(group, participant)
    if prompt.scored:
        raise ValidationError(f"{prompt.kind} prompts take scores, not answers", where=where,
                              code="takes_scores", hint="record them with workshop.set_scores")
    checks = _before_change(session, registry, method)
    if not values or not any(values):
        raise ValidationError("no answer given", where=where)
    tag_list = [clean_text(t) for t in tags if t.strip()]
    made: list[Entry] = []

    def entry(text: str = "", row: dict[str, str] | None = None) -> Entry:
        new = Entry(id=_next_entry_id(group), method=method.key, step=found_step.key,
                    prompt=prompt.key, text=text, row=row, participant=participant,
                    tags=list(tag_list))
        group.entries.append(new)
        made.append(new)
        return new

    if prompt.kind in ("text", "list"):
        empty = [i + 1 for i, v in enumerate(values) if not v]
        if empty:
            raise ValidationError(f"answer {empty[0]} is empty", where=where)
        for value in values:
            entry(text=value)
    elif prompt.kind == "table":
        row = _parse_row(prompt, values, where)
        entry(row=row)
    elif prompt.kind == "choice":
        keys = [c.key for c in prompt.choices]
        chosen: list[str] = []
        for value in values:
            match = next((c.key for c in prompt.choices
                          if value == c.key or value in c.label.values.values()), None)
            if match is None:
                raise ValidationError(f"{value!r} is not a choice (choices: {', '.join(keys)})", where=where)
            chosen.append(match)
        if len(chosen) > 1 and not prompt.multiple:
            raise ValidationError(f"only one choice allowed (got {', '.join(chosen)})", where=where)
        entry(text=",".join(dict.fromkeys(chosen)))
    try:
        _refuse_new_problems(session, registry, method, checks, group, made)
    except ValidationError:
        group.remove_entries({new.id for new in made})
        raise
    return made


def _parse_row(prompt: Prompt, values: Sequence[str], where: str) -> dict[str, str]:
    fields = {f.key: f for f in prompt.fields}
    row: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        name = name.strip()
        if not sep or name not in fields:
            raise ValidationError(
                f"{value!r} is not field=value with a field of {', '.join(fields)}", where=where
            )
        if name in row:
            raise ValidationError(f"field {name!r} given twice", where=where)
        field = fields[name]
        text = text.strip()
        if field.kind == "date" and text:
            from lessonkit.thai import parse_date

            try:
                text = parse_date(text).isoformat()
            except ValueError as exc:
                raise ValidationError(f"field {name!r}: {exc}", where=where) from None
        if field.kind == "number" and text:
            try:
                float(text)
            except ValueError:
                raise ValidationError(f"field {name!r}: {text!r} is not a number", where=where) from None
        row[name] = text
    missing = [f.key for f in prompt.fields if f.required and not row.get(f.key)]
    if missing:
        raise ValidationError(f"required field {missing[0]!r} is missing", where=where)
    return {f.key: row.get(f.key, "") for f in prompt.fields}


def items_for(group: Group, method: Method, step: Step, prompt: Prompt) -> list[Entry]:
    """The entries a scored prompt scores: those of its ``items_from`` list prompt.

    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = new_session(registry, "AAR", methods=["aar"])
    >>> group = add_group(session, "g1", "กลุ่ม 1")
    >>> _ = add_answers(session, registry, "g1", "aar", "improve", ["ประสานงาน"])
    >>> method = registry.method("aar")
    >>> step, prompt = method.find_prompt(None, "priority")
    >>> [entry.text for entry in items_for(group, method, step, prompt)]
    ['ประสานงาน']
    """
    if not prompt.items_from:
        return []
    src_step, src_prompt = method.resolve(step.key, prompt.items_from)
    return group.entries_for(method.key, src_step.key, src_prompt.key)


def resolve_item(items: Sequence[Entry], ref: str, where: str = "") -> Entry:
    """Find an item by id (``e3``), by 1-based number in the list, or by its exact text.

    >>> from lessonkit.model import Entry
    >>> items = [Entry(id="e1", method="m", step="s", prompt="p", text="อบรมครู"),
    ...          Entry(id="e2", method="m", step="s", prompt="p", text="จัดงบ")]
    >>> [resolve_item(items, ref).id for ref in ("e2", "1", "จัดงบ")]
    ['e2', 'e1', 'e2']
    """
    ref = clean_text(ref)
    for item in items:
        if item.id == ref:
            return item
    if ref.isdigit() and len(ref.lstrip("0๐")) <= len(str(len(items))):  # never int() 4,301 digits
        index = int(ref)
        if 1 <= index <= len(items):
            return items[index - 1]
    folded = ref.casefold()
    matches = [item for item in items if item.label().casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    known = cut_list((f"{i + 1}={item.id}" for i, item in enumerate(items)),
                     empty="none: add list entries first")
    shown = ref if len(ref) <= 60 else f"{ref[:40]}…{ref[-10:]} ({len(ref)} characters)"
    raise NotFoundError(f"unknown item {shown!r} (items: {known})", where=where or None,
                        code="unknown_item", value=ref)


def set_scores(
    session: Session,
    registry: Registry,
    group_key: str,
    method_key: str,
    prompt_key: str,
    participant: str,
    values: Mapping[str, Any],
    *,
    step: str | None = None,
    criterion: str = "",
) -> dict[str, Any]:
    """Record one participant's scores for a ``score``, ``dots`` or ``rank`` prompt.

    ``values`` maps item references (id, number or text) to raw values. Scores
    are checked against the prompt's scale, dot budget or ranking; an invalid
    value is refused with a :class:`ScoreError` naming participant, item and
    value, and nothing is stored. Returns the stored values by item id.

    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = new_session(registry, "AAR", methods=["aar"])
    >>> _ = add_group(session, "g1", "กลุ่ม 1")
    >>> _ = add_participant(session, "g1", "p1")
    >>> _ = add_answers(session, registry, "g1", "aar", "improve", ["ประสานงานเร็วขึ้น"])
    >>> set_scores(session, registry, "g1", "aar", "priority", "p1", {"1": 3})
    {'e1': 3.0}
    """
    if not isinstance(values, Mapping):
        raise ValidationError(f"scores must be a mapping of item to value (got {values!r})",
                              code="wrong_type", value=values, expected="mapping")
    method = _method_in_use(session, registry, method_key)
    group = session.group(group_key)
    found_step, prompt = method.find_prompt(step, prompt_key)
    where = f"group {group.key!r} {method.key}.{found_step.key}.{prompt.key}"
    if not prompt.scored:
        raise ValidationError(f"{prompt.kind} prompts take answers, not scores", where=where,
                              code="takes_answers", hint="record them with workshop.add_answers")
    group.participant(participant)
    if prompt.criteria:
        if not criterion:
            raise ValidationError(
                f"this prompt scores per criterion; give one of {', '.join(c.key for c in prompt.criteria)}",
                where=where)
        prompt.criterion(criterion)
    elif criterion:
        raise ValidationError(f"this prompt has no criteria (got {criterion!r})", where=where)
    items = items_for(group, method, found_step, prompt)
    parsed: dict[str, Any] = {}
    for ref, raw in values.items():
        item = resolve_item(items, ref, where)
        if item.id in parsed:
            raise ScoreError(f"item {item.id!r} scored twice by participant {participant!r}", where=where)
        try:
            parsed[item.id] = _parse_value(prompt, raw, f"participant {participant!r} item {item.id!r}")
        except ScoreError as exc:
            if exc.where:
                raise
            raise ScoreError(exc.message, where=where, hint=exc.hint) from None
    table = group.scores.get(score_key(method.key, found_step.key, prompt.key))
    existing = table.ballot(participant, criterion) if table is not None else {}
    merged = {**existing, **parsed}
    _check_ballot(prompt, participant, merged, where)
    checks = _before_change(session, registry, method)
    created = table is None
    if table is None:
        table = ScoreTable()
        group.scores[score_key(method.key, found_step.key, prompt.key)] = table
    had_participant = table.has_participant(participant)
    previous = {item_id: table.get(participant, item_id, criterion) for item_id in parsed}
    for item_id, value in parsed.items():
        table.set(participant, item_id, value, criterion)
    try:
        _refuse_new_problems(session, registry, method, checks, group)
    except ValidationError:
        if created:
            del group.scores[score_key(method.key, found_step.key, prompt.key)]
        else:
            for item_id, value in previous.items():
                table.set(participant, item_id, value, criterion)
            if not had_participant:
                table.clear_participant(participant)
        raise
    return parsed


def steps_in_use(session: Session, registry: Registry, method: Method) -> list[Step]:
    """The steps of ``method`` this session uses (the ``steps_in_use`` hook; default: all).

    A plugin naming an unknown step is ignored, so a mistake there can never
    hide the method's steps.
    """
    for impl in registry.implementations_for("steps_in_use", method):
        kwargs: dict[str, Any] = {"session": session, "method": method}
        try:
            keys: Any = impl.function(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
        except Exception:  # a plugin's bug must not stop a workshop
            continue
        if keys is None:
            continue
        known = {step.key: step for step in method.steps}
        keys = list(keys)
        chosen = [known[k] for k in keys if k in known]
        if chosen and len(chosen) == len(keys):
            return chosen
    return list(method.steps)


def plugin_problems(session: Session, registry: Registry, method: Method) -> list[str]:
    """What the plugins' ``session_problems`` hooks say about ``method``'s data.

    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = new_session(registry, "AAR", methods=["aar"])
    >>> plugin_problems(session, registry, registry.method("aar"))
    []
    """
    problems: list[str] = []
    for plugin, result in _call_checks(registry, session, method):
        if isinstance(result, Exception):
            problems.append(f"plugin {plugin!r} failed to check method {method.key!r}: "
                            f"{type(result).__name__}: {result}")
        elif result:
            problems.extend(str(line) for line in result)
    return problems


def _call(impl: Any, **kwargs: Any) -> Any:
    """Call a hook implementation with the parameters it names; its exception is returned."""
    try:
        return impl.function(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
    except Exception as exc:  # a plugin's bug is reported, not raised
        return exc


def _call_checks(registry: Registry, session: Session, method: Method) -> list[tuple[str, Any]]:
    return [(impl.plugin_name, _call(impl, session=session, method=method))
            for impl in registry.implementations_for("session_problems", method)]


def _lines(plugin: str, method: Method, result: Any) -> list[str]:
    if isinstance(result, Exception):
        return [f"plugin {plugin!r} failed to check method {method.key!r}: "
                f"{type(result).__name__}: {result}"]
    return [str(line) for line in result] if result else []


#: The plugins' checks of one change, in the order ``session_problems`` lists them: (plugin,
#: its ``session_problems``, its ``change_problems`` or None), and what those without
#: ``change_problems`` said before the change.
_Checks = tuple[list[tuple[str, Any, Any]], list[str]]


def _before_change(session: Session, registry: Registry, method: Method) -> _Checks:
    """Before a change: a plugin with ``change_problems`` checks the change alone, after it;
    one without is asked about the whole session now and again after the change."""
    per_change = {impl.plugin_name: impl
                  for impl in registry.implementations_for("change_problems", method)}
    order = [(impl.plugin_name, impl, per_change.pop(impl.plugin_name, None))
             for impl in registry.implementations_for("session_problems", method)]
    order += [(name, None, impl) for name, impl in per_change.items()]
    before = [line for plugin, whole, change in order if change is None
              for line in _lines(plugin, method, _call(whole, session=session, method=method))]
    return order, before


def _refuse_new_problems(session: Session, registry: Registry, method: Method, checks: _Checks,
                         group: Group, entries: Sequence[Entry] = ()) -> None:
    """Refuse the change (:class:`PluginRuleError`, the first new problem) if it adds one."""
    order, before = checks
    known = set(before)
    new: list[str] = []
    for plugin, whole, change in order:
        if change is None:
            lines = _lines(plugin, method, _call(whole, session=session, method=method))
        else:
            result = _call(change, session=session, method=method, group=group,
                           entries=list(entries))
            lines = [] if isinstance(result, Exception) else _lines(plugin, method, result)
        new.extend(line for line in lines if line not in known)
    if new:
        raise PluginRuleError(new[0] + (f" (and {len(new) - 1} more)" if len(new) > 1 else ""))


def _parse_value(prompt: Prompt, raw: Any, who: str) -> Any:
    if prompt.kind == "score":
        assert prompt.scale is not None
        try:
            value = prompt.scale.parse(raw)
        except ScoreError as exc:
            raise ScoreError(f"{who}: {exc.message}") from None
        return NA if value is None else value
    if isinstance(raw, str):
        text = raw.strip()
        try:
            number = float(text)
        except ValueError:
            raise ScoreError(f"{who}: {raw!r} is not a whole number") from None
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw)
    else:
        raise ScoreError(f"{who}: {raw!r} is not a whole number")
    if not math.isfinite(number) or not number.is_integer():
        raise ScoreError(f"{who}: {raw!r} is not a whole number")
    if prompt.kind == "dots":
        if number < 0:
            raise ScoreError(f"{who}: {raw!r} dots is negative")
        if prompt.per_item_cap is not None and number > prompt.per_item_cap:
            raise ScoreError(f"{who}: {int(number)} dots is over the cap of {prompt.per_item_cap} per item")
    elif prompt.kind == "rank" and number < 1:
        raise ScoreError(f"{who}: rank {raw!r} must be 1 or more")
    return number


def _check_ballot(prompt: Prompt, participant: str, ballot: Mapping[str, Any], where: str) -> None:
    numbers = [v for v in ballot.values() if v is not NA and v is not None]
    if prompt.kind == "dots":
        total = sum(numbers)
        if prompt.budget is not None and total > prompt.budget:
            spent = ", ".join(f"{item}={int(v)}" for item, v in ballot.items() if v)
            raise ScoreError(
                f"participant {participant!r} spends {int(total)} dots ({spent}), "
                f"over the budget of {prompt.budget}",
                where=where)
    elif prompt.kind == "rank":
        seen: dict[float, str] = {}
        for item, value in ballot.items():
            if value in seen:
                raise ScoreError(
                    f"participant {participant!r} ranks both {seen[value]!r} and {item!r} at {int(value)}",
                    where=where, hint="a ranking has no repeats")
            seen[value] = item
        # Positions run 1, 2, 3… without gaps, and no further than max_ranked.
        limit = min(prompt.max_ranked, len(ballot)) if prompt.max_ranked else len(ballot)
        too_far = [v for v in numbers if v > limit]
        if too_far:
            raise ScoreError(
                f"participant {participant!r} gives rank {int(max(too_far))}, beyond {int(limit)}",
                where=where)


def add_action(
    session: Session,
    group_key: str,
    what: str,
    *,
    owner: str | None = None,
    due: dt.date | str | None = None,
    status: str = "open",
    method: str | None = None,
    source: str | None = None,
    note: str | None = None,
) -> ActionItem:
    """Add an action item to a group.

    ``due`` is a :class:`datetime.date` or a text such as ``2024-01-31``; every
    value is checked (:class:`~lessonkit.errors.ValidationError`).

    >>> from lessonkit.model import Session
    >>> session = Session(title="AAR")
    >>> _ = add_group(session, "g1", "กลุ่ม 1")
    >>> add_action(session, "g1", "ประชุมติดตาม", owner="สมชาย", due="2024-02-01").due
    datetime.date(2024, 2, 1)
    """
    group = session.group(group_key)
    where = f"group {group.key!r}"
    text = _text(what, "an action's 'what'", where)
    checked_owner = _optional_text(owner, "an action's owner", where)
    checked_due = _date(due, "an action's due date", where)
    checked_status: Any = _status(status, where)
    checked_method = _optional_text(method, "an action's method", where)
    checked_source = _optional_text(source, "an action's source", where)
    checked_note = _optional_text(note, "an action's note", where)
    used = {a.id for a in group.actions}
    n = len(group.actions) + 1
    while f"a{n}" in used:
        n += 1
    action = ActionItem(id=f"a{n}", what=text, owner=checked_owner, due=checked_due,
                        status=checked_status, method=checked_method, source=checked_source,
                        note=checked_note)
    group.actions.append(action)
    return action


def update_action(
    session: Session,
    group_key: str,
    action_id: str,
    *,
    what: str | Literal[_Keep.KEEP] = KEEP,
    owner: str | Literal[_Keep.KEEP] | None = KEEP,
    due: dt.date | str | Literal[_Keep.KEEP] | None = KEEP,
    status: str | Literal[_Keep.KEEP] = KEEP,
    note: str | Literal[_Keep.KEEP] | None = KEEP,
) -> ActionItem:
    """Change fields of an action item; the fields not given keep their values.

    ``None`` clears ``owner``, ``due`` or ``note``. ``due`` is a
    :class:`datetime.date` or a text such as ``2024-01-31``. Every value is
    checked before anything changes, so a wrong one
    (:class:`~lessonkit.errors.ValidationError`) leaves the action as it was
    and can never make the session file unreadable.

    >>> from lessonkit.model import Session
    >>> session = Session(title="AAR")
    >>> _ = add_group(session, "g1", "กลุ่ม 1")
    >>> _ = add_action(session, "g1", "ประชุมติดตาม")
    >>> action = update_action(session, "g1", "a1", status="done", due="2024-03-01")
    >>> action.status, action.due
    ('done', datetime.date(2024, 3, 1))
    """
    group = session.group(group_key)
    action = next((a for a in group.actions if a.id == action_id), None)
    if action is None:
        known = cut_list((a.id for a in group.actions), empty="none")
        raise NotFoundError(f"unknown action {action_id!r} in group {group.key!r} (known: {known})",
                            code="unknown_action", value=action_id)
    where = f"group {group.key!r} action {action.id!r}"
    changes: dict[str, Any] = {}
    if what is not KEEP:
        changes["what"] = _text(what, "an action's 'what'", where)
        if not changes["what"]:
            raise ValidationError("an action's 'what' must not be empty", where=where,
                                  code="bad_value", value=what)
    if owner is not KEEP:
        changes["owner"] = _optional_text(owner, "an action's owner", where)
    if due is not KEEP:
        changes["due"] = _date(due, "an action's due date", where)
    if status is not KEEP:
        changes["status"] = _status(status, where)
    if note is not KEEP:
        changes["note"] = _optional_text(note, "an action's note", where)
    for name, value in changes.items():
        setattr(action, name, value)
    return action


def session_problems(session: Session, registry: Registry) -> list[str]:
    """Every inconsistency between a session and the registered methods, as readable lines.

    >>> from lessonkit.plugins import get_registry
    >>> from lessonkit.model import Session
    >>> session_problems(Session(title="AAR", methods=["nope"]), get_registry())
    ["unknown method 'nope' @ methods[0] (is its plugin installed?)"]
    """
    problems: list[str] = []
    methods: dict[str, Method] = {}
    for i, key in enumerate(session.methods):
        if key in registry.methods:
            methods[key] = registry.methods.get(key)
        else:
            problems.append(f"unknown method {key!r} @ methods[{i}] (is its plugin installed?)")
    seen_participants: dict[str, str] = {}
    seen_groups: set[str] = set()
    for gi, group in enumerate(session.groups):
        gwhere = f"groups[{gi}]"
        if group.key in seen_groups:
            problems.append(f"group key {group.key!r} repeats @ {gwhere}.key")
        seen_groups.add(group.key)
        for pi, participant in enumerate(group.participants):
            if participant.key in seen_participants:
                problems.append(f"participant {participant.key!r} is also in group "
                                f"{seen_participants[participant.key]!r} @ {gwhere}.participants[{pi}]")
            seen_participants[participant.key] = group.key
        known_people = {p.key for p in group.participants}
        entry_ids: set[str] = set()
        for ei, entry in enumerate(group.entries):
            ewhere = f"{gwhere}.entries[{ei}]"
            if entry.id in entry_ids:
                problems.append(f"entry id {entry.id!r} repeats @ {ewhere}.id")
            entry_ids.add(entry.id)
            if entry.participant is not None and entry.participant not in known_people:
                problems.append(f"unknown participant {entry.participant!r} @ {ewhere}.participant")
            method = methods.get(entry.method)
            if method is None:
                if entry.method not in session.methods:
                    problems.append(f"method {entry.method!r} is not in the session's methods @ {ewhere}.method")
                continue
            try:
                method.find_prompt(entry.step, entry.prompt)
            except NotFoundError as exc:
                problems.append(f"{exc.message} @ {ewhere}")
        for key, table in group.scores.items():
            swhere = f"{gwhere}.scores[{key!r}]"
            parts = key.split("/")
            if len(parts) != 3:
                problems.append(f"score table key {key!r} is not method/step/prompt @ {swhere}")
                continue
            method = methods.get(parts[0])
            if method is None:
                continue
            try:
                step, prompt = method.find_prompt(parts[1], parts[2])
            except NotFoundError as exc:
                problems.append(f"{exc.message} @ {swhere}")
                continue
            problems.extend(_table_problems(group, method, step, prompt, table, swhere, known_people))
    index = {key: i for i, key in enumerate(session.methods)}
    for method in methods.values():
        problems.extend(_rule_problems(method, registry, f"methods[{index[method.key]}]"))
        problems.extend(plugin_problems(session, registry, method))
    return problems


def _rule_problems(method: Method, registry: Registry, where: str) -> list[str]:
    """Ranking rules a method in use names but nobody installed (ranking would fail)."""
    scored = list(method.scored_prompts())
    if not scored:
        return []
    installed = registry.rules
    problems = []
    if any(not prompt.rule for _step, prompt in scored) and method.default_rule not in installed:
        problems.append(f"method {method.key!r} ranks with the rule {method.default_rule!r}, which is "
                        f"not installed @ {where} (installed: {', '.join(installed.keys())}; install "
                        "the plugin that provides it or fix the method's default_rule)")
    for step, prompt in scored:
        if prompt.rule and prompt.rule not in installed:
            problems.append(f"prompt {method.key}.{step.key}.{prompt.key} ranks with the rule "
                            f"{prompt.rule!r}, which is not installed @ {where}")
    return problems


def _table_problems(group: Group, method: Method, step: Step, prompt: Prompt, table: ScoreTable,
                    where: str, people: set[str]) -> list[str]:
    problems: list[str] = []
    if not prompt.scored:
        return [f"{prompt.kind} prompt {prompt.key!r} cannot hold scores @ {where}"]
    for participant in table.participants:
        if participant not in people:
            problems.append(f"unknown participant {participant!r} @ {where}.participants")
    item_ids = {e.id for e in items_for(group, method, step, prompt)}
    criteria = {c.key for c in prompt.criteria} or {""}
    for item, criterion in table.keys():
        if item not in item_ids:
            problems.append(f"unknown item {item!r} @ {where}")
        if criterion not in criteria:
            problems.append(f"unknown criterion {criterion!r} for item {item!r} @ {where}")
    for participant, item, _criterion, value in table.cells():
        try:
            if value is NA:
                if prompt.kind != "score" or prompt.scale is None or not prompt.scale.allow_na:
                    raise ScoreError("N/A is not allowed here")
            else:
                _parse_value(prompt, value, f"participant {participant!r} item {item!r}")
        except ScoreError as exc:
            problems.append(f"{exc.message} @ {where}")
            if len(problems) > 50:
                return problems
    if not problems and prompt.kind in ("dots", "rank"):
        for criterion in criteria:
            for participant in table.participants:
                try:
                    _check_ballot(prompt, participant, table.ballot(participant, criterion), where)
                except ScoreError as exc:
                    problems.append(str(exc))
    return problems


def check_session(session: Session, registry: Registry) -> None:
    """Raise a :class:`ValidationError` with the first problem, if any.

    >>> from lessonkit.plugins import get_registry
    >>> from lessonkit.model import Session
    >>> check_session(Session(title="AAR", methods=["nope", "gone"]), get_registry())
    Traceback (most recent call last):
    lessonkit.errors.ValidationError: unknown method 'nope' @ methods[0] (is its plugin installed?) (and 1 more) (session_problems() lists them all)
    """
    problems = session_problems(session, registry)
    if problems:
        more = f" (and {len(problems) - 1:,} more)" if len(problems) > 1 else ""
        raise ValidationError(problems[0] + more, code="session_problems",
                              hint="session_problems() lists them all" if len(problems) > 1 else None)
