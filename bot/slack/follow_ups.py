"""Replies that follow an acknowledgement, sent after the response to Slack has gone."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.slack.web_api import ResponseRefused, describe_failure

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplyStats:
    """For `/readout status`: this process's follow-ups since it started."""

    done: int
    undelivered: int
    """Failed, or still failing when the deadline came: each logged by name."""
    pending: int
    deadline: float


class FollowUps:
    """Work that follows an acknowledgement, run as tasks after the listener has returned.

    The app processes each request before responding (Bolt's `process_before_response`), so
    /readout answers in its acknowledgement with no wait (Bolt would otherwise look for the ack
    every 10 ms), and anything that calls Slack afterwards (a reply in a thread, a response_url
    post, a view) is started here, so the response to Slack never waits for it. (Bolt's lazy
    listeners do the same but deep-copy every request, which the shared HTTP session cannot
    survive.) Tasks stay referenced until done. Each has `deadline` seconds, retries included
    (web_api.py); one that fails or runs out of time is logged by name and counted undelivered.
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._running: dict[asyncio.Task[None], str] = {}
        self._done = 0
        self._undelivered = 0

    def start(self, what: str, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on the current event loop; `what` names it in a failure's log line (say
        which event, command or click it answers)."""
        task = asyncio.ensure_future(self._within_deadline(work))
        self._running[task] = what
        task.add_done_callback(self._finished)

    async def _within_deadline(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            async with asyncio.timeout(self.deadline) as scope:
                await work
        except TimeoutError:
            if scope.expired():
                raise DeadlinePassed from None
            raise

    def _finished(self, task: asyncio.Task[None]) -> None:
        what = self._running.pop(task, "a reply")
        if task.cancelled():
            logger.warning("gave up answering %s: shutting down", what)
            return
        error = task.exception()
        if error is None:
            self._done += 1
            return
        self._undelivered += 1
        if isinstance(error, DeadlinePassed):
            reason = f"still failing after the {self.deadline:g} s deadline"
        elif isinstance(error, SlackApiError | ResponseRefused | aiohttp.ClientError | OSError):
            reason = describe_failure(error)
        else:  # a bug, not Slack: the traceback says where
            logger.error("undelivered: answering %s failed", what, exc_info=error)
            return
        logger.error("undelivered: the reply to %s (%s)", what, reason)

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

    def stats(self) -> ReplyStats:
        return ReplyStats(self._done, self._undelivered, self.pending, self.deadline)


class DeadlinePassed(Exception):
    """A follow-up was still running (retrying, most likely) when its deadline came."""
