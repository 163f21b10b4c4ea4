"""The session model: a workshop's groups, participants, answers, scores and actions.

Plain attrs classes, validated, with no I/O. :mod:`lessonkit.files` reads and
writes them; :mod:`lessonkit.workshop` changes them the checked way (against
the methods' prompts and scales).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from lessonkit.errors import NotFoundError, ValidationError
from lessonkit.method import check_key
from lessonkit.scores import ScoreTable

__all__ = [
    "ACTION_STATUSES",
    "LOCALES",
    "ActionItem",
    "Entry",
    "Group",
    "Participant",
    "Session",
    "score_key",
]

#: The languages lessonkit speaks.
LOCALES = ("th", "en")
#: The states of an action item.
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")


def _key(what: str) -> Any:
    return lambda _inst, _attr, value: check_key(value, what)


def _nonempty(what: str) -> Any:
    def check(_inst: object, _attr: object, value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{what} must not be empty (got {value!r})")
    return check


def score_key(method: str, step: str, prompt: str) -> str:
    """The key of a group's score table for one prompt: ``"ee/taking_stock/importance"``."""
    return f"{method}/{step}/{prompt}"


@attrs.define
class Participant:
    """A person answering. ``name`` may be left out: anonymous participants have only a key."""

    key: str = attrs.field(validator=_key("participant"))
    name: str | None = None
    agency: str | None = None

    @property
    def anonymous(self) -> bool:
        return not self.name

    def display(self) -> str:
        return self.name or self.key


@attrs.define
class Entry:
    """One answer to a prompt.

    A ``text`` prompt has one entry per participant (or one for the group); a
    ``list`` prompt one entry per list item, whose ``id`` is what later steps
    score; a ``table`` prompt one entry per row (``row`` maps field keys to
    text); a ``choice`` prompt stores the chosen keys in ``text`` separated by
    commas. ``tags`` hold the facilitator's themes. ``data`` is for plugins.
    """

    id: str = attrs.field(validator=_key("entry"))
    method: str
    step: str
    prompt: str
    text: str = ""
    participant: str | None = None
    row: dict[str, str] | None = None
    tags: list[str] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)

    def label(self) -> str:
        """The entry's name: its text, or a table row's first filled field."""
        if self.row is not None:
            return next((v for v in self.row.values() if v), "")
        return self.text


@attrs.define
class ActionItem:
    """Something to do after the workshop, with an owner, a due date and a status."""

    id: str = attrs.field(validator=_key("action"))
    what: str = attrs.field(validator=_nonempty("an action's 'what'"))
    owner: str | None = None
    due: dt.date | None = None
    status: Literal["open", "in_progress", "done", "dropped"] = attrs.field(
        default="open", validator=attrs.validators.in_(ACTION_STATUSES)
    )
    method: str | None = None
    source: str | None = None
    note: str | None = None


@attrs.define
class Group:
    """A working group: its members (agencies), participants, answers, scores and actions."""

    key: str = attrs.field(validator=_key("group"))
    name: str = attrs.field(validator=_nonempty("a group's name"))
    members: list[str] = attrs.field(factory=list)
    facilitator: str | None = None
    participants: list[Participant] = attrs.field(factory=list)
    entries: list[Entry] = attrs.field(factory=list)
    scores: dict[str, ScoreTable] = attrs.field(factory=dict)
    actions: list[ActionItem] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)

    def participant(self, key: str) -> Participant:
        for participant in self.participants:
            if participant.key == key:
                return participant
        known = ", ".join(p.key for p in self.participants) or "none yet"
        raise NotFoundError(
            f"unknown participant {key!r} in group {self.key!r} (known: {known})",
            hint="add one with 'lessonkit participant add'",
        )

    def has_participant(self, key: str) -> bool:
        return any(p.key == key for p in self.participants)

    def entries_for(self, method: str, step: str, prompt: str) -> list[Entry]:
        return [e for e in self.entries
                if e.method == method and e.step == step and e.prompt == prompt]

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise NotFoundError(f"unknown entry {entry_id!r} in group {self.key!r}")

    def scores_for(self, method: str, step: str, prompt: str) -> ScoreTable:
        """The score table of a prompt (empty if nobody has scored yet; not stored)."""
        return self.scores.get(score_key(method, step, prompt)) or ScoreTable()


@attrs.define
class Session:
    """A workshop: title, date, venue, language, the methods in use and the groups.

    ``settings`` holds per-method options (``{"aar": {"form": "army4"}}``);
    ``data`` is free for plugins and host programs.
    """

    title: str = attrs.field(validator=_nonempty("a session's title"))
    date: dt.date | None = None
    venue: str | None = None
    locale: str = attrs.field(default="th", validator=attrs.validators.in_(LOCALES))
    methods: list[str] = attrs.field(factory=list)
    groups: list[Group] = attrs.field(factory=list)
    settings: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    data: dict[str, Any] = attrs.field(factory=dict)
    #: the organising unit, shown on the cover and as the foreword's signature
    organiser: str | None = None
    #: the real head count of the workshop (the registered participants may be fewer)
    attendance: int | None = None
    #: the foreword (คำนำ) and the introduction of the report book, plain text
    foreword: str | None = None
    introduction: str | None = None
    #: the programme of the day, one line per item ("09.00–09.30 ลงทะเบียน")
    agenda: list[str] = attrs.field(factory=list)

    def group(self, key: str) -> Group:
        for group in self.groups:
            if group.key == key:
                return group
        known = ", ".join(g.key for g in self.groups) or "none yet"
        raise NotFoundError(
            f"unknown group {key!r} (known: {known})",
            hint="add one with 'lessonkit group add'",
        )

    def participant_count(self) -> int:
        return sum(len(g.participants) for g in self.groups)

    def head_count(self) -> int:
        """The number of people at the workshop: ``attendance`` when known, else the
        registered participants."""
        return self.attendance if self.attendance is not None else self.participant_count()

    def setting(self, method: str, name: str, default: Any = None) -> Any:
        return self.settings.get(method, {}).get(name, default)
