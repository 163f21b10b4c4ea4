"""Declarative methods: TOML files become methods, bad files say what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import Method, ValidationError
from lessonkit.cli import cli
from lessonkit.declarative import (
    configured_folders,
    load_folder,
    load_method_file,
    method_from_data,
    method_from_toml,
)
from lessonkit.plugins import get_registry

EXCHANGE = """\
key = "tomlx"
version = "2"
locales = ["th", "en"]
default_rule = "mean"
title = { en = "Good-practice exchange", th = "การแลกเปลี่ยนแนวปฏิบัติที่ดี" }
description = { en = "Per theme: situation, good practices, plan.", th = "สถานการณ์ แนวปฏิบัติที่ดี แผน" }

[[steps]]
key = "situation"
title = { en = "Situation", th = "สถานการณ์" }

[[steps.prompts]]
key = "situation"
kind = "text"
individual = false
text = { en = "The situation of the theme", th = "สถานการณ์ของประเด็น" }
help = { en = "Facts, not opinions", th = "ข้อเท็จจริง" }

[[steps]]
key = "practices"
title = { en = "Good practices", th = "แนวปฏิบัติที่ดี" }

[[steps.prompts]]
key = "practices"
kind = "list"
individual = false
text = { en = "Good practices", th = "แนวปฏิบัติที่ดี" }

[[steps.prompts]]
key = "transfer"
kind = "score"
items_from = "practices"
text = { en = "Could other provinces use it?", th = "จังหวัดอื่นนำไปใช้ได้เพียงใด" }

[steps.prompts.scale]
allow_na = true
levels = [
  { key = "no", value = 0, label = { en = "No", th = "ไม่ได้" } },
  { key = "partly", value = 1, label = { en = "Partly", th = "ได้บางส่วน" } },
  { key = "yes", value = 2, label = { en = "Yes", th = "ได้" } },
]

[[steps.prompts]]
key = "votes"
kind = "dots"
budget = 3
items_from = "practices"
text = { en = "Put your dots", th = "ติดจุด" }

[[steps]]
key = "plan"
title = { en = "Plan", th = "แผน" }

[[steps.prompts]]
key = "plan"
kind = "table"
individual = false
text = { en = "Plan for the remaining years", th = "แผนในปีที่เหลือ" }
fields = [
  { key = "action", label = { en = "Action", th = "กิจกรรม" }, required = true },
  { key = "due", label = { en = "Due", th = "กำหนดเสร็จ" }, kind = "date" },
]

[[steps.prompts]]
key = "rating"
kind = "score"
items_from = "practices.practices"
text = { en = "Rate", th = "ให้คะแนน" }
scale = { min = 1, max = 5 }
criteria = [
  { key = "cost", label = { en = "Cost", th = "ต้นทุน" } },
  { key = "effect", label = { en = "Effect", th = "ผล" } },
]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_toml_method_builds_the_same_objects_as_python() -> None:
    method = method_from_toml(EXCHANGE, "exchange.toml")
    assert isinstance(method, Method)
    assert method.key == "tomlx" and method.version == "2" and method.default_rule == "mean"
    assert method.locales == ("th", "en")
    assert [s.key for s in method.steps] == ["situation", "practices", "plan"]
    assert method.title.get("th") == "การแลกเปลี่ยนแนวปฏิบัติที่ดี"
    assert method.prompt("situation", "situation").help is not None
    transfer = method.prompt("practices", "transfer")
    assert transfer.scale is not None and transfer.scale.kind == "levels"
    assert transfer.scale.allow_na and transfer.scale.parse("ได้บางส่วน") == 1
    assert method.prompt("practices", "votes").budget == 3
    plan = method.prompt("plan", "plan")
    assert [f.key for f in plan.fields] == ["action", "due"] and plan.fields[0].required
    rating = method.prompt("plan", "rating")
    assert rating.scale is not None and rating.scale.points() == [1, 2, 3, 4, 5]
    assert [c.key for c in rating.criteria] == ["cost", "effect"]


def test_plain_string_texts_are_english() -> None:
    method = method_from_data({"key": "m", "title": "Mine", "locales": ["en"], "steps": [
        {"key": "s", "title": "S", "prompts": [{"key": "p", "kind": "text", "text": "Say"}]}]})
    assert method.title.get("en") == "Mine"


@pytest.mark.parametrize(("broken", "message", "place", "hint"), [
    (EXCHANGE.replace('kind = "dots"', 'kind = "dot"'), "prompt kind 'dot' is not one of",
     "exchange.toml:43: steps[2].prompts[3]", None),
    (EXCHANGE.replace("budget = 3\n", ""), "a dots prompt needs a positive budget",
     "exchange.toml:43: steps[2].prompts[3]", "budget = <dots per person>"),
    (EXCHANGE.replace('items_from = "practices"\ntext = { en = "Could',
                      'items_from = "practise"\ntext = { en = "Could'),
     "items_from 'practise' names no prompt", "steps[2].prompts[2].items_from", "did you mean 'practices'?"),
    (EXCHANGE.replace('scale = { min = 1, max = 5 }', 'scale = { min = 5, max = 1 }'),
     "scale minimum 5 must be below its maximum 1", "steps[3].prompts[2]", None),
    (EXCHANGE.replace('scale = { min = 1, max = 5 }', 'scale = { minimum = 1, max = 5 }'),
     "unknown scale key 'minimum'", "steps[3].prompts[2].scale", "did you mean 'min'?"),
    (EXCHANGE.replace('help = { en = "Facts, not opinions", th = "ข้อเท็จจริง" }',
                      'help = { en = "Facts, not opinions" }'),
     "text lacks the method's language(s) th", "exchange.toml:12: steps[1].prompts[1].help", "add th = …"),
    (EXCHANGE.replace('title = { en = "Plan", th = "แผน" }', 'titel = { en = "Plan", th = "แผน" }'),
     "unknown step key 'titel'", "steps[3]", "did you mean 'title'?"),
    (EXCHANGE.replace("budget = 3", 'budget = "three"'), "must be a whole number",
     "steps[2].prompts[3].budget", None),
    (EXCHANGE.replace('key = "tomlx"', 'key = "Toml X"'), "method key 'Toml X' is not valid",
     "exchange.toml", "lower-case"),
    (EXCHANGE.replace("[[steps]]\nkey = \"plan\"", "[[steps]\nkey = \"plan\""), "not valid TOML",
     "exchange.toml", "brackets"),
])
def test_a_bad_file_names_file_line_path_and_fix(broken: str, message: str, place: str,
                                                 hint: str | None) -> None:
    with pytest.raises(ValidationError) as info:
        method_from_toml(broken, "exchange.toml")
    text = str(info.value)
    assert message in text
    assert place in text
    if hint is not None:
        assert hint in text


