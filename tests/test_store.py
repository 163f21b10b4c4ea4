"""The session store protocol: JSON file store and memory store."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from lessonkit import files, workshop
from lessonkit.errors import SessionFileError, ValidationError
from lessonkit.model import Session
from lessonkit.plugins import Registry
from lessonkit.store import JsonFileStore, MemoryStore, SessionStore


def _session(registry: Registry) -> Session:
    session = workshop.new_session(registry, "ทบทวนหลังปฏิบัติ", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_participant(session, "g1", "p1", name="สมชาย")
    return session


@pytest.fixture(params=["file", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path, registry: Registry) -> SessionStore:
    if request.param == "file":
        path = tmp_path / "w.json"
        files.save(_session(registry), path)
        return JsonFileStore(path, registry=registry, lock_timeout=2)
    return MemoryStore(_session(registry), registry=registry, lock_timeout=2)


def _raw(store: SessionStore) -> str:
    if isinstance(store, JsonFileStore):
        return store.path.read_text(encoding="utf-8")
    assert isinstance(store, MemoryStore) and store.text is not None
    return store.text


def test_both_stores_satisfy_the_protocol(store: SessionStore) -> None:
    assert isinstance(store, SessionStore)


def test_transaction_saves_on_clean_exit(store: SessionStore, registry: Registry) -> None:
    with store.transaction(timeout=1) as session:
        workshop.add_answers(session, registry, "g1", "aar", "expected", ["อบรมครู 30 คน"])
    again = store.load()
    assert [e.text for e in again.group("g1").entries] == ["อบรมครู 30 คน"]


def test_transaction_changes_nothing_when_the_block_raises(store: SessionStore) -> None:
    before = _raw(store)
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.venue = "Hat Yai"
        raise RuntimeError("host failed")
    assert _raw(store) == before
    assert store.load().venue is None


def test_load_returns_a_fresh_object(store: SessionStore) -> None:
    first = store.load()
    first.venue = "changed without saving"
    assert store.load().venue is None


def test_transaction_refuses_a_session_that_would_not_load(store: SessionStore) -> None:
    before = _raw(store)
    with pytest.raises(ValidationError), store.transaction() as session:
        # set behind the model's back: the kind of value that made files unreadable
        object.__setattr__(session.group("g1").participants[0], "name", 5)
    assert _raw(store) == before


def test_transaction_refuses_a_new_method_problem(store: SessionStore) -> None:
    before = _raw(store)
    with pytest.raises(ValidationError, match="unknown method 'nope'"), store.transaction() as session:
        session.methods.append("nope")
    assert _raw(store) == before


def test_save_checks_fully(store: SessionStore, registry: Registry) -> None:
    bad = _session(registry)
    bad.methods.append("nope")
    with pytest.raises(ValidationError, match="unknown method"):
        store.save(bad)
    good = _session(registry)
    good.venue = "Pattani"
    store.save(good)
    assert store.load().venue == "Pattani"


def test_transaction_keeps_working_on_a_session_with_an_old_problem(tmp_path: Path,
                                                                     registry: Registry) -> None:
    session = _session(registry)
    session.methods.append("uninstalled")
    path = tmp_path / "old.json"
    files.save(session, path)  # written by an older lessonkit, or with a plugin since removed
    store = JsonFileStore(path, registry=registry)
    with store.transaction() as current:
        current.venue = "Yala"
    assert files.load(path).venue == "Yala"


def test_file_store_lock_timeout(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    files.save(_session(registry), path)
    store = JsonFileStore(path, registry=registry, lock_timeout=0.05)
    with files.lock(path), pytest.raises(SessionFileError, match="another lessonkit command") as info:
        with store.transaction():
            pass
    assert "delete" not in str(info.value).replace("never needs deleting", "")


def test_memory_store_lock_timeout(registry: Registry) -> None:
    store = MemoryStore(_session(registry), registry=registry)
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with store.transaction():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert entered.wait(5)
        with pytest.raises(SessionFileError, match="another thread"), store.transaction(timeout=0.05):
            pass
    finally:
        release.set()
        thread.join()


def test_memory_store_serialises_concurrent_transactions(registry: Registry) -> None:
    store = MemoryStore(_session(registry), registry=registry)

    def add(n: int) -> None:
        with store.transaction(timeout=10) as session:
            time.sleep(0.001)
            workshop.add_participant(session, "g1", f"t{n}")

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.load().group("g1").participants) == 9


def test_file_store_create_and_durability(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "new.json"
    store = JsonFileStore(path, registry=registry, create=_session(registry))
    assert not path.exists()
    with store.transaction() as session:
        session.venue = "Satun"
    # when the transaction returns the change is on disk, readable by anyone
    assert json.loads(path.read_text(encoding="utf-8"))["venue"] == "Satun"


def test_empty_memory_store_says_so(registry: Registry) -> None:
    with pytest.raises(SessionFileError, match="no session yet"):
        MemoryStore(registry=registry).load()


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_no_lock_file_stays_beside_the_session(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    store = JsonFileStore(path, registry=registry, create=_session(registry))
    with store.transaction():
        assert (tmp_path / "w.json.lock").exists()
    with files.edit(path) as session:
        session.venue = "Narathiwat"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json"]


def test_file_store_serialises_threads(tmp_path: Path, registry: Registry) -> None:
    """The lock file comes and goes; no two writers are ever inside at once."""
    path = tmp_path / "w.json"
    files.save(_session(registry), path)
    store = JsonFileStore(path, registry=registry, lock_timeout=30)
    inside: list[int] = []
    overlaps: list[int] = []

    def add(n: int) -> None:
        for round_ in range(3):
            with store.transaction() as session:
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                workshop.add_participant(session, "g1", f"t{n}-{round_}")
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []
    assert len(store.load().group("g1").participants) == 1 + 6 * 3
    assert not (tmp_path / "w.json.lock").exists()
