"""Posting to a response_url over the Web API client's shared HTTP session.

Bolt's `respond()` opens a new HTTP session (and connection) for every post; under load that
costs more than answering the question. This posts through the session the server opens at start
(see server.py), falling back to a one-off session when there is none (e.g. in Socket Mode
before it is set), with the client's timeout and retry handlers (web_api.py).
"""

from __future__ import annotations

import logging
from typing import Literal

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.render.blocks import Message
from bot.slack.web_api import ResponseRefused

logger = logging.getLogger(__name__)

ResponseType = Literal["ephemeral", "in_channel"]


async def post_response(
    client: AsyncWebClient,
    response_url: str,
    message: Message,
    *,
    response_type: ResponseType | None = None,
    replace_original: bool | None = None,
) -> None:
    """Post `message` to `response_url`, retrying as the Web API client does; ResponseRefused
    when Slack still refuses it (FollowUps counts it undelivered)."""
    body: dict[str, object] = {"text": message["text"]}
    if message["blocks"]:
        body["blocks"] = message["blocks"]
    if response_type is not None:
        body["response_type"] = response_type
    if replace_original is not None:
        body["replace_original"] = replace_original
    webhook = AsyncWebhookClient(
        url=response_url,
        session=client.session,
        timeout=client.timeout,
        retry_handlers=client.retry_handlers,
    )
    response = await webhook.send_dict(body)
    if not 200 <= response.status_code < 300:
        answer = " ".join(str(response.body).split())[:100]
        raise ResponseRefused(f"response_url answered {response.status_code}: {answer}")
