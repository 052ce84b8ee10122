"""Hot reload: the knowledge base being served, swapped whole when its files change.

`LiveKnowledge.current()` returns an immutable Snapshot (a KnowledgeBase and the matcher built for
it by the factory the caller gives, e.g. bot.search's: knowledge never imports search), so a
request that started on one snapshot finishes on it. `reload()` builds a complete new
snapshot off to the side and swaps one reference; a load with problems keeps the last good
snapshot serving and remembers the problems, so a partial knowledge base is never served.
`watch()` runs reload whenever YAML files under the directory change (watchfiles, debounced).
The values it hands out (Snapshot, ReloadResult, KnowledgeStatus) live in snapshot.py and are
importable from here too.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Generic, TypeVar

import watchfiles

from bot.errors import KnowledgeError, Problem
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.git_revision import git_revision
from bot.knowledge.loader import SUFFIXES, load_knowledge
from bot.knowledge.parse_cache import ParseCache
from bot.knowledge.snapshot import KnowledgeStatus, ReloadResult, Snapshot

__all__ = ["KnowledgeStatus", "LiveKnowledge", "ReloadResult", "Snapshot"]

log = logging.getLogger(__name__)
M = TypeVar("M")
"""The matcher type a LiveKnowledge builds for each knowledge base."""


class LiveKnowledge(Generic[M]):
    """The served knowledge: read with `current()`, replaced only by a complete `reload()`."""

    def __init__(
        self,
        root: Path,
        matcher_factory: Callable[[KnowledgeBase], M],
        *,
        display_root: Path | None = None,
    ) -> None:
        """Load now; raises KnowledgeError when the first load fails (nothing to serve)."""
        self.root = root
        self._make_matcher = matcher_factory
        self._display_root = display_root if display_root is not None else root.resolve().parent
        self._cache = ParseCache()
        self._reload_lock = threading.Lock()
        self._reloads = self._failures = 0
        self._last_failure_at: dt.datetime | None = None
        self._last_problems: tuple[Problem, ...] = ()
        self._current = self._build(generation=1)

    def current(self) -> Snapshot[M]:
        """The snapshot to answer with; read once per request and keep it."""
        return self._current

    def reload(self, changed: frozenset[str] | None = None) -> ReloadResult[M]:
        """Build a new snapshot from the files and swap it in, or keep the old one on problems.

        `changed` (absolute paths, from the watcher) limits what is read again: other files are
        taken from the parse cache without touching the disk, which keeps a reload short while
        requests are being answered. Without it (`/readout reload`), every file is read."""
        with self._reload_lock:
            started = time.perf_counter()
            old = self._current
            try:
                fresh = self._build(old.generation + 1, changed)
            except KnowledgeError as exc:
                problems = tuple(exc.problems)
            except Exception as exc:  # never let a bad edit stop the watcher or go unreported
                log.exception("knowledge: reload of %s failed unexpectedly", self.root)
                problems = (Problem(str(self.root), 0, 0, f"the reload failed: {exc!r}"),)
            else:
                self._current = fresh  # the swap: one reference, atomic for readers
                self._reloads += 1
                result = ReloadResult(True, fresh, (), time.perf_counter() - started)
                log.info("knowledge: %s", result.summary())
                return result
            self._failures += 1
            self._last_failure_at = dt.datetime.now(dt.UTC)
            self._last_problems = problems
            result = ReloadResult(False, old, problems, time.perf_counter() - started)
            log.warning("knowledge: %s\n%s", result.summary(), "\n".join(str(p) for p in problems))
            return result

    async def areload(self, changed: frozenset[str] | None = None) -> ReloadResult[M]:
        """`reload()` on a worker thread, so the event loop keeps answering meanwhile."""
        return await asyncio.to_thread(self.reload, changed)

    def status(self) -> KnowledgeStatus:
        snap = self._current
        return KnowledgeStatus(
            root=self.root,
            entries=len(snap.kb),
            summary=snap.kb.summary_line(),
            loaded_at=snap.kb.loaded_at,
            revision=snap.revision,
            reloads=self._reloads,
            failures=self._failures,
            last_failure_at=self._last_failure_at,
            last_problems=self._last_problems,
        )

    async def watch(
        self,
        on_failure: Callable[[ReloadResult[M]], Awaitable[None]] | None = None,
        *,
        on_reload: Callable[[ReloadResult[M]], Awaitable[None]] | None = None,
        stop: asyncio.Event | None = None,
        step_ms: int = 300,
        force_polling: bool | None = None,
        retry_seconds: float = 5.0,
    ) -> None:
        """Reload after each burst of changes (quiet for `step_ms`) until `stop` is set.

        `on_failure` is awaited with every failed reload (e.g. to post the problems to the
        admin channel), `on_reload` with every reload, good or failed (the console says each);
        their own errors are logged, never allowed to stop the watcher.
        """
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                async for changes in watchfiles.awatch(
                    self.root,
                    watch_filter=_knowledge_files,
                    step=step_ms,
                    stop_event=stop,
                    force_polling=force_polling,
                    poll_delay_ms=step_ms,
                ):
                    changed = frozenset(os.path.abspath(path) for _, path in changes)
                    result = await self.areload(changed)
                    if not result.ok and on_failure is not None:
                        try:
                            await on_failure(result)
                        except Exception:
                            log.exception("knowledge: reporting a failed reload failed")
                    if on_reload is not None:
                        try:
                            await on_reload(result)
                        except Exception:
                            log.exception("knowledge: reporting a reload failed")
            except (OSError, RuntimeError) as exc:
                log.warning("knowledge: watching %s failed (%s); retrying", self.root, exc)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), retry_seconds)

    def _build(self, generation: int, changed: frozenset[str] | None = None) -> Snapshot[M]:
        kb = load_knowledge(
            self.root, display_root=self._display_root, cache=self._cache, changed=changed
        )
        try:
            matcher = self._make_matcher(kb)
        except Exception as exc:
            log.exception("knowledge: building the matcher failed")
            problem = Problem(str(self.root), 0, 0, f"the matcher could not be built: {exc}")
            raise KnowledgeError([problem], self.root) from exc
        return Snapshot(kb, matcher, git_revision(self.root), generation)


class _KnowledgeFilter(watchfiles.DefaultFilter):
    """YAML files, and paths without a suffix (a folder created, moved or removed)."""

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        name = Path(path).name
        return super().__call__(change, path) and (name.endswith(SUFFIXES) or "." not in name)


_knowledge_files = _KnowledgeFilter()
