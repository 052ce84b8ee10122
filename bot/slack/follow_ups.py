"""Replies that follow an acknowledgement, sent after the response to Slack has gone."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger("readout.slack")


class FollowUps:
    """Work that follows an acknowledgement, run as tasks after the listener has returned.

    The app processes each request before responding (Bolt's `process_before_response`), so
    /readout answers in its acknowledgement with no wait (Bolt would otherwise look for the ack
    every 10 ms), and anything that calls Slack afterwards (a reply in a thread, a response_url
    post, a view) is started here, so the response to Slack never waits for it. (Bolt's lazy
    listeners do the same but deep-copy every request, which the shared HTTP session cannot
    survive.) Tasks stay referenced until done; a failure is logged with its traceback.
    """

    def __init__(self) -> None:
        self._running: dict[asyncio.Task[None], str] = {}

    def start(self, what: str, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on the current event loop; `what` names it in a failure's log line."""
        task = asyncio.ensure_future(work)
        self._running[task] = what
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        what = self._running.pop(task, "a reply")
        if task.cancelled():
            logger.warning("gave up answering %s: shutting down", what)
        elif (error := task.exception()) is not None:
            logger.error("answering %s failed", what, exc_info=error)

    async def drain(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the work started so far, then cancel what is left
        (each logged by name; a mention's claim is released so a retry can answer it); False
        if anything had to be cancelled."""
        if not self._running:
            return True
        _, pending = await asyncio.wait(set(self._running), timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:  # a cancelled reply only gives its event claim back: a second is plenty
            await asyncio.wait(pending, timeout=1.0)
        return not pending

    @property
    def pending(self) -> int:
        """Work started and not finished yet."""
        return len(self._running)
