"""Replies built off the event loop, handed back in batches.

Matching and rendering are pure Python: on a worker thread they cannot hold up the event loop
(so every request is still acknowledged in time), but each hand-over between threads costs about
as much as a tenth of a build. A ThreadPoolExecutor pays it for every reply; here each worker
builds whatever is queued and returns the finished replies together, at most FLUSH_SECONDS after
the first of them, so under load one wake-up of the loop delivers many replies.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
FLUSH_SECONDS = 0.005
logger = logging.getLogger(__name__)

_Job = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Callable[[], Any]]
_Done = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Any, BaseException | None]


class ReplyBuilder:
    """`await builder.run(build)`: `build()` on one of `threads` daemon worker threads (two, so
    one slow build does not hold up every other)."""

    def __init__(self, threads: int = 2) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._threads = threads
        self._started = False
        self._lock = threading.Lock()

    async def run(self, build: Callable[[], T]) -> T:
        """The value `build()` returns (or the exception it raises), built on a worker."""
        if not self._started:
            self._start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put((loop, future, build))
        return await future

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            for n in range(self._threads):
                worker = threading.Thread(target=self._work, name=f"readout-build-{n}")
                worker.daemon = True
                worker.start()
            self._started = True

    def _work(self) -> None:
        done: list[_Done] = []
        first = 0.0
        while True:
            if not done:
                job = self._jobs.get()
                first = time.monotonic()
            else:
                try:
                    if time.monotonic() - first > FLUSH_SECONDS:
                        raise queue.Empty
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    _hand_over(done)
                    done = []
                    continue
            loop, future, build = job
            try:
                done.append((loop, future, build(), None))
            except BaseException as exc:  # handed to the awaiting coroutine, not lost here
                done.append((loop, future, None, exc))


def _hand_over(done: list[_Done]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[_Done]] = {}
    for item in done:
        by_loop.setdefault(item[0], []).append(item)
    for loop, items in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle, items)
        except RuntimeError:  # the loop has closed (shutting down): nobody is waiting
            logger.debug("dropped %d replies built for a closed event loop", len(items))


def _settle(items: list[_Done]) -> None:
    for _loop, future, value, error in items:
        if future.done():  # its request was cancelled meanwhile
            continue
        if error is None:
            future.set_result(value)
        else:
            future.set_exception(error)
