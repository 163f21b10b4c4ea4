"""Where a session lives: the store protocol, a JSON file store and a memory store.

A host program keeps each session in a :class:`SessionStore` and changes it
in transactions::

    >>> from lessonkit.store import MemoryStore
    >>> from lessonkit.model import Session
    >>> store = MemoryStore(Session(title="AAR"))
    >>> with store.transaction(timeout=2) as session:
    ...     session.venue = "Pattani"
    >>> store.load().venue
    'Pattani'

:class:`JsonFileStore` is the default (the portable JSON file);
:class:`MemoryStore` is for tests and hosts; :class:`JournalStore` (the live
workshop server's) appends each change to ``FILE.journal`` with group commit. Every store checks a session
as :func:`lessonkit.files.load` and the methods do before writing it, so
nothing it writes is unloadable.
"""

from __future__ import annotations

from lessonkit.store.base import SessionStore, checked_text, method_problems
from lessonkit.store.journal import JournalStore
from lessonkit.store.jsonfile import JsonFileStore
from lessonkit.store.memory import MemoryStore

__all__ = ["JournalStore", "JsonFileStore", "MemoryStore", "SessionStore", "checked_text", "method_problems"]
