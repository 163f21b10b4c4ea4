"""``lessonkit.output.write_file``: the one writer behind every file lessonkit writes.

Devices, FIFOs and the session file itself are refused; symbolic links are followed (the
target changes, the link stays); every failure is one line with exit 1 and leaves nothing
behind; stale temporary files of killed writes are cleaned.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lessonkit import files
from lessonkit.cli import cli
from lessonkit.errors import SessionFileError
from lessonkit.output import OutputError, clean_stale_temps, write_file


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- the function -------------------------------------------------------------------------


def test_writes_and_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    assert write_file(path, "ก\n") == path.resolve()
    assert path.read_text(encoding="utf-8") == "ก\n"
    os.chmod(path, 0o600)
    write_file(path, b"two")
    assert path.read_bytes() == b"two" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_devices_are_refused_and_stay_devices(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(OutputError, match="it is a device, not a regular file") as info:
        write_file(device, "x")
    assert "leave out -o" in str(info.value)
    assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="FIFO"):
        write_file(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_and_an_empty_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"):
        write_file(tmp_path, "x")
    for name in ("", "   "):
        with pytest.raises(OutputError, match="no file name given"):
            write_file(name, "x")


def test_missing_folder_and_proc_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"the folder .*no/such does not exist"):
        write_file(tmp_path / "no" / "such" / "r.html", "x")
    if os.path.isdir("/proc/self"):
        with pytest.raises(OutputError, match=r"cannot write /proc/r\.html"):
            write_file("/proc/r.html", "x")


def test_read_only_folder_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OutputError, match="permission denied in the folder") as info:
        write_file(tmp_path / "r.html", "x")
    assert "read-only" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_symlink_is_followed_target_changes_link_stays(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "real.txt"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert write_file(link, "new") == target.resolve()
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_symlink_to_a_device_or_to_a_protected_file_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.html"
    link.symlink_to("/dev/null")
    with pytest.raises(OutputError, match="it is a device"):
        write_file(link, "x")
    session = tmp_path / "ws.json"
    session.write_text("{}", encoding="utf-8")
    other = tmp_path / "other.json"
    other.symlink_to(session)
    with pytest.raises(OutputError, match="would overwrite the session file"):
        write_file(other, "x", protect=[session])
    assert session.read_text(encoding="utf-8") == "{}"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.txt"
    path.write_text("old", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(SessionFileError, match="No space left on device"):
        write_file(path, "new", error=SessionFileError)
    assert path.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


def _dead_pid() -> int:
    for pid in range(4_000_000, 4_000_100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            continue
    pytest.skip("no free process id found")


def test_stale_temporaries_of_killed_writes_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    old = time.time() - 2 * 3600
    dead = tmp_path / f".ws.json.{_dead_pid()}-0a1b2c3d.tmp"        # a killed writer's
    mine = tmp_path / f".ws.json.{os.getpid()}-00000000.tmp"       # a live writer's
    legacy = tmp_path / ".ws.json.k2j4h5g6.tmp"                    # release 1's, an hour old
    fresh_legacy = tmp_path / ".ws.json.zzzzzzzz.tmp"              # release 1's, just now
    report = tmp_path / ".lessonkit-abc123.tmp"                     # release 1's report, old
    someone_else = tmp_path / ".other.json.123-aa.tmp"              # another file's
    for p in (dead, mine, legacy, fresh_legacy, report, someone_else):
        p.write_bytes(b"x" * 10)
    for p in (dead, mine, legacy, report, someone_else):
        os.utime(p, (old, old))
    write_file(path, "{}")
    assert leftovers(tmp_path) == sorted([mine.name, fresh_legacy.name, someone_else.name])
    assert clean_stale_temps(path, now=time.time() + 7200) == [fresh_legacy]


# -- every command that writes goes through it ----------------------------------------------


def test_session_edit_through_a_symlink_updates_the_target(runner: CliRunner, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "ws.json"
    real.parent.mkdir()
    assert run(runner, "new", real, "--title", "t", "--method", "aar").exit_code == 0
    link = tmp_path / "ws.json"
    link.symlink_to(real)
    result = run(runner, "group", "add", link, "g1", "--name", "G")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert [g.key for g in files.load(real).groups] == ["g1"]
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []
    # the holder removes its lock file when done: none stays beside the link or the target
    assert not (tmp_path / "ws.json.lock").exists() and not (real.parent / "ws.json.lock").exists()
    # the lock is the target's, whichever name is used: a writer through the link and one
    # through the real path exclude each other
    with files.lock(real):
        assert (real.parent / "ws.json.lock").exists() and not (tmp_path / "ws.json.lock").exists()
        with pytest.raises(SessionFileError) as caught, files.lock(link, timeout=0.05):
            pass
        assert caught.value.code == "locked"
    with files.lock(link):
        with pytest.raises(SessionFileError), files.lock(real, timeout=0.05):
            pass


def test_report_to_missing_folder_read_only_proc_and_devices(runner: CliRunner, seeds_file: Path,
                                                             tmp_path: Path) -> None:
    before = seeds_file.read_bytes()
    line = one_line_error(run(runner, "report", seeds_file, "-o", tmp_path / "no" / "dir" / "r.html"))
    assert "does not exist" in line
    if os.path.isdir("/proc/self"):
        assert "cannot write /proc/r.html" in one_line_error(
            run(runner, "report", seeds_file, "-o", "/proc/r.html"))
    line = one_line_error(run(runner, "report", seeds_file, "-o", "/dev/null", "--format", "html"))
    assert "device" in line and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert "would overwrite the session file" in one_line_error(
        run(runner, "report", seeds_file, "-o", seeds_file, "--format", "json"))
    assert seeds_file.read_bytes() == before


def test_export_onto_the_session_is_refused(runner: CliRunner, seeds_file: Path, tmp_path: Path) -> None:
    before = seeds_file.read_bytes()
    line = one_line_error(run(runner, "export", seeds_file, "-o", seeds_file))
    assert "the export would overwrite the session file" in line
    link = tmp_path / "answers.csv"
    link.symlink_to(seeds_file)
    assert "would overwrite" in one_line_error(run(runner, "export", seeds_file, "-o", link))
    assert "does not exist" in one_line_error(
        run(runner, "export", seeds_file, "-o", tmp_path / "nodir" / "a.csv"))
    assert seeds_file.read_bytes() == before
    assert run(runner, "export", seeds_file, "-o", tmp_path / "a.csv").exit_code == 0


def test_write_mapping_guards(runner: CliRunner, seeds_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "answers.csv"
    data.write_text("Name,Colour\nA,red\n", encoding="utf-8")
    before = seeds_file.read_bytes()
    for target, message in ((seeds_file, "would overwrite the session file"),
                            (data, "would overwrite the input file"),
                            (tmp_path / "no" / "m.json", "does not exist"),
                            ("", "no mapping name given")):
        line = one_line_error(run(runner, "import", seeds_file, data, "--write-mapping", target))
        assert message in line, line
    assert seeds_file.read_bytes() == before
    assert data.read_text(encoding="utf-8") == "Name,Colour\nA,red\n"


def test_a_file_of_secrets_is_created_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "ws.json.live"
    write_file(path, "{}", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    os.chmod(path, 0o644)  # loosened by hand: the next write puts it back
    write_file(path, "{}", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
