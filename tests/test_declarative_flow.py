"""A TOML-declared method runs through answer, ask, score, rank and report like a Python one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_declarative import EXCHANGE

from lessonkit.cli import cli


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


@pytest.fixture
def session_file(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> str:
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "exchange.toml").write_text(EXCHANGE, encoding="utf-8")
    monkeypatch.setenv("LESSONKIT_METHODS_PATH", str(folder))
    path = str(tmp_path / "ws.json")
    ok(runner, "new", path, "--title", "Exchange", "--locale", "en", "--method", "tomlx")
    ok(runner, "group", "add", path, "g1", "--name", "Family Strengthening")
    ok(runner, "participant", "add", path, "--group", "g1", "--count", "3")
    ok(runner, "answer", path, "--group", "g1", "--method", "tomlx", "--prompt", "situation",
       "Few foster families")
    ok(runner, "answer", path, "--group", "g1", "--method", "tomlx", "--prompt", "practices",
       "Home visits", "Parent clubs", "Kinship care grants")
    for person, values in {"p1": ["1=yes", "2=partly", "3=no"],
                           "p2": ["1=yes", "2=yes", "3=na"],
                           "p3": ["1=partly", "2=yes", "3=partly"]}.items():
        ok(runner, "score", path, "--group", "g1", "--method", "tomlx", "--prompt", "transfer",
           "--participant", person, *values)
    ok(runner, "score", path, "--group", "g1", "--method", "tomlx", "--prompt", "votes",
       "--participant", "p1", "1=2", "3=1")
    return path


def test_rank_uses_the_declared_default_rule(session_file: str, runner: CliRunner) -> None:
    out = ok(runner, "rank", session_file, "--group", "g1", "--method", "tomlx", "--prompt", "transfer",
             "--format", "json")
    data = json.loads(out)
    rows = data["rows"]
    assert [row["text"] for row in rows][:2] == ["Home visits", "Parent clubs"]
    assert rows[0]["score"] == pytest.approx(5 / 3)  # mean, the declared default rule
    last = rows[-1]
    assert last["text"] == "Kinship care grants" and last["n"] == 2  # the N/A is not a score


def test_a_score_off_the_declared_scale_is_refused(session_file: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["score", session_file, "--group", "g1", "--method", "tomlx",
                                 "--prompt", "transfer", "--participant", "p1", "1=often"])
    assert result.exit_code == 1
    assert "'often'" in result.stderr
    assert result.stdout == ""


def test_report_includes_the_toml_method(session_file: str, runner: CliRunner) -> None:
    out = ok(runner, "report", session_file, "--format", "md", "--locale", "en")
    assert "Good-practice exchange" in out
    assert "Home visits" in out and "Few foster families" in out
    out = ok(runner, "report", session_file, "--format", "txt", "--locale", "th")
    assert "การแลกเปลี่ยนแนวปฏิบัติที่ดี" in out


def test_validate_accepts_the_session(session_file: str, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", session_file])
    assert result.exit_code == 0, result.stderr


def test_ask_rank_and_report_a_toml_method(tmp_path: Path, runner: CliRunner,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """``ask`` walks the TOML method's prompts like a Python method's; rank and report use the answers."""
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "exchange.toml").write_text(EXCHANGE, encoding="utf-8")
    monkeypatch.setenv("LESSONKIT_METHODS_PATH", str(folder))
    path = str(tmp_path / "ws.json")
    ok(runner, "new", path, "--title", "Exchange", "--locale", "en", "--method", "tomlx")
    ok(runner, "group", "add", path, "g1", "--name", "Family Strengthening")
    ok(runner, "participant", "add", path, "--group", "g1", "--count", "2")

    def ask(lines: list[str], *extra: str) -> Result:
        result = runner.invoke(cli, ["ask", path, "--group", "g1", "--method", "tomlx", *extra],
                               input="".join(f"{line}\n" for line in lines))
        assert result.exit_code == 0, result.output
        assert "all questions answered" in result.stdout
        return result

    # the group's answers: a text, a list (ended by an empty line), a table row (field by field)
    group = ask(["Few foster families", "Home visits", "Parent clubs", "", "Foster carer network",
                 "2026-06-30"])
    assert "scored prompts are left out" in group.stderr
    assert "Facts, not opinions" in group.stdout and "question 3 of 3" in group.stdout
    # each participant scores: a level per practice (a key, a label or n/a), dots, 1-5 per criterion
    first = ask(["yes", "Partly", "2", "1", "4", "5", "3", "2"], "--participant", "p1")
    assert "scale: No / Partly / Yes / does not apply" in first.stdout
    assert "→ Cost: Home visits" in first.stdout and "→ Effect: Parent clubs" in first.stdout
    second = ask(["yes", "n/a", "4", "2", "1", "5", "3", "2", "4"], "--participant", "p2")
    # a dot budget overspent is refused on the spot and asked again
    assert "spends 4 dots (e2=4), over the budget of 3" in second.stderr

    transfer = json.loads(ok(runner, "rank", path, "--group", "g1", "--method", "tomlx", "--prompt",
                             "transfer", "--format", "json"))
    assert [(r["text"], r["score"], r["n"]) for r in transfer["rows"]] == [
        ("Home visits", 2, 2), ("Parent clubs", 1, 1)]  # mean, the declared rule; n/a is not a score
    votes = json.loads(ok(runner, "rank", path, "--group", "g1", "--method", "tomlx", "--prompt",
                          "votes", "--format", "json"))
    assert {r["text"]: r["score"] for r in votes["rows"]} == {"Home visits": 4, "Parent clubs": 2}
    report = ok(runner, "report", path, "--format", "md", "--locale", "en")
    for words in ("Good-practice exchange", "Few foster families", "Home visits", "Parent clubs",
                  "Foster carer network", "Ranked by: Mean", "Ranked by: Dot voting"):
        assert words in report, words
    assert re.search(r"\|\s+1\s+\| Home visits\s+\|\s+2 \|\s+2 \|", report)  # rank, score, n
