"""The session model: a workshop's groups, participants, answers, scores and actions.

Plain attrs classes, validated, with no I/O. :mod:`lessonkit.files` reads and
writes them; :mod:`lessonkit.workshop` changes them the checked way (against
the methods' prompts and scales).
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
import weakref
from bisect import bisect_left, insort
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from lessonkit._records import Record
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


#: How many times a field the group indexes look things up by was changed on an existing
#: object: ``[entries, participants]`` (an entry's id, method, step, prompt or participant;
#: a participant's key). An index built before such a change is rebuilt on its next use (see
#: :class:`_GroupIndex`).
_KEY_CHANGES = [0, 0]


def _key_changed(kind: int) -> Any:
    def note(inst: object, attribute: Any, value: Any) -> Any:
        if getattr(inst, attribute.name, value) != value:
            _KEY_CHANGES[kind] += 1
        return value
    return note


#: ``on_setattr`` of the looked-up fields: validate, then note a change.
_ENTRY_KEY_SETATTR = attrs.setters.pipe(attrs.setters.validate, _key_changed(0))
_PERSON_KEY_SETATTR = attrs.setters.pipe(attrs.setters.validate, _key_changed(1))


def score_key(method: str, step: str, prompt: str) -> str:
    """The key of a group's score table for one prompt: ``"ee/taking_stock/importance"``.

    >>> score_key("ee", "taking_stock", "importance")
    'ee/taking_stock/importance'
    """
    return f"{method}/{step}/{prompt}"


@attrs.define(repr=False, eq=False)
class Participant(Record):
    """A person answering. ``name`` may be left out: anonymous participants have only a key.

    >>> Participant("p1").display(), Participant("somsri", name="สมศรี").display()
    ('p1', 'สมศรี')
    """

    key: str = attrs.field(validator=_key("participant"), on_setattr=_PERSON_KEY_SETATTR)
    name: str | None = attrs.field(default=None, validator=_text("a participant's name", optional=True))
    agency: str | None = attrs.field(default=None, validator=_text("a participant's agency", optional=True))

    @property
    def anonymous(self) -> bool:
        """True when the participant has no name (only a key)."""
        return not self.name

    def display(self) -> str:
        """The name to show: the participant's name, else the key."""
        return self.name or self.key


@attrs.define(repr=False, eq=False)
class Entry(Record):
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

    id: str = attrs.field(validator=_key("entry"), on_setattr=_ENTRY_KEY_SETATTR)
    method: str = attrs.field(validator=_text("an entry's method"), on_setattr=_ENTRY_KEY_SETATTR)
    step: str = attrs.field(validator=_text("an entry's step"), on_setattr=_ENTRY_KEY_SETATTR)
    prompt: str = attrs.field(validator=_text("an entry's prompt"), on_setattr=_ENTRY_KEY_SETATTR)
    text: str = attrs.field(default="", validator=_text("an entry's text"))
    participant: str | None = attrs.field(default=None, validator=_text("an entry's participant", optional=True),
                                          on_setattr=_ENTRY_KEY_SETATTR)
    row: dict[str, str] | None = None
    tags: list[str] = attrs.field(factory=list, validator=_texts("an entry's tags"))
    data: dict[str, Any] = attrs.field(factory=dict)

    def label(self) -> str:
        """The entry's name: its text, or a table row's first filled field."""
        if self.row is not None:
            return next((v for v in self.row.values() if v), "")
        return self.text


@attrs.define(repr=False, eq=False)
class ActionItem(Record):
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


