"""A session store that appends changes to a journal: one change costs O(change), not O(session).

>>> from lessonkit.store.journal import JournalStore            # doctest: +SKIP
>>> store = JournalStore("ws.json", apply=my_apply)              # doctest: +SKIP
>>> session = store.open()              # lock, load, replay ws.json.journal   # doctest: +SKIP
>>> seq, result = store.apply({"op": "answer", ...})             # doctest: +SKIP
>>> store.commit()                      # one fsync for every change applied  # doctest: +SKIP
>>> store.close()                       # fold into ws.json, unlock           # doctest: +SKIP

The store holds the session file's lock from :meth:`JournalStore.open` to
:meth:`JournalStore.close` (another lessonkit command meanwhile fails, naming
the holder written into ``FILE.lock``). A change is a JSON-able ``op`` that
``apply(session, op)`` performs on the session in memory (raising a
:class:`~lessonkit.errors.LessonkitError`, and leaving the session as it was,
when the change is refused). :meth:`~JournalStore.apply` applies it and queues
one JSON line ``{"seq": n, "op": …}``; :meth:`~JournalStore.commit` appends the
queued lines to ``FILE.journal`` and flushes them to disk with **one** fsync
(group commit): a change is durable once ``commit`` returns. :meth:`~JournalStore.fold`
writes the whole session through :func:`lessonkit.files.save` (atomic: temporary
file, fsync, replace, fsync of the folder) with the last folded sequence number in
``session.data["journal_seq"]``, then empties the journal. On :meth:`~JournalStore.open`
the lines of an existing journal whose ``seq`` is above the file's are applied
again, so replay is idempotent: a crash at any point loses no committed change,
and the session file, only ever replaced whole, always loads. A torn last line
(the process died in the middle of writing a change nobody was told was saved)
is dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lessonkit.errors import LessonkitError, SessionFileError

__all__ = ["SEQ_KEY", "JournalStore", "durable_fsync"]

#: Where the folded sequence number lives in ``session.data``.
SEQ_KEY = "journal_seq"


def durable_fsync(fd: int) -> None:
    """Flush ``fd`` to stable storage (``F_FULLFSYNC`` on macOS, where plain fsync is not enough)."""
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # type: ignore[attr-defined]
            return
        except OSError:
            pass
    os.fsync(fd)


class JournalStore:
    """The session file plus ``FILE.journal``: load once, apply changes, group-commit, fold.

    :param path: the session file.
    :param apply: ``apply(session, op) -> result`` performs one change in memory.
    :param holder: what to write into ``FILE.lock`` while the store is open, so a
        blocked command names it (``{"what": "lessonkit serve", "url": …}``).
    :param lock_timeout: how long :meth:`open` waits for the lock.
    :param registry: when given, :meth:`save` and :meth:`transaction` refuse a session with new
        method problems, as :class:`~lessonkit.store.JsonFileStore` does.

    Besides :meth:`apply`/:meth:`commit`, it keeps the :class:`~lessonkit.store.SessionStore`
    protocol (:meth:`load`, :meth:`transaction`, :meth:`save`) while open.

    >>> import tempfile, pathlib
    >>> from lessonkit.model import Session
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ws.json"
    >>> def apply(session, op):
    ...     session.venue = op["venue"]
    >>> with JournalStore(path, apply) as store:          # doctest: +SKIP
    ...     _ = store.open(create=Session(title="AAR"))
    ...     _ = store.apply({"venue": "Hat Yai"})
    ...     _ = store.commit()                             # durable from here
    """

    def __init__(self, path: str | os.PathLike[str], apply: Callable[[Any, dict[str, Any]], Any], *,
                 holder: dict[str, Any] | None = None, lock_timeout: float = 0.0,
                 registry: Any = None) -> None:
        self.path = Path(path)
        self.journal_path = Path(f"{os.fspath(self.path)}.journal")
        self._apply = apply
        self._holder = holder
        self._registry = registry
        self._lock_timeout = lock_timeout
        self._stack: contextlib.ExitStack | None = None
        self._session: Any = None
        self._pending: list[bytes] = []
        self._journal: Any = None
        #: The last sequence number applied in memory / made durable / folded into the file.
        self.seq = 0
        self.durable_seq = 0
        self.folded_seq = 0
        #: How many changes were replayed from the journal by :meth:`open`.
        self.replayed = 0
        #: How many fsyncs :meth:`commit` made (for tests and benchmarks).
        self.commits = 0

    # -- life cycle -------------------------------------------------------------------------

    @property
    def session(self) -> Any:
        """The open session (after :meth:`open`)."""
        if self._session is None:
            raise RuntimeError("the journal store is not open")
        return self._session

    @property
    def is_open(self) -> bool:
        """Whether :meth:`open` was called and :meth:`close` not yet."""
        return self._session is not None

    def open(self, create: Any = None) -> Any:
        """Lock the file, load it (or start from ``create`` when missing), replay the journal."""
        from lessonkit import files

        stack = contextlib.ExitStack()
        try:
            stack.enter_context(files.lock(self.path, timeout=self._lock_timeout))
            if self._holder is not None:
                self._write_holder(self._holder)
                stack.callback(self._write_holder, None)
            if create is not None and not self.path.exists():
                session = create
            else:
                session = files.load(self.path)
            self.folded_seq = self.seq = self.durable_seq = int(session.data.get(SEQ_KEY, 0) or 0)
            self._session = session
            self._replay()
            self._journal = open(self.journal_path, "ab")
            stack.callback(self._journal.close)
        except BaseException:
            self._session = None
            stack.close()
            raise
        self._stack = stack
        return session

    def close(self, *, fold: bool = True, commit: bool = True) -> None:
        """Commit what is pending, fold into the session file (unless ``fold=False``), unlock.

        ``commit=False`` drops the changes not committed yet (nobody was told they were saved).
        """
        if self._stack is None:
            return
        try:
            if not commit:
                self._pending.clear()
                fold = False
            if self._pending:
                self.commit()
            if fold and self.seq > self.folded_seq:
                self.fold()
        finally:
            stack, self._stack = self._stack, None
            self._session = None
            stack.close()

    def __enter__(self) -> JournalStore:
        if not self.is_open:
            self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the session store protocol (lessonkit.store.SessionStore) ---------------------------

    def load(self) -> Any:
        """A copy of the current session (committed or not), the caller's to change."""
        from lessonkit import files

        return files.from_data(files.to_data(self.session), where=str(self.path))

    @contextlib.contextmanager
    def transaction(self, *, timeout: float | None = None) -> Iterator[Any]:
        """Change a copy of the session; on a clean exit it is checked, replaces the session and is
        folded into the file (O(session): per-change work goes through :meth:`apply`).

        The store already holds the file's lock, so ``timeout`` is not needed.
        """
        copy = self.load()
        yield copy
        self.save(copy)

    def save(self, session: Any) -> None:
        """Check ``session``, make it the store's session and fold it into the file."""
        from lessonkit.store.base import checked_text

        if self._registry is not None:
            checked_text(session, self._registry,
                         known=self._known_problems())
        if self._pending:
            self.commit()
        self._session = session
        self.fold()

    def _known_problems(self) -> list[str]:
        from lessonkit.store.base import method_problems

        return method_problems(self.session, self._registry)

    # -- changes ----------------------------------------------------------------------------

    def apply(self, op: dict[str, Any]) -> tuple[int, Any]:
        """Apply one change in memory and queue it for the next :meth:`commit`.

        Returns ``(seq, result)``. A refused change raises and is not queued.
        """
        line = json.dumps({"seq": self.seq + 1, "op": op}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8") + b"\n"
        result = self._apply(self.session, op)
        self.seq += 1
        self._pending.append(line)
        return self.seq, result

    @property
    def pending(self) -> int:
        """How many applied changes are not durable yet."""
        return len(self._pending)

    def commit(self) -> int:
        """Append the queued changes to the journal with one fsync; returns the durable seq.

        On failure (disk full…) the error is raised as a :class:`SessionFileError`;
        the changes stay queued and in memory, and the next commit tries again.
        """
        if not self._pending:
            return self.durable_seq
        data = b"".join(self._pending)
        handle = self._journal
        if handle is None:
            raise RuntimeError("the journal store is not open")
        try:
            start = handle.tell()
            handle.write(data)
            handle.flush()
            durable_fsync(handle.fileno())
        except OSError as exc:
            with contextlib.suppress(OSError, ValueError):
                handle.truncate(start)
            raise SessionFileError(f"cannot write {self.journal_path}: {exc.strerror}") from None
        self.commits += 1
        self._pending.clear()
        self.durable_seq = self.seq
        return self.durable_seq

    def fold(self) -> None:
        """Write the whole session into its file (atomic save) and empty the journal."""
        from lessonkit import files

        if self._pending:
            self.commit()
        session = self.session
        session.data[SEQ_KEY] = self.seq
        files.save(session, self.path)
        self.folded_seq = self.seq
        handle = self._journal
        if handle is not None:
            handle.seek(0)
            handle.truncate(0)
            handle.flush()
            durable_fsync(handle.fileno())

    # -- internals --------------------------------------------------------------------------

    def _replay(self) -> None:
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise SessionFileError(f"cannot read {self.journal_path}: {exc.strerror}") from None
        lines = raw.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            last = number == len(lines) or all(not rest.strip() for rest in lines[number:])
            try:
                record = json.loads(line)
                seq = record["seq"]
                op = record["op"]
                if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(op, dict):
                    raise ValueError("not a journal record")
            except (ValueError, KeyError, TypeError):
                if last and not raw.endswith(b"\n"):
                    break  # torn write of a change that was never acknowledged
                raise SessionFileError(f"line {number} is not a journal record",
                                       where=str(self.journal_path),
                                       hint="the session file itself is intact; move the journal "
                                            "away to start from it") from None
            if seq <= self.seq:
                continue
            try:
                self._apply(self.session, op)
            except LessonkitError as exc:
                raise SessionFileError(f"line {number} cannot be applied again: {exc}",
                                       where=str(self.journal_path)) from None
            self.seq = self.durable_seq = seq
            self.replayed += 1
        if raw and not raw.endswith(b"\n"):
            # Drop the torn tail so new lines start on a line of their own.
            keep = raw[: raw.rfind(b"\n") + 1]
            with open(self.journal_path, "r+b") as handle:
                handle.truncate(len(keep))
                handle.flush()
                durable_fsync(handle.fileno())

    def _write_holder(self, holder: dict[str, Any] | None) -> None:
        lock_path = Path(f"{os.fspath(self.path)}.lock")
        text = "" if holder is None else json.dumps({**holder, "pid": os.getpid()}, ensure_ascii=False)
        with contextlib.suppress(OSError), open(lock_path, "r+b") as handle:
            handle.truncate(0)
            handle.write(text.encode("utf-8"))
            handle.flush()
