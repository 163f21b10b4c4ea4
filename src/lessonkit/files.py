"""The session file: UTF-8 JSON with a ``schema_version``, migrations, atomic save, a lock.

>>> import lessonkit.files as files                       # doctest: +SKIP
>>> with files.edit("workshop.json") as session:          # doctest: +SKIP
...     session.venue = "Bangkok"

:func:`edit` holds the file's lock from load to save, so two processes doing
load-change-save on one file cannot lose each other's changes; when the block
raises, nothing is written. :func:`save` writes a temporary file in the same
folder, flushes it to disk and replaces the old file in one step, keeping its
permissions: a save that fails half-way leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from lessonkit.errors import LessonkitError, SessionFileError, ValidationError
from lessonkit.model import ActionItem, Entry, Group, Participant, Session
from lessonkit.scores import ScoreTable

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "converter",
    "dumps",
    "edit",
    "from_data",
    "load",
    "loads",
    "lock",
    "save",
    "to_data",
    "write_session_text",
]

#: The version of the file format this lessonkit writes.
SCHEMA_VERSION = 1
#: ``MIGRATIONS[n]`` turns the plain data of version ``n`` into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
#: How long :func:`lock` waits for another process before giving up, in seconds.
LOCK_TIMEOUT = 30.0


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)

    def structure_date(value: Any, _type: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"a date must be an ISO string like 2017-12-22 (got {value!r})")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date like 2017-12-22") from None

    def structure_str(value: Any, _type: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value

    def structure_int(value: Any, _type: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value

    def structure_bool(value: Any, _type: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value

    def structure_any(value: Any, _type: Any) -> Any:
        return value

    def structure_table(value: Any, _type: Any) -> ScoreTable:
        try:
            return ScoreTable.from_data(value, where="")
        except ValidationError as exc:
            raise ValueError(exc.message + (f" (at {exc.where.lstrip('.')})" if exc.where else "")) from None

    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, structure_date)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(Any, structure_any)
    conv.register_unstructure_hook(ScoreTable, lambda t: t.to_data())
    conv.register_structure_hook(ScoreTable, structure_table)
    for cls in (Session, Group, Participant, Entry, ActionItem):
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))
    return conv


#: The one converter between the model and plain data.
converter = _make_converter()


def _drop_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional values so files stay short and readable."""
    return {k: v for k, v in data.items() if v is not None and v != {} and
            not (v == [] and k in {"tags", "actions", "entries", "participants", "members"})}


def to_data(session: Session) -> dict[str, Any]:
    """The session as plain JSON-able data, ``schema_version`` first.

    A value the format has no place for (a number as an owner, a string as a
    date set behind the model's back) raises :class:`ValidationError`.

    >>> to_data(Session(title="AAR"))["schema_version"]     # doctest: +SKIP
    1
    """
    try:
        body = converter.unstructure(session)
    except Exception as exc:  # a value of the wrong type, set without the model's checks
        raise ValidationError(f"the session holds a value that cannot be saved: "
                              f"{type(exc).__name__}: {exc}") from None
    for group in body["groups"]:
        group["participants"] = [_drop_defaults(p) for p in group["participants"]]
        group["entries"] = [_drop_defaults(e) for e in group["entries"]]
        group["actions"] = [_drop_defaults(a) for a in group["actions"]]
    return {"schema_version": SCHEMA_VERSION, **body}


def _format_cattrs_error(exc: Exception) -> str:
    def fmt(err: BaseException, _type: Any) -> str:
        if isinstance(err, KeyError):
            return "required field missing"
        if isinstance(err, cattrs.ForbiddenExtraKeysError):
            return f"unknown field(s) {', '.join(sorted(err.extra_fields))}"
        if isinstance(err, LessonkitError):
            return err.message
        if isinstance(err, (ValueError, TypeError)):
            text = str(err)
            if "'NoneType'" in text or "not iterable" in text or "argument" in text:
                return f"wrong type, expected {getattr(_type, '__name__', _type)}"
            return text
        return f"{type(err).__name__}: {err}"

    lines = cattrs.transform_error(exc, path="$", format_exception=fmt)
    if not lines:
        return str(exc)
    first = lines[0]
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return first + more


def from_data(data: Any, where: str = "session") -> Session:
    """Turn plain data (as read from JSON) into a :class:`Session`, migrating old versions."""
    if not isinstance(data, dict):
        raise SessionFileError(f"a session file holds a JSON object, not {type(data).__name__}", where=where)
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SessionFileError(
            f"'schema_version' is missing or not a whole number (got {version!r})", where=where,
            hint="is this a lessonkit session file?",
        )
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            f"the file is schema version {version}, newer than this lessonkit reads ({SCHEMA_VERSION})",
            where=where, hint="upgrade lessonkit: pip install -U lessonkit",
        )
    if version < 0 or (version < SCHEMA_VERSION and version not in MIGRATIONS):
        raise SessionFileError(f"schema version {version} is not one lessonkit knows", where=where)
    body = dict(data)
    while version < SCHEMA_VERSION:
        try:
            body = MIGRATIONS[version](body)
        except LessonkitError:
            raise
        except Exception as exc:
            raise SessionFileError(
                f"cannot migrate from schema version {version}: {type(exc).__name__}: {exc}", where=where
            ) from None
        version += 1
        body["schema_version"] = version
    body.pop("schema_version", None)
    try:
        return converter.structure(body, Session)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        message = _format_cattrs_error(exc) if isinstance(exc, cattrs.BaseValidationError) else str(exc)
        raise SessionFileError(f"invalid session: {message}", where=where) from None
    except LessonkitError as exc:
        raise SessionFileError(f"invalid session: {exc}", where=where) from None


