"""The two pieces that keep a database outage out of the answer path: a health flag that logs a
failure once (and the recovery once), and a bounded queue that drops its oldest with a count."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from bot.store.db import describe_error

log = logging.getLogger(__name__)

T = TypeVar("T")


class Health:
    """Whether the database worked last time, with a count of failures and the last error."""

    def __init__(
        self,
        name: str,
        advice: str,
        *,
        clean: Callable[[str], str] = lambda text: text,
        on_down: Callable[[], None] = lambda: None,
    ) -> None:
        self._name, self._advice, self._clean = name, advice, clean
        self._on_down = on_down
        self._lock = threading.Lock()
        self.ok = True
        self.failures = 0
        self.last_error: str | None = None

    def failed(self, exc: BaseException) -> None:
        """Count a failure; when the database was fine until now, log it and call `on_down`
        (the writer then probes until the database is back, even with nothing to write)."""
        message = self._note(exc)
        with self._lock:
            first, self.ok = self.ok, False
        if first:
            log.warning("database %s failed: %s. %s", self._name, message, self._advice)
            self._on_down()

    def counted(self, exc: BaseException) -> str:
        """Count a failure that says nothing about the database being up (the caller logs it);
        return its one-line description."""
        return self._note(exc)

    def _note(self, exc: BaseException) -> str:
        message = self._clean(describe_error(exc)).rstrip(".")
        with self._lock:
            self.failures += 1
            self.last_error = message
        return message

    def recovered(self, waiting: int) -> None:
        """Mark the database as working; log it when it was failing."""
        with self._lock:
            was_down, self.ok = not self.ok, True
        if was_down:
            log.info("database %s is back; %d records waiting", self._name, waiting)


class DropQueue(Generic[T]):
    """A FIFO of at most `capacity` items; adding to a full one drops the oldest, counted."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.dropped = 0
        self._items: deque[T] = deque()
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._warned = False

    def __len__(self) -> int:
        return len(self._items)

    def put(self, item: T) -> None:
        with self._lock:
            self._items.append(item)
            self._idle.clear()
            self._trim_locked(self.capacity)

    def take(self, most: int) -> list[T]:
        """Remove and return up to `most` of the oldest items."""
        with self._lock:
            return [self._items.popleft() for _ in range(min(most, len(self._items)))]

    def put_back(self, items: Iterable[T]) -> None:
        """Return items taken but not written to the front, in order (oldest may be dropped)."""
        with self._lock:
            self._items.extendleft(reversed(list(items)))
            self._trim_locked(self.capacity)

    def drop(self, count: int) -> None:
        """Count items lost outside the queue (refused by the database)."""
        with self._lock:
            self.dropped += count

    def drain(self) -> None:
        """Drop everything left (at shutdown)."""
        with self._lock:
            self._trim_locked(0)

    def settle(self) -> None:
        """Called by the writer after a successful round: idle when nothing is left."""
        with self._lock:
            self._warned = False
            if not self._items:
                self._idle.set()

    def wait_idle(self, timeout: float) -> bool:
        return self._idle.wait(timeout)

    def _trim_locked(self, keep: int) -> None:
        extra = len(self._items) - keep
        if extra <= 0:
            return
        if not self._warned:
            self._warned = True
            log.warning("the record queue is full or closing; dropping the oldest records")
        for _ in range(extra):
            self._items.popleft()
        self.dropped += extra
        if not self._items:
            self._idle.set()
