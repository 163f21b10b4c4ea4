"""Typed, checked updates: a wrong value is a ValidationError, never an unreadable file.

Each test here is one embedding defect of release 1 (issue 12).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import files, workshop
from lessonkit.errors import ValidationError
from lessonkit.model import ActionItem, Group, Participant, Session
from lessonkit.plugins import Registry


def _file(tmp_path: Path, registry: Registry) -> Path:
    session = workshop.new_session(registry, "ทบทวนหลังปฏิบัติ", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_action(session, "g1", "ประชุมติดตามผล")
    path = tmp_path / "w.json"
    files.save(session, path)
    return path


def test_update_action_owner_number_is_refused_and_the_file_stays_loadable(
        tmp_path: Path, registry: Registry) -> None:
    path = _file(tmp_path, registry)
    bad: Any = 5
    with pytest.raises(ValidationError, match="owner must be text") as info, files.edit(path) as session:
        workshop.update_action(session, "g1", "a1", owner=bad)
    assert info.value.code == "wrong_type"
    assert info.value.value == 5
    assert files.load(path).group("g1").actions[0].owner is None


def test_update_action_due_iso_text_is_parsed(tmp_path: Path, registry: Registry) -> None:
    path = _file(tmp_path, registry)
    with files.edit(path) as session:
        workshop.update_action(session, "g1", "a1", due="2024-01-01")
    assert files.load(path).group("g1").actions[0].due == dt.date(2024, 1, 1)


def test_update_action_due_nonsense_is_refused_clearly(tmp_path: Path, registry: Registry) -> None:
    path = _file(tmp_path, registry)
    with pytest.raises(ValidationError, match="due date") as info, files.edit(path) as session:
        workshop.update_action(session, "g1", "a1", due="next week")
    assert info.value.code == "bad_value"
    assert files.load(path).group("g1").actions[0].due is None


def test_update_action_checks_every_value_before_changing_any(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_action(session, "g1", "ประชุม")
    bad: Any = ["not", "a", "note"]
    with pytest.raises(ValidationError):
        workshop.update_action(session, "g1", "a1", status="done", note=bad)
    assert session.group("g1").actions[0].status == "open"


def test_update_action_none_clears_and_keep_keeps(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_action(session, "g1", "ประชุม", owner="สมชาย", note="ด่วน")
    action = workshop.update_action(session, "g1", "a1", owner=None)
    assert (action.owner, action.note) == (None, "ด่วน")


def test_update_action_has_no_catch_all_keywords(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_action(session, "g1", "ประชุม")
    changes: dict[str, Any] = {"colour": "red"}
    with pytest.raises(TypeError):
        workshop.update_action(session, "g1", "a1", **changes)


def test_model_refuses_a_wrong_type_set_directly() -> None:
    action = ActionItem(id="a1", what="ประชุม")
    with pytest.raises(ValidationError, match="owner"):
        action.owner = 5  # type: ignore[assignment]
    with pytest.raises(ValidationError, match="due date"):
        action.due = "2024-01-01"  # type: ignore[assignment]
    with pytest.raises(ValidationError, match="name"):
        Participant("p1", name=3)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="members"):
        Group(key="g1", name="n", members="สสว.12")  # type: ignore[arg-type]


def test_new_session_unknown_locale_is_a_validation_error(registry: Registry) -> None:
    with pytest.raises(ValidationError, match="locale 'fr' is not one of th, en") as info:
        workshop.new_session(registry, "AAR", locale="fr")
    assert info.value.expected == ["th", "en"]


def test_model_locale_and_status_validators_raise_validation_error() -> None:
    with pytest.raises(ValidationError, match="locale"):
        Session(title="AAR", locale="fr")
    with pytest.raises(ValidationError, match="status"):
        ActionItem(id="a1", what="x", status="late")  # type: ignore[arg-type]


def test_add_answers_refuses_one_string(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    with pytest.raises(ValidationError, match="not one text") as info:
        workshop.add_answers(session, registry, "g1", "aar", "expected", "อบรมครู")
    assert info.value.hint == "put it in a list: ['อบรมครู']"
    assert session.group("g1").entries == []


def test_strings_are_refused_where_lists_are_meant(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    with pytest.raises(ValidationError, match="members"):
        workshop.add_group(session, "g1", "กลุ่ม 1", members="สสว.12")
    workshop.add_group(session, "g1", "กลุ่ม 1")
    with pytest.raises(ValidationError, match="tags"):
        workshop.add_answers(session, registry, "g1", "aar", "expected", ["x"], tags="ครู")
    with pytest.raises(ValidationError, match="methods"):
        workshop.new_session(registry, "AAR", methods="aar")


def test_add_action_checks_types_and_parses_dates(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    bad: Any = 7
    with pytest.raises(ValidationError, match="owner"):
        workshop.add_action(session, "g1", "ประชุม", owner=bad)
    with pytest.raises(ValidationError, match="status"):
        workshop.add_action(session, "g1", "ประชุม", status="late")
    with pytest.raises(ValidationError, match="date and time"):
        workshop.add_action(session, "g1", "ประชุม", due=dt.datetime(2024, 1, 1, 9, 0))
    action = workshop.add_action(session, "g1", "ประชุม", due="๑ กุมภาพันธ์ ๒๕๖๗")
    assert action.due == dt.date(2024, 2, 1)
    assert [a.id for a in session.group("g1").actions] == ["a1"]


def test_new_session_takes_a_date_text(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", date="22/12/2560", methods=["ee"])
    assert session.date == dt.date(2017, 12, 22)


def test_set_scores_refuses_a_non_mapping(registry: Registry) -> None:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_participant(session, "g1", "p1")
    bad: Any = [("1", 3)]
    with pytest.raises(ValidationError, match="mapping"):
        workshop.set_scores(session, registry, "g1", "aar", "priority", "p1", bad)


_values = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.floats(allow_nan=True),
                    st.dates(), st.booleans(), st.lists(st.text(max_size=3), max_size=2),
                    st.sampled_from(["2024-01-31", "31/01/2567", "done", "open", "๑ ก.พ. ๒๕๖๗"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(what=_values, owner=_values, due=_values, status=_values, note=_values)
def test_whatever_a_host_passes_the_file_stays_loadable(registry: Registry, what: Any, owner: Any,
                                                        due: Any, status: Any, note: Any) -> None:
    """Any value is either refused with a ValidationError (nothing changed) or saved and loaded back."""
    from lessonkit.store import MemoryStore

    store = MemoryStore(_base(registry), registry=registry)
    before = store.text
    try:
        with store.transaction() as session:
            workshop.update_action(session, "g1", "a1", what=what, owner=owner, due=due,
                                   status=status, note=note)
    except ValidationError:
        assert store.text == before
    else:
        action = store.load().group("g1").actions[0]
        assert action.status in ("open", "in_progress", "done", "dropped")
        assert action.due is None or type(action.due) is dt.date


def _base(registry: Registry) -> Session:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_action(session, "g1", "ประชุม")
    return session
