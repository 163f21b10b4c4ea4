"""The facade for host programs: open and edit sessions, rank, render reports.

Everything a program embedding lessonkit (a web service, a notebook, a
script) needs in a handful of typed calls; the modules behind it
(:mod:`lessonkit.store`, :mod:`lessonkit.workshop`, :mod:`lessonkit.ranking`,
:mod:`lessonkit.report`) stay available for more.

>>> import tempfile, pathlib
>>> from lessonkit import api, workshop
>>> path = pathlib.Path(tempfile.mkdtemp()) / "workshop.json"
>>> registry = api.default_registry()
>>> start = workshop.new_session(registry, "ทบทวนหลังปฏิบัติ", methods=["aar"])
>>> with api.edit_session(path, create=start, timeout=5) as session:
...     _ = workshop.add_group(session, "g1", "กลุ่ม 1")
...     _ = workshop.add_participant(session, "g1", "p1")
...     _ = workshop.add_answers(session, registry, "g1", "aar", "improve", ["ประสานงานเร็วขึ้น"])
...     _ = workshop.set_scores(session, registry, "g1", "aar", "priority", "p1", {"1": 3})
>>> ranking = api.rank(api.open_session(path), "g1", "aar", "priority")
>>> [(row.rank, row.text) for row in ranking.rows]
[(1, 'ประสานงานเร็วขึ้น')]
>>> api.render_report(api.open_session(path), "html", options={"fragment": True})[:28]
b'<div class="lessonkit-report'

Functions taking ``registry`` use :func:`default_registry` when it is left
out: the installed plugins, loaded once per process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from lessonkit.errors import NotFoundError

if TYPE_CHECKING:
    from lessonkit.model import Session
    from lessonkit.plugins import Registry
    from lessonkit.ranking import Ranking
    from lessonkit.store import SessionStore

__all__ = [
    "default_registry",
    "edit_session",
    "open_session",
    "rank",
    "render_report",
    "report_formats",
    "store_for",
]

_DEFAULT: list[Registry] = []
_DEFAULT_LOCK = threading.Lock()


def default_registry() -> Registry:
    """The installed plugins' registry, built on first use and shared (thread-safe).

    >>> "aar" in default_registry().methods
    True
    """
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            from lessonkit.plugins import get_registry

            _DEFAULT.append(get_registry())
        return _DEFAULT[0]


def store_for(
    source: str | os.PathLike[str] | SessionStore,
    *,
    registry: Registry | None = None,
    lock_timeout: float | None = None,
    create: Session | None = None,
) -> SessionStore:
    """The store behind ``source``: a store as it is, a path as a :class:`~lessonkit.store.JsonFileStore`.

    >>> store_for("workshop.json", lock_timeout=5)
    JsonFileStore('workshop.json')
    """
    from lessonkit.store import JsonFileStore

    if isinstance(source, (str, os.PathLike)):
        from lessonkit.files import LOCK_TIMEOUT

        return JsonFileStore(source, registry=registry,
                             lock_timeout=LOCK_TIMEOUT if lock_timeout is None else lock_timeout,
                             create=create)
    return source


def open_session(source: str | os.PathLike[str] | SessionStore) -> Session:
    """Load a session from a file path or a store; a fresh object the caller owns.

    Raises :class:`~lessonkit.errors.SessionFileError` (code ``no_file`` for a
    missing file) when it cannot be read.

    >>> from lessonkit.store import MemoryStore
    >>> from lessonkit.model import Session
    >>> open_session(MemoryStore(Session(title="AAR"))).title
    'AAR'
    """
    return store_for(source).load()


@contextmanager
def edit_session(
    source: str | os.PathLike[str] | SessionStore,
    *,
    timeout: float | None = None,
    create: Session | None = None,
    registry: Registry | None = None,
) -> Iterator[Session]:
    """Change a session in a transaction: lock, yield it, check and save it on a clean exit.

    ``timeout`` is how long to wait for another writer, in seconds
    (:class:`~lessonkit.errors.SessionFileError` after that). ``create`` starts
    a missing file as that session. When the block raises, or the result
    fails the checks (:class:`~lessonkit.errors.ValidationError`), nothing is
    saved; when it returns, the change is durable. ``create`` and ``registry``
    apply to a path; a store brings its own.

    >>> from lessonkit.store import MemoryStore
    >>> from lessonkit.model import Session
    >>> store = MemoryStore(Session(title="AAR"))
    >>> with edit_session(store, timeout=2) as session:
    ...     session.venue = "Hat Yai"
    >>> open_session(store).venue
    'Hat Yai'
    """
    store = store_for(source, registry=registry, create=create)
    with store.transaction(timeout=timeout) as session:
        yield session


def rank(
    session: Session,
    group: str,
    method: str,
    prompt: str,
    *,
    step: str | None = None,
    rule: str | None = None,
    criterion: str = "",
    registry: Registry | None = None,
    **options: Any,
) -> Ranking:
    """Rank the items of a ``score``, ``dots`` or ``rank`` prompt of a group.

    The rule is ``rule``, else the prompt's, else the method's default
    (:func:`lessonkit.ranking.rank_prompt` says how, and takes ``options``).
    The result's :attr:`~lessonkit.ranking.Ranking.rows` are
    :class:`~lessonkit.ranking.RankedItem` in rank order;
    :meth:`~lessonkit.ranking.Ranking.to_data` gives JSON.

    >>> from lessonkit import workshop
    >>> registry = default_registry()
    >>> session = workshop.new_session(registry, "AAR", methods=["aar"])
    >>> _ = workshop.add_group(session, "g1", "กลุ่ม 1")
    >>> rank(session, "g1", "aar", "priority").rows
    []
    """
    from lessonkit.ranking import rank_prompt

    return rank_prompt(session, registry or default_registry(), group, method, prompt, step=step,
                       rule=rule, criterion=criterion, **options)


def report_formats(registry: Registry | None = None) -> dict[str, str]:
    """The report formats :func:`render_report` knows, with their file extensions.

    >>> report_formats()["html"]
    '.html'
    """
    found = registry or default_registry()
    return {key: renderer.extension for key, renderer, _plugin in found.renderers.items()}


def render_report(
    session: Session,
    format: str = "html",
    *,
    locale: str | None = None,
    digits: str | None = None,
    group: str | None = None,
    options: Mapping[str, Any] | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The session's report book in one format, as bytes (UTF-8 for text formats).

    ``format`` is a renderer's key (``html``, ``md``, ``txt``, ``json``,
    ``docx`` with the ``docx`` extra, or a plugin's: :func:`report_formats`).
    ``locale`` is ``"th"`` or ``"en"`` (default: the session's), ``digits``
    ``"thai"`` or ``"arabic"``, ``group`` limits the book to one group's
    chapter. ``options`` go to the renderer; the HTML renderer takes
    ``{"fragment": True}`` for a ``<div class="lessonkit-report">`` to put in
    a host's page instead of a whole document (``"style": False`` leaves out
    its scoped stylesheet).

    >>> from lessonkit.model import Session
    >>> render_report(Session(title="AAR", locale="en"), "txt").decode().splitlines()[0]
    'AAR'
    """
    from lessonkit.report import build_report

    found = registry or default_registry()
    if format not in found.renderers:
        raise NotFoundError(f"unknown report format {format!r} (known: {', '.join(found.renderers.keys())})",
                            code="unknown_format", value=format, expected=found.renderers.keys())
    renderer = found.renderers.get(format)
    document = build_report(session, found, locale=locale, digits=digits, group=group)
    result = renderer(document, options)
    return result.encode("utf-8") if isinstance(result, str) else result