def test_load_folder_strict_and_lenient(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", EXCHANGE)
    write(tmp_path, "b.toml", 'key = "b"\ntitle = "B"\nsteps = 3\n')
    write(tmp_path, "notes.txt", "not a method")
    methods, problems = load_folder(tmp_path, strict=False)
    assert [m.key for m in methods] == ["tomlx"]
    assert len(problems) == 1 and "b.toml" in problems[0] and "steps must be an array" in problems[0]
    with pytest.raises(ValidationError, match=r"b\.toml"):
        load_folder(tmp_path)
    assert load_method_file(tmp_path / "a.toml").key == "tomlx"
    with pytest.raises(ValidationError, match="is not a folder"):
        load_folder(tmp_path / "missing")


def test_same_key_twice_in_a_folder_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", EXCHANGE)
    write(tmp_path, "b.toml", EXCHANGE)
    methods, problems = load_folder(tmp_path, strict=False)
    assert len(methods) == 1
    assert "method key 'tomlx' is also declared in" in problems[0]


def test_configured_folders_split_on_pathsep(tmp_path: Path) -> None:
    import os

    raw = os.pathsep.join([str(tmp_path / "a"), "", str(tmp_path / "b")])
    assert configured_folders({"LESSONKIT_METHODS_PATH": raw}) == [str(tmp_path / "a"), str(tmp_path / "b")]
    assert configured_folders({}) == []


def test_the_default_plugin_registers_configured_methods_and_warns_on_bad_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.toml", EXCHANGE)
    write(tmp_path, "bad.toml", 'key = "bad"\n')
    monkeypatch.setenv("LESSONKIT_METHODS_PATH", str(tmp_path))
    registry = get_registry(load_entrypoints=False)
    assert registry.methods.source("tomlx") == "lessonkit.declarative"
    assert any("bad.toml" in w and "a method needs 'title'" in w for w in registry.warnings)
    assert "bad" not in registry.methods


def test_without_the_variable_nothing_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESSONKIT_METHODS_PATH", raising=False)
    registry = get_registry(load_entrypoints=False)
    assert len(registry.methods) == 0 and registry.warnings == []


def test_cli_methods_path_lists_the_toml_method(tmp_path: Path, runner: CliRunner) -> None:
    write(tmp_path, "a.toml", EXCHANGE)
    result = runner.invoke(cli, ["methods", "--json", "--path", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    listed = {m["key"]: m for m in json.loads(result.stdout)}
    assert listed["tomlx"]["plugin"] == f"toml:{tmp_path}"
    assert {"aar", "ee", "5c4f"} <= set(listed)
    result = runner.invoke(cli, ["methods", "--path", str(tmp_path), "--locale", "th"])
    assert result.exit_code == 0
    assert "การแลกเปลี่ยนแนวปฏิบัติที่ดี" in result.stdout


def test_cli_methods_path_with_a_bad_file_is_one_error_line(tmp_path: Path, runner: CliRunner) -> None:
    write(tmp_path, "a.toml", EXCHANGE.replace('kind = "dots"', 'kind = "dot"'))
    result = runner.invoke(cli, ["methods", "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "a.toml:43: steps[2].prompts[3]" in result.stderr and "'dot'" in result.stderr


def test_cli_methods_path_refuses_a_key_taken_by_a_python_plugin(tmp_path: Path,
                                                                  runner: CliRunner) -> None:
    write(tmp_path, "a.toml", EXCHANGE.replace('key = "tomlx"', 'key = "aar"'))
    result = runner.invoke(cli, ["methods", "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert "already registered by plugin 'aar'" in result.stderr


def test_cli_warns_about_a_bad_configured_file_and_goes_on(tmp_path: Path, runner: CliRunner,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.toml", EXCHANGE)
    write(tmp_path, "z.toml", "key = ")
    monkeypatch.setenv("LESSONKIT_METHODS_PATH", str(tmp_path))
    result = runner.invoke(cli, ["methods", "--json"])
    assert result.exit_code == 0
    assert "tomlx" in {m["key"] for m in json.loads(result.stdout)}
    assert "z.toml" in result.stderr and "not valid TOML" in result.stderr


def test_a_bad_criterion_key_points_at_the_criterion() -> None:
    broken = EXCHANGE.replace('{ key = "cost"', '{ key = "Cost!"')
    with pytest.raises(ValidationError) as info:
        method_from_toml(broken, "exchange.toml")
    assert "criterion key 'Cost!' is not valid" in str(info.value)
    assert "steps[3].prompts[2].criteria[1]" in str(info.value)
