"""Saving and reading a large session run no garbage collection (lessonkit._collector).

The collector is paused while the file's objects or text are made (no reference cycles:
every pass would find them alive, or find temporaries reference counting frees anyway) and
left as it was after, on success and on failure.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lessonkit import Entry, Group, Participant, Session, files
from lessonkit._collector import collector_paused
from lessonkit.errors import SessionFileError


def _session(n: int) -> Session:
    group = Group(key="g1", name="กลุ่ม 1",
                  participants=[Participant(key=f"p{i}", name=f"ผู้ตอบ {i}") for i in range(n)],
                  entries=[Entry(id=f"e{i}", method="aar", step="review", prompt="expected",
                                 text=f"คำตอบ {i}", participant=f"p{i}") for i in range(n)])
    return Session(title="t", methods=["aar"], groups=[group])


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collections that run while the test does."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        yield seen
    finally:
        gc.callbacks.remove(count)


def test_saving_and_reading_a_large_session_run_no_collection(tmp_path: Path, collections: list[int]) -> None:
    session = _session(5_000)  # 10,000 objects and their plain data: dozens of passes unpaused
    path = tmp_path / "s.json"
    # at most the one young pass the paused allocations are owed, once the collector is back
    # on (over what is left young: a few objects); unpaused, dozens of passes
    for step in (lambda: files.save(session, path), lambda: files.dumps(session)):
        collections.clear()
        step()
        assert len(collections) <= 1 and 2 not in collections
    assert path.read_text(encoding="utf-8") == files.dumps(session)
    text = path.read_text(encoding="utf-8")
    collections.clear()
    assert files.loads(text) == session
    assert len(collections) <= 1 and 2 not in collections
    assert gc.isenabled()


def test_a_failed_save_leaves_the_collector_on(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError):
        files.save(_session(10), tmp_path / "missing" / "s.json")
    assert gc.isenabled()


@pytest.mark.parametrize("age", [False, True])
def test_collector_paused_restores_the_state_it_found(age: bool) -> None:
    frozen = gc.get_freeze_count()
    with pytest.raises(RuntimeError), collector_paused(age=age):
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        with collector_paused(age=age):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_aged_objects_leave_the_young_generation() -> None:
    with collector_paused(age=True):
        made = [[i] for i in range(1_000)]
    assert gc.get_count()[0] < 10 and gc.get_freeze_count() == 0
    assert len(made) == 1_000
