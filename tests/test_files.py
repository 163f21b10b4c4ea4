"""Session files: round-trips, bad input, migrations, atomic save and the lock."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lessonkit.files as files
from lessonkit import (
    NA,
    Entry,
    Group,
    LessonkitError,
    Participant,
    ScoreTable,
    Session,
    SessionFileError,
)
from lessonkit.model import ActionItem
from lessonkit.workshop import session_problems

keys = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
thai_or_latin = st.text(
    alphabet=st.sampled_from(list("กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮะาำิีึืุูเแโใไ่้๊๋๑๒๓ abcXYZ|<>&\"'=+-@\t")),
    min_size=1, max_size=20,
).filter(lambda s: s.strip() != "")
scores = st.one_of(st.integers(-5, 20).map(float), st.just(NA), st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 2)))


@st.composite
def sessions(draw: Any) -> Session:
    group_keys = draw(st.lists(keys, min_size=0, max_size=3, unique=True))
    groups = []
    for gkey in group_keys:
        people = draw(st.lists(keys, max_size=4, unique=True))
        entries = [
            Entry(id=f"e{i}", method="ee", step="taking_stock", prompt="activities", text=draw(thai_or_latin),
                  participant=draw(st.sampled_from([None, *people])), tags=draw(st.lists(thai_or_latin, max_size=2)))
            for i in range(draw(st.integers(0, 3)))
        ]
        table = ScoreTable()
        for person in people:
            for entry in entries:
                if draw(st.booleans()):
                    table.set(person, entry.id, draw(scores), draw(st.sampled_from(["", "fun"])))
        actions = [ActionItem(id=f"a{i}", what=draw(thai_or_latin), owner=draw(st.none() | thai_or_latin),
                              due=draw(st.none() | st.dates()), status=draw(st.sampled_from(["open", "done"])))
                   for i in range(draw(st.integers(0, 2)))]
        groups.append(Group(key=gkey, name=draw(thai_or_latin), members=draw(st.lists(thai_or_latin, max_size=3)),
                            participants=[Participant(key=p, name=draw(st.none() | thai_or_latin)) for p in people],
                            entries=entries, scores={"ee/taking_stock/importance": table} if people else {},
                            actions=actions))
    return Session(title=draw(thai_or_latin), date=draw(st.none() | st.dates()), venue=draw(st.none() | thai_or_latin),
                   locale=draw(st.sampled_from(["th", "en"])), methods=["ee"], groups=groups,
                   settings=draw(st.sampled_from([{}, {"ee": {"top_k": 5}}])))


@given(sessions())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_session_round_trips(session: Session) -> None:
    text = files.dumps(session)
    assert files.loads(text) == session
    # Thai stays readable in the file
    assert "\\u0e" not in text


def test_round_trip_on_disk_keeps_thai_unescaped(tmp_path: Path) -> None:
    session = Session(title="ถอดบทเรียน", date=dt.date(2017, 12, 22))
    path = tmp_path / "s.json"
    files.save(session, path)
    raw = path.read_text(encoding="utf-8")
    assert "ถอดบทเรียน" in raw
    assert json.loads(raw)["schema_version"] == files.SCHEMA_VERSION
    assert files.load(path) == session


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"title": "x"}', "schema_version"),
        ('{"schema_version": "1", "title": "x"}', "schema_version"),
        ('{"schema_version": 99, "title": "x"}', "newer than this lessonkit reads"),
        ('{"schema_version": 1}', "required field missing @ $.title"),
        ('{"schema_version": 1, "title": 5}', "expected a string, got 5 @ $.title"),
        ('{"schema_version": 1, "title": "x", "date": "22/12/2017"}', "not an ISO date"),
        ('{"schema_version": 1, "title": "x", "locale": "fr"}', "locale"),
        ('{"schema_version": 1, "title": "x", "colour": "red"}', "unknown field(s) colour"),
        ('{"schema_version": 1, "title": "x", "groups": [{"key": "g1"}]}', "$.groups[0].name"),
        ('{"schema_version": 1, "title": "x", "groups": [{"key": "G 1", "name": "n"}]}', "group key 'G 1' is not valid"),
    ],
)
def test_bad_files_give_one_clear_error(text: str, expected: str) -> None:
    with pytest.raises(SessionFileError) as info:
        files.loads(text, where="ws.json")
    message = str(info.value)
    assert message.startswith("ws.json: ")
    assert expected in message
    assert "\n" not in message


def test_bad_score_value_names_the_place() -> None:
    data = {"schema_version": 1, "title": "x", "groups": [{"key": "g1", "name": "n", "scores": {
        "ee/taking_stock/importance": {"participants": ["p1"], "columns": [{"item": "e1", "values": ["lots"]}]}}}]}
    with pytest.raises(SessionFileError, match=r"score 'lots' is not a number.*values\[0\].*groups\[0\]"):
        files.from_data(data)


@pytest.mark.parametrize("table, expected", [
    ({"participants": ["p1"], "columns": [], "colums": []}, r"unknown field\(s\) colums.*groups\[0\]"),
    ({"participants": ["p1"], "columns": [{"item": "e1", "values": [1], "weight": 2}]},
     r"unknown field\(s\) weight.*columns\[0\]"),
])
def test_unknown_score_table_fields_are_refused(table: dict[str, Any], expected: str) -> None:
    # the file format's schema allows no other fields; a typo must not be dropped on the next save
    data = {"schema_version": 1, "title": "x", "groups": [{"key": "g1", "name": "n", "scores": {
        "ee/taking_stock/importance": table}}]}
    with pytest.raises(SessionFileError, match=expected):
        files.from_data(data)
    with pytest.raises(SessionFileError, match=expected):
        files.loads(json.dumps(data))


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(SessionFileError, match="not UTF-8"):
        files.load(path)


def test_missing_file_has_a_code_and_no_cli_wording(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="no such file") as info:
        files.load(tmp_path / "nope.json")
    assert info.value.code == "no_file"
    assert "lessonkit new" not in str(info.value)  # the CLI adds the command (test_errors.py)


def _valid_text() -> str:
    session = Session(title="t", methods=["ee"], groups=[Group(
        key="g1", name="n", participants=[Participant("p1")],
        entries=[Entry(id="e1", method="ee", step="taking_stock", prompt="activities", text="a")])])
    table = ScoreTable()
    table.set("p1", "e1", 2)
    session.groups[0].scores["ee/taking_stock/importance"] = table
    return files.dumps(session)


@given(st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_files_raise_only_lessonkit_errors(data: st.DataObject) -> None:
    from lessonkit.plugins import get_registry

    text = _valid_text()
    how = data.draw(st.sampled_from(["truncate", "replace", "insert", "json"]))
    if how == "truncate":
        text = text[: data.draw(st.integers(0, len(text) - 1))]
    elif how == "replace":
        i = data.draw(st.integers(0, len(text) - 1))
        text = text[:i] + data.draw(st.characters()) + text[i + 1:]
    elif how == "insert":
        i = data.draw(st.integers(0, len(text)))
        text = text[:i] + data.draw(st.text(max_size=5)) + text[i:]
    else:
        doc = json.loads(text)
        path = data.draw(st.sampled_from([
            ("title",), ("date",), ("locale",), ("methods",), ("groups",), ("groups", 0, "key"),
            ("groups", 0, "participants"), ("groups", 0, "entries", 0, "step"), ("groups", 0, "entries", 0, "prompt"),
            ("groups", 0, "scores"), ("groups", 0, "scores", "ee/taking_stock/importance", "columns", 0, "values", 0),
            ("groups", 0, "scores", "ee/taking_stock/importance", "participants"), ("settings",),
        ]))
        value = data.draw(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=4),
                                    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)))
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        text = json.dumps(doc)
    try:
        session = files.loads(text)
    except LessonkitError as exc:
        assert str(exc)
        return
    # a file that parses may still not fit the methods: that is a list of problems, not a crash
    problems = session_problems(session, get_registry())
    assert all(isinstance(p, str) and p for p in problems)


def test_out_of_scale_score_is_a_problem_not_a_crash(registry: Any) -> None:
    session = files.loads(_valid_text())
    session.groups[0].scores["ee/taking_stock/importance"].set("p1", "e1", 4)
    problems = session_problems(session, registry)
    assert problems == ["participant 'p1' item 'e1': 4 is above the scale's maximum 3 "
                        "@ groups[0].scores['ee/taking_stock/importance']"]


def test_unknown_method_is_a_problem(registry: Any) -> None:
    session = Session(title="t", methods=["nosuch"])
    assert "unknown method 'nosuch'" in session_problems(session, registry)[0]


def test_migration_from_a_made_up_older_version(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the current format is 2, where 'venue' was called 'place' in version 1.
    def rename_place(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["venue"] = data.pop("place", None)
        return data

    monkeypatch.setattr(files, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(files.MIGRATIONS, 1, rename_place)
    session = files.loads('{"schema_version": 1, "title": "t", "place": "Bangkok"}')
    assert session.venue == "Bangkok"
    assert files.to_data(session)["schema_version"] == 2
    with pytest.raises(SessionFileError, match="newer"):
        files.loads('{"schema_version": 3, "title": "t"}')


def test_failing_migration_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(files.MIGRATIONS, 1, lambda data: data["missing"])
    with pytest.raises(SessionFileError, match="cannot migrate from schema version 1"):
        files.loads('{"schema_version": 1, "title": "t"}')


def test_save_that_fails_half_way_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    files.save(Session(title="old"), path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SessionFileError, match="No space left"):
        files.save(Session(title="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


def test_save_keeps_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    files.save(Session(title="a"), path)
    os.chmod(path, 0o600)
    files.save(Session(title="b"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_edit_saves_nothing_when_the_block_raises(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    files.save(Session(title="a"), path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), files.edit(path) as session:
        session.title = "changed"
        raise RuntimeError("boom")
    assert path.read_bytes() == before


def _add_answers(path: str, who: str, count: int) -> None:
    from lessonkit.plugins import get_registry
    from lessonkit.workshop import add_answers

    registry = get_registry()
    for i in range(count):
        with files.edit(path) as session:
            add_answers(session, registry, "g1", "ee", "activities", [f"{who} {i}"])


def test_two_processes_under_the_lock_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    files.save(Session(title="t", methods=["ee"], groups=[Group(key="g1", name="n")]), path)
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_add_answers, args=(str(path), who, 100)) for who in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    session = files.load(path)
    texts = [e.text for e in session.groups[0].entries]
    assert len(texts) == 200
    assert len(set(texts)) == 200
    assert len({e.id for e in session.groups[0].entries}) == 200


def test_empty_optional_values_are_left_out_and_old_files_still_load(tmp_path: Path) -> None:
    session = Session(title="t", methods=["ee"], groups=[Group(key="g1", name="n")])
    text = files.dumps(session)
    data = json.loads(text)
    assert set(data) == {"schema_version", "title", "locale", "methods", "groups"}
    assert data["groups"] == [{"key": "g1", "name": "n"}]
    assert "null" not in text and "[]" not in text.replace('"groups": [', "") and "{}" not in text
    assert files.loads(text) == session
    spelled_out = {"schema_version": 1, "title": "t", "date": None, "venue": None, "locale": "th",
                   "methods": ["ee"], "groups": [{"key": "g1", "name": "n", "members": [],
                                                   "facilitator": None, "participants": [],
                                                   "entries": [], "scores": {}, "actions": [],
                                                   "data": {}}],
                   "settings": {}, "data": {}}
    assert files.from_data(spelled_out) == session
