"""The session model: a workshop's groups, participants, answers, scores and actions.

Plain attrs classes, validated, with no I/O. :mod:`lessonkit.files` reads and
writes them; :mod:`lessonkit.workshop` changes them the checked way (against
the methods' prompts and scales).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from lessonkit.errors import NotFoundError, ValidationError, cut_list
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
            raise ValidationError(f"{what} must not be empty (got {value!r})",
                                  code="bad_value", value=value, expected="non-empty text")
    return check


def _text(what: str, *, optional: bool = False) -> Any:
    """A validator: the value is a ``str`` (or ``None`` when ``optional``)."""
    def check(_inst: object, _attr: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            expected = "text or None" if optional else "text"
            raise ValidationError(f"{what} must be {expected} (got {value!r})",
                                  code="wrong_type", value=value, expected=expected)
    return check


def _texts(what: str) -> Any:
    """A validator: the value is a list of ``str`` (never one string)."""
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(f"{what} must be a list of texts (got {value!r})",
                                  code="wrong_type", value=value, expected="list of texts")
    return check


def _date(what: str) -> Any:
    """A validator: the value is a :class:`datetime.date` (not a datetime) or ``None``."""
    def check(_inst: object, _attr: object, value: object) -> None:
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise ValidationError(f"{what} must be a date such as datetime.date(2024, 1, 31) "
                                  f"(got {value!r})", code="wrong_type", value=value, expected="date")
    return check


def _one_of(what: str, allowed: tuple[str, ...]) -> Any:
    """Like ``attrs.validators.in_``, but raising :class:`ValidationError`."""
    def check(_inst: object, _attr: object, value: object) -> None:
        if value not in allowed:
            raise ValidationError(f"{what} {value!r} is not one of {', '.join(allowed)}",
                                  code="bad_value", value=value, expected=list(allowed))
    return check


def score_key(method: str, step: str, prompt: str) -> str:
    """The key of a group's score table for one prompt: ``"ee/taking_stock/importance"``.

    >>> score_key("ee", "taking_stock", "importance")
    'ee/taking_stock/importance'
    """
    return f"{method}/{step}/{prompt}"


@attrs.define
class Participant:
    """A person answering. ``name`` may be left out: anonymous participants have only a key.

    >>> Participant("p1").display(), Participant("somsri", name="สมศรี").display()
    ('p1', 'สมศรี')
    """

    key: str = attrs.field(validator=_key("participant"))
    name: str | None = attrs.field(default=None, validator=_text("a participant's name", optional=True))
    agency: str | None = attrs.field(default=None, validator=_text("a participant's agency", optional=True))

    @property
    def anonymous(self) -> bool:
        """True when the participant has no name (only a key)."""
        return not self.name

    def display(self) -> str:
        """The name to show: the participant's name, else the key."""
        return self.name or self.key


@attrs.define
class Entry:
    """One answer to a prompt.

    A ``text`` prompt has one entry per participant (or one for the group); a
    ``list`` prompt one entry per list item, whose ``id`` is what later steps
    score; a ``table`` prompt one entry per row (``row`` maps field keys to
    text); a ``choice`` prompt stores the chosen keys in ``text`` separated by
    commas. ``tags`` hold the facilitator's themes. ``data`` is for plugins.

    >>> Entry(id="e1", method="ee", step="taking_stock", prompt="activities", text="อบรมครู").label()
    'อบรมครู'
    >>> Entry(id="e2", method="ee", step="planning", prompt="plan", row={"goal": "", "strategy": "ลดขั้นตอน"}).label()
    'ลดขั้นตอน'
    """

    id: str = attrs.field(validator=_key("entry"))
    method: str = attrs.field(validator=_text("an entry's method"))
    step: str = attrs.field(validator=_text("an entry's step"))
    prompt: str = attrs.field(validator=_text("an entry's prompt"))
    text: str = attrs.field(default="", validator=_text("an entry's text"))
    participant: str | None = attrs.field(default=None, validator=_text("an entry's participant", optional=True))
    row: dict[str, str] | None = None
    tags: list[str] = attrs.field(factory=list, validator=_texts("an entry's tags"))
    data: dict[str, Any] = attrs.field(factory=dict)

    def label(self) -> str:
        """The entry's name: its text, or a table row's first filled field."""
        if self.row is not None:
            return next((v for v in self.row.values() if v), "")
        return self.text


