"""What the wheel ships: typing markers, entry points, dependency floors."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_the_core_and_the_three_plugins_are_typed(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for package in ("lessonkit", "lessonkit_aar", "lessonkit_ee", "lessonkit_5c4f"):
        assert f"{package}/py.typed" in names, package


def test_the_pytest_plugin_is_opt_in(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "[pytest11]" not in text  # hosts' test runs do not load lessonkit.testing
    assert "[lessonkit]" in text


def test_click_floor_excludes_8_2_0(wheel: zipfile.ZipFile) -> None:
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    requires = [line for line in wheel.read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist: click")]
    assert requires == ["Requires-Dist: click>=8.2.1"]
