"""The curators' section of App Home (bot/render/curator_home.py builds it): what the store and
the knowledge base say now, and a link to each waiting question's card."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.knowledge.freshness import ReviewPolicy, stale_entries
from bot.knowledge.watch import LiveKnowledge
from bot.render.blocks import Block
from bot.render.curator_home import Waiting, build_curator_section
from bot.slack.deps import Answerer
from bot.store.db import utc_now
from bot.store.escalations import OPEN, Escalation, count_open, list_escalations
from bot.store.gap_groups import top_gaps
from bot.store.recorder import Recorder

if TYPE_CHECKING:
    from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)
SHOWN = 5
GAP_DAYS = 7


async def curator_section(
    settings: Settings,
    live: LiveKnowledge[Answerer],
    recorder: Recorder,
    client: AsyncWebClient,
) -> list[Block]:
    """The section's blocks; without the database, its lists from the store are empty."""
    now = utc_now()
    policy = ReviewPolicy(settings.review_days, now.date())
    overdue = [s for s in stale_entries(live.current().kb, policy) if s.overdue]
    try:
        db = recorder.database
        waiting = await asyncio.to_thread(list_escalations, db, status=OPEN, limit=SHOWN)
        total = await asyncio.to_thread(count_open, db)
        gaps = await asyncio.to_thread(top_gaps, db, days=GAP_DAYS, limit=SHOWN, now=now)
    except Exception as exc:
        logger.warning("App Home without the store's lists: %s", type(exc).__name__)
        waiting, total, gaps = [], 0, []
    links = [Waiting(e, await _card_link(client, e)) for e in waiting]
    return build_curator_section(links, total, overdue, gaps, live.status(), days=GAP_DAYS)


async def _card_link(client: AsyncWebClient, escalation: Escalation) -> str | None:
    """A link to an escalation's card in the curators' channel, when Slack gives one."""
    if not escalation.card_channel or not escalation.card_ts:
        return None
    try:
        found = await client.chat_getPermalink(
            channel=escalation.card_channel, message_ts=escalation.card_ts
        )
    except Exception:
        return None
    link = found.get("permalink")
    return str(link) if link else None
