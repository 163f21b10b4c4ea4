"""The session_problems hook: plugins' own rules reach 'validate' and refuse bad generic answers."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lessonkit.cli import cli


def _run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_generic_answer_to_the_other_aar_form_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    assert _run(runner, "new", path, "--title", "t", "--method", "aar")[0] == 0
    assert _run(runner, "group", "add", path, "g1", "--name", "G")[0] == 0
    before = path.read_bytes()
    code, out, err = _run(runner, "answer", path, "--group", "g1", "--method", "aar", "--prompt", "happened", "x")
    assert code == 1 and out == ""
    assert "army4" in err and "seeds5" in err
    assert path.read_bytes() == before
    code, _out, err = _run(runner, "answer", path, "--group", "g1", "--method", "aar", "--prompt", "expected", "x")
    assert code == 0, err


def test_generic_answer_with_an_unknown_5c4f_band_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    assert _run(runner, "new", path, "--title", "t", "--method", "5c4f")[0] == 0
    assert _run(runner, "group", "add", path, "area", "--name", "Area")[0] == 0
    before = path.read_bytes()
    code, _out, err = _run(runner, "answer", path, "--group", "area", "--method", "5c4f", "--prompt", "activities",
                           "activity=Pun Fun Fair", "age_band=19-25")
    assert code == 1
    assert "19-25" in err
    assert path.read_bytes() == before
    code, _out, err = _run(runner, "answer", path, "--group", "area", "--method", "5c4f", "--prompt", "activities",
                           "activity=Pun Fun Fair", "age_band=7-18")
    assert code == 0, err


def test_validate_lists_plugin_problems(runner: CliRunner, tmp_path: Path) -> None:
    import json

    path = tmp_path / "ws.json"
    _run(runner, "new", path, "--title", "t", "--method", "aar")
    _run(runner, "group", "add", path, "g1", "--name", "G")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"][0]["entries"] = [{"id": "e1", "method": "aar", "step": "review4", "prompt": "happened",
                                     "text": "x"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _err = _run(runner, "validate", path, "--json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert any("answer 'e1'" in p and "seeds5" in p for p in problems)


def test_a_plugin_failing_in_its_check_is_reported_not_raised() -> None:
    import types

    from lessonkit import hookimpl
    from lessonkit.model import Session
    from lessonkit.plugins import get_plugin_manager, load_registry
    from lessonkit.workshop import session_problems

    @hookimpl
    def session_problems_impl(session: object, method: object) -> None:
        raise RuntimeError("oops")

    plugin = types.SimpleNamespace(session_problems=session_problems_impl)
    registry = load_registry(get_plugin_manager(plugins=[("buggy", plugin)]))
    problems = session_problems(Session(title="t", methods=["ee"]), registry)
    assert problems == ["plugin 'buggy' failed to check method 'ee': RuntimeError: oops"]
