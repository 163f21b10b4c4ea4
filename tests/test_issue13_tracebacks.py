"""Each traceback reported in issue 13, replayed: now one clear line, exit 1, files unchanged.

(The same ground is covered more widely by test_load_strict, test_output, test_terminal,
test_import_strict and test_fuzz; this file keeps the issue's list in one place.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lessonkit.cli import cli
from lessonkit.errors import ValidationError
from lessonkit.importing import read_csv

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"
HUGE = "9" * 4301


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, [str(a) for a in args])


def clear_error(result: Result) -> str:
    """Exit 1, no exception escaped, one error line (last on stderr, after any warnings the
    command gave before it failed), nothing on stdout."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    return errors[0]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    return path


def _edit(path: Path, old: str, new: str) -> bytes:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_bytes()


def _every_reader(path: Path, out: Path) -> list[list[str | Path]]:
    rank = ["rank", path, "--group", "g2", "--method", "ee", "--prompt", "importance"]
    return [["validate", path], ["show", path], rank, [*rank, "--format", "csv"],
            ["export", path], ["export", path, "--format", "xlsx", "-o", out / "x.xlsx"],
            ["report", path, "-o", out / "r.json"], ["group", "add", path, "g9", "--name", "x"]]


def test_a_4301_digit_integer_in_the_file(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    before = _edit(seeds, "[3,3,3,2,3,3,2,3]", f"[{HUGE},3,3,2,3,3,2,3]")
    for args in _every_reader(seeds, tmp_path):
        assert "more than 4300 digits" in clear_error(run(runner, *args))
    assert seeds.read_bytes() == before


def test_a_4301_digit_item_number_typed(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    area = tmp_path / "area.json"
    shutil.copy(DEMO / "phatthalung-5c4f.json", area)
    assert "unknown item" in clear_error(run(runner, "aar", "act", seeds, "--group", "g1", HUGE))
    assert "unknown item" in clear_error(run(
        runner, "5c4f", "assess", area, "--group", "kokmuang", "--participant", "p1",
        "--activity", HUGE, "all=sometimes"))


def test_a_lone_surrogate_in_the_file(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    before = _edit(seeds, '"เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง"', '"\\ud800"')
    for args in _every_reader(seeds, tmp_path):
        assert "lone surrogate" in clear_error(run(runner, *args))
    assert seeds.read_bytes() == before


def test_a_lone_surrogate_typed_as_an_answer(runner: CliRunner, seeds: Path) -> None:
    before = seeds.read_bytes()
    line = clear_error(run(runner, "answer", seeds, "--group", "g1", "--method", "ee", "--prompt",
                           "objectives", "bad\udcff"))
    assert "not valid Unicode" in line
    assert seeds.read_bytes() == before


def test_data_nested_950_deep(runner: CliRunner, seeds: Path, tmp_path: Path) -> None:
    before = _edit(seeds, '"top_k": 4', f'"top_k": 4, "deep": {"[" * 950}{"]" * 950}')
    for args in _every_reader(seeds, tmp_path):
        assert "nested more than 64 deep" in clear_error(run(runner, *args))
    assert seeds.read_bytes() == before


@pytest.mark.parametrize("target", ["{tmp}/no/such/dir/r.html", "/proc/r.html"])
def test_report_to_a_place_that_cannot_be_written(runner: CliRunner, seeds: Path, tmp_path: Path,
                                                  target: str) -> None:
    if target.startswith("/proc") and not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    line = clear_error(run(runner, "report", seeds, "-o", target.format(tmp=tmp_path)))
    assert "cannot write" in line


def test_report_into_a_read_only_folder(runner: CliRunner, seeds: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    real_open = os.open

    def read_only(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", read_only)
    assert "permission denied" in clear_error(run(runner, "report", seeds, "-o", tmp_path / "r.html"))


@pytest.mark.parametrize("target", ["{tmp}/no/dir/m.json", ""])
def test_write_mapping_that_cannot_be_written(runner: CliRunner, seeds: Path, tmp_path: Path,
                                              target: str) -> None:
    data = tmp_path / "answers.csv"
    data.write_text("Name,Colour\nA,red\n", encoding="utf-8")
    clear_error(run(runner, "import", seeds, data, "--write-mapping", target.format(tmp=tmp_path)))


def test_read_csv_of_empty_cells() -> None:
    with pytest.raises(ValidationError, match="no header row"):
        read_csv(b",,,\n")


def test_report_to_dev_stdout_and_export_onto_the_session(runner: CliRunner, seeds: Path) -> None:
    before = seeds.read_bytes()
    assert "device" in clear_error(run(runner, "report", seeds, "-o", "/dev/stdout", "--format",
                                       "txt")) or not Path("/dev/stdout").exists()
    assert "would overwrite the session file" in clear_error(run(runner, "export", seeds, "-o", seeds))
    assert seeds.read_bytes() == before
    assert json.loads(before)  # still the session


def test_a_method_whose_plugin_is_not_installed_is_left_out_of_the_report(
        runner: CliRunner, seeds: Path) -> None:
    """Found by the 10,000-file fuzz run: load accepted the file, report exited 1."""
    data = json.loads(seeds.read_text(encoding="utf-8"))
    data["methods"].append("notinstalled")
    seeds.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(runner, "report", seeds, "--format", "md", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "method 'notinstalled' is not installed" in result.stderr
    assert "Traceback" not in result.output and result.stdout
