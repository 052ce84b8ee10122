"""Replies remembered per knowledge base: the same question against the same base always gets
the same reply, so a popular question is matched and rendered once, not on every ask."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from bot.knowledge.base import KnowledgeBase

T = TypeVar("T")


class ReplyCache(Generic[T]):
    """A small LRU cache that empties itself when the knowledge base is replaced (a reload).

    Thread-safe (the console, tests and any caller off the event loop may share one); a reply is
    built outside the lock, so two threads asking the same new question at once may both build
    it.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._kb: KnowledgeBase | None = None
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_build(self, kb: KnowledgeBase, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if kb is not self._kb:
                self._items.clear()
                self._kb = kb
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        value = build()
        with self._lock:
            if kb is self._kb:
                self._items[key] = value
                if len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
