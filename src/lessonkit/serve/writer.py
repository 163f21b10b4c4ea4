"""The server's single writer: one task applies queued changes and group-commits them.

A request handler calls :meth:`Writer.submit` with an op and awaits the
result. The writer task takes every op waiting in the queue, applies each to
the session in memory (re-checking it against the state as it is *now*: budget,
cap, scale, "is the step still open"), appends the accepted ones to the journal
and fsyncs **once** for the whole batch in a worker thread (the event loop keeps
serving pages meanwhile, and the next batch fills up during this fsync), then
resolves the waiting handlers: a phone gets its "saved" page only after its
change is on disk. When no change has come for ``idle_fold`` seconds, the
journal is folded into the session file.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from lessonkit.errors import LessonkitError, SessionFileError
from lessonkit.store.journal import JournalStore

__all__ = ["Writer"]


class Writer:
    """Group commit over a :class:`~lessonkit.store.journal.JournalStore`."""

    def __init__(self, store: JournalStore, *, before_fold: Callable[[], None] | None = None,
                 idle_fold: float = 2.0, max_batch: int = 1024) -> None:
        self.store = store
        self.before_fold = before_fold
        self.idle_fold = idle_fold
        self.max_batch = max_batch
        self.revision = store.seq
        self.batches = 0
        self._queue: asyncio.Queue[tuple[dict[str, Any], asyncio.Future[Any]]] | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._stopping = False

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the writer task in the running loop (again, if the loop changed)."""
        loop = asyncio.get_running_loop()
        if self._task is not None and self._loop is loop and not self._task.done():
            return
        self._loop = loop
        self._queue = asyncio.Queue()
        self._changed = asyncio.Event()
        self._stopping = False
        self._task = loop.create_task(self._run(), name="lessonkit-writer")

    async def stop(self) -> None:
        """Commit what is queued, fold the journal into the session file, stop the task."""
        self._stopping = True
        if self._task is not None and self._queue is not None and self._loop is asyncio.get_running_loop():
            await self._queue.put(({}, asyncio.get_running_loop().create_future()))  # wake it
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
        if self.store.is_open:
            await asyncio.to_thread(self._fold)
        self._notify()

    # -- changes ----------------------------------------------------------------------------

    async def submit(self, op: dict[str, Any]) -> Any:
        """Queue ``op`` and wait until it is applied and durable; raises if it is refused."""
        self.start()
        assert self._queue is not None
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        await self._queue.put((op, future))
        return await future

    def changed(self) -> asyncio.Event:
        """An event set at the next commit (or stop)."""
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def wake(self) -> None:
        """Wake everything waiting on :meth:`changed` (in the writer's loop, from any thread or
        a signal handler): the server is stopping."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._notify)

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        if event is not None:
            event.set()

    def _fold(self) -> None:
        if self.store.seq > self.store.folded_seq:
            if self.before_fold is not None:
                self.before_fold()
            self.store.fold()

    async def _run(self) -> None:
        queue = self._queue
        assert queue is not None
        while True:
            if self._task is not asyncio.current_task():
                return  # replaced by a writer in another event loop (test clients run one each)
            try:
                first = await asyncio.wait_for(queue.get(), timeout=self.idle_fold)
            except asyncio.TimeoutError:
                if self._task is not asyncio.current_task():
                    return
                if self.store.seq > self.store.folded_seq:
                    try:
                        await asyncio.to_thread(self._fold)
                    except LessonkitError:
                        pass  # the journal still holds every change; folding is tried again later
                continue
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    batch.append(queue.get_nowait())
                except asyncio.QueueEmpty:
                    break
            done: list[tuple[asyncio.Future[Any], Any]] = []
            for op, future in batch:
                if not op:
                    continue  # a wake-up from stop()
                try:
                    _seq, result = self.store.apply(op)
                except LessonkitError as exc:
                    if not future.done():
                        future.set_exception(exc)
                    continue
                except Exception as exc:  # a bug must not kill the writer: the op is refused
                    if not future.done():
                        future.set_exception(exc)
                    continue
                done.append((future, result))
            if done:
                try:
                    await asyncio.to_thread(self.store.commit)
                except SessionFileError as exc:
                    for future, _result in done:
                        if not future.done():
                            future.set_exception(exc)
                else:
                    self.batches += 1
                    for future, result in done:
                        if not future.done():
                            future.set_result(result)
                self.revision = self.store.seq
                self._notify()
            if self._stopping and queue.empty():
                return
