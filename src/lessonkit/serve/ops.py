"""The changes a live workshop makes, as JSON-able ops, and how each is applied to a session.

Every op is applied by :class:`LiveOps` through the same checked functions the
CLI uses (:mod:`lessonkit.workshop`, :mod:`lessonkit.asking`), so a method's
scales, budgets and ``session_problems`` rules hold exactly as on the command
line; a refused op raises and leaves the session as it was. Answers carry
*absolute state* (a whole score row, a whole dot allocation, the text as it
should now read), so an op applied twice — a form re-sent after a phone woke
up, a journal replayed after a crash — has the effect of applying it once;
ops that add (list items, table rows, joins) carry a ``nonce`` for the same
reason.

The live state (which step is open per group, which prompts are revealed) is
kept in ``session.data["live"]``; who holds which participant cookie is kept
out of the session file, in :class:`Private` (the server's ``FILE.live`` file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from lessonkit.errors import LessonkitError, NotFoundError, ValidationError
from lessonkit.method import LocalizedText
from lessonkit.model import Entry, Group, Session, score_key

__all__ = ["LiveError", "LiveOps", "Private", "live_data", "open_step"]


class LiveError(ValidationError):
    """A refusal with a message key of :mod:`lessonkit.serve.messages` (shown in Thai or English).

    ``field`` names the form field the message belongs next to; a keyword value may be a
    :class:`~lessonkit.method.LocalizedText` (a field's label), read in the page's language.
    """

    def __init__(self, key: str, *, field: str = "", **kwargs: Any) -> None:
        self.key = key
        self.field = field
        self.kwargs = kwargs
        super().__init__(self.text("en"))

    def text(self, locale: str) -> str:
        from lessonkit.i18n import t
        from lessonkit.serve.messages import install

        install()
        from lessonkit.report import format_number

        digits = "thai" if locale == "th" else "arabic"
        shown = {k: v.get(locale) if isinstance(v, LocalizedText)
                 else format_number(v, digits) if isinstance(v, (int, float)) and not isinstance(v, bool)
                 else v for k, v in self.kwargs.items()}
        return t(self.key, locale, **shown)


@attrs.define
class Private:
    """What must not go into the portable session file: who holds which participant cookie."""

    keys: dict[str, str] = attrs.field(factory=dict)      # sha256(cookie) -> participant key
    rejoin: dict[str, str] = attrs.field(factory=dict)    # sha256(rejoin code) -> participant key
    nonces: set[str] = attrs.field(factory=set)           # adding ops already applied


def live_data(session: Session) -> dict[str, Any]:
    """``session.data["live"]``: ``{"open": {group: "method/step"}, "revealed": {group: [...]}}``."""
    data = session.data.setdefault("live", {})
    data.setdefault("open", {})
    data.setdefault("revealed", {})
    return data


def open_step(session: Session, group: str) -> str | None:
    """The ``method/step`` open for ``group``, or None."""
    value = session.data.get("live", {}).get("open", {}).get(group)
    return value if isinstance(value, str) else None


def _require(op: Mapping[str, Any], name: str, kind: type = str) -> Any:
    value = op.get(name)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValidationError(f"op {op.get('op')!r} needs {name!r}")
    return value


class LiveOps:
    """``apply(session, op)`` for a :class:`~lessonkit.store.journal.JournalStore`."""

    def __init__(self, registry: Any, private: Private | None = None) -> None:
        self.registry = registry
        self.private = private if private is not None else Private()

    def __call__(self, session: Session, op: dict[str, Any]) -> Any:
        kind = op.get("op")
        handler = getattr(self, f"_op_{kind}", None) if isinstance(kind, str) else None
        if handler is None:
            raise ValidationError(f"unknown op {kind!r}")
        nonce = op.get("nonce")
        if isinstance(nonce, str) and nonce in self.private.nonces:
            return None  # the same form sent twice: applied once
        result = handler(session, op)
        if isinstance(nonce, str) and nonce:
            self.private.nonces.add(nonce)
        return result

    # -- participants ----------------------------------------------------------------------

    def _op_join(self, session: Session, op: dict[str, Any]) -> str:
        from lessonkit import workshop

        group = session.group(_require(op, "group"))
        key_hash = _require(op, "key_hash")
        existing = self.private.keys.get(key_hash)
        if existing is not None and group.has_participant(existing):
            return existing
        wanted = op.get("participant")
        if isinstance(wanted, str) and wanted:
            group.participant(wanted)
            if wanted in self.private.keys.values():
                raise LiveError("live_name_taken", field="participant")
            key = wanted
        else:
            key = workshop.add_participant(session, group.key).key
        self.private.keys[key_hash] = key
        self._note_rejoin(op, key)
        return key

    def _note_rejoin(self, op: Mapping[str, Any], key: str) -> None:
        rejoin_hash = op.get("rejoin_hash")
        if isinstance(rejoin_hash, str) and rejoin_hash:
            self.private.rejoin[rejoin_hash] = key

    def _op_rejoin(self, session: Session, op: dict[str, Any]) -> str:
        """Another browser continues as the participant whose rejoin code was typed."""
        key = self.private.rejoin.get(_require(op, "code_hash"))
        if key is None or not any(g.has_participant(key) for g in session.groups):
            raise LiveError("live_bad_code", field="code")
        self.private.keys[_require(op, "key_hash")] = key
        self._note_rejoin(op, key)
        return key

    def _op_rejoin_code(self, session: Session, op: dict[str, Any]) -> None:
        """Register the rejoin code of a participant who joined before codes were given."""
        key = _require(op, "participant")
        if not any(g.has_participant(key) for g in session.groups):
            raise NotFoundError(f"unknown participant {key!r}")
        self._note_rejoin(op, key)

    def _check_open(self, session: Session, group: Group, method: str, step: str) -> None:
        if open_step(session, group.key) != f"{method}/{step}":
            raise LiveError("live_err_closed")

    def _question(self, session: Session, op: Mapping[str, Any]) -> tuple[Group, Any, Any, Any, str]:
        group = session.group(_require(op, "group"))
        method = self.registry.method(_require(op, "method"))
        step, prompt = method.find_prompt(_require(op, "step"), _require(op, "prompt"))
        participant = _require(op, "participant")
        group.participant(participant)
        self._check_open(session, group, method.key, step.key)
        return group, method, step, prompt, participant

    def _op_answer(self, session: Session, op: dict[str, Any]) -> list[str]:
        """text / choice: the participant's (or group's) answer as it should now read."""
        from lessonkit.asking import Question, save_answer

        group, method, step, prompt, participant = self._question(session, op)
        values = [str(v) for v in op.get("values") or []]
        made = save_answer(session, self.registry, group.key, method, Question(step, prompt),
                           participant, values)
        return [e.id for e in made]

    def _op_add(self, session: Session, op: dict[str, Any]) -> list[str]:
        """list items / a table row, added (with a nonce: sent twice, added once)."""
        from lessonkit import workshop

        group, method, step, prompt, participant = self._question(session, op)
        values = [str(v) for v in op.get("values") or []]
        if prompt.kind == "list" and len(values) > 1:
            # several items in one go: all or none
            made: list[Entry] = []
            try:
                for value in values:
                    made.extend(workshop.add_answers(
                        session, self.registry, group.key, method.key, prompt.key, [value],
                        step=step.key, participant=participant if prompt.individual else None))
            except LessonkitError:
                group.remove_entries({e.id for e in made})
                raise
        else:
            made = workshop.add_answers(session, self.registry, group.key, method.key, prompt.key,
                                        values, step=step.key,
                                        participant=participant if prompt.individual else None)
        return [e.id for e in made]

    def _op_scores(self, session: Session, op: dict[str, Any]) -> dict[str, Any]:
        """score / dots / rank: the participant's whole ballot per criterion, as it should now be.

        ``ballots`` maps a criterion (``""`` when the prompt has none) to ``{item: value}``;
        all criteria are stored or none.
        """
        from lessonkit import workshop

        group, method, step, prompt, participant = self._question(session, op)
        ballots = op.get("ballots")
        if not isinstance(ballots, dict) or not all(isinstance(b, dict) for b in ballots.values()):
            raise ValidationError("'ballots' maps criteria to {item: value}")
        key = score_key(method.key, step.key, prompt.key)
        table = group.scores.get(key)
        previous = {c: (table.ballot(participant, c) if table is not None else {}) for c in ballots}
        stored: dict[str, Any] = {}
        try:
            for criterion, ballot in ballots.items():
                table = group.scores.get(key)
                if table is not None:
                    table.clear_participant(participant, criterion)
                values = {str(item): value for item, value in ballot.items()
                          if value is not None and value != ""}
                if values:
                    stored[criterion] = workshop.set_scores(
                        session, self.registry, group.key, method.key, prompt.key, participant,
                        values, step=step.key, criterion=criterion)
        except Exception:
            table = group.scores.get(key)
            if table is not None:
                for criterion, ballot in previous.items():
                    table.clear_participant(participant, criterion)
                    if ballot:
                        table.set_ballot(participant, ballot, criterion)
            raise
        return stored

    # -- facilitator --------------------------------------------------------------------------

    def _op_open(self, session: Session, op: dict[str, Any]) -> None:
        """Open ``target`` (``method/step``, or None to close) for ``groups`` (all when empty)."""
        target = op.get("target")
        if target is not None:
            if not isinstance(target, str) or "/" not in target:
                raise ValidationError(f"a step is method/step (got {target!r})")
            method_key, step_key = target.split("/", 1)
            if method_key not in session.methods:
                raise NotFoundError(f"method {method_key!r} is not used in this session")
            self.registry.method(method_key).step(step_key)
        groups = op.get("groups") or [g.key for g in session.groups]
        for key in groups:
            session.group(key)
        data = live_data(session)
        for key in groups:
            if target is None:
                data["open"].pop(key, None)
            else:
                data["open"][key] = target

    def _op_reveal(self, session: Session, op: dict[str, Any]) -> None:
        group = session.group(_require(op, "group"))
        prompt = _require(op, "prompt")  # method/step/prompt
        revealed = live_data(session)["revealed"].setdefault(group.key, [])
        if op.get("show", True):
            if prompt not in revealed:
                revealed.append(prompt)
        elif prompt in revealed:
            revealed.remove(prompt)

    def _op_rename(self, session: Session, op: dict[str, Any]) -> None:
        from lessonkit.workshop import clean_text

        group = session.group(_require(op, "group"))
        entry = group.entry(_require(op, "entry"))
        text = clean_text(_require(op, "text"))
        if not text:
            raise LiveError("live_err_empty", field="text")
        if entry.row is not None:
            first = next(iter(entry.row))
            entry.row[first] = text
        else:
            entry.text = text

    def _op_merge(self, session: Session, op: dict[str, Any]) -> None:
        """Merge list item ``drop`` into ``keep``: scores move where ``keep`` has none, tags join."""
        group = session.group(_require(op, "group"))
        keep = group.entry(_require(op, "keep"))
        drop = group.entry(_require(op, "drop"))
        if keep.id == drop.id or (keep.method, keep.step, keep.prompt) != (drop.method, drop.step, drop.prompt):
            raise ValidationError("only two different items of the same list can be merged")
        for table in group.scores.values():
            if drop.id not in table.items:
                continue
            for participant, item, criterion, value in list(table.cells()):
                if item == drop.id and table.get(participant, keep.id, criterion) is None:
                    table.set(participant, keep.id, value, criterion)
            table.drop_item(drop.id)
        keep.tags = list(dict.fromkeys([*keep.tags, *drop.tags]))
        group.remove_entries({drop.id})
        aliases = live_data(session).setdefault("aliases", {}).setdefault(group.key, {})
        aliases[drop.id] = keep.id

    def _op_tag(self, session: Session, op: dict[str, Any]) -> None:
        from lessonkit.workshop import clean_text

        group = session.group(_require(op, "group"))
        entry = group.entry(_require(op, "entry"))
        tags = [clean_text(str(t)) for t in op.get("tags") or []]
        entry.tags = list(dict.fromkeys(t for t in tags if t))

    def _op_action(self, session: Session, op: dict[str, Any]) -> str:
        from lessonkit import workshop

        due = op.get("due")
        return workshop.add_action(
            session, _require(op, "group"), _require(op, "what"),
            owner=op.get("owner") or None,
            due=dt.date.fromisoformat(due) if isinstance(due, str) and due else None,
        ).id
