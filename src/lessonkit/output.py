"""The one way lessonkit writes a file: session saves, reports, exports, mappings, the demo.

:func:`write_file` replaces the file in one step (a temporary file beside it,
flushed to disk, then renamed over it), so a reader never sees half a file and
a failed write leaves the old one intact. It also guards what it writes to:

* **only regular files**: a device (``/dev/null``, ``/dev/stdout``), a FIFO, a
  socket or a folder is refused — renaming over it would replace the device
  with a plain file, or write nothing where the user looks; so is any path in
  ``/dev`` or ``/proc`` (``/dev/stdout`` may lead to a regular file a shell
  redirected standard output to);
* **never a protected file**: a command names the files it must not overwrite
  (the session it reads, the data it imports), however the path is spelt —
  ``export ws.json -o ws.json`` is refused;
* **symlinks are followed, deliberately**: writing to a symbolic link replaces
  the file it points to and keeps the link, so a session shared through a link
  is updated for everyone (the lock is taken on the target too:
  :func:`real_path`). A link pointing at a device or at a protected file is
  refused like the device or the file itself;
* **one clear error** for every failure — a missing folder, a read-only folder,
  ``/proc``, a full disk, a file Word or Excel holds open — raised as the
  caller's :class:`~lessonkit.errors.LessonkitError` class (the CLI prints it
  on one line and exits with status 1). The temporary file is created inside
  the error handling and removed on failure;
* **stale temporary files are cleaned**: a write killed half-way (power cut,
  ``kill -9``) leaves ``.NAME.PID-TOKEN.tmp`` beside the file; the next write
  of the same file removes those whose process is gone (and release 1's
  ``.NAME.XXXXXXXX.tmp`` and ``.lessonkit-*.tmp`` once an hour old).

A new file gets the usual permissions (0o666 less the umask, applied by the
kernel when it is created); a replaced file keeps its own.

>>> write_file("report.html", "<html>…</html>", protect=["workshop.json"])  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lessonkit.errors import LessonkitError

__all__ = ["STALE_AGE", "OutputError", "check_output", "clean_stale_temps", "real_path", "write_file"]

#: Temporary files whose writer cannot be identified are removed once this old (seconds).
STALE_AGE = 3600.0
#: Folders of devices and processes, never written to.
_SPECIAL = ("/dev/", "/proc/")
#: A temporary file of a process that is gone is removed once this old (seconds).
_DEAD_AGE = 60.0


class OutputError(LessonkitError):
    """A file cannot be written where it was asked to go."""


def real_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with every symbolic link resolved (the file a write really changes)."""
    return Path(os.path.realpath(os.fspath(path)))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _temp_name(name: str) -> str:
    return f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _create_temp(folder: Path, name: str, mode: int = 0o666) -> tuple[int, str]:
    """A new file beside ``name``, created with ``mode`` less the umask by the kernel."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, _temp_name(name))
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, f"no free temporary name beside {name}")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError, ValueError):
        return True  # exists (another user's) or cannot tell: keep the file
    return True


def clean_stale_temps(path: str | os.PathLike[str], *, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed writes of ``path`` left beside it.

    Only lessonkit's own names are touched: ``.NAME.PID-TOKEN.tmp`` whose
    process is gone (and a minute old), and the older ``.NAME.XXXXXXXX.tmp``
    and ``.lessonkit-*.tmp`` once :data:`STALE_AGE` old. Returns what was removed.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.endswith(".tmp"):
            continue
        if name.startswith(prefix):
            middle = name[len(prefix):-len(".tmp")]
        elif name.startswith(".lessonkit-"):
            middle = ""
        else:
            continue
        if "." in middle or "/" in middle:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        age = now - info.st_mtime
        pid_text, dash, token = middle.partition("-")
        if dash and pid_text.isdigit() and token:
            stale = age >= _DEAD_AGE and not _pid_alive(int(pid_text))
        else:
            stale = age >= STALE_AGE
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def check_output(
    path: str | os.PathLike[str],
    *,
    protect: Iterable[str | os.PathLike[str] | None] = (),
    protect_label: str = "the session file",
    error: type[LessonkitError] = OutputError,
    what: str = "file",
) -> tuple[Path, os.stat_result | None]:
    """Refuse ``path`` now if :func:`write_file` would refuse it (before any long work).

    Returns the real path and its current status (``None`` for a new file).
    """
    raw = os.fspath(path)
    if not raw or not raw.strip():
        raise error(f"no {what} name given", hint="give a file name")
    target = real_path(raw)
    shown = raw if raw == str(target) else f"{raw} (→ {target})"
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    if info is None and not target.parent.is_dir():
        raise error(f"cannot write {shown}: the folder {target.parent} does not exist",
                    hint="create it first, or give another folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        hint = ("leave out -o to write to standard output"
                if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode) else "give a file name")
        raise error(f"cannot write {shown}: it is {_kind(info.st_mode)}, not a regular file", hint=hint)
    absolute = os.path.abspath(raw)
    if any(p.startswith(_SPECIAL) for p in (absolute, str(target))):
        # /dev/stdout, /dev/fd/1 and /proc/self/fd/1 name whatever standard output is:
        # replacing it would write where nobody looks (or over a file a shell redirected to)
        raise error(f"cannot write {raw}: it is a device or process file, not a regular file",
                    hint="leave out -o to write to standard output")
    if info is not None:
        for n, other in enumerate(protect):
            if other is None or not os.fspath(other):
                continue
            try:
                guarded = os.stat(other)
            except OSError:
                continue
            if _same(info, guarded):
                label = protect_label if n == 0 else "the input file"
                raise error(f"the {what} would overwrite {label} {os.fspath(other)}",
                            hint="give another file name")
    return target, info


def write_file(
    path: str | os.PathLike[str],
    data: str | bytes | Callable[[Callable[[bytes], Any]], None],
    *,
    protect: Iterable[str | os.PathLike[str] | None] = (),
    protect_label: str = "the session file",
    error: type[LessonkitError] = OutputError,
    what: str = "file",
    mode: int | None = None,
) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step.

    ``data`` may also be a function that writes the bytes itself, piece by piece, through
    the write function it is given (a large file is then never held whole); whatever it
    raises leaves the old file as it was.

    ``protect`` lists files this write must never replace (the session being
    read, an imported data file; the first is named ``protect_label`` in the
    message, the others "the input file"); ``error`` is the class raised for every
    failure; ``what`` names the file in messages (``report``, ``mapping``);
    ``mode`` fixes the file's permissions (``0o600`` for a file of secrets: the
    temporary file is created with them, never readable by others even for a moment).
    Returns the path written (symbolic links resolved).
    """
    target, info = check_output(path, protect=protect, protect_label=protect_label, error=error,
                                what=what)
    raw = os.fspath(path)
    shown = raw if raw == str(target) else f"{raw} (→ {target})"
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    try:
        fd, tmp = _create_temp(folder, target.name, 0o666 if mode is None else mode)
    except FileNotFoundError:
        raise error(f"cannot write {shown}: the folder {folder} does not exist",
                    hint="create it first, or give another folder") from None
    except PermissionError:
        raise error(f"cannot write {shown}: permission denied in the folder {folder}",
                    hint="is the folder read-only? give another folder") from None
    except OSError as exc:
        raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            keep = mode if mode is not None else (None if info is None else stat.S_IMODE(info.st_mode))
            if keep is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), keep)
            if callable(payload):
                payload(handle.write)
            else:
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, PermissionError):
            raise error(f"cannot replace {shown}: permission denied",
                        hint="is it open in another program, such as Word or Excel? "
                             "close it and try again") from None
        if isinstance(exc, OSError):
            raise error(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    clean_stale_temps(target)
    return target
