"""The session store protocol: JSON file store and memory store."""

from __future__ import annotations

import json
import os
import stat
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


def test_edit_takes_a_lock_timeout(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    files.save(_session(registry), path)
    started = time.monotonic()
    with files.lock(path), pytest.raises(SessionFileError), files.edit(path, timeout=0.05):
        pass
    assert time.monotonic() - started < 5


def test_lock_hint_does_not_say_delete(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with files.lock(path), pytest.raises(SessionFileError) as info, files.lock(path, timeout=0.01):
        pass
    text = str(info.value)
    assert "never needs deleting" in text
    assert "if none is running, delete" not in text


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_save_creates_with_the_umask_and_keeps_modes(tmp_path: Path, registry: Registry) -> None:
    old = os.umask(0o027)
    try:
        path = tmp_path / "w.json"
        files.save(_session(registry), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        os.chmod(path, 0o604)
        files.save(_session(registry), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o604
    finally:
        os.umask(old)


def test_save_never_touches_the_umask(tmp_path: Path, registry: Registry,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(_mask: int) -> int:
        raise AssertionError("os.umask changes process-wide state; threaded hosts race on it")

    session = _session(registry)
    monkeypatch.setattr(os, "umask", forbidden)
    files.save(session, tmp_path / "fresh.json")
    assert files.load(tmp_path / "fresh.json").title == session.title
