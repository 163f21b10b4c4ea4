"""Saving safely: lock timeouts, the lock hint, lock files, file modes without the umask.

These need only lessonkit.files (and the CLI), so they run against any release.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import files, workshop
from lessonkit.errors import SessionFileError
from lessonkit.model import Session
from lessonkit.plugins import Registry


def _session(registry: Registry) -> Session:
    session = workshop.new_session(registry, "ทบทวนหลังปฏิบัติ", methods=["aar"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    return session


def test_edit_takes_a_lock_timeout(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    files.save(_session(registry), path)
    started = time.monotonic()
    with files.lock(path), pytest.raises(SessionFileError), files.edit(path, timeout=0.05):
        pass
    assert time.monotonic() - started < 5


def test_lock_hint_does_not_say_delete(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with files.lock(path), pytest.raises(SessionFileError) as info, files.lock(path, timeout=0.01):
        pass
    text = str(info.value)
    assert "never needs deleting" in text
    assert "if none is running, delete" not in text


def test_save_creates_with_the_umask_and_keeps_modes(tmp_path: Path, registry: Registry) -> None:
    old = os.umask(0o027)
    try:
        path = tmp_path / "w.json"
        files.save(_session(registry), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        os.chmod(path, 0o604)
        files.save(_session(registry), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o604
    finally:
        os.umask(old)


def test_save_never_touches_the_umask(tmp_path: Path, registry: Registry,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(_mask: int) -> int:
        raise AssertionError("os.umask changes process-wide state; threaded hosts race on it")

    session = _session(registry)
    monkeypatch.setattr(os, "umask", forbidden)
    files.save(session, tmp_path / "fresh.json")
    assert files.load(tmp_path / "fresh.json").title == session.title


def test_report_output_never_touches_the_umask(runner: CliRunner, seeds_file: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from lessonkit.cli import cli

    def forbidden(_mask: int) -> int:
        raise AssertionError("os.umask changes process-wide state; threaded hosts race on it")

    monkeypatch.setattr(os, "umask", forbidden)
    out = tmp_path / "report.md"
    result = runner.invoke(cli, ["report", str(seeds_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")
    os.chmod(out, 0o600)
    result = runner.invoke(cli, ["report", str(seeds_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600  # an existing report keeps its mode


def test_no_lock_file_stays_after_an_edit(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "w.json"
    files.save(_session(registry), path)
    with files.edit(path) as session:
        assert (tmp_path / "w.json.lock").exists()
        session.venue = "Narathiwat"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json"]