_MARK = "@@lessonkit-compact-"


def dumps(session: Session) -> str:
    """The session as JSON text: UTF-8 Thai unescaped, indented, score columns on one line each."""
    data = to_data(session)
    compact: list[str] = []
    for group in data["groups"]:
        for table in group["scores"].values():
            compact.append(json.dumps(table["participants"], ensure_ascii=False, separators=(",", ":")))
            table["participants"] = f"{_MARK}{len(compact) - 1}"
            for column in table["columns"]:
                compact.append(json.dumps(column["values"], separators=(",", ":")))
                column["values"] = f"{_MARK}{len(compact) - 1}"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if compact:
        parts = text.split(f'"{_MARK}')
        out = [parts[0]]
        for part in parts[1:]:
            index, _quote, rest = part.partition('"')
            out.append(compact[int(index)])
            out.append(rest)
        text = "".join(out)
    return text + "\n"


def loads(text: str | bytes, where: str = "session") -> Session:
    """Parse JSON text into a :class:`Session`; every failure is a :class:`SessionFileError`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SessionFileError(f"not UTF-8 text (byte {exc.start})", where=where) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionFileError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", where=where
        ) from None
    except RecursionError:
        raise SessionFileError("not valid JSON: nested too deeply", where=where) from None
    return from_data(data, where=where)


def load(path: str | os.PathLike[str]) -> Session:
    """Read a session file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"no such file: {path}", code="no_file") from None
    except IsADirectoryError:
        raise SessionFileError(f"{path} is a folder, not a session file") from None
    except OSError as exc:
        raise SessionFileError(f"cannot read {path}: {exc.strerror}") from None
    return loads(raw, where=str(path))


def save(session: Session, path: str | os.PathLike[str]) -> None:
    """Write ``session`` to ``path`` atomically, keeping the file's permissions.

    A new file gets the usual permissions (0o666 less the umask). Raises
    :class:`SessionFileError` when the file cannot be written and
    :class:`ValidationError` when the session holds a value the format has
    no place for; either way the old file is left intact.

    >>> save(session, "workshop.json")                     # doctest: +SKIP
    """
    write_session_text(path, dumps(session))


def write_session_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` in one step: temporary file, fsync, rename.

    The temporary file is created with its final permissions (those of the
    file it replaces, or 0o666 less the umask), so the process-wide umask is
    never touched. Stores call this with text they have checked.

    >>> write_session_text("workshop.json", dumps(session))   # doctest: +SKIP
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise SessionFileError(f"cannot write {path}: {exc.strerror}") from None
    try:
        fd, tmp = _create_temp(folder, path.name)
    except OSError as exc:
        raise SessionFileError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, PermissionError):
            raise SessionFileError(
                f"cannot replace {path}: permission denied",
                hint="is it open in another program, such as Word or Excel? close it and try again",
            ) from None
        if isinstance(exc, OSError):
            raise SessionFileError(f"cannot write {path}: {exc.strerror}") from None
        raise
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _create_temp(folder: Path, name: str, mode: int = 0o666) -> tuple[int, str]:
    """A new file beside ``name``, created with ``mode`` (less the umask) by the kernel."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {name}")


@contextlib.contextmanager
def lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through ``PATH.lock`` beside it).

    The lock is the operating system's (``flock``, or ``msvcrt.locking`` on
    Windows), held on the open lock file: it ends when the holder closes it or
    its process ends, so a ``.lock`` file left beside a session is harmless and
    must not be deleted (deleting it while a command holds it would let a second
    writer in). Waits ``timeout`` seconds, then raises :class:`SessionFileError`.

    >>> with lock("workshop.json", timeout=5):              # doctest: +SKIP
    ...     save(session, "workshop.json")
    """
    lock_path = Path(f"{os.fspath(path)}.lock")
    try:
        handle = open(lock_path, "a+b")
    except OSError as exc:
        raise SessionFileError(f"cannot create the lock file {lock_path}: {exc.strerror}") from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                _try_lock(handle)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise SessionFileError(
                        f"{path} is being changed by another lessonkit command",
                        hint="wait for it to finish and try again; the lock ends with the command "
                             f"that holds it, so {lock_path.name} never needs deleting",
                    ) from None
                time.sleep(0.01)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: Any) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: Any) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: Any) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: Any) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def edit(
    path: str | os.PathLike[str], *, create: Session | None = None, timeout: float = LOCK_TIMEOUT,
) -> Iterator[Session]:
    """Load, change and save a session file under its lock.

    With ``create``, a missing file starts as that session. ``timeout`` is how
    long to wait for another writer's lock, in seconds. When the block raises,
    the file is left as it was. (:class:`lessonkit.store.JsonFileStore` does
    the same and also runs the methods' checks before saving.)

    >>> with edit("workshop.json", timeout=5) as session:   # doctest: +SKIP
    ...     session.venue = "Bangkok"
    """
    with lock(path, timeout=timeout):
        if create is not None and not Path(path).exists():
            session = create
        else:
            session = load(path)
        yield session
        save(session, path)
