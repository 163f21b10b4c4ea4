"""The journal store: group commit, fold, replay; a crash at any point loses no committed change."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.errors import SessionFileError
from lessonkit.model import Participant, Session
from lessonkit.store import JournalStore, SessionStore


def add_venue_note(session: Session, op: dict[str, Any]) -> int:
    """A tiny apply function: append a note; refuse an empty one (leaving the session as it was)."""
    if not op.get("note"):
        from lessonkit.errors import ValidationError

        raise ValidationError("empty note")
    session.data.setdefault("notes", []).append(op["note"])
    return len(session.data["notes"])


def new_file(path: Path, people: int = 0) -> Path:
    session = Session(title="บันทึก")
    if people:
        from lessonkit.model import Group

        session.groups.append(Group(key="g", name="g", participants=[Participant(key=f"p{n}")
                                                                     for n in range(people)]))
    files.save(session, path)
    return path


def notes(path: Path) -> list[str]:
    store = JournalStore(path, add_venue_note)
    store.open()
    try:
        return list(store.session.data.get("notes", []))
    finally:
        store.close(fold=False)


def test_changes_are_journaled_with_one_fsync_per_commit_and_folded_on_close(tmp_path: Path) -> None:
    path = new_file(tmp_path / "s.json")
    store = JournalStore(path, add_venue_note)
    store.open()
    for n in range(5):
        assert store.apply({"note": f"n{n}"}) == (n + 1, n + 1)
    assert store.pending == 5 and store.durable_seq == 0
    assert store.commit() == 5 and store.commits == 1
    lines = store.journal_path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3, 4, 5]
    with pytest.raises(Exception, match="empty note"):
        store.apply({"note": ""})
    assert store.seq == 5 and store.pending == 0  # a refused change is not journaled
    store.close()
    assert store.journal_path.read_bytes() == b""
    assert files.load(path).data == {"notes": ["n0", "n1", "n2", "n3", "n4"], "journal_seq": 5}


def test_a_crash_after_commit_loses_nothing_and_replay_is_idempotent(tmp_path: Path) -> None:
    path = new_file(tmp_path / "s.json")
    store = JournalStore(path, add_venue_note)
    store.open()
    store.apply({"note": "ก"})
    store.apply({"note": "ข"})
    store.commit()
    store.apply({"note": "not committed"})
    store.close(commit=False)  # the process dies: nothing folded, the last change never acknowledged
    assert files.load(path).data == {}  # the file itself always loads
    assert notes(path) == ["ก", "ข"]
    # a crash between the fold's save and the journal's truncation: replay skips what is folded
    store = JournalStore(path, add_venue_note)
    store.open()
    assert store.replayed == 2
    journal = store.journal_path.read_bytes()
    store.fold()
    store.close(fold=False)
    store.journal_path.write_bytes(journal)
    assert notes(path) == ["ก", "ข"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(committed=st.integers(1, 6), cut=st.integers(0, 200))
def test_a_torn_journal_tail_at_any_byte_keeps_every_committed_change(
        tmp_path_factory: pytest.TempPathFactory, committed: int, cut: int) -> None:
    path = new_file(tmp_path_factory.mktemp("torn") / "s.json")
    store = JournalStore(path, add_venue_note)
    store.open()
    for n in range(committed):
        store.apply({"note": f"ข้อ {n}"})
    store.commit()
    store.close(fold=False)
    durable = store.journal_path.read_bytes()
    # the process died while appending the next batch: any prefix of it is on disk
    store.open()
    store.apply({"note": "ไม่ได้ยืนยัน"})
    store.apply({"note": "อีกข้อ"})
    line = b"".join(store._pending)
    store.close(commit=False)
    torn = line[: cut % (len(line) + 1)]
    store.journal_path.write_bytes(durable + torn)
    got = notes(path)
    assert got[:committed] == [f"ข้อ {n}" for n in range(committed)]
    assert len(got) <= committed + 2
    assert files.load(path).title == "บันทึก"
    # the torn tail was cut off: the next change starts on a line of its own
    store.open()
    store.apply({"note": "ต่อ"})
    store.commit()
    store.close(fold=False)
    assert notes(path)[-1] == "ต่อ"


def test_a_damaged_line_inside_the_journal_is_named(tmp_path: Path) -> None:
    path = new_file(tmp_path / "s.json")
    Path(f"{path}.journal").write_bytes(b'{"seq":1,"op":{"note":"a"}}\nnot json\n{"seq":3,"op":{"note":"c"}}\n')
    store = JournalStore(path, add_venue_note)
    with pytest.raises(SessionFileError, match="line 2 is not a journal record") as info:
        store.open()
    assert "s.json.journal" in str(info.value)
    with files.edit(path):  # the lock was released
        pass


def test_the_store_holds_the_lock_and_names_itself(tmp_path: Path) -> None:
    path = new_file(tmp_path / "s.json")
    store = JournalStore(path, add_venue_note, holder={"what": "lessonkit serve", "url": "http://127.0.0.1:8000/"})
    store.open()
    try:
        with pytest.raises(SessionFileError, match=r"served by lessonkit serve \(pid \d+, http://127.0.0.1:8000/\)"):
            with files.edit(path):
                pass
        with pytest.raises(SessionFileError):
            JournalStore(path, add_venue_note).open()
    finally:
        store.close()
    with files.edit(path):
        pass


def test_a_stale_holder_left_by_a_killed_server_does_not_block(tmp_path: Path) -> None:
    path = new_file(tmp_path / "s.json")
    Path(f"{path}.lock").write_text(json.dumps({"what": "lessonkit serve", "pid": 2**22 + 12345}))
    with files.edit(path) as session:
        session.venue = "ok"
    assert files.load(path).venue == "ok"


def test_one_change_costs_the_same_whatever_the_session_size(tmp_path: Path) -> None:
    """Counts work, not time: bytes written and fsyncs per change do not depend on the session."""
    written: dict[int, int] = {}
    for people in (10, 5000):
        path = new_file(tmp_path / f"s{people}.json", people=people)
        store = JournalStore(path, add_venue_note)
        store.open()
        size = path.stat().st_size
        store.apply({"note": "เหมือนกัน"})
        store.commit()
        written[people] = store.journal_path.stat().st_size
        assert path.stat().st_size == size  # the session file is not rewritten per change
        store.close(fold=False)
    assert written[10] == written[5000] < 100


def test_it_keeps_the_session_store_protocol(tmp_path: Path) -> None:
    from lessonkit.plugins import get_registry

    path = new_file(tmp_path / "s.json")
    store = JournalStore(path, add_venue_note, registry=get_registry())
    assert isinstance(store, SessionStore)
    with store:
        copy = store.load()
        copy.venue = "not saved"
        assert store.session.venue is None
        with store.transaction() as session:
            session.venue = "ปัตตานี"
        assert store.load().venue == "ปัตตานี"
        assert files.load(path).venue == "ปัตตานี"
        store.apply({"note": "x"})
        changed = store.load()
        changed.title = "ใหม่"
        store.save(changed)
        assert files.load(path).title == "ใหม่" and files.load(path).data["notes"] == ["x"]
    assert not os.path.exists(f"{path}.journal") or Path(f"{path}.journal").read_bytes() == b""
