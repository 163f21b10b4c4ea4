"""``lessonkit demo``: the README's main job."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit.cli import cli
from lessonkit.demo_run import demo_sessions

ROOT = Path(__file__).resolve().parent.parent


SESSIONS = ("seeds-workshop", "phatthalung-5c4f")
FORMATS = ("md", "html", "txt", "json", "docx")


def test_demo_writes_every_format_and_prints_the_ranking(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    for name in SESSIONS:
        assert f"{name}.json" in names
        for ext in FORMATS:
            assert f"{name}-report.{ext}" in names
            assert (out / f"{name}-report.{ext}").stat().st_size > 1000
    assert len(names) == len(SESSIONS) * (1 + len(FORMATS))
    session = json.loads((out / "seeds-workshop.json").read_text(encoding="utf-8"))
    assert len(session["groups"]) == 4
    # the ranked taking-stock table of group 2 goes to stdout, in Thai
    assert "การคุ้มครองทางสังคมสำหรับวัยแรงงาน" in result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("๑ ") for line in lines)  # Thai numerals, as in the report
    assert "ลำดับ" in result.stdout
    assert "seeds-workshop-report.html" in result.stderr
    assert f"เขียนไฟล์ ๑๒ ไฟล์ไว้ใน {out}" in result.stderr  # the count in the tables' digits
    html = (out / "seeds-workshop-report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "กลุ่ม" in html


def test_demo_5c4f_assessment(runner: CliRunner, tmp_path: Path) -> None:
    """The Phatthalung area assessment: its report in every format, the radar chart in
    the HTML, and its ranked children's needs printed after the taking-stock table."""
    out = tmp_path / "demo"
    result = runner.invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    session = json.loads((out / "phatthalung-5c4f.json").read_text(encoding="utf-8"))
    assert session["methods"] == ["5c4f"]
    [area] = session["groups"]
    assert len(area["participants"]) == 6
    html = (out / "phatthalung-5c4f-report.html").read_text(encoding="utf-8")
    assert 'class="chart radar"' in html and "<svg" in html
    # the activities of the seeds, by age band, in every text format
    for ext in ("md", "html", "txt"):
        text = (out / f"phatthalung-5c4f-report.{ext}").read_text(encoding="utf-8")
        if ext == "html":  # table cells hold each Thai word in a span: read the page's text
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
        for activity in ("กล่องรับขวัญ", "ศูนย์พัฒนาเด็กเล็ก", "เงินอุดหนุนเด็กแรกเกิด",
                         "แอปพลิเคชัน VNjoin", "ลาน ปัน ฟัน แฟร์", "Family Plus Package"):
            assert activity in text, (ext, activity)
        assert "Safe Zone For All" in text
        assert "ข้อมูลสมมติ (illustrative)" in text
    report = json.loads((out / "phatthalung-5c4f-report.json").read_text(encoding="utf-8"))
    assert "radar" in json.dumps(report)
    # the ranked needs follow the taking-stock table on stdout, the top need first
    stdout = result.stdout
    first = stdout.index("การคุ้มครองทางสังคมสำหรับวัยแรงงาน")
    needs = stdout.index("ใช้จุด ๕ จุดเลือกความต้องการที่สำคัญที่สุด")
    assert first < needs
    after = stdout[needs:].splitlines()
    top = next(line for line in after if line.startswith("๑ "))
    assert "Safe Zone For All" in top and " ๘ " in top


def test_demo_5c4f_report_in_english(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["demo", "--out", str(tmp_path), "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "phatthalung-5c4f-report.md").read_text(encoding="utf-8")
    assert "Comfort (safe)" in text and "Family-focused" in text
    assert "Spread 5 dots over the needs that matter most" in result.stdout


def test_demo_in_english(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["demo", "--out", str(tmp_path), "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Rank" in result.stdout
    assert "Wrote 12 files into" in result.stderr


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


@pytest.mark.slow
@pytest.mark.parametrize("name", SESSIONS)
def test_example_scripts_build_the_shipped_sessions(name: str, tmp_path: Path) -> None:
    """examples/NAME.sh, run with the installed CLI, rebuilds examples/NAME.json byte for byte."""
    import shutil
    import subprocess
    import sys

    lessonkit = Path(sys.executable).with_name("lessonkit")
    if not lessonkit.exists() or shutil.which("bash") is None:
        pytest.skip("needs bash and the lessonkit console script next to this Python")
    target = tmp_path / f"{name}.json"
    done = subprocess.run(["bash", str(ROOT / "examples" / f"{name}.sh"), str(target)],
                          env={**os.environ, "LESSONKIT": str(lessonkit)},
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == (ROOT / "examples" / f"{name}.json").read_text(encoding="utf-8")


def test_demo_digits_arabic_on_request(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["demo", "--out", str(tmp_path), "--digits", "arabic"])
    assert result.exit_code == 0, result.stderr
    assert any(line.startswith("1 ") for line in result.stdout.splitlines())
    assert "เขียนไฟล์ 12 ไฟล์" in result.stderr
