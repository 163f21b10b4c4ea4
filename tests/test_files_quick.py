"""The quick load and save paths give exactly what cattrs and the json module give:
the same model from the same data, the same bytes in the file (and the reference paths
still word every error)."""

from __future__ import annotations

import datetime as dt
import json
import types
from typing import Any

import attrs
import pytest
from _scale_fixtures import demo_sessions, inflate
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import ActionItem, Entry, Group, Participant, Session, files
from lessonkit.plugins import get_plugin_manager, load_registry


@pytest.fixture(scope="module")
def registry() -> Any:
    return load_registry(get_plugin_manager())


def _reference_text(session: Session) -> str:
    """The file as cattrs and the json module's indenting encoder write it (the reference)."""
    return files._json_dumps(files._reference_to_data(session))


def _reference_session(text: str) -> Session:
    body = json.loads(text)
    body.pop("schema_version")
    return files.converter.structure(body, Session)


def test_the_quick_readers_know_every_field_of_the_model() -> None:
    for cls, fields in files._QUICK_FIELDS.items():
        assert fields == {f.name for f in attrs.fields(cls)}, cls


def test_demo_and_large_sessions_save_byte_for_byte_and_load_the_same(registry: Any) -> None:
    for session in [*demo_sessions(), *(inflate(s, registry, 300) for s in demo_sessions())]:
        text = files.dumps(session)
        assert text == _reference_text(session)
        loaded = files.loads(text)
        assert loaded == _reference_session(text) == session
        assert files.dumps(loaded) == text


def _odd_session() -> Session:
    people = [Participant(key=f"p{i}", name=name, agency=agency)
              for i, (name, agency) in enumerate([("ก %s 100%", None), (None, 'a "quoted"\\ one'),
                                                  ("tab\there\nnewline", ""), ("", None)])]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=text, participant=who)
               for i, (text, who) in enumerate([("ข้อความ", "p0"), ("", None), ("\u2028\x01", "p1")])]
    entries += [Entry(id="e9", method="m", step="s", prompt="t", row={"a": "1", "%b": "x"},
                      tags=["ธีม", "t2"], data={"n": 1.5, "nested": {"k": [1, None, True]}}),
                Entry(id="e10", method="m", step="s", prompt="t", tags=[], data={})]
    actions = [ActionItem(id="a1", what="ทำ", due=dt.date(2024, 3, 1), status="done", note="n"),
               ActionItem(id="a2", what="x")]
    groups = [Group(key="g1", name="กลุ่ม", members=["หน่วย"], participants=people,
                    entries=entries * 1, actions=actions, data={"x": {"y": []}}),
              Group(key="g2", name="empty")]
    return Session(title="t", date=dt.date(2017, 12, 22), venue=None, locale="en",
                   methods=["m"], groups=groups, settings={"m": {"form": "a", "n": 3}},
                   data={"k": "v"}, organiser="สำนักงาน", attendance=81, foreword="คำนำ\nบรรทัด",
                   agenda=["09.00 ลงทะเบียน"])


def test_odd_values_save_and_load_as_the_reference_does() -> None:
    session = _odd_session()
    text = files.dumps(session)
    assert text == _reference_text(session)
    assert files.loads(text) == _reference_session(text) == session


def test_values_the_quick_path_does_not_expect_go_through_cattrs() -> None:
    base = json.loads(files.dumps(_odd_session()))
    cases = [
        ("a number as a name", lambda d: d["groups"][0]["participants"][0].__setitem__("name", 5)),
        ("an unknown field", lambda d: d["groups"][0]["entries"][0].__setitem__("colour", "red")),
        ("a bad key", lambda d: d["groups"][0]["participants"][0].__setitem__("key", "P 1")),
        ("tags as text", lambda d: d["groups"][0]["entries"][3].__setitem__("tags", "ab")),
        ("a bad date", lambda d: d.__setitem__("date", "22/12/2017")),
        ("a missing id", lambda d: d["groups"][0]["entries"][0].pop("id")),
        ("a bad score", lambda d: d["groups"][0].__setitem__(
            "scores", {"m/s/p": {"participants": ["p0"], "columns": [{"item": "e0", "values": [True]}]}})),
    ]
    for what, change in cases:
        data = json.loads(json.dumps(base))
        change(data)
        text = json.dumps(data, ensure_ascii=False)
        try:
            expected: Any = _reference_session(text)
        except Exception:
            expected = None
        if expected is None:
            with pytest.raises(files.SessionFileError):
                files.loads(text)
        else:  # cattrs accepts it: the quick path stepped aside and gives the same session
            assert files.loads(text) == expected, what


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, st.one_of(st.none(), TEXT), st.lists(TEXT, max_size=2)),
                min_size=9, max_size=30))