@attrs.define(repr=False, eq=False)
class Group(Record):
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

        A dictionary lookup (the group's index, see :meth:`entries_for`), not a scan.
        """
        found = _index(self).participant(self, key)
        if found is not None:
            return found
        known = cut_list((p.key for p in self.participants), empty="none yet")
        raise NotFoundError(
            f"unknown participant {key!r} in group {self.key!r} (known: {known})",
            code="unknown_participant", value=key,
        )

    def has_participant(self, key: str) -> bool:
        """Whether ``key`` is a participant of this group."""
        return _index(self).participant(self, key) is not None

    def entries_for(self, method: str, step: str, prompt: str) -> list[Entry]:
        """The entries answering one prompt, in the order they were given (a new list).

        Lookups go through an index of the group, built on first use and kept up to date
        as the group changes: it costs the size of the answer, not of the group. The index
        is derived state, never saved. It follows every change made through
        :mod:`lessonkit.workshop` and :meth:`remove_entries`, and notices on its own when
        ``entries`` or ``participants`` is replaced by another list, grows (appended
        entries are added to it), shrinks, or has another first or last element, and when
        an entry's id, method, step, prompt or participant (or a participant's key) is
        changed. Reordering the list in place or putting another object into one of its
        middle slots (``group.entries[3] = other``) is not noticed: assign a new list
        instead (``group.entries = [...]``).

        >>> group = Group(key="g1", name="กลุ่ม 1",
        ...               entries=[Entry(id="e1", method="ee", step="mission", prompt="goals", text="อ่านออก")])
        >>> group.entries.append(Entry(id="e2", method="ee", step="mission", prompt="goals", text="เขียนได้"))
        >>> [e.id for e in group.entries_for("ee", "mission", "goals")]
        ['e1', 'e2']
        """
        return _index(self).entries_for(self, method, step, prompt)

    def entries_by(self, method: str, step: str, prompt: str, participant: str | None) -> list[Entry]:
        """The entries one participant gave to a prompt (``None``: the group's own
        answers), in order: ``[e for e in entries_for(…) if e.participant == participant]``,
        at the cost of the answer.

        >>> group = Group(key="g1", name="กลุ่ม 1", entries=[
        ...     Entry(id="e1", method="aar", step="army4", prompt="expected", text="ก", participant="p1"),
        ...     Entry(id="e2", method="aar", step="army4", prompt="expected", text="ข", participant="p2")])
        >>> [e.id for e in group.entries_by("aar", "army4", "expected", "p2")]
        ['e2']
        """
        return _index(self).entries_by(self, method, step, prompt, participant)

    def entry(self, entry_id: str) -> Entry:
        """The entry with id ``entry_id``; :class:`NotFoundError` if none."""
        found = _index(self).entry(self, entry_id)
        if found is None:
            raise NotFoundError(f"unknown entry {entry_id!r} in group {self.key!r}")
        return found

    def remove_entries(self, ids: Iterable[str]) -> None:
        """Remove every entry whose id is one of ``ids`` (the others keep their order).

        The same as ``group.entries[:] = [e for e in group.entries if e.id not in ids]``,
        at the cost of the entries removed (and one move of the list's tail in memory).

        >>> group = Group(key="g1", name="กลุ่ม 1", entries=[
        ...     Entry(id=f"e{n}", method="ee", step="mission", prompt="goals", text=str(n)) for n in (1, 2, 3)])
        >>> group.remove_entries({"e2"})
        >>> [e.id for e in group.entries]
        ['e1', 'e3']
        """
        _index(self).remove_entries(self, set(ids))

    def scores_for(self, method: str, step: str, prompt: str) -> ScoreTable:
        """The score table of a prompt (empty if nobody has scored yet; not stored)."""
        return self.scores.get(score_key(method, step, prompt)) or ScoreTable()


def _next_entry_id(group: Group, prefix: str = "e") -> str:
    """The id a new entry of ``group`` gets: ``e<n>`` for the first ``n`` from the number of
    entries + 1 that no entry uses (what a scan of every id gives, found through the index)."""
    return _index(group).next_entry_id(group, prefix)


class _GroupIndex:
    """Derived lookups of one group, never saved: entries by prompt, by prompt and
    participant, and by id; participants by key; the next free entry id.

    Kept beside the group in :data:`_INDEXES` (the model's classes have slots and their
    fields are the file format, so the index is not a field). Each use first checks, in
    constant time, that the index still describes the group's lists (see
    :meth:`Group.entries_for`): if entries were appended it adds them, if anything else
    changed it is built again from the lists, so it gives what a scan of the lists gives.
    """

    __slots__ = ("__weakref__", "by_id", "deleted", "dup_ids", "entries", "entry_epoch", "first",
                 "last", "lock", "people", "people_epoch", "people_first", "people_last",
                 "people_n", "person", "pos", "prompts", "run", "stored")

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.entries: list[Entry] | None = None
        self.people: list[Participant] | None = None
        self.entry_epoch = self.people_epoch = -1
        # for each prompt looked up so far, (method, step, prompt) -> [{id(entry): entry} in list
        # order or None, {participant: the one entry, or {id(entry): entry} when several}]
        self.prompts: dict[tuple[str, str, str], list[Any]] = {}
        # the first entry of each id; the later ones of an id used twice (a problem) apart
        self.by_id: dict[str, Entry] = {}
        self.dup_ids: dict[str, list[Entry]] = {}
        # id(entry) -> its position when added (made on the first removal); the positions
        # of the entries removed since
        self.pos: dict[int, int] | None = None
        self.deleted: list[int] = []
        self.stored = 0
        self.first: Entry | None = None
        self.last: Entry | None = None
        # the next-id cache: every f"{prefix}{n}" for run[1] <= n < run[2] is an entry's id
        self.run: tuple[str, int, int] = ("", 0, 0)
        self.person: dict[str, int] = {}  # key -> slot of its first participant
        self.people_n = 0
        self.people_first: Participant | None = None
        self.people_last: Participant | None = None

    # -- keeping up with the group ---------------------------------------------------------

    def _build_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.entry_epoch = _KEY_CHANGES[0]
        self.prompts, self.by_id, self.dup_ids = {}, {}, {}
        self.pos = None
        self.deleted = []
        self.stored = 0
        self.first = self.last = None
        self.run = ("", 0, 0)
        self._add_entries(entries)

    def _add_entries(self, added: list[Entry]) -> None:
        if not added:
            return
        n = self.stored
        if self.pos is not None:  # made on the first removal (see _positions)
            self.pos.update(zip(map(id, added), range(n, n + len(added)), strict=True))
        by_id = self.by_id
        first = dict(zip(reversed(list(map(_ENTRY_ID, added))), reversed(added), strict=True))  # first wins
        if len(first) == len(added) and not by_id:
            self.by_id = first
        elif len(first) == len(added) and by_id.keys().isdisjoint(first):
            by_id.update(first)
        else:  # an id used twice (a problem the checks report): keep the later ones apart
            for entry in added:
                if by_id.setdefault(entry.id, entry) is not entry:
                    self.dup_ids.setdefault(entry.id, []).append(entry)
        prompts = self.prompts
        if prompts:
            for entry in added:
                found = prompts.get((entry.method, entry.step, entry.prompt))
                if found is not None:
                    _put(found, entry)
        self.stored = n + len(added)
        if self.first is None:
            self.first = added[0]
        self.last = added[-1]

    def _sync_entries(self, group: Group) -> None:
        entries = group.entries
        if entries is not self.entries or self.entry_epoch != _KEY_CHANGES[0]:
            self._build_entries(entries)
            return
        known = self.stored - len(self.deleted)
        n = len(entries)
        if n < known or (known and (entries[0] is not self.first or entries[known - 1] is not self.last)):
            self._build_entries(entries)
        elif n > known:
            self._add_entries(entries[known:])

    def _sync_people(self, group: Group, *, rebuild: bool = False) -> None:
        people = group.participants
        n = len(people)
        if (rebuild or people is not self.people or self.people_epoch != _KEY_CHANGES[1]
                or n < self.people_n
                or (self.people_n and (people[0] is not self.people_first
                                       or people[self.people_n - 1] is not self.people_last))):
            self.people = people
            self.people_epoch = _KEY_CHANGES[1]
            self.person = {}
            self.people_n = 0
            self.people_first = self.people_last = None
        if n > self.people_n:
            person = self.person
            if n - self.people_n > 64:  # in bulk (the first use): the first of each key wins
                bulk = dict(zip(reversed([p.key for p in people[self.people_n:]]),
                                range(n - 1, self.people_n - 1, -1), strict=True))
                bulk.update(person)
                self.person = bulk
            else:
                for slot in range(self.people_n, n):
                    person.setdefault(people[slot].key, slot)
            self.people_n = n
            self.people_first = people[0]
            self.people_last = people[-1]

    def _prompt(self, group: Group, method: str, step: str, prompt: str, *,
                in_order: bool = False) -> list[Any]:
        """The entries of one prompt, gathered by one scan the first time they are asked for
        and kept up to date after: ``[{id(entry): entry} in list order (made when first
        needed, else None), {participant: the one entry, or {id(entry): entry}}]``."""
        self._sync_entries(group)
        key = (method, step, prompt)
        found = self.prompts.get(key)
        if found is None or (in_order and found[0] is None):
            matched = [e for e in group.entries
                       if e.method == method and e.step == step and e.prompt == prompt]
            ordered = dict(zip(map(id, matched), matched, strict=True)) if in_order else None
            if found is not None:
                found[0] = ordered
                return found
            owners = dict(zip(map(_PARTICIPANT, matched), matched, strict=True))
            if len(owners) == len(matched):  # one entry each (a text prompt): no grouping
                found = [ordered, owners]
            else:
                found = [ordered, {}]
                for entry in matched:
                    _put(found, entry, ordered=False)
            self.prompts[key] = found
        return found

    # -- lookups ----------------------------------------------------------------------------

    def entries_for(self, group: Group, method: str, step: str, prompt: str) -> list[Entry]:
        with self.lock:
            return list(self._prompt(group, method, step, prompt, in_order=True)[0].values())

    def entries_by(self, group: Group, method: str, step: str, prompt: str,
                   participant: str | None) -> list[Entry]:
        with self.lock:
            mine = self._prompt(group, method, step, prompt)[1].get(participant)
            if mine is None:
                return []
            return list(mine.values()) if type(mine) is dict else [mine]

    def entry(self, group: Group, entry_id: str) -> Entry | None:
        with self.lock:
            self._sync_entries(group)
            return self.by_id.get(entry_id)

    def participant(self, group: Group, key: str) -> Participant | None:
        if not isinstance(key, str):  # what a scan comparing keys with == finds
            return next((p for p in group.participants if p.key == key), None)
        with self.lock:
            self._sync_people(group)
            slot = self.person.get(key)
            if slot is None:
                return None
            people = group.participants
            if slot < len(people) and people[slot].key == key:
                return people[slot]
            # a slot of the list was replaced behind the index: read the list again
            self._sync_people(group, rebuild=True)
            slot = self.person.get(key)
            return people[slot] if slot is not None else None

    def next_entry_id(self, group: Group, prefix: str) -> str:
        with self.lock:
            self._sync_entries(group)
            used = self.by_id
            start = len(group.entries) + 1
            run_prefix, low, high = self.run
            n = high if run_prefix == prefix and low <= start < high else start
            while f"{prefix}{n}" in used:
                n += 1
            if not (run_prefix == prefix and low <= start <= high):
                low = start
            # ids low … n-1 are all taken; n is free (and taken next, when the entry is added)
            self.run = (prefix, low, n)
            return f"{prefix}{n}"

    # -- changes ----------------------------------------------------------------------------

    def remove_entries(self, group: Group, ids: set[str]) -> None:
        with self.lock:
            self._sync_entries(group)
            entries = group.entries
            doomed = [entry for i in ids if i in self.by_id
                      for entry in (self.by_id[i], *self.dup_ids.get(i, ()))]
            if not doomed:
                return
            if self.pos is None:
                assert not self.deleted
                self.pos = dict(zip(map(id, entries), range(len(entries)), strict=True))
            slots: list[tuple[int, int, Entry]] = []
            for entry in doomed:
                stored = self.pos[id(entry)]
                slot = stored - bisect_left(self.deleted, stored)
                if slot >= len(entries) or entries[slot] is not entry:  # pragma: no cover - defensive
                    entries[:] = [e for e in entries if e.id not in ids]
                    self._build_entries(entries)
                    return
                slots.append((slot, stored, entry))
            slots.sort(reverse=True)
            for slot, _stored, _entry in slots:
                del entries[slot]
            for _slot, stored, entry in slots:
                ident = id(entry)
                found = self.prompts.get((entry.method, entry.step, entry.prompt))
                if found is not None:
                    if found[0] is not None:
                        del found[0][ident]
                    owners = found[1]
                    mine = owners[entry.participant]
                    if type(mine) is dict:
                        del mine[ident]
                    if mine is entry or not mine:
                        del owners[entry.participant]
                del self.pos[ident]
                insort(self.deleted, stored)
            for entry_id in {entry.id for entry in doomed}:
                del self.by_id[entry_id]
                self.dup_ids.pop(entry_id, None)
                self._forget_id(entry_id)
            self.first = entries[0] if entries else None
            self.last = entries[-1] if entries else None
            if not entries:
                self._build_entries(entries)

    def _forget_id(self, entry_id: str) -> None:
        """Keep the next-id cache true when ``entry_id`` is no longer used."""
        prefix, low, high = self.run
        if entry_id in self.by_id or not entry_id.startswith(prefix):
            return
        number = entry_id[len(prefix):]
        if (number.isascii() and number.isdigit() and len(number) < 19 and str(int(number)) == number
                and low <= int(number) < high):
            self.run = (prefix, low, int(number))


def _put(found: list[Any], entry: Entry, *, ordered: bool = True) -> None:
    """Add ``entry`` to the gathered entries of its prompt (see :meth:`_GroupIndex._prompt`)."""
    ident = id(entry)
    if ordered and found[0] is not None:
        found[0][ident] = entry
    owners = found[1]
    mine = owners.setdefault(entry.participant, entry)
    if mine is not entry:
        if type(mine) is dict:
            mine[ident] = entry
        else:
            owners[entry.participant] = {id(mine): mine, ident: entry}


_ENTRY_ID = operator.attrgetter("id")
_PARTICIPANT = operator.attrgetter("participant")

#: The index of each live group, by ``id(group)``; an entry goes when its group does.
_INDEXES: dict[int, tuple[weakref.ref[Group], _GroupIndex]] = {}
_INDEXES_LOCK = threading.Lock()


def _index(group: Group) -> _GroupIndex:
    found = _INDEXES.get(id(group))
    if found is not None and found[0]() is group:
        return found[1]
    with _INDEXES_LOCK:
        found = _INDEXES.get(id(group))
        if found is not None and found[0]() is group:
            return found[1]
        ident = id(group)

        def gone(ref: weakref.ref[Group], ident: int = ident) -> None:
            current = _INDEXES.get(ident)
            if current is not None and current[0] is ref:
                _INDEXES.pop(ident, None)

        index = _GroupIndex()
        _INDEXES[ident] = (weakref.ref(group, gone), index)
        return index


@attrs.define(repr=False, eq=False)
class Session(Record):
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


#: :func:`_filling`'s subclasses, one per model class, made on first use.
_FILLING: dict[type, type] = {}


def _filling(cls: type) -> Any:
    """A subclass of the model class ``cls`` whose objects are made empty and filled by
    plain slot stores, past the model's ``__setattr__`` (attrs' validate-on-set hooks, a
    Python call per field), then made ``cls`` objects by ``__class__`` assignment (the same
    slots). How reading a large file and the bulk import make hundreds of thousands of
    participants and answers, every field set, at a fraction of the cost of a descriptor
    call per field; the callers make the validators' checks on the values themselves.
    Not for use outside lessonkit's core."""
    found = _FILLING.get(cls)
    if found is None:
        found = _FILLING[cls] = type(f"_Filling{cls.__name__}", (cls,), {
            "__slots__": (), "__init__": object.__init__, "__setattr__": object.__setattr__,
            "__module__": __name__})
    return found
