"""`/readout`: help, list, or a question; the answer is ephemeral, with "Share in channel".

The answer goes back in the acknowledgement itself, Slack's immediate response: no second
request, nothing to lose if a response_url post failed. It is built right there on the event
loop: matching scores a bounded pool of targets and looks up a bounded number of typos, so an
answer takes about half a millisecond on the bundled base and a few at 100,000 entries
(`make bench`), far inside Slack's 3 seconds, and a hand-over to a worker thread would cost more
than the work itself. A question asked before (against the same knowledge base) comes from the
reply cache. Extra subcommands (which may do I/O) acknowledge first and then answer by
response_url, after the acknowledgement has gone (FollowUps).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Message
from bot.slack.cache import ReplyCache
from bot.slack.deps import Asked, CommandRequest, Deps
from bot.slack.incoming import clean_incoming, parse_command
from bot.slack.listeners.common import (
    SORRY,
    curator_offer,
    guarded,
    never_raises,
    notify_asked,
    review_policy,
)
from bot.slack.replies import Answered, ReplyStyle, answer_command
from bot.slack.respond import post_response

COMMAND = "/readout"
logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    cache: ReplyCache[Answered] = ReplyCache()
    extra = frozenset(deps.hooks.subcommands)

    async def on_readout(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        text = clean_incoming(command.get("text") or "")
        parsed = parse_command(text, extra)
        user_id, channel_id = command.get("user_id"), command.get("channel_id")
        if parsed.kind == "extra":
            await ack()  # subcommands may do I/O (a reload, a query): they answer by response_url
            response_url = command.get("response_url")
            if not response_url:
                logger.warning("ignored /readout %s without a response_url", parsed.name)
                return
            request = CommandRequest(parsed.name, parsed.argument, user_id, channel_id)
            work = _run_subcommand(deps, request, client, response_url)
            deps.follow_ups.start(f"/readout {parsed.name}", work)
            return
        knowledge = deps.knowledge()
        style = ReplyStyle(
            feedback=deps.hooks.on_vote is not None,
            reviews=review_policy(deps.settings),
            curators=curator_offer(deps),
        )
        answered = guarded(
            COMMAND,
            lambda: answer_command(knowledge, parsed, style=style, cache=cache),
            Answered(SORRY),
        )
        await _ack_with(ack, answered.message)
        if answered.result is not None:
            await notify_asked(deps, Asked(text, "command", user_id, channel_id, answered.result))

    app.command(COMMAND)(never_raises(on_readout))


async def _run_subcommand(
    deps: Deps, request: CommandRequest, client: AsyncWebClient, response_url: str
) -> None:
    message = await _subcommand(deps, request)
    await post_response(client, response_url, message, response_type="ephemeral")


async def _ack_with(ack: AsyncAck, reply: Message) -> None:
    """Acknowledge with the reply itself: Slack shows it to the asker only."""
    await ack(text=reply["text"], blocks=reply["blocks"] or None, response_type="ephemeral")


async def _subcommand(deps: Deps, request: CommandRequest) -> Message:
    try:
        return await deps.hooks.subcommands[request.name](request)
    except Exception:
        logger.exception("/readout %s failed", request.name)
        return SORRY
