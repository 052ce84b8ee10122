"""Posting to a response_url over the Web API client's shared HTTP session.

Bolt's `respond()` opens a new HTTP session (and connection) for every post; under load that
costs more than answering the question. This posts through the session the server opens at start
(see server.py), falling back to a one-off session when there is none (e.g. in Socket Mode
before it is set).
"""

from __future__ import annotations

import logging
from typing import Literal

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.render.blocks import Message

logger = logging.getLogger(__name__)

ResponseType = Literal["ephemeral", "in_channel"]


async def post_response(
    client: AsyncWebClient,
    response_url: str,
    message: Message,
    *,
    response_type: ResponseType | None = None,
    replace_original: bool | None = None,
) -> bool:
    """Post `message` to `response_url`; False (and a warning) when Slack refuses it."""
    body: dict[str, object] = {"text": message["text"]}
    if message["blocks"]:
        body["blocks"] = message["blocks"]
    if response_type is not None:
        body["response_type"] = response_type
    if replace_original is not None:
        body["replace_original"] = replace_original
    webhook = AsyncWebhookClient(url=response_url, session=client.session)
    response = await webhook.send_dict(body)
    if response.status_code != 200:
        logger.warning("response_url answered %s: %s", response.status_code, response.body[:200])
        return False
    return True
