"""The curators' digest, posted once a period (READOUT_DIGEST_DAYS, 7) to
READOUT_CURATORS_CHANNEL by exactly one replica.

Periods are counted from Monday 5 January 1970 (UTC), so weekly digests cover Monday to Sunday.
Every replica checks at start and then every CHECK_SECONDS; the first to claim the period's key
in the store (bot/store/schedule.py) posts, the others see the claim and do not. A post that
fails gives the claim back so another check can try, unless it timed out (Slack may have posted
it: never twice). Without the database no digest is posted, since nothing could say whether
another replica did.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.knowledge.freshness import ReviewPolicy, stale_entries
from bot.render.blocks import Message
from bot.render.digest import build_digest
from bot.slack.deps import KnowledgeProvider
from bot.slack.web_api import describe_failure, may_have_posted
from bot.store.db import utc_now
from bot.store.escalations import OPEN, count_open, list_escalations
from bot.store.gap_groups import top_gaps
from bot.store.recorder import Recorder
from bot.store.schedule import claim_post, release_post

logger = logging.getLogger(__name__)
CHECK_SECONDS = 600.0
EPOCH = dt.datetime(1970, 1, 5, tzinfo=dt.UTC)
"""A Monday: weekly periods run Monday 00:00 to Sunday 24:00 UTC."""


def period_start(now: dt.datetime, days: int) -> dt.datetime:
    """The start of the `days`-long period `now` falls in."""
    length = dt.timedelta(days=days)
    return EPOCH + ((now - EPOCH) // length) * length


class Digest:
    def __init__(
        self,
        settings: Settings,
        knowledge: KnowledgeProvider,
        recorder: Recorder,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        assert settings.curators_channel is not None
        self.settings, self.knowledge, self.recorder = settings, knowledge, recorder
        self.channel = settings.curators_channel
        self.days = settings.digest_days
        self._clock = clock
        self._done: str | None = None
        """The last period this replica saw posted (by itself or another)."""

    async def run(self, client: AsyncWebClient, stop: asyncio.Event) -> None:
        """Check now and every CHECK_SECONDS until `stop` is set."""
        while not stop.is_set():
            try:
                await self.post_if_due(client)
            except Exception:
                logger.exception("the curators' digest failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), CHECK_SECONDS)

    async def post_if_due(self, client: AsyncWebClient) -> bool:
        """Post this period's digest if no replica has; True when this one did."""
        now = self._clock()
        key = f"digest:{period_start(now, self.days):%Y-%m-%d}"
        if key == self._done:
            return False
        try:
            db = self.recorder.database
            won = await asyncio.to_thread(claim_post, db, key, self.recorder.owner)
        except Exception as exc:
            logger.warning(
                "no curators' digest now (%s); trying again later", describe_failure(exc)
            )
            return False
        if not won:
            self._done = key
            return False
        message = await asyncio.to_thread(self._build, now)
        try:
            await client.chat_postMessage(
                channel=self.channel, text=message["text"], blocks=message["blocks"]
            )
        except BaseException as exc:
            if not may_have_posted(exc):
                await asyncio.to_thread(release_post, db, key, self.recorder.owner)
            raise
        self._done = key
        logger.info("posted the curators' digest for %s", key.removeprefix("digest:"))
        return True

    def _build(self, now: dt.datetime) -> Message:
        db = self.recorder.database
        kb = self.knowledge().kb
        stale = stale_entries(kb, ReviewPolicy(self.settings.review_days, now.date()))
        gaps = top_gaps(db, days=self.days, limit=5, now=now)
        waiting = list_escalations(db, status=OPEN, limit=10)
        return build_digest(stale, gaps, waiting, days=self.days, waiting_total=count_open(db))
