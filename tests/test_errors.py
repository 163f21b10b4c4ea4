"""Errors for programs and people: codes and fields, no CLI wording, short key lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import files, workshop
from lessonkit.cli import cli
from lessonkit.errors import LessonkitError, NotFoundError, ValidationError
from lessonkit.model import Group, Participant, Session
from lessonkit.plugins import Registry


def test_errors_carry_a_code_and_fields() -> None:
    err = ValidationError("an action's owner must be text or None (got 5)", where="group 'g1'",
                          code="wrong_type", value=5, expected="text or None")
    assert err.to_dict() == {"code": "wrong_type", "message": err.message, "where": "group 'g1'",
                             "hint": None, "value": 5, "expected": "text or None"}
    assert NotFoundError("x").code == "not_found"
    json.dumps(ValidationError("x", value=object()).to_dict())  # always JSON-able


def test_long_key_lists_are_cut_with_a_count() -> None:
    group = Group(key="g1", name="กลุ่ม 1",
                  participants=[Participant(f"p{n}") for n in range(1, 3001)])
    with pytest.raises(NotFoundError) as info:
        group.participant("p9999")
    text = str(info.value)
    assert "p1, p2, p3" in text
    assert "… and 2,990 more" in text
    assert len(text) < 200
    assert info.value.code == "unknown_participant"
    assert info.value.value == "p9999"


def test_cut_list_keeps_short_lists_whole() -> None:
    from lessonkit.errors import cut_list

    assert cut_list(["a", "b"], limit=2) == "a, b"
    assert cut_list(["a", "b", "c"], limit=2) == "a, b, … and 1 more"


def _scored_session(registry: Registry) -> Session:
    session = workshop.new_session(registry, "AAR", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    return session


def test_library_messages_name_no_cli_command(registry: Registry) -> None:
    session = _scored_session(registry)
    raised: list[LessonkitError] = []
    for call in (
        lambda: workshop.add_answers(session, registry, "g1", "aar", "priority", ["x"]),
        lambda: session.group("g9"),
        lambda: session.group("g1").participant("p9"),
        lambda: workshop.add_answers(session, registry, "g1", "ee", "activities", ["x"]),
        lambda: registry.method("nope"),
        lambda: files.load("/nonexistent/w.json"),
    ):
        with pytest.raises(LessonkitError) as info:
            call()
        raised.append(info.value)
    for err in raised:
        assert "lessonkit " not in str(err), str(err)
    assert [e.code for e in raised] == ["takes_scores", "unknown_group", "unknown_participant",
                                        "method_not_in_session", "unknown_method", "no_file"]


def test_check_session_names_no_command(registry: Registry) -> None:
    session = _scored_session(registry)
    session.methods += ["nope1", "nope2"]
    with pytest.raises(ValidationError) as info:
        workshop.check_session(session, registry)
    assert "lessonkit" not in str(info.value)
    assert info.value.code == "session_problems"


def test_cli_adds_the_command_hint(runner: CliRunner, tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    files.save(_scored_session(registry), path)
    result = runner.invoke(cli, ["answer", str(path), "--group", "g1", "--method", "aar",
                                 "--prompt", "priority", "x"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "take scores, not answers" in result.stderr
    assert "use 'lessonkit score'" in result.stderr
    assert "workshop.set_scores" not in result.stderr
    assert "Traceback" not in result.stderr
    result = runner.invoke(cli, ["answer", str(path), "--group", "g9", "--method", "aar",
                                 "--prompt", "expected", "x"])
    assert result.exit_code == 1
    assert "unknown group 'g9'" in result.stderr
    assert "add one with 'lessonkit group add'" in result.stderr


def test_a_plugin_command_gets_the_cli_hint_too(runner: CliRunner, seeds_file: Path) -> None:
    result = runner.invoke(cli, ["ee", "stock", str(seeds_file), "--group", "g9"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown group 'g9'" in result.stderr
    assert "add one with 'lessonkit group add'" in result.stderr


def test_method_lookups_carry_codes(registry: Registry) -> None:
    method = registry.method("aar")
    cases = [(lambda: method.step("nope"), "unknown_step"),
             (lambda: method.find_prompt(None, "nope"), "unknown_prompt"),
             (lambda: method.step("review").prompt("nope"), "unknown_prompt")]
    for call, code in cases:
        with pytest.raises(NotFoundError) as info:
            call()
        assert (info.value.code, info.value.value) == (code, "nope")
    with pytest.raises(ValidationError) as bad:
        workshop.add_group(Session(title="t"), "Bad Key", "n")
    assert (bad.value.code, bad.value.value) == ("bad_key", "Bad Key")


def test_every_error_code_in_use_is_documented() -> None:
    import re

    import lessonkit.errors

    root = Path(lessonkit.errors.__file__).resolve().parent.parent.parent
    used: set[str] = set()
    for path in [*root.glob("src/lessonkit/**/*.py"), *root.glob("plugins/*/lessonkit_*/**/*.py")]:
        used |= set(re.findall(r'\bcode="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "no codes found: is the source tree there?"
    doc = lessonkit.errors.__doc__ or ""
    assert not [code for code in sorted(used) if f"``{code}``" not in doc]
