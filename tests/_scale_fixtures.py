"""Large sessions for the scale tests and benchmarks: the demo workshops, inflated.

:func:`inflated` copies the bundled demo sessions (the seeds' AAR + EE workshop and the
Phatthalung 5C4F assessment) and gives every group ``n`` participants, each answering like
one of the group's real participants (their individual answers, their scores, their
respondent type and comments), so every built-in plugin's report has its full shape.
"""

from __future__ import annotations

import copy
from typing import Any

from lessonkit import Entry, Participant, Session, files
from lessonkit.demo import __file__ as _demo_init

DEMO = __import__("pathlib").Path(_demo_init).parent
SESSIONS = ("seeds-workshop.json", "phatthalung-5c4f.json")


def demo_sessions() -> list[Session]:
    return [files.load(DEMO / name) for name in SESSIONS]


def _individual(registry: Any, entry: Entry) -> bool:
    try:
        return bool(registry.method(entry.method).prompt(entry.step, entry.prompt).individual)
    except Exception:
        return False


def inflate(session: Session, registry: Any, n: int, key: type[str] = str) -> Session:
    """Give each group of ``session`` ``n`` more participants answering like its real ones.

    ``key`` makes the participant keys (a ``str`` subclass lets a test count comparisons);
    entries get equal but distinct key objects, so a scan cannot short-cut on identity.
    """
    for group in session.groups:
        templates = [p.key for p in group.participants]
        by_participant: dict[str | None, list[Entry]] = {}
        for entry in group.entries:
            if _individual(registry, entry):
                by_participant.setdefault(entry.participant, []).append(entry)
        if not templates and None in by_participant:
            templates = [None]  # type: ignore[list-item]
        if not templates:
            continue
        data = group.data.get("5c4f", {}) if isinstance(group.data.get("5c4f"), dict) else {}
        types = data.get("respondents", {})
        notes = data.get("comments", [])
        serial = len(group.entries)
        new_keys = []
        notes_of: dict[str | None, list[dict[str, Any]]] = {}
        for note in notes:
            notes_of.setdefault(note.get("participant"), []).append(note)
        for j in range(n):
            template = templates[j % len(templates)]
            pkey = key(f"{group.key}x{j}")
            new_keys.append((pkey, template))
            group.participants.append(Participant(key=pkey, name=f"ผู้ตอบ {j}",
                                                  agency=f"หน่วยงาน {j % 7}"))
            for entry in by_participant.get(template, []):
                serial += 1
                clone = copy.copy(entry)
                clone.id = f"s{serial}"
                clone.participant = key(str(pkey))
                clone.tags = list(entry.tags)
                clone.data = dict(entry.data)
                group.entries.append(clone)
            if template is not None and template in types:
                types[str(pkey)] = types[template]
            for note in notes_of.get(template, []):
                notes.append({**note, "participant": str(pkey)})
        for table in group.scores.values():
            rows = [(pkey, t) for pkey, t in new_keys if t is not None and table.has_participant(t)]
            slots = {p: i for i, p in enumerate(table.participants)}
            columns = {k: table.column(*k) for k in table.keys()}
            table.extend([key(str(pkey)) for pkey, _t in rows],
                         {k: [column[slots[t]] for _p, t in rows] for k, column in columns.items()})
    return session


class CountingKey(str):
    """A key whose comparisons and hashes are counted (a scan over entries shows in them)."""

    seen = 0

    def __eq__(self, other: object) -> bool:
        CountingKey.seen += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        CountingKey.seen += 1
        return str.__ne__(self, other)

    def __hash__(self) -> int:
        CountingKey.seen += 1
        return str.__hash__(self)


def work_of(action: Any) -> int:
    """The work ``action()`` does: Python and C function calls plus :class:`CountingKey`
    comparisons and hashes."""
    return sum(calls_and_keys(action))


def calls_and_keys(action: Any) -> tuple[int, int]:
    """The Python and C function calls ``action()`` makes, and the comparisons and hashes of
    :class:`CountingKey` keys it does, apart."""
    import sys

    calls = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    CountingKey.seen = 0
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls, CountingKey.seen
