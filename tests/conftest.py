"""Shared fixtures: fresh plugin managers, a CLI runner, example sessions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from lessonkit.cli import _common
from lessonkit.plugins import Registry, get_registry

# lessonkit's pytest plugin is opt-in (no pytest11 entry point): load it for these tests.
pytest_plugins = ["lessonkit.testing"]

# Property tests check what happens, not how fast: no per-example deadline (on a shared or
# slow machine the default 200 ms makes them fail by chance). A test may still set its own.
settings.register_profile("lessonkit", deadline=None)
settings.load_profile("lessonkit")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(autouse=True)
def _english_system_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Help and click's messages follow the system locale (LANG=th_TH.UTF-8 shows them in
    Thai): the tests expect English unless they ask for Thai, on any developer's machine."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def registry() -> Registry:
    """A fresh registry with the installed plugins (the three built-in methods)."""
    return get_registry()


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    """A click runner; the CLI's plugin state is reset around each test."""
    _common.reset()
    yield CliRunner()
    _common.reset()


@pytest.fixture
def seeds_file(tmp_path: Path) -> Path:
    """A copy of the seeds' example workshop."""
    target = tmp_path / "seeds-workshop.json"
    target.write_bytes((EXAMPLES / "seeds-workshop.json").read_bytes())
    return target