def test_any_text_saves_as_the_reference(rows: list[tuple[str, str | None, list[str]]]) -> None:
    people = [Participant(key=f"p{i}", name=name) for i, (name, _t, _g) in enumerate(rows)]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=text or "", tags=tags,
                   participant=f"p{i}") for i, (_n, text, tags) in enumerate(rows)]
    flat = [Entry(id=f"f{i}", method="m", step="s", prompt=text or "p", text=name or "",
                  participant=text) for i, (name, text, _g) in enumerate(rows)]
    session = Session(title="t", groups=[Group(key="g", name="g", participants=people,
                                               entries=entries),
                                         Group(key="h", name="h", entries=flat)])
    text = files.dumps(session)
    assert text == _reference_text(session)
    assert files.loads(text) == session


def test_ordinary_sessions_take_the_quick_paths(monkeypatch: pytest.MonkeyPatch, registry: Any) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("cattrs was used")

    sessions = [inflate(s, registry, 50) for s in demo_sessions()] + [_odd_session()]
    texts = [files.dumps(s) for s in sessions]
    monkeypatch.setattr(files, "converter", types.SimpleNamespace(structure=refuse, unstructure=refuse))
    monkeypatch.setattr(files, "_json_dumps", refuse)
    for session, text in zip(sessions, texts, strict=True):
        assert files.dumps(session) == text
        assert files.loads(text) == session


def test_a_large_session_saves_piece_by_piece_as_dumps_writes_it(tmp_path: Any) -> None:
    """More answers than one chunk of the C encoder, written to the file as they are made:
    the same bytes as the reference; and when the quick writer steps aside half-way, the
    file is written whole by the reference."""
    people = [Participant(key=f"p{i}", name=f"ผู้ตอบ \"{i}\"\n" if i % 3 else None)
              for i in range(files._CHUNK + 7)]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=f"ข้อ {i} }},\n{{",
                     participant=p.key) for i, p in enumerate(people)]
    session = Session(title="t", groups=[Group(key="g", name="g", participants=people,
                                               entries=entries)])
    expected = _reference_text(session)
    assert files.dumps(session) == expected
    path = tmp_path / "s.json"
    files.save(session, path)
    assert path.read_bytes() == expected.encode("utf-8")

    calls = []
    real = files._flat_objects

    def once_then_aside(items: Any, pad: str) -> str | None:
        calls.append(len(items))
        if len(calls) > 1:
            raise files._NotPlain
        return real(items, pad)

    path.write_text("old", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "_flat_objects", once_then_aside)
        files.save(session, path)
    assert len(calls) == 3  # one chunk written, the next steps aside; then dumps steps aside too
    assert path.read_bytes() == expected.encode("utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name != "s.json"]  # no temporary file left


def test_a_score_table_read_like_another_has_its_own_participants_and_index() -> None:
    from lessonkit.scores import ScoreTable

    first = ScoreTable.from_data({"participants": ["p1", "p2"], "columns": [{"item": "a", "values": [1, "na"]}]})
    data = {"participants": ["p1", "p2"], "columns": [{"item": "b", "values": [None, 2.5]}]}
    second = ScoreTable.from_data(data, like=first)
    assert second == ScoreTable.from_data(data)
    assert second.participants is not first.participants and second._pindex is not first._pindex
    second.set("p3", "b", 4)
    assert first.participants == ["p1", "p2"] and "p3" not in first._pindex
    other = ScoreTable.from_data({"participants": ["p2", "p1"], "columns": []}, like=first)
    assert other._pindex == {"p2": 0, "p1": 1}
