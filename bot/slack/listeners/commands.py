"""`/readout`: help, list, or a question; the answer is ephemeral, with "Share in channel"."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import Message
from bot.slack.deps import Asked, CommandRequest, Deps
from bot.slack.incoming import Command, clean_incoming, parse_command
from bot.slack.listeners.common import SORRY, guarded, notify_asked
from bot.slack.replies import Answered, answer_command

COMMAND = "/readout"
logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_readout(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        text = clean_incoming(command.get("text", ""))
        parsed = parse_command(text, frozenset(deps.hooks.subcommands))
        user_id, channel_id = command.get("user_id"), command.get("channel_id")
        if parsed.kind == "extra":
            request = CommandRequest(parsed.name, parsed.argument, user_id, channel_id)
            message = await _subcommand(deps, request)
            await respond_with(respond, message)
            return
        answered = guarded(COMMAND, lambda: _answer(deps, parsed), Answered(SORRY))
        await respond_with(respond, answered.message)
        if answered.result is not None:
            await notify_asked(deps, Asked(text, "command", user_id, channel_id, answered.result))

    app.command(COMMAND)(on_readout)


def _answer(deps: Deps, parsed: Command) -> Answered:
    return answer_command(deps.knowledge(), parsed)


async def _subcommand(deps: Deps, request: CommandRequest) -> Message:
    try:
        return await deps.hooks.subcommands[request.name](request)
    except Exception:
        logger.exception("/readout %s failed", request.name)
        return SORRY


async def respond_with(respond: AsyncRespond, message: Message) -> None:
    """Post `message` to the command's response_url, visible only to the person who asked."""
    await respond(text=message["text"], blocks=message["blocks"] or None, response_type="ephemeral")
