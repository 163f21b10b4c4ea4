"""``settings.ee.baseline`` is read as a path with care: relative to the session file's folder,
only a regular file, a size cap, and a clear error with exit 1 when it cannot be read."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lessonkit.cli import cli

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, [str(a) for a in args])


def with_baseline(path: Path, baseline: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("settings", {}).setdefault("ee", {})["baseline"] = baseline
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "round2"
    folder.mkdir()
    path = folder / "followup.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    shutil.copy(DEMO / "seeds-workshop.json", folder / "base.json")
    return path


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_relative_baseline_is_resolved_from_the_session_folder(
        runner: CliRunner, workshop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_baseline(workshop, "base.json")
    monkeypatch.chdir(tmp_path)  # not the session's folder
    result = run(runner, "report", workshop, "--format", "md", "--group", "g2", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "Change since the baseline" in result.stdout or "baseline" in result.stdout.lower()


def test_missing_baseline_is_exit_1_not_a_hint_in_the_report(runner: CliRunner, workshop: Path,
                                                             tmp_path: Path) -> None:
    with_baseline(workshop, "nope.json")
    out = tmp_path / "r.html"
    line = one_line_error(run(runner, "report", workshop, "-o", out))
    assert "settings.ee.baseline ('nope.json' from the session's folder)" in line
    assert "no such file" in line and str(workshop.parent / "nope.json") in line
    assert not out.exists()


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_device_baseline_is_refused_not_read(runner: CliRunner, workshop: Path, target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"no {target}")
    with_baseline(workshop, target)
    line = one_line_error(run(runner, "report", workshop, "--format", "txt"))
    assert "not a regular file" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_baseline_does_not_hang(runner: CliRunner, workshop: Path) -> None:
    fifo = workshop.parent / "pipe.json"
    os.mkfifo(fifo)
    with_baseline(workshop, "pipe.json")
    outcome: list[Result] = []
    thread = threading.Thread(target=lambda: outcome.append(run(runner, "report", workshop,
                                                                "--format", "txt")), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert outcome, "the report hung on a FIFO baseline"
    assert "not a regular file" in one_line_error(outcome[0])


def test_baseline_size_cap_and_not_a_session(runner: CliRunner, workshop: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import lessonkit_ee.report as ee_report

    monkeypatch.setattr(ee_report, "BASELINE_MAX_BYTES", 1000)
    with_baseline(workshop, "base.json")
    line = one_line_error(run(runner, "report", workshop, "--format", "txt"))
    assert "more than the 1,000 a baseline session file may have" in line
    monkeypatch.setattr(ee_report, "BASELINE_MAX_BYTES", 1 << 20)
    (workshop.parent / "base.json").write_text("[1, 2]", encoding="utf-8")
    assert "a session file holds a JSON object" in one_line_error(
        run(runner, "report", workshop, "--format", "txt"))
    with_baseline(workshop, "")
    assert "must be the path of a session file" in one_line_error(
        run(runner, "report", workshop, "--format", "txt"))


def test_session_itself_on_a_device_or_fifo_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    assert "not a regular file" in one_line_error(run(runner, "show", "/dev/zero"))
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "ws.json"
        os.mkfifo(fifo)
        assert "not a regular file" in one_line_error(run(runner, "validate", fifo))
