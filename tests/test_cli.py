"""The CLI skeleton through click's runner: stdout, stderr and exit codes apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import __version__
from lessonkit.cli import cli


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(cli, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_version(runner: CliRunner) -> None:
    code, out, _err = run(runner, "--version")
    assert code == 0
    assert __version__ in out


def test_plugins_json_lists_the_three_methods_from_entry_points(runner: CliRunner) -> None:
    code, out, err = run(runner, "plugins", "--json")
    assert code == 0
    assert err == ""
    rows = {row["name"]: row for row in json.loads(out)}
    for key in ("aar", "ee", "5c4f"):
        assert rows[key]["source"] == "entry point"
        assert rows[key]["loaded"] is True
        assert rows[key]["methods"] == [key]
    assert "lessonkit.rules" not in rows
    code, out, _ = run(runner, "plugins", "--json", "--all")
    assert "lessonkit.rules" in {row["name"] for row in json.loads(out)}


def test_methods_json_has_steps_and_prompts_in_both_languages(runner: CliRunner) -> None:
    code, out, _ = run(runner, "methods", "--json")
    assert code == 0
    methods = {m["key"]: m for m in json.loads(out)}
    ee = methods["ee"]
    assert ee["plugin"] == "ee"
    assert [s["key"] for s in ee["steps"]] == ["mission", "taking_stock", "planning"]
    objectives = ee["steps"][0]["prompts"][0]
    assert objectives["text"] == {"en": "Objectives of the mission", "th": "วัตถุประสงค์ของภารกิจ"}
    importance = ee["steps"][1]["prompts"][1]
    assert importance["scale"] == {"kind": "range", "allow_na": False, "minimum": 1, "maximum": 3, "step": 1}


def test_prompts_aar_in_thai_prints_the_seeds_five_questions(runner: CliRunner) -> None:
    code, out, _ = run(runner, "prompts", "aar", "--locale", "th", "--step", "review")
    assert code == 0
    for question in ("ท่านคาดหวังผลลัพธ์ ความสำเร็จของการดำเนินงานอย่างไร",
                     "ผลลัพธ์ ความสำเร็จของการดำเนินงานที่เกิดขึ้นจริงเป็นอย่างไร",
                     "เพราะเหตุใดผลลัพธ์ความสำเร็จที่คาดหวังและที่เกิดขึ้นจริงจึงมีความแตกต่างกัน",
                     "มีสิ่งดี ๆ เกิดขึ้นจากการทำงานในช่วงที่ผ่านมาอย่างไร",
                     "ข้อเสนอแนะที่จะทำให้การทำงานดีขึ้นในอนาคต"):
        assert question in out
    assert "  5. " in out and "  6. " not in out


def _build(runner: CliRunner, path: Path) -> None:
    steps = [
        ("new", path, "--title", "แลกเปลี่ยนเรียนรู้", "--date", "22/12/2560", "--method", "aar", "--method", "ee"),
        ("group", "add", path, "g1", "--name", "การคุ้มครองทางสังคมสำหรับเด็ก", "--member", "สำนักงานสถิติแห่งชาติ",
         "--member", "สภาเด็กและเยาวชนแห่งประเทศไทย"),
        ("group", "add", path, "g2", "--name", "การคุ้มครองทางสังคมสำหรับวัยแรงงาน", "--member", "กระทรวงแรงงาน"),
        ("participant", "add", path, "--group", "g1", "--count", "2"),
        ("participant", "add", path, "somsri", "--group", "g2", "--name", "สมศรี", "--agency", "กระทรวงแรงงาน"),
        ("answer", path, "--group", "g1", "--method", "ee", "--prompt", "objectives",
         "เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง", "เพื่อพัฒนาศักยภาพเด็ก/เยาวชน"),
        ("answer", path, "--group", "g1", "--method", "aar", "--prompt", "expected", "--participant", "p1",
         "เด็กรู้สิทธิ"),
    ]
    for args in steps:
        code, out, err = run(runner, *args)
        assert code == 0, err
        assert out == ""  # confirmations go to stderr
        assert err


def test_build_a_workshop_and_show_it(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    _build(runner, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["date"] == "2017-12-22"  # 2560 BE stored as Common Era
    assert [g["key"] for g in data["groups"]] == ["g1", "g2"]
    code, out, err = run(runner, "show", path)
    assert code == 0 and err == ""
    assert "22 ธันวาคม 2560" in out
    assert "  2) สภาเด็กและเยาวชนแห่งประเทศไทย" in out
    assert "เพื่อพัฒนาศักยภาพเด็ก/เยาวชน" in out
    code, out, _ = run(runner, "show", path, "--locale", "en", "--group", "g2")
    assert "Group 2: การคุ้มครองทางสังคมสำหรับวัยแรงงาน (g2)" in out
    assert "สมศรี" in out and "g1" not in out
    code, out, _ = run(runner, "validate", path)
    assert (code == 0 and "valid" in out) or "ถูกต้อง" in out


def test_show_aligns_thai_columns(runner: CliRunner, tmp_path: Path) -> None:
    from wcwidth import wcswidth

    path = tmp_path / "ws.json"
    _build(runner, path)
    _code, out, _ = run(runner, "show", path, "--group", "g2")
    lines = out.splitlines()
    top = lines.index(next(line for line in lines if line.startswith("ผู้เข้าร่วม ") and "ชื่อ" in line))
    table = lines[top:top + 3]
    assert table[2].startswith("somsri")
    # the second column starts at the same display column on every line
    starts = {wcswidth(table[0][: table[0].index("ชื่อ")]), wcswidth(table[1][: table[1].index("  -") + 2]),
              wcswidth(table[2][: table[2].index("สมศรี")])}
    assert len(starts) == 1


BAD = [
    (("answer", "{f}", "--group", "g9", "--method", "ee", "--prompt", "objectives", "x"), "unknown group 'g9'"),
    (("answer", "{f}", "--group", "g1", "--method", "nosuch", "--prompt", "objectives", "x"), "unknown method 'nosuch'"),
    (("answer", "{f}", "--group", "g1", "--method", "ee", "--prompt", "nope", "x"), "unknown prompt 'nope'"),
    (("answer", "{f}", "--group", "g1", "--method", "ee", "--prompt", "importance", "3"), "take scores, not answers"),
    (("answer", "{f}", "--group", "g1", "--method", "ee", "--prompt", "objectives", "--participant", "zz", "x"),
     "unknown participant 'zz'"),
    (("answer", "{f}", "--group", "g1", "--method", "ee", "--prompt", "plan", "colour=red"), "not field=value"),
    (("answer", "{f}", "--group", "g1", "--method", "5c4f", "--prompt", "needs", "need=x"), "not used in this session"),
    (("group", "add", "{f}", "g1", "--name", "again"), "group 'g1' already exists"),
    (("group", "add", "{f}", "Bad Key", "--name", "x"), "group key 'Bad Key' is not valid"),
    (("participant", "add", "{f}", "p1", "--group", "g1"), "participant 'p1' already exists"),
    (("new", "{f}", "--title", "x"), "already exists"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_exits_1_with_one_line_and_no_change(
    runner: CliRunner, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "ws.json"
    _build(runner, path)
    before = path.read_bytes()
    code, out, err = run(runner, *[a.format(f=path) for a in args])
    assert code == 1
    assert out == ""
    assert message in err
    assert err.startswith("Error: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", ["", "{", "[]", '{"schema_version": 1}', '{"schema_version": 7, "title": "x"}'])
def test_bad_files_exit_1(runner: CliRunner, tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    for command in ("show", "validate"):
        code, out, err = run(runner, command, path)
        assert code == 1
        assert out == ""
        assert err.startswith(f"Error: {path}: ")
    assert path.read_text(encoding="utf-8") == content


def test_validate_lists_every_problem(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    _build(runner, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"][0]["entries"][0]["prompt"] = "nope"
    data["groups"][0]["entries"][1]["participant"] = "ghost"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(runner, "validate", path, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert len(report["problems"]) == 2
    assert "unknown prompt 'nope'" in report["problems"][0]
    assert "unknown participant 'ghost' @ groups[0].entries[1].participant" in report["problems"][1]
    assert err.startswith("Error: ")


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    code, _out, err = run(runner, "new")
    assert code == 2
    assert "Missing argument" in err
    code, _out, err = run(runner, "new", "x.json", "--title", "t", "--date", "sometime")
    assert code == 2
    assert "sometime" in err


def test_schema_is_json_schema(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["schema_version"] == {"const": 1}
    assert "groups" in schema["properties"]


def test_example_file_validates_against_the_json_schema(runner: CliRunner, seeds_file: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    _code, out, _ = run(runner, "schema")
    jsonschema.validate(json.loads(seeds_file.read_text(encoding="utf-8")), json.loads(out))


def test_plugin_warning_goes_to_stderr(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONKIT_LOAD_PLUGINS", "ee,nosuch")
    code, out, err = run(runner, "methods", "--json")
    assert code == 0
    assert [m["key"] for m in json.loads(out)] == ["ee"]
    assert "nosuch" in err


def test_every_command_is_in_the_cli_reference(runner: CliRunner) -> None:
    import click as _click

    doc = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    ctx = _click.Context(cli, info_name="lessonkit")
    missing = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        names = [name]
        if isinstance(command, _click.Group):
            names += [f"{name} {sub}" for sub in command.list_commands(_click.Context(command, parent=ctx))]
        missing += [n for n in names if f"## `lessonkit {n}`" not in doc]
    assert missing == [], f"docs/cli.md lacks {missing}: run python tools/gen_cli_docs.py"
