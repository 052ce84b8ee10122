"""Mentions in channels (answered in a thread) and direct messages (answered in the DM).

Each event_id is claimed before the reply is built (`Hooks.seen_event`), so a retried event is
answered once. A claim whose reply could not be posted is released (`Hooks.release_event`): Bolt
acknowledges events at once, so Slack does not retry because of that failure, but a retry already
on its way (the first delivery was acknowledged late) can then answer, here or on a replica;
except after a post that timed out, which Slack may have made. The post itself is retried by
the Web API client (web_api.py), within the reply's deadline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Message
from bot.slack.cache import ReplyCache
from bot.slack.deps import Asked, Deps
from bot.slack.incoming import clean_incoming
from bot.slack.listeners.common import (
    SORRY,
    curator_offer,
    guarded,
    never_raises,
    notify_asked,
    review_policy,
)
from bot.slack.replies import Answered, ReplyStyle, answer_conversation
from bot.slack.web_api import may_have_posted

logger = logging.getLogger(__name__)

Surface = Literal["mention", "dm"]


@dataclass(frozen=True)
class Question:
    """One event to answer: what was asked, by whom, and where the reply goes."""

    event_id: str | None
    surface: Surface
    text: str
    """As typed, the bot's own mention removed."""
    user_id: str | None
    channel: str
    thread_ts: str | None

    def names(self) -> str:
        """How a log line names it (FollowUps logs a reply that could not be delivered)."""
        kind = "a mention" if self.surface == "mention" else "a direct message"
        return f"{kind} (event {self.event_id}, channel {self.channel})"


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
        question = _question(event, body, context, "mention", thread)
        deps.follow_ups.start(question.names(), _reply(deps, cache, client, question))

    async def on_direct_message(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        person = event.get("user") and not (event.get("subtype") or event.get("bot_id"))
        if event.get("channel_type") != "im" or not person:
            return  # only a person's new DM is a question: not edits, joins or bots' messages
        if not _has_channel(event, body, "a direct message"):
            return
        question = _question(event, body, context, "dm", event.get("thread_ts"))
        deps.follow_ups.start(question.names(), _reply(deps, cache, client, question))

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


def _question(
    event: dict[str, Any],
    body: dict[str, Any],
    context: Any,
    surface: Surface,
    thread_ts: str | None,
) -> Question:
    """The question an event asks. The bot's user id comes from its identity (auth.test) once
    known; before that, from the event itself, whose `authorizations` name the bot."""
    bot_user_id = context.get("bot_user_id") or _authorized_user(body)
    return Question(
        event_id=body.get("event_id"),
        surface=surface,
        text=clean_incoming(str(event.get("text", "")), bot_user_id),
        user_id=event.get("user"),
        channel=str(event["channel"]),
        thread_ts=thread_ts,
    )


def _authorized_user(body: dict[str, Any]) -> str | None:
    authorizations = body.get("authorizations")
    if isinstance(authorizations, list) and authorizations:
        first = authorizations[0]
        if isinstance(first, dict) and first.get("user_id"):
            return str(first["user_id"])
    return None


async def _reply(
    deps: Deps, cache: ReplyCache[Answered], client: AsyncWebClient, question: Question
) -> None:
    """Claim the event, answer it, post the answer, then record it; a failed or cancelled
    post gives the claim back, unless it timed out."""
    try:
        if not await _claim(deps, question.event_id):
            return
        answered = _answer(deps, cache, question)
        await _post(client, question, answered.message)
    except BaseException as exc:
        # A failed post, or cancelled at shutdown (even while claiming): give the claim back so a
        # retry can answer; a release only deletes this replica's own claim, so it is safe. Not
        # after a post that timed out: Slack may have made it.
        if not may_have_posted(exc):
            await _release(deps, question.event_id)
        raise
    if answered.result is not None:
        asked = Asked(
            question.text, question.surface, question.user_id, question.channel, answered.result
        )
        await notify_asked(deps, asked)


async def _claim(deps: Deps, event_id: str | None) -> bool:
    """True when this replica is to answer the event: no one has claimed it before."""
    seen = deps.hooks.seen_event
    if seen is not None and event_id and await seen(event_id):
        logger.info("skipping event %s: already handled", event_id)
        return False
    return True


def _answer(deps: Deps, cache: ReplyCache[Answered], question: Question) -> Answered:
    knowledge = deps.knowledge()
    style = ReplyStyle(
        feedback=deps.hooks.on_vote is not None,
        reviews=review_policy(deps.settings),
        curators=curator_offer(deps),
    )
    return guarded(
        question.surface,
        lambda: answer_conversation(knowledge, question.text, style=style, cache=cache),
        Answered(SORRY),
    )


async def _post(client: AsyncWebClient, question: Question, message: Message) -> None:
    await client.chat_postMessage(
        channel=question.channel,
        thread_ts=question.thread_ts,
        text=message["text"],
        blocks=message["blocks"] or None,
        unfurl_links=False,
        unfurl_media=False,
    )


async def _release(deps: Deps, event_id: str | None) -> None:
    if deps.hooks.release_event is None or not event_id:
        return
    try:
        await deps.hooks.release_event(event_id)
    except Exception:
        logger.exception("releasing the claim on event %s failed", event_id)
    else:
        logger.info("released event %s: its reply could not be posted", event_id)
