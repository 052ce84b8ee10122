"""Reaching the person who asked the curators, wherever they asked: a reply in their thread, in
their DM with Readout, or a message only they see in the channel (falling back to their DM when
Slack will not show it there, e.g. a channel Readout is not in)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Message
from bot.slack.web_api import api_error
from bot.store.escalations import Surface

logger = logging.getLogger(__name__)

EPHEMERAL_REFUSED = {"channel_not_found", "not_in_channel", "user_not_in_channel", "is_archived"}


@dataclass(frozen=True)
class Asker:
    """Who asked and where the answer goes."""

    user_id: str
    channel_id: str | None
    surface: Surface
    thread_ts: str | None


async def deliver(client: AsyncWebClient, asker: Asker, message: Message) -> None:
    """Post an escalation's outcome where the asker asked; raises when Slack refuses it."""
    if asker.surface == "thread" and asker.channel_id:
        await _post(client, asker.channel_id, message, thread_ts=asker.thread_ts)
    elif asker.surface == "dm" and asker.channel_id:
        await _post(client, asker.channel_id, message)
    else:
        await tell_privately(client, asker, message)


async def tell_privately(client: AsyncWebClient, asker: Asker, message: Message) -> None:
    """A note only the asker sees: in their DM with Readout, or ephemeral in the channel (their
    DM when Slack refuses that)."""
    if asker.surface == "dm" and asker.channel_id:
        await _post(client, asker.channel_id, message)
        return
    if asker.channel_id:
        try:
            await client.chat_postEphemeral(
                channel=asker.channel_id,
                user=asker.user_id,
                text=message["text"],
                blocks=message["blocks"] or None,
                thread_ts=asker.thread_ts if asker.surface == "thread" else None,
            )
            return
        except SlackApiError as exc:
            if api_error(exc) not in EPHEMERAL_REFUSED:
                raise
            logger.info("chat.postEphemeral refused (%s); sending to the DM", api_error(exc))
    await _post(client, asker.user_id, message)


async def _post(
    client: AsyncWebClient, channel: str, message: Message, *, thread_ts: str | None = None
) -> Any:
    return await client.chat_postMessage(
        channel=channel,
        thread_ts=thread_ts,
        text=message["text"],
        blocks=message["blocks"] or None,
        unfurl_links=False,
        unfurl_media=False,
    )
