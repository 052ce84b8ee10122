"""`/readout`: help, list, or a question; the answer is ephemeral, with "Share in channel".

The answer goes back in the HTTP response to the command itself (Slack's immediate response),
since matching and rendering take about a millisecond: no second request, no extra connection,
and nothing to lose if the response_url post failed. Should building ever take longer than
`Deps.ack_budget` seconds, the command is acknowledged empty and the answer follows through the
response_url. Extra subcommands (which may do I/O) always acknowledge first.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Message
from bot.slack.cache import ReplyCache
from bot.slack.deps import Asked, CommandRequest, Deps
from bot.slack.incoming import clean_incoming, parse_command
from bot.slack.listeners.common import SORRY, guarded, never_raises, notify_asked
from bot.slack.replies import Answered, answer_command
from bot.slack.respond import post_response

COMMAND = "/readout"
logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    cache: ReplyCache[Answered] = ReplyCache()

    async def on_readout(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        started = time.monotonic()
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
        answered = guarded(
            COMMAND,
            lambda: answer_command(
                deps.knowledge(), parsed, feedback=deps.hooks.on_vote is not None, cache=cache
            ),
            Answered(SORRY),
        )
        reply = answered.message
        if time.monotonic() - started <= deps.ack_budget:
            await ack(text=reply["text"], blocks=reply["blocks"] or None, response_type="ephemeral")
        else:
            logger.warning(
                "answering /readout took over %.1f s; using response_url", deps.ack_budget
            )
            await ack()
            await post_response(client, response_url, reply, response_type="ephemeral")
        if answered.result is not None:
            await notify_asked(deps, Asked(text, "command", user_id, channel_id, answered.result))

    app.command(COMMAND)(never_raises(on_readout))


async def _subcommand(deps: Deps, request: CommandRequest) -> Message:
    try:
        return await deps.hooks.subcommands[request.name](request)
    except Exception:
        logger.exception("/readout %s failed", request.name)
        return SORRY
