"""The curator's test bench behind `readout console`: the same Curators that `serve` runs (hot
reload, `/readout` admin subcommands, 👍 / 👎 and gaps recorded in READOUT_DATABASE_URL), for a
console that reads its input on a plain, blocking loop.

Curators' hooks are coroutines and the file watcher is a task, so they run on an event loop of
their own in a background thread; the console waits for each hook it calls. Imports no Slack
library (Curators loads them only when it serves Slack).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.config import Settings
from bot.knowledge import watch as watch_module
from bot.knowledge.watch import ReloadResult
from bot.render.blocks import Message
from bot.slack.curators import Curators
from bot.slack.deps import Answerer, Asked, CommandRequest, Knowledge, Voted

T = TypeVar("T")
FLUSH_SECONDS = 2.0
"""How long a subcommand waits for the votes and gaps just recorded to be written, so that
`/readout gaps` shows the question asked a moment ago."""


class Workbench:
    """Curators for one console session; `close()` stops the watcher and writes what is queued."""

    def __init__(self, curators: Curators) -> None:
        self.curators = curators
        self.hooks = curators.hooks()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="readout-workbench", daemon=True
        )
        self._thread.start()
        self._stop: asyncio.Event | None = None
        self._watcher: concurrent.futures.Future[None] | None = None

    @classmethod
    def start(cls, settings: Settings, *, admin: str) -> Workbench:
        """Load the knowledge (KnowledgeError lists every problem) and open the database, with
        `admin` (the console's own user) among READOUT_ADMINS."""
        settings = settings.model_copy(update={"admins": settings.admins | {admin}})
        return cls(Curators.start(settings))

    def knowledge(self) -> Knowledge:
        """What is served now (a reload swaps it)."""
        return self.curators.live.current()

    @property
    def subcommands(self) -> frozenset[str]:
        """The `/readout` subcommands Curators adds (reload, status, gaps, …)."""
        return frozenset(self.hooks.subcommands)

    def watch(self, notify: Callable[[ReloadResult[Answerer]], None]) -> None:
        """Reload on every change under the knowledge directory, as `serve` does, and pass each
        result (a new base, or the problems that kept the last good one) to `notify`."""

        async def reloaded(result: ReloadResult[Answerer]) -> None:
            notify(result)

        logging.getLogger(watch_module.__name__).addFilter(_said_by_the_console)

        self._stop = asyncio.Event()
        watching = self.curators.live.watch(on_reload=reloaded, stop=self._stop)
        self._watcher = asyncio.run_coroutine_threadsafe(watching, self._loop)

    def subcommand(self, request: CommandRequest) -> Message:
        self.curators.recorder.flush(FLUSH_SECONDS)
        return self._wait(self.hooks.subcommands[request.name](request))

    def asked(self, asked: Asked) -> None:
        if self.hooks.on_asked is not None:
            self._wait(self.hooks.on_asked(asked))

    def voted(self, voted: Voted) -> None:
        if self.hooks.on_vote is not None:
            self._wait(self.hooks.on_vote(voted))

    def close(self, timeout: float = 5.0) -> None:
        """Stop watching, then write what the Recorder still holds (within `timeout`)."""
        stop = self._stop
        if stop is not None:
            self._loop.call_soon_threadsafe(stop.set)
        if self._watcher is not None:
            with contextlib.suppress(Exception):
                self._watcher.result(timeout)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._loop.close()
        self.curators.recorder.stop(timeout)
        logging.getLogger(watch_module.__name__).removeFilter(_said_by_the_console)

    def _wait(self, work: Awaitable[T]) -> T:
        """Run `work` on the workbench's loop and wait for its result."""

        async def run() -> T:
            return await work

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result()


def _said_by_the_console(record: logging.LogRecord) -> bool:
    """Leaves out the watcher's own line about each reload: the console says it on its output,
    and the same problems on stderr as well would only be noise. Its other warnings stay."""
    return record.funcName != "reload" or record.levelno >= logging.ERROR