@attrs.define
class ActionItem:
    """Something to do after the workshop, with an owner, a due date and a status.

    >>> import datetime
    >>> ActionItem(id="a1", what="ประชุมติดตาม", due=datetime.date(2024, 2, 1)).status
    'open'
    >>> ActionItem(id="a1", what="x", owner=5)
    Traceback (most recent call last):
    lessonkit.errors.ValidationError: an action's owner must be text or None (got 5)
    """

    id: str = attrs.field(validator=_key("action"))
    what: str = attrs.field(validator=_nonempty("an action's 'what'"))
    owner: str | None = attrs.field(default=None, validator=_text("an action's owner", optional=True))
    due: dt.date | None = attrs.field(default=None, validator=_date("an action's due date"))
    status: Literal["open", "in_progress", "done", "dropped"] = attrs.field(
        default="open", validator=_one_of("status", ACTION_STATUSES)
    )
    method: str | None = attrs.field(default=None, validator=_text("an action's method", optional=True))
    source: str | None = attrs.field(default=None, validator=_text("an action's source", optional=True))
    note: str | None = attrs.field(default=None, validator=_text("an action's note", optional=True))


@attrs.define
class Group:
    """A working group: its members (agencies), participants, answers, scores and actions.

    >>> group = Group(key="g1", name="กลุ่ม 1", participants=[Participant("p1")])
    >>> group.has_participant("p1"), group.scores_for("ee", "taking_stock", "importance").participants
    (True, [])
    """

    key: str = attrs.field(validator=_key("group"))
    name: str = attrs.field(validator=_nonempty("a group's name"))
    members: list[str] = attrs.field(factory=list, validator=_texts("a group's members"))
    facilitator: str | None = attrs.field(default=None, validator=_text("a group's facilitator", optional=True))
    participants: list[Participant] = attrs.field(factory=list)
    entries: list[Entry] = attrs.field(factory=list)
    scores: dict[str, ScoreTable] = attrs.field(factory=dict)
    actions: list[ActionItem] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)

    def participant(self, key: str) -> Participant:
        """The participant ``key`` of this group; :class:`NotFoundError` (code
        ``unknown_participant``) if none.
        """
        for participant in self.participants:
            if participant.key == key:
                return participant
        known = cut_list((p.key for p in self.participants), empty="none yet")
        raise NotFoundError(
            f"unknown participant {key!r} in group {self.key!r} (known: {known})",
            code="unknown_participant", value=key,
        )

    def has_participant(self, key: str) -> bool:
        """Whether ``key`` is a participant of this group."""
        return any(p.key == key for p in self.participants)

    def entries_for(self, method: str, step: str, prompt: str) -> list[Entry]:
        """The entries answering one prompt, in the order they were given."""
        return [e for e in self.entries
                if e.method == method and e.step == step and e.prompt == prompt]

    def entry(self, entry_id: str) -> Entry:
        """The entry with id ``entry_id``; :class:`NotFoundError` if none."""
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

    >>> session = Session(title="AAR", groups=[Group(key="g1", name="กลุ่ม 1")])
    >>> session.group("g1").name, session.locale
    ('กลุ่ม 1', 'th')
    >>> Session(title="AAR", locale="fr")
    Traceback (most recent call last):
    lessonkit.errors.ValidationError: locale 'fr' is not one of th, en
    """

    title: str = attrs.field(validator=_nonempty("a session's title"))
    date: dt.date | None = attrs.field(default=None, validator=_date("a session's date"))
    venue: str | None = attrs.field(default=None, validator=_text("a session's venue", optional=True))
    locale: str = attrs.field(default="th", validator=_one_of("locale", LOCALES))
    methods: list[str] = attrs.field(factory=list, validator=_texts("a session's methods"))
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
        """The group ``key``; :class:`NotFoundError` (code ``unknown_group``) if none."""
        for group in self.groups:
            if group.key == key:
                return group
        known = cut_list((g.key for g in self.groups), empty="none yet")
        raise NotFoundError(
            f"unknown group {key!r} (known: {known})",
            code="unknown_group", value=key,
        )

    def participant_count(self) -> int:
        """The number of participants over all groups."""
        return sum(len(g.participants) for g in self.groups)

    def head_count(self) -> int:
        """The number of people at the workshop: ``attendance`` when known, else the
        registered participants."""
        return self.attendance if self.attendance is not None else self.participant_count()

    def setting(self, method: str, name: str, default: Any = None) -> Any:
        """A method's option from :attr:`settings`, or ``default`` when unset."""
        return self.settings.get(method, {}).get(name, default)
