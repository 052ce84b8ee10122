"""`/readout`: help, list, or a question; the answer is ephemeral, with "Share in channel".

A question asked before (against the same knowledge base) is answered from the reply cache at
once. Otherwise the answer is built on a worker thread while the event loop keeps acknowledging
other requests. When it is ready within `Deps.ack_budget` seconds (it usually takes about a
millisecond), it goes back in the acknowledgement itself, Slack's immediate response: no second
request, nothing to lose if a response_url post failed. Otherwise the command is acknowledged
empty as soon as the budget is spent, and the answer follows through the response_url when it is
ready. Extra subcommands (which may do I/O) always acknowledge first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Message
from bot.slack.cache import ReplyCache
from bot.slack.deps import Asked, CommandRequest, Deps
from bot.slack.incoming import clean_incoming, parse_command
from bot.slack.listeners.common import SORRY, build_off_loop, never_raises, notify_asked
from bot.slack.replies import Answered, answer_command, cached_command
from bot.slack.respond import post_response

COMMAND = "/readout"
logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    cache: ReplyCache[Answered] = ReplyCache()

    async def on_readout(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        response_url = command["response_url"]
        text = clean_incoming(command.get("text", ""))
        parsed = parse_command(text, frozenset(deps.hooks.subcommands))
        user_id, channel_id = command.get("user_id"), command.get("channel_id")
        if parsed.kind == "extra":
            await ack()
            request = CommandRequest(parsed.name, parsed.argument, user_id, channel_id)
            message = await _subcommand(deps, request)
            await post_response(client, response_url, message, response_type="ephemeral")
            return
        knowledge = deps.knowledge()
        feedback = deps.hooks.on_vote is not None
        answered = cached_command(knowledge, parsed, cache, feedback=feedback)
        if answered is not None:
            await _ack_with(ack, answered.message)
        else:
            answered = await _answer_within_budget(
                deps,
                lambda: answer_command(knowledge, parsed, feedback=feedback, cache=cache),
                ack,
                client,
                response_url,
            )
        if answered.result is not None:
            await notify_asked(deps, Asked(text, "command", user_id, channel_id, answered.result))

    app.command(COMMAND)(never_raises(on_readout))


async def _answer_within_budget(
    deps: Deps,
    build: Callable[[], Answered],
    ack: AsyncAck,
    client: AsyncWebClient,
    response_url: str,
) -> Answered:
    """Build on a worker thread; acknowledge with the answer if it is ready within the budget,
    else acknowledge empty at once and post the answer to the response_url when it is ready."""
    building = asyncio.ensure_future(build_off_loop(COMMAND, build, Answered(SORRY), deps.builder))
    try:
        answered = await asyncio.wait_for(asyncio.shield(building), deps.ack_budget)
    except TimeoutError:
        logger.warning(
            "answering /readout is taking over %.1f s; acknowledged, the answer follows by "
            "response_url",
            deps.ack_budget,
        )
        await ack()
        answered = await building
        await post_response(client, response_url, answered.message, response_type="ephemeral")
    else:
        await _ack_with(ack, answered.message)
    return answered


async def _ack_with(ack: AsyncAck, reply: Message) -> None:
    """Acknowledge with the reply itself: Slack shows it to the asker only."""
    await ack(text=reply["text"], blocks=reply["blocks"] or None, response_type="ephemeral")


async def _subcommand(deps: Deps, request: CommandRequest) -> Message:
    try:
        return await deps.hooks.subcommands[request.name](request)
    except Exception:
        logger.exception("/readout %s failed", request.name)
        return SORRY
