"""TOML methods: a missing language and an unknown rule are errors, and a session whose
method's rule is not installed fails validate and rank instead of ranking by sum (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.testing import LessonkitRunner

METHOD = '''key = "bad"
default_rule = "{rule}"
title = {title}

[[steps]]
key = "s"
title = {{ en = "Step", th = "ขั้น" }}

[[steps.prompts]]
key = "ideas"
kind = "list"
text = {{ en = "Ideas", th = "ความคิด" }}

[[steps.prompts]]
key = "rate"
kind = "score"
items_from = "ideas"
scale = {{ min = 1, max = 3 }}
text = {{ en = "Rate", th = "ให้คะแนน" }}
'''
GOOD_TITLE = '{ en = "Bad", th = "ไม่ดี" }'


def write(folder: Path, rule: str = "mean", title: str = GOOD_TITLE) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "bad.toml").write_text(METHOD.format(rule=rule, title=title), encoding="utf-8")
    return folder


def test_methods_path_refuses_a_text_without_the_methods_languages(tmp_path: Path) -> None:
    folder = write(tmp_path / "m", title='"Only English"')
    result = LessonkitRunner().use().invoke("methods", "--path", folder)
    assert result.exit_code == 1 and result.stdout == ""
    assert "text 'Only English' is a plain string, taken as English; it lacks the method's " \
        "language(s) th" in result.stderr
    assert "bad.toml" in result.stderr and ": title" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    (folder / "bad.toml").write_text(METHOD.format(rule="mean", title='"Only English"')
                                     .replace('key = "bad"', 'key = "bad"\nlocales = ["en"]'),
                                     encoding="utf-8")
    assert LessonkitRunner().use().invoke("methods", "--path", folder).exit_code == 0


def test_methods_path_refuses_an_unknown_default_rule(tmp_path: Path) -> None:
    folder = write(tmp_path / "m", rule="meen")
    result = LessonkitRunner().use().invoke("methods", "--path", folder)
    assert result.exit_code == 1 and result.stdout == ""
    assert "ranking rule 'meen' is not installed" in result.stderr
    assert "bad.toml: default_rule" in result.stderr and "did you mean 'mean'?" in result.stderr


def test_methods_path_refuses_an_unknown_prompt_rule(tmp_path: Path) -> None:
    folder = write(tmp_path / "m")
    path = folder / "bad.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('kind = "score"', 'kind = "score"\nrule = "nope"'),
                    encoding="utf-8")
    result = LessonkitRunner().use().invoke("methods", "--path", folder)
    assert result.exit_code == 1
    assert "ranking rule 'nope' is not installed @ " in result.stderr
    assert "steps[1].prompts[2].rule" in result.stderr


@pytest.fixture
def session_with_missing_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LessonkitRunner, Path]:
    monkeypatch.setenv("LESSONKIT_METHODS_PATH", str(write(tmp_path / "m", rule="from_a_plugin")))
    runner = LessonkitRunner().use()
    path = tmp_path / "w.json"
    for args in (("new", path, "--title", "t", "--method", "bad", "--locale", "en"),
                 ("group", "add", path, "g1", "--name", "G"),
                 ("participant", "add", path, "--group", "g1", "--count", "2"),
                 ("answer", path, "--group", "g1", "--method", "bad", "--prompt", "ideas", "A", "B"),
                 ("score", path, "--group", "g1", "--method", "bad", "--prompt", "rate",
                  "--participant", "p1", "1=3", "2=1")):
        result = runner.invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)
    return runner, path


def test_validate_says_the_methods_rule_is_not_installed(session_with_missing_rule) -> None:  # type: ignore[no-untyped-def]
    runner, path = session_with_missing_rule
    result = runner.invoke("validate", path)
    assert result.exit_code == 1
    assert "method 'bad' ranks with the rule 'from_a_plugin', which is not installed @ methods[0]" \
        in result.stdout + result.stderr


def test_rank_fails_clearly_instead_of_ranking_by_sum(session_with_missing_rule) -> None:  # type: ignore[no-untyped-def]
    runner, path = session_with_missing_rule
    before = path.read_bytes()
    result = runner.invoke("rank", path, "--group", "g1", "--method", "bad", "--prompt", "rate")
    assert result.exit_code == 1 and result.stdout == ""
    assert "method 'bad' ranks with the rule 'from_a_plugin', which is not installed" in result.stderr
    assert "rule: Sum" not in result.stdout
    chosen = runner.invoke("rank", path, "--group", "g1", "--method", "bad", "--prompt", "rate",
                           "--rule", "mean")
    assert chosen.exit_code == 0 and "rule: Mean" in chosen.stdout
    assert path.read_bytes() == before
