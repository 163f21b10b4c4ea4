"""The plugin tutorial: its files match docs/examples/lessonkit-exchange, and the plugin works."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lessonkit.declarative import load_method_file
from lessonkit.plugins import Registry
from lessonkit.testing import LessonkitRunner, check_method, make_registry

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "plugin-tutorial.md"
EXAMPLE = ROOT / "docs" / "examples" / "lessonkit-exchange"
THEMES = ("family_strengthening", "gatekeeping", "standard_of_care", "family_based_care",
          "deinstitutionalization")


@pytest.fixture
def exchange(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The example plugin, imported from its folder (as a fresh module)."""
    monkeypatch.syspath_prepend(str(EXAMPLE))
    for name in [n for n in sys.modules if n == "lessonkit_exchange" or n.startswith("lessonkit_exchange.")]:
        monkeypatch.delitem(sys.modules, name)
    import lessonkit_exchange

    return lessonkit_exchange


@pytest.fixture
def registry(exchange: ModuleType) -> Registry:
    return make_registry(exchange)


def test_every_file_shown_in_the_tutorial_is_the_example_file_word_for_word() -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    shown = re.findall(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```\n", text, re.DOTALL)
    names = {name for name, _code in shown}
    assert {"pyproject.toml", "lessonkit_exchange/__init__.py", "lessonkit_exchange/method.py",
            "lessonkit_exchange/rules.py", "lessonkit_exchange/report.py", "lessonkit_exchange/cli.py",
            "lessonkit_exchange/themes.py", "tests/test_exchange.py", "methods/exchange.toml"} <= names
    for name, code in shown:
        assert (EXAMPLE / name).read_text(encoding="utf-8") == code, f"{name} differs from the tutorial"
    files = {str(p.relative_to(EXAMPLE)) for p in EXAMPLE.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert files == names, f"files not shown in the tutorial: {sorted(files - names)}"


def test_the_example_passes_the_conformance_check(registry: Registry) -> None:
    assert registry.warnings == []
    assert registry.methods.source("exchange") == "lessonkit_exchange"
    assert check_method(registry.method("exchange"), registry) == []


def test_the_toml_route_declares_the_same_method(registry: Registry) -> None:
    python = registry.method("exchange")
    toml = load_method_file(EXAMPLE / "methods" / "exchange.toml")
    assert check_method(toml, registry) == []

    def shape(method):  # type: ignore[no-untyped-def]
        return [(s.key, s.title.values, [(p.key, p.kind, p.text.values, p.items_from, p.scale,
                                          p.fields, p.individual) for p in s.prompts])
                for s in method.steps]

    assert shape(toml) == shape(python)


def ok(runner: LessonkitRunner, *args: object) -> tuple[str, str]:
    result = runner.invoke(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout, result.stderr


def test_the_whole_flow_in_thai(exchange: ModuleType, tmp_path: Path,
                                lessonkit_runner: LessonkitRunner) -> None:
    runner = lessonkit_runner.use(("exchange", exchange))
    path = tmp_path / "meeting.json"
    out, _ = ok(runner, "methods", "--locale", "th")
    assert "การแลกเปลี่ยนแนวปฏิบัติที่ดีรายประเด็น" in out
    ok(runner, "new", path, "--title", "การร่วมกันสร้างครอบครัวที่อบอุ่นสำหรับเด็กทุกคน", "--method", "exchange")
    _, err = ok(runner, "exchange", "themes", path)
    assert err.count("เพิ่มประเด็น") == 5
    group = "family_strengthening"
    ok(runner, "participant", "add", path, "--group", group, "--count", "4")
    ok(runner, "answer", path, "--group", group, "--method", "exchange", "--prompt", "situation",
       "ครอบครัวเปราะบางเพิ่มขึ้น")
    ok(runner, "answer", path, "--group", group, "--method", "exchange", "--prompt", "practices",
       "เยี่ยมบ้าน", "ชมรมพ่อแม่", "ทุนเลี้ยงดูโดยเครือญาติ")
    ballots = {"p1": ["1=๕", "2=4", "3=1"], "p2": ["1=4", "2=5", "3=na"],
               "p3": ["1=4", "2=2", "3=5"], "p4": ["1=2", "2=5", "3=5"]}
    for person, scores in ballots.items():
        ok(runner, "score", path, "--group", group, "--method", "exchange", "--prompt", "transferable",
           "--participant", person, *scores)
    ok(runner, "answer", path, "--group", group, "--method", "exchange", "--prompt", "plan",
       "action=ขยายชมรมพ่อแม่ทุกอำเภอ", "partners=อปท.", "year=2567")
    out, _ = ok(runner, "rank", path, "--group", group, "--method", "exchange", "--prompt", "transferable",
                "--format", "json")
    rows = json.loads(out)["rows"]
    # เยี่ยมบ้าน: 3 of 4 rate 4-5 (mean 3.75); ชมรมพ่อแม่: 3 of 4 (mean 4); ทุน…: 2 of 3
    assert [(r["text"], r["label"]) for r in rows] == [
        ("ชมรมพ่อแม่", "1"), ("เยี่ยมบ้าน", "2"), ("ทุนเลี้ยงดูโดยเครือญาติ", "3")]
    assert rows[0]["score"] == pytest.approx(0.75)
    for fmt in ("md", "html", "txt", "json"):
        out, _ = ok(runner, "report", path, "--format", fmt)
        if fmt == "html":  # table cells hold each Thai word in a span: read the page's text
            out = re.sub(r"<[^>]+>", "", out)
        assert "แนวปฏิบัติที่ดี เรียงตามการสนับสนุน" in out, fmt
        assert "ขยายชมรมพ่อแม่ทุกอำเภอ" in out, fmt
        assert "ภาพรวมทุกประเด็น" in out, fmt
    docx = tmp_path / "meeting.docx"
    ok(runner, "report", path, "-o", docx)
    assert docx.read_bytes()[:2] == b"PK"


def test_an_unknown_theme_is_one_line_on_stderr(exchange: ModuleType, tmp_path: Path,
                                                lessonkit_runner: LessonkitRunner) -> None:
    runner = lessonkit_runner.use(("exchange", exchange))
    path = tmp_path / "m.json"
    ok(runner, "new", path, "--title", "t", "--method", "exchange")
    before = path.read_bytes()
    result = runner.invoke("exchange", "themes", path, "--theme", "gatekeeping", "--theme", "fostering")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown theme 'fostering'" in result.stderr and "gatekeeping" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.slow
def test_pip_installs_the_example_and_lessonkit_finds_it(tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and "hatchling" in install.stderr:
        pytest.skip("the build backend (hatchling) is not installed")
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")])}
    env.pop("LESSONKIT_LOAD_PLUGINS", None)
    listed = subprocess.run([sys.executable, "-m", "lessonkit", "methods", "--json"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    methods = {m["key"]: m for m in json.loads(listed.stdout)}
    assert methods["exchange"]["plugin"] == "exchange"
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            str(EXAMPLE / "tests")], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=600)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "4 passed" in tests.stdout
