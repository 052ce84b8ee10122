"""👍 / 👎 under answers: a click is passed to `Hooks.on_vote` at once; a 👎 also opens a modal
asking, optionally, what was wrong, whose comment comes back as a second 👎 with the comment."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.feedback import (
    ACTION_VOTE_DOWN,
    ACTION_VOTE_UP,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    VIEW_FEEDBACK,
    build_feedback_modal,
    build_vote_thanks,
)
from bot.render.ids import action_base, action_pattern, decode_value
from bot.slack.deps import Deps, Voted
from bot.slack.listeners.common import never_raises
from bot.slack.respond import post_response

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    on_vote = deps.hooks.on_vote
    if on_vote is None:
        return

    async def on_click(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("a vote", record_vote(body, client))

    async def record_vote(body: dict[str, Any], client: AsyncWebClient) -> None:
        action = body["actions"][0]
        value = decode_value(action.get("value"))
        user_id = (body.get("user") or {}).get("id")
        if value is None or not user_id:
            logger.warning("ignored a vote without an entry or a user")
            return
        container = body.get("container") or {}
        channel_id = (body.get("channel") or {}).get("id") or container.get("channel_id")
        message_ts = container.get("message_ts")
        answer_key = f"{channel_id}:{message_ts}" if message_ts else f"{channel_id}:{value.target}"
        up = action_base(action.get("action_id", "")) == ACTION_VOTE_UP
        await on_vote(Voted(value.target, value.question, user_id, channel_id, answer_key, up))
        if not up:
            metadata = {"t": value.target, "q": value.question or "", "c": channel_id or ""}
            view = build_feedback_modal({**metadata, "k": answer_key})
            await client.views_open(trigger_id=body["trigger_id"], view=view)
        elif body.get("response_url"):
            thanks = build_vote_thanks(True)
            await post_response(
                client,
                body["response_url"],
                thanks,
                response_type="ephemeral",
                replace_original=False,
            )

    async def on_comment(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await ack()
        meta = json.loads(view.get("private_metadata") or "{}")
        state = view.get("state", {}).get("values", {})
        comment = state.get(COMMENT_BLOCK, {}).get(COMMENT_ACTION, {}).get("value")
        user_id = (body.get("user") or {}).get("id")
        if not comment or not user_id or not meta.get("t") or not meta.get("k"):
            return  # "Send" with nothing written: the 👎 is already recorded
        voted = Voted(
            meta["t"],
            meta.get("q") or None,
            user_id,
            meta.get("c") or None,
            meta["k"],
            False,
            comment,
        )
        await on_vote(voted)

    for base in (ACTION_VOTE_UP, ACTION_VOTE_DOWN):
        app.action(action_pattern(base))(never_raises(on_click))
    app.view(VIEW_FEEDBACK)(never_raises(on_comment))
