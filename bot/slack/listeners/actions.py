"""Readout's buttons: answer in place, open a new answer, or share the answer in the channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.ids import (
    ACTION_ANSWER,
    ACTION_OPEN,
    ACTION_SHARE,
    PICK_SUGGESTION,
    action_pattern,
    decode_value,
)
from bot.slack.deps import Deps, Picked
from bot.slack.listeners.common import first_action, guarded, never_raises, review_policy
from bot.slack.replies import Click, ClickedOn, answer_click
from bot.slack.respond import post_response

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_button(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("a button", _answer_click(deps, body, client))

    for base in (ACTION_ANSWER, ACTION_OPEN, ACTION_SHARE):
        app.action(action_pattern(base))(never_raises(on_button))


def click_place(body: dict[str, Any]) -> ClickedOn:
    """Where a click happened, which decides where its answer goes: a message only the clicker
    sees (an ephemeral reply), App Home (no response_url, so the answer goes to their DM), their
    DM with Readout, or a channel message others see too."""
    container = body.get("container") or {}
    channel_id = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
    if container.get("is_ephemeral"):
        return "ephemeral"
    if container.get("type") == "view":
        return "home"
    if channel_id.startswith("D"):
        return "dm"
    return "channel"


async def _answer_click(deps: Deps, body: dict[str, Any], client: AsyncWebClient) -> None:
    action = first_action(body)
    if action is None:
        return
    user_id = (body.get("user") or {}).get("id")
    clicked_on = click_place(body)

    kb = deps.knowledge().kb
    reviews = review_policy(deps.settings)

    def build() -> Click | None:
        return answer_click(
            kb,
            action.get("action_id", ""),
            action.get("value"),
            user_id=user_id,
            clicked_on=clicked_on,
            feedback=deps.hooks.on_vote is not None,
            reviews=reviews,
        )

    click = guarded("a button", build, None)
    if click is None:
        logger.warning("ignored a click on %s", action.get("action_id"))
        return
    await _learn(deps, action.get("value"), user_id)
    message = click.message
    response_url = body.get("response_url")
    if response_url is None:
        # App Home has no response_url: the answer goes to the person's DM with Readout.
        if not user_id:
            logger.warning("ignored a click from App Home without a user")
            return
        await client.chat_postMessage(
            channel=str(user_id),
            text=message["text"],
            blocks=message["blocks"] or None,
            unfurl_links=False,
        )
    elif click.mode in ("in_channel", "dm"):  # in the clicker's DM with Readout: only they see it
        await post_response(
            client, response_url, message, response_type="in_channel", replace_original=False
        )
    elif click.mode == "replace":
        await post_response(client, response_url, message, replace_original=True)
    else:
        await post_response(
            client, response_url, message, response_type="ephemeral", replace_original=False
        )


async def _learn(deps: Deps, raw_value: str | None, user_id: str | None) -> None:
    """A click on a "did you mean" suggestion or a nearest topic is a pick to learn from; its
    failure never reaches the person clicking."""
    value = decode_value(raw_value)
    on_pick = deps.hooks.on_pick
    if on_pick is None or value is None or not value.picked or not value.question or not user_id:
        return
    source = "suggestion" if value.picked == PICK_SUGGESTION else "nearest"
    try:
        await on_pick(Picked(value.question, value.target, user_id, source))
    except Exception:
        logger.exception("the on_pick hook failed")
