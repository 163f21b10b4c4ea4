"""A store in memory: for tests, and for hosts that keep sessions elsewhere."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lessonkit import files
from lessonkit.errors import SessionFileError
from lessonkit.store.base import checked_text, method_problems

if TYPE_CHECKING:
    from lessonkit.model import Session
    from lessonkit.plugins import Registry

__all__ = ["MemoryStore"]


class MemoryStore:
    """A session kept in memory as its JSON text, checked like a file store.

    The store keeps the text a file store would write, so :meth:`load`
    returns a new object every time and nothing a caller does to it leaks
    into the store. A lock (``lock_timeout`` seconds) serialises transactions
    across threads. :attr:`text` is the stored JSON, handy for tests.

    >>> from lessonkit.model import Session
    >>> store = MemoryStore(Session(title="Empowerment Evaluation"))
    >>> with store.transaction() as session:
    ...     session.title = ""
    Traceback (most recent call last):
    lessonkit.errors.ValidationError: a session's title must not be empty (got '')
    >>> store.load().title
    'Empowerment Evaluation'
    """

    def __init__(
        self,
        session: Session | None = None,
        *,
        registry: Registry | None = None,
        lock_timeout: float = files.LOCK_TIMEOUT,
    ) -> None:
        self.lock_timeout = lock_timeout
        self._registry = registry
        self._lock = threading.Lock()
        self._text: str | None = None
        if session is not None:
            self.save(session)

    @property
    def registry(self) -> Registry:
        """The registry whose methods check every write (default: the installed plugins,
        :func:`lessonkit.api.default_registry`, loaded on first use and shared)."""
        if self._registry is None:
            from lessonkit.api import default_registry

            self._registry = default_registry()
        return self._registry

    @property
    def text(self) -> str | None:
        """The stored session as JSON text (``None`` while empty)."""
        return self._text

    def load(self) -> Session:
        """A fresh copy of the stored session."""
        text = self._text
        if text is None:
            raise SessionFileError("the memory store holds no session yet", where="memory")
        return files.loads(text, where="memory")

    @contextlib.contextmanager
    def _locked(self, timeout: float | None) -> Iterator[None]:
        wait = self.lock_timeout if timeout is None else timeout
        if not self._lock.acquire(timeout=max(wait, 0)):
            raise SessionFileError("the session is being changed by another thread", where="memory",
                                   code="locked",
                                   hint="try again when that change is done")
        try:
            yield
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def transaction(self, *, timeout: float | None = None) -> Iterator[Session]:
        """Yield a copy to change; on a clean exit check it and keep it (see :class:`SessionStore`)."""
        with self._locked(timeout):
            session = self.load()
            known = method_problems(session, self.registry)
            yield session
            self._text = checked_text(session, self.registry, known=known)

    def save(self, session: Session) -> None:
        """Check ``session`` fully and keep it in place of the stored one."""
        text = checked_text(session, self.registry)
        with self._locked(None):
            self._text = text
