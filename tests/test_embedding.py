"""docs/embedding.md: its program is examples/host_app.py, its code runs, and a host type-checks."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOWTO = ROOT / "docs" / "embedding.md"
HOST = ROOT / "examples" / "host_app.py"


def _blocks(marker: str) -> list[str]:
    text = HOWTO.read_text(encoding="utf-8")
    return re.findall(rf"<!-- {marker} -->\n```python\n(.*?)```\n", text, re.DOTALL)


def test_the_program_shown_is_the_example_word_for_word() -> None:
    text = HOWTO.read_text(encoding="utf-8")
    shown = re.findall(r"<!-- file: (\S+) -->\n```python\n(.*?)```\n", text, re.DOTALL)
    assert shown == [("examples/host_app.py", HOST.read_text(encoding="utf-8"))]


def test_every_code_block_of_the_how_to_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks("run")
    assert len(blocks) >= 5
    monkeypatch.syspath_prepend(str(HOST.parent))
    monkeypatch.delitem(sys.modules, "host_app", raising=False)
    namespace: dict[str, Any] = {"__name__": "embedding_howto"}
    for block in blocks:
        exec(compile(block, str(HOWTO), "exec"), namespace)  # the page's own code
    assert namespace["status"] == 404


def _mypy() -> str:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the test extra)")
    return sys.executable


def _strict(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict as a host project runs it: its own folder, no lessonkit config."""
    for file in files:
        if file.parent != tmp_path:
            shutil.copy(file, tmp_path / file.name)
    return subprocess.run([_mypy(), "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", str(tmp_path / ".mypy_cache"), *[f.name for f in files]],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_the_example_host_passes_mypy_strict(tmp_path: Path) -> None:
    done = _strict(tmp_path, HOST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


@pytest.mark.slow
def test_mypy_rejects_a_misspelt_lessonkit_name(tmp_path: Path) -> None:
    typo = tmp_path / "typo.py"
    typo.write_text("import lessonkit\n\nsession: object = lessonkit.Sesion\n"
                    "store: object = lessonkit.MemoryStore\n", encoding="utf-8")
    done = _strict(tmp_path, typo)
    assert done.returncode == 1
    assert 'Module has no attribute "Sesion"' in done.stdout
    assert done.stdout.count("error:") == 1  # the real lazy names type-check
