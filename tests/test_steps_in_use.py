"""The steps_in_use hook: 'ask' walks the AAR form the session uses, not both."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lessonkit.cli import cli
from lessonkit.files import load
from lessonkit.plugins import get_registry
from lessonkit.workshop import steps_in_use


def _ok(runner: CliRunner, *args: object, input: str | None = None) -> str:
    result = runner.invoke(cli, [str(a) for a in args], input=input)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_ask_walks_only_the_session_s_aar_form(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    _ok(runner, "new", path, "--title", "t", "--method", "aar", "--locale", "en")
    _ok(runner, "group", "add", path, "g1", "--name", "G")
    _ok(runner, "participant", "add", path, "--group", "g1")
    _ok(runner, "aar", "form", path, "army4")
    # four answers to the army form, then 'q' at the synthesis step
    out = _ok(runner, "ask", path, "--group", "g1", "--method", "aar", "--participant", "p1",
              input="planned\nhappened\nright and wrong\ndifferently\nq\n")
    assert "What was supposed to happen?" in out
    assert "What results and success do you expect" not in out
    entries = load(path).group("g1").entries
    assert [(e.step, e.prompt) for e in entries] == [
        ("review4", "supposed"), ("review4", "happened"), ("review4", "right_wrong"), ("review4", "differently")]


def test_steps_in_use_defaults_to_all_steps() -> None:
    from lessonkit.model import Session

    registry = get_registry()
    ee = registry.method("ee")
    assert steps_in_use(Session(title="t", methods=["ee"]), registry, ee) == list(ee.steps)
    aar = registry.method("aar")
    assert [s.key for s in steps_in_use(Session(title="t", methods=["aar"]), registry, aar)] == [
        "review", "synthesis"]
