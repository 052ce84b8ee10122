"""Mentions in channels (answered in a thread) and direct messages (answered in the DM).

Each event_id is claimed before the reply is built (`Hooks.seen_event`), so a retried event is
answered once. A claim whose reply could not be posted is released (`Hooks.release_event`): Bolt
acknowledges events at once, so Slack does not retry because of that failure, but a retry already
on its way (the first delivery was acknowledged late) can then answer, here or on a replica.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.cache import ReplyCache
from bot.slack.deps import Asked, Deps
from bot.slack.incoming import clean_incoming
from bot.slack.listeners.common import SORRY, guarded, never_raises, notify_asked
from bot.slack.replies import Answered, answer_conversation

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    cache: ReplyCache[Answered] = ReplyCache()

    async def on_mention(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        if str(event.get("channel", "")).startswith("D") or event.get("bot_id"):
            return  # a DM mention also arrives as message.im; bots are not answered (no loops)
        if not _has_channel(event, body, "a mention"):
            return
        thread = event.get("thread_ts") or event.get("ts")
        reply = _reply(deps, cache, client, event, body, context, "mention", thread)
        deps.follow_ups.start("a mention", reply)

    async def on_direct_message(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        person = event.get("user") and not (event.get("subtype") or event.get("bot_id"))
        if event.get("channel_type") != "im" or not person:
            return  # only a person's new DM is a question: not edits, joins or bots' messages
        if not _has_channel(event, body, "a direct message"):
            return
        reply = _reply(deps, cache, client, event, body, context, "dm", event.get("thread_ts"))
        deps.follow_ups.start("a direct message", reply)

    # Bolt acknowledges an event when its listener returns; the reply follows (FollowUps).
    app.event("app_mention")(never_raises(on_mention))
    app.event("message")(never_raises(on_direct_message))


def _has_channel(event: dict[str, Any], body: dict[str, Any], what: str) -> bool:
    """Whether there is a channel to answer in; Slack always sends one, so without it the event
    is acknowledged and logged in one line, never answered."""
    if isinstance(event.get("channel"), str) and event["channel"]:
        return True
    logger.warning("ignored %s without a channel (event %s)", what, body.get("event_id"))
    return False


async def _reply(
    deps: Deps,
    cache: ReplyCache[Answered],
    client: AsyncWebClient,
    event: dict[str, Any],
    body: dict[str, Any],
    context: Any,
    surface: str,
    thread_ts: str | None,
) -> None:
    event_id = body.get("event_id")
    try:
        seen = deps.hooks.seen_event
        if seen is not None and event_id and await seen(event_id):
            logger.info("skipping event %s: already handled", event_id)
            return
        question = clean_incoming(str(event.get("text", "")), context.get("bot_user_id"))
        knowledge = deps.knowledge()
        answered = guarded(
            surface,
            lambda: answer_conversation(
                knowledge, question, feedback=deps.hooks.on_vote is not None, cache=cache
            ),
            Answered(SORRY),
        )
        message = answered.message
        await client.chat_postMessage(
            channel=event["channel"],
            thread_ts=thread_ts,
            text=message["text"],
            blocks=message["blocks"] or None,
            unfurl_links=False,
            unfurl_media=False,
        )
    except BaseException:
        # A failed post, or cancelled at shutdown (even while claiming): give the claim back so a
        # retry can answer; a release only deletes this replica's own claim, so it is safe.
        if deps.hooks.release_event is not None and event_id:
            await _release(deps, event_id)
        raise
    if answered.result is not None:
        asked = Asked(question, surface, event.get("user"), event.get("channel"), answered.result)
        await notify_asked(deps, asked)


async def _release(deps: Deps, event_id: str) -> None:
    assert deps.hooks.release_event is not None
    try:
        await deps.hooks.release_event(event_id)
    except Exception:
        logger.exception("releasing the claim on event %s failed", event_id)
    else:
        logger.info("released event %s: its reply could not be posted", event_id)
