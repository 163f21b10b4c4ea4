"""``lessonkit ask`` end to end: click's runner types the answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _workflow_method import WorkflowPlugin
from click.testing import CliRunner, Result

from lessonkit import NA, files, workshop
from lessonkit.asking import is_answered, questions
from lessonkit.cli import _common, cli
from lessonkit.plugins import Registry, get_plugin_manager, load_registry


@pytest.fixture
def wf_registry() -> Registry:
    return load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("wf", WorkflowPlugin())]))


@pytest.fixture
def runner(wf_registry: Registry) -> Iterator[CliRunner]:
    _common.reset()
    _common._STATE["pm"] = wf_registry.pm
    _common._STATE["registry"] = wf_registry
    yield CliRunner()
    _common.reset()


@pytest.fixture
def path(tmp_path: Path, wf_registry: Registry) -> Path:
    session = workshop.new_session(wf_registry, "Ask test", locale="en", methods=["wf"])
    workshop.add_group(session, "g1", "Group one")
    workshop.add_participant(session, "g1", "p1")
    target = tmp_path / "s.json"
    files.save(session, target)
    return target


def ask(runner: CliRunner, path: Path, lines: list[str], *extra: str) -> Result:
    return runner.invoke(cli, ["ask", str(path), "--group", "g1", "--method", "wf", *extra],
                         input="".join(f"{line}\n" for line in lines))


def test_a_walk_interrupted_and_resumed(runner: CliRunner, path: Path) -> None:
    first = ask(runner, path, [
        "Every child visited",   # expected
        "",                      # actual: empty is asked again
        "Half visited",
        "Home visits", "Clinic", "",  # activities, then on
        "7",                     # importance of Home visits: off the scale, asked again
        "5",
        "-",                     # importance of Clinic: skipped
        "Mostly",                # assess Home visits (a level label)
        "n/a",                   # assess Clinic
        "3",                     # fit / fun / Home visits
    ], "--participant", "p1")
    # the input ran out, as when the laptop is closed: everything answered so far is saved
    assert first.exit_code == 1 and "Aborted" in first.stderr
    assert "no answer given (type - to skip)" in first.stderr
    assert "7 is above the scale's maximum 5" in first.stderr
    assert "scale: 1–5" in first.stdout and "→ Home visits" in first.stdout
    assert "question 1 of 3" in first.stdout  # before the list had items
    group = files.load(path).group("g1")
    assert [(e.prompt, e.text, e.participant) for e in group.entries] == [
        ("expected", "Every child visited", "p1"), ("actual", "Half visited", "p1"),
        ("activities", "Home visits", None), ("activities", "Clinic", None)]
    assert group.scores_for("wf", "review", "importance").ballot("p1") == {"e3": 5}
    assert group.scores_for("wf", "review", "assess").ballot("p1") == {"e3": 2, "e4": NA}
    assert group.scores_for("wf", "review", "fit").ballot("p1", "fun") == {"e3": 3}

    # resumed: first the skipped importance of Clinic, then only what is still open
    second = ask(runner, path, ["4", "2", "1", "q"], "--participant", "p1")
    assert second.exit_code == 0, second.output
    assert "answers saved; run the same command to continue" in second.stderr
    first_question = second.stdout.split("Answer")[0]
    assert "How important?" in first_question and "→ Clinic" in first_question
    group = files.load(path).group("g1")
    assert group.scores_for("wf", "review", "importance").ballot("p1") == {"e3": 5, "e4": 4}
    assert group.scores_for("wf", "review", "fit").ballot("p1", "fun") == {"e3": 3, "e4": 2}
    assert group.scores_for("wf", "review", "fit").ballot("p1", "safe") == {"e3": 1}

    third = ask(runner, path, ["2"], "--participant", "p1")
    assert third.exit_code == 0, third.output
    assert "all questions answered" in third.stdout
    assert third.stdout.count("Answer") == 1
    group = files.load(path).group("g1")
    method = _common._STATE["registry"].method("wf")
    assert all(is_answered(group, method, q, "p1") for q in questions(group, method, participant="p1"))
    assert workshop.session_problems(files.load(path), _common._STATE["registry"]) == []


def test_back_replaces_the_earlier_answer(runner: CliRunner, path: Path) -> None:
    result = ask(runner, path, ["First try", "<", "Second try", "What happened", "q"],
                 "--participant", "p1")
    assert result.exit_code == 0, result.output
    group = files.load(path).group("g1")
    assert [(e.prompt, e.text) for e in group.entries] == [("expected", "Second try"),
                                                            ("actual", "What happened")]
    again = ask(runner, path, ["<", "q"], "--participant", "p1", "--step", "review")
    # the walk resumes at the list; '<' goes back to 'actual', and q leaves it as it was
    assert again.exit_code == 0
    shown = again.stdout.split("question ")[1:]
    assert shown[0].startswith("3 of 3") and "Key activities" in shown[0]
    assert shown[1].startswith("2 of 3") and "What actually happened?" in shown[1]
    assert files.load(path).group("g1").entries[1].text == "What happened"


def test_group_answers_without_a_participant(runner: CliRunner, path: Path) -> None:
    result = ask(runner, path, ["-", "The group's view", "Visits", ""], "--step", "review")
    assert result.exit_code == 0, result.output
    assert "scored prompts are left out" in result.stderr
    assert "all questions answered" in result.stdout
    group = files.load(path).group("g1")
    assert [(e.prompt, e.text, e.participant) for e in group.entries] == [
        ("actual", "The group's view", None), ("activities", "Visits", None)]
    assert group.scores == {}


def test_thai_session_speaks_thai(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    session = workshop.new_session(wf_registry, "ทดสอบ", locale="th", methods=["wf"])
    workshop.add_group(session, "g1", "กลุ่มหนึ่ง")
    target = tmp_path / "th.json"
    files.save(session, target)
    result = ask(runner, target, ["q"])
    assert result.exit_code == 0
    assert "สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร" in result.stdout and "ย้อนกลับ" in result.stdout
    assert "เรียกคำสั่งเดิมอีกครั้ง" in result.stderr


def test_unknown_participant_or_method(runner: CliRunner, path: Path) -> None:
    result = ask(runner, path, [], "--participant", "p9")
    assert result.exit_code == 1 and "unknown participant 'p9'" in result.stderr and result.stdout == ""
    result = runner.invoke(cli, ["ask", str(path), "--group", "g1", "--method", "zz"])
    assert result.exit_code == 1 and "unknown method 'zz'" in result.stderr
