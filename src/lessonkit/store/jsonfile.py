"""The default store: one UTF-8 JSON session file, saved atomically under a lock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lessonkit import files
from lessonkit.store.base import checked_text, method_problems

if TYPE_CHECKING:
    from lessonkit.model import Session
    from lessonkit.plugins import Registry

__all__ = ["JsonFileStore"]


class JsonFileStore:
    """A session kept in a JSON file (the format of :mod:`lessonkit.files`).

    Writes go through a temporary file replaced in one step, under the file's
    lock (``PATH.lock`` beside it); a transaction waits at most
    ``lock_timeout`` seconds for another writer. ``registry`` gives the
    methods whose checks every write must pass (default: the installed
    plugins, loaded on first use). With ``create``, a missing file starts as
    that session in the first transaction.

    >>> import tempfile, pathlib
    >>> from lessonkit.model import Session
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "workshop.json"
    >>> store = JsonFileStore(path, lock_timeout=5, create=Session(title="AAR"))
    >>> with store.transaction() as session:
    ...     session.venue = "Songkhla"
    >>> store.load().venue
    'Songkhla'
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        registry: Registry | None = None,
        lock_timeout: float = files.LOCK_TIMEOUT,
        create: Session | None = None,
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._registry = registry
        self._create = create

    def __repr__(self) -> str:
        return f"JsonFileStore({os.fspath(self.path)!r})"

    @property
    def registry(self) -> Registry:
        """The registry whose methods check every write (default: the installed plugins,
        :func:`lessonkit.api.default_registry`, loaded on first use and shared)."""
        if self._registry is None:
            from lessonkit.api import default_registry

            self._registry = default_registry()
        return self._registry

    def load(self) -> Session:
        """Read the file (:func:`lessonkit.files.load`); a fresh object every time.

        A missing file raises :class:`~lessonkit.errors.SessionFileError`,
        unless the store was made with ``create``.
        """
        if self._create is not None and not self.path.exists():
            return files.loads(files.dumps(self._create))
        return files.load(self.path)

    @contextlib.contextmanager
    def transaction(self, *, timeout: float | None = None) -> Iterator[Session]:
        """Hold the lock, yield the session, check and save it when the block succeeds.

        Problems the file already had do not block the save; new ones do
        (:class:`~lessonkit.errors.ValidationError`), and then the file is
        left as it was. When this returns, the new file is on disk (flushed
        and synced).
        """
        with files.lock(self.path, timeout=self.lock_timeout if timeout is None else timeout):
            session = self.load()
            known = method_problems(session, self.registry)
            yield session
            files.write_session_text(self.path, checked_text(session, self.registry, known=known))

    def save(self, session: Session) -> None:
        """Check ``session`` fully and write it over the file, under the lock.

        Unlike :meth:`transaction`, every problem the methods find refuses
        the save, since nothing is known about the session's history.
        """
        text = checked_text(session, self.registry)
        with files.lock(self.path, timeout=self.lock_timeout):
            files.write_session_text(self.path, text)
