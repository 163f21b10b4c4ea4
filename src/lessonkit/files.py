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
    "read_regular",
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
        if abs(value) >= 10**18:
            raise ValueError(f"the number has {len(str(abs(value)))} digits, more than 18")
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
    groups = []
    for group in body["groups"]:
        group["participants"] = [_drop_defaults(p) for p in group["participants"]]
        group["entries"] = [_drop_defaults(e) for e in group["entries"]]
        group["actions"] = [_drop_defaults(a) for a in group["actions"]]
        groups.append(_drop_empty(group, keep=("key", "name")))
    body["groups"] = groups
    return {"schema_version": SCHEMA_VERSION, **_drop_empty(body, keep=("title", "methods", "groups"))}


def _drop_empty(data: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """Leave out ``None`` and empty lists and objects, except the fields in ``keep``."""
    return {k: v for k, v in data.items() if k in keep or (v is not None and v != [] and v != {})}


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
    """Turn plain data (as read from JSON) into a :class:`Session`, migrating old versions.

    >>> from_data({"schema_version": 1, "title": "AAR"}).title
    'AAR'
    >>> from_data({"title": "AAR"})
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: session: 'schema_version' is missing or not a whole number (got None) (is this a lessonkit session file?)
    """
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
    """The session as JSON text: UTF-8 Thai unescaped, indented, score columns on one line each.

    >>> print(dumps(Session(title="ทบทวน")), end="")
    {
      "schema_version": 1,
      "title": "ทบทวน",
      "locale": "th",
      "methods": [],
      "groups": []
    }
    """
    data = to_data(session)
    compact: list[str] = []
    for group in data["groups"]:
        for table in group.get("scores", {}).values():
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
    """Parse JSON text into a :class:`Session`; every failure is a :class:`SessionFileError`.

    The JSON is read strictly (:func:`lessonkit.jsonsafe.parse`): duplicate keys,
    NaN/Infinity, huge numbers, lone surrogates and deep nesting are refused, so
    whatever loads can be printed, exported and saved again.

    >>> loads('{"schema_version": 1, "title": "AAR"}').title
    'AAR'
    >>> loads("{", where="w.json")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: w.json: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2
    >>> loads('{"schema_version": 1, "title": "A", "title": "B"}', where="w.json")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: w.json: not valid JSON: duplicate key 'title' in one object (keys: schema_version, title) (a key may appear once in an object: keep the one you mean and delete the other)
    """
    from lessonkit.jsonsafe import parse

    return from_data(parse(text, where), where=where)


#: The largest file lessonkit reads (sessions, baselines, imported data), in bytes.
MAX_READ_BYTES = 1 << 30


def read_regular(path: str | os.PathLike[str], *, what: str = "session file",
                 limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    A device (``/dev/zero`` would be read until memory runs out), a FIFO (reading
    would wait for a writer for ever), a socket or a folder is refused, without
    blocking; so is a file larger than ``limit``. Every failure is one
    :class:`SessionFileError` naming the file.

    >>> read_regular("/dev/zero")
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: /dev/zero is not a regular file (a device, FIFO or socket), not a session file
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SessionFileError(f"no such file: {path}", code="no_file") from None
    except IsADirectoryError:
        raise SessionFileError(f"{path} is a folder, not a {what}") from None
    except OSError as exc:
        raise SessionFileError(f"cannot read {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SessionFileError(f"{path} is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise SessionFileError(f"{path} is not a regular file (a device, FIFO or socket), "
                                   f"not a {what}")
        if info.st_size > limit:
            raise SessionFileError(f"{path} is {info.st_size:,} bytes, more than the {limit:,} "
                                   f"a {what} may have")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SessionFileError(f"cannot read {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise SessionFileError(f"{path} grew beyond the {limit:,} bytes a {what} may have")
    return data


def load(path: str | os.PathLike[str]) -> Session:
    """Read a session file (a regular file: :func:`read_regular`).

    >>> load("workshop.json").title                      # doctest: +SKIP
    'แลกเปลี่ยนเรียนรู้และกำหนดแนวทางปฏิบัติด้านการคุ้มครองทางสังคม'
    >>> load("/no/such/file.json").code
    Traceback (most recent call last):
    lessonkit.errors.SessionFileError: no such file: /no/such/file.json
    """
    return loads(read_regular(path), where=str(Path(path)))


def save(session: Session, path: str | os.PathLike[str]) -> None:
    """Write ``session`` to ``path`` atomically, keeping the file's permissions.

    Written by :func:`write_session_text`. Raises :class:`SessionFileError` when the
    file cannot be written and :class:`ValidationError` when the session holds a value
    the format has no place for; either way the old file is left intact.

    >>> save(session, "workshop.json")                     # doctest: +SKIP
    """
    write_session_text(path, dumps(session))


def write_session_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` in one step: temporary file, fsync, rename.

    Written by :func:`lessonkit.output.write_file`: the temporary file is created
    with its final permissions (those of the file it replaces, or 0o666 less the
    umask); a symbolic link is followed (its target is updated, the link stays); a
    device or FIFO is refused; every failure is one :class:`SessionFileError`.
    Stores call this with text they have checked.

    >>> write_session_text("workshop.json", dumps(session))   # doctest: +SKIP
    """
    from lessonkit.output import write_file

    write_file(path, text, error=SessionFileError, what="session file")


@contextlib.contextmanager
def lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through ``PATH.lock`` beside it).

    The lock is the operating system's (``flock``, or ``msvcrt.locking`` on
    Windows), held on the open lock file: it ends when the holder closes it or
    its process ends. The holder removes the lock file when it is done (except
    on Windows); one left by a command that was killed is harmless and never
    needs deleting (deleting a lock file by hand while a command holds it would
    let a second writer in). Waits ``timeout`` seconds, then raises :class:`SessionFileError`
    with code ``locked``. A symbolic link is resolved first, so editing a session
    through a link and through its target take the same lock.

    >>> with lock("workshop.json", timeout=5):              # doctest: +SKIP
    ...     save(session, "workshop.json")
    """
    lock_path = Path(f"{os.path.realpath(os.fspath(path))}.lock")
    deadline = time.monotonic() + timeout
    while True:
        try:
            handle = open(lock_path, "a+b")
        except OSError as exc:
            raise SessionFileError(f"cannot create the lock file {lock_path}: {exc.strerror}") from None
        try:
            _try_lock(handle)
        except OSError:
            handle.close()
            holder = _holder(lock_path)
            if holder is not None:  # a server holds the file for its lifetime: no use waiting
                raise SessionFileError(
                    f"{path} is served by {holder}", code="locked",
                    hint="make the change on the server's pages, or stop the server (Ctrl+C) first",
                ) from None
            if time.monotonic() >= deadline:
                raise SessionFileError(
                    f"{path} is being changed by another lessonkit command", code="locked",
                    hint="wait for it to finish and try again; the lock ends with the command "
                         f"that holds it, so {lock_path.name} never needs deleting",
                ) from None
            time.sleep(0.01)
            continue
        if _is_current(handle, lock_path):
            break
        handle.close()  # its holder removed it on finishing: lock the file now at that path
    try:
        yield
    finally:
        try:
            if sys.platform != "win32":
                # Removed while still held, so no lock file stays beside the session; a
                # waiter that locked the removed file sees it is gone and tries again.
                with contextlib.suppress(OSError):
                    os.unlink(lock_path)
            _unlock(handle)
        finally:
            handle.close()


def _is_current(handle: Any, lock_path: Path) -> bool:
    """Whether the locked file is still the one at ``lock_path`` (not removed by its last holder)."""
    if sys.platform == "win32":  # pragma: no cover - lock files are not removed on Windows
        return True
    try:
        on_path = os.stat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (held.st_dev, held.st_ino) == (on_path.st_dev, on_path.st_ino)


def _holder(lock_path: Path) -> str | None:
    """Who holds the lock for long, as written into the lock file by a server (else None)."""
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    if isinstance(pid, int) and not isinstance(pid, bool) and sys.platform != "win32":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:  # left behind by a server that was killed
            return None
        except OSError:
            pass
    what = str(data.get("what") or "another lessonkit program")
    parts = [f"pid {data['pid']}"] if data.get("pid") else []
    if data.get("url"):
        parts.append(str(data["url"]))
    return f"{what} ({', '.join(parts)})" if parts else what


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
