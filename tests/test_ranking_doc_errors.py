"""docs/ranking.md's error examples are the messages the command line really prints (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import lessonkit_ee
from lessonkit.testing import LessonkitRunner

DOC = Path(__file__).parent.parent / "docs" / "ranking.md"


def _documented_errors() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("Every invalid value is refused")
    block = re.search(r"```\n(.*?)```", text[start:], re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.startswith("Error: ")]


def test_the_documented_score_errors_are_the_real_ones(tmp_path: Path) -> None:
    runner = LessonkitRunner().use(lessonkit_ee)
    path = tmp_path / "ws.json"

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(*args)
        return result.exit_code, result.stderr

    assert run("new", str(path), "--title", "t", "--method", "ee", "--locale", "en")[0] == 0
    assert run("group", "add", str(path), "g1", "--name", "G")[0] == 0
    assert run("participant", "add", str(path), "--group", "g1", "--count", "3")[0] == 0
    assert run("answer", str(path), "--group", "g1", "--method", "ee", "--prompt", "activities",
               "A", "B")[0] == 0
    before = path.read_bytes()
    documented = _documented_errors()
    code, err = run("score", str(path), "--group", "g1", "--method", "ee", "--prompt", "importance",
                    "--participant", "p3", "e1=4")
    assert code == 1 and err.strip() == documented[0]
    code, err = run("score", str(path), "--group", "g1", "--method", "ee", "--prompt", "dots",
                    "--participant", "p2", "e1=3", "e2=3")
    shown = documented[1].rstrip("…").rstrip()
    assert code == 1 and err.strip().startswith(shown), (err, shown)
    assert path.read_bytes() == before
