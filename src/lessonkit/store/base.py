"""The session store protocol and the check every store runs before it writes.

A *store* is where a host program keeps one session: a JSON file
(:class:`~lessonkit.store.JsonFileStore`), memory
(:class:`~lessonkit.store.MemoryStore`), or anything else that keeps the
contract below (a journal beside the JSON file, a database row…).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from lessonkit.errors import SessionFileError, ValidationError

if TYPE_CHECKING:
    from lessonkit.model import Session
    from lessonkit.plugins import Registry

__all__ = ["SessionStore", "checked_text", "method_problems"]


@runtime_checkable
class SessionStore(Protocol):
    """Where one session lives: load it, change it in a transaction, save it.

    The contract every store keeps:

    * :meth:`load` returns a fresh :class:`~lessonkit.model.Session` that
      belongs to the caller: changing it changes nothing in the store.
    * :meth:`transaction` holds the store's lock (waiting at most ``timeout``
      seconds, else :class:`~lessonkit.errors.SessionFileError`), yields the
      current session to change in place and, when the block ends without an
      exception, checks and writes it. When the block raises, or the check
      refuses the result, the store is left exactly as it was and the
      exception propagates. When ``transaction()`` returns, the change is
      durable (on disk for a file store).
    * :meth:`save` replaces the stored session with ``session`` under the lock.
    * Nothing is written that :func:`lessonkit.files.load` would refuse: the
      structure is checked as loading checks it, and the methods' own checks
      (:func:`lessonkit.workshop.session_problems`) must find no new problem.

    Example, with any store::

        >>> from lessonkit.store import MemoryStore
        >>> from lessonkit.model import Session
        >>> store = MemoryStore(Session(title="After Action Review"))
        >>> with store.transaction(timeout=5) as session:
        ...     session.venue = "Hat Yai"
        >>> store.load().venue
        'Hat Yai'
    """

    def load(self) -> Session:
        """The stored session, as a new object the caller may change freely."""
        ...

    def transaction(self, *, timeout: float | None = None) -> AbstractContextManager[Session]:
        """Lock, yield the session to change, check and write it on a clean exit."""
        ...

    def save(self, session: Session) -> None:
        """Check ``session`` and write it in place of the stored one, under the lock."""
        ...


def method_problems(session: Session, registry: Registry) -> list[str]:
    """The methods' problems with ``session`` (:func:`lessonkit.workshop.session_problems`).

    >>> from lessonkit.model import Session
    >>> from lessonkit.plugins import get_registry
    >>> method_problems(Session(title="t", methods=["nope"]), get_registry())[0][:24]
    "unknown method 'nope' @ "
    """
    from lessonkit.workshop import session_problems

    return session_problems(session, registry)


def checked_text(session: Session, registry: Registry, *, known: Sequence[str] = ()) -> str:
    """The session's JSON text, after proving it loads back and adds no method problem.

    ``known`` lists problems the session had before the change (they do not
    block a write, so an old file with a problem can still be worked on);
    any other problem raises :class:`~lessonkit.errors.ValidationError`, as
    does a value that would make the file unreadable.

    >>> from lessonkit.model import Session
    >>> from lessonkit.plugins import get_registry
    >>> checked_text(Session(title="AAR"), get_registry()).startswith('{\\n  "schema_version"')
    True
    """
    from lessonkit import files

    text = files.dumps(session)
    try:
        files.loads(text)
    except SessionFileError as exc:
        raise ValidationError(f"refused to write a session that would not load back: {exc.message}",
                              where=exc.where if exc.where != "session" else None) from None
    old = set(known)
    new = [p for p in method_problems(session, registry) if p not in old]
    if new:
        more = f" (and {len(new) - 1} more)" if len(new) > 1 else ""
        raise ValidationError(f"refused to write the session: {new[0]}{more}")
    return text
