"""``lessonkit demo``: the README's main job."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lessonkit.cli import cli
from lessonkit.demo_run import demo_sessions

ROOT = Path(__file__).resolve().parent.parent


def test_demo_writes_every_format_and_prints_the_ranking(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    for ext in ("md", "html", "txt", "json", "docx"):
        assert f"seeds-workshop-report.{ext}" in names
        assert (out / f"seeds-workshop-report.{ext}").stat().st_size > 1000
    session = json.loads((out / "seeds-workshop.json").read_text(encoding="utf-8"))
    assert len(session["groups"]) == 4
    # the ranked taking-stock table of group 2 goes to stdout, in Thai
    assert "การคุ้มครองทางสังคมสำหรับวัยแรงงาน" in result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("1 ") for line in lines)
    assert "ลำดับ" in result.stdout
    assert "seeds-workshop-report.html" in result.stderr
    html = (out / "seeds-workshop-report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "กลุ่ม" in html


def test_demo_in_english(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["demo", "--out", str(tmp_path), "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Rank" in result.stdout
    assert "Wrote" in result.stderr


def test_shipped_demo_data_is_the_examples_folder_s() -> None:
    shipped = {entry["file"]: text for entry, text in demo_sessions()}
    for name, text in shipped.items():
        assert (ROOT / "examples" / name).read_text(encoding="utf-8") == text, (
            f"src/lessonkit/demo/{name} differs from examples/{name}: rebuild with examples/*.sh and copy"
        )


def test_demo_into_a_file_path_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["demo", "--out", str(blocker / "sub")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
