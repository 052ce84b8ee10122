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
    ASK_ACTION,
    ASK_BLOCK,
    ASK_OPTION,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    VIEW_FEEDBACK,
    build_feedback_modal,
    build_vote_thanks,
)
from bot.render.ids import action_base, action_pattern, decode_value
from bot.slack.deps import Deps, Voted
from bot.slack.listeners.common import curator_offer, first_action, never_raises
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
        action = first_action(body)
        if action is None:
            return
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
        if not up and not body.get("trigger_id"):
            logger.warning("recorded a 👎 without a trigger_id: no comment form to open")
        elif not up:
            metadata = {"t": value.target, "q": value.question or "", "c": channel_id or ""}
            metadata.update(_where(container, body.get("message") or {}))
            view = build_feedback_modal({**metadata, "k": answer_key}, curator_offer(deps))
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

    async def on_comment(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        meta = _metadata(view.get("private_metadata"))
        if meta is None:
            logger.warning("ignored a feedback comment whose private_metadata is not ours")
            return
        values = (view.get("state") or {}).get("values") or {}
        comment = _comment(values)
        user_id = (body.get("user") or {}).get("id")
        escalator = deps.hooks.escalations
        if escalator is not None and user_id and _asks_curator(values):
            work = escalator.ask_from_feedback(user_id, meta, comment, client)
            deps.follow_ups.start("Ask a curator from the 👎 form", work)
        if not comment or not user_id or not meta.get("t") or not meta.get("k"):
            return  # "Send" with nothing written: the 👎 is already recorded
        voted = Voted(
            str(meta["t"]),
            str(meta.get("q") or "") or None,
            user_id,
            str(meta.get("c") or "") or None,
            str(meta["k"]),
            False,
            comment,
        )
        await on_vote(voted)

    for base in (ACTION_VOTE_UP, ACTION_VOTE_DOWN):
        app.action(action_pattern(base))(never_raises(on_click))
    app.view(VIEW_FEEDBACK)(never_raises(on_comment))


def _metadata(raw: object) -> dict[str, Any] | None:
    """The form's private_metadata (written by build_feedback_modal), or None when it is not a
    JSON object: Slack gives it back as it was sent, so anything else is not ours."""
    try:
        meta = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def _where(container: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
    """Where the answer voted on was (for "Ask a curator" from the form): ephemeral or not, its
    message, and its thread."""
    where: dict[str, Any] = {"m": container.get("message_ts") or ""}
    if container.get("is_ephemeral"):
        where["e"] = 1
    if message.get("thread_ts"):
        where["th"] = message["thread_ts"]
    return where


def _asks_curator(values: dict[str, Any]) -> bool:
    """Whether "Ask a curator about it" was ticked in the form."""
    block = values.get(ASK_BLOCK)
    field = block.get(ASK_ACTION) if isinstance(block, dict) else None
    chosen = field.get("selected_options") if isinstance(field, dict) else None
    return isinstance(chosen, list) and any(
        isinstance(o, dict) and o.get("value") == ASK_OPTION for o in chosen
    )


def _comment(values: dict[str, Any]) -> str | None:
    """What was written in the form's comment field, if anything."""
    block = values.get(COMMENT_BLOCK)
    field = block.get(COMMENT_ACTION) if isinstance(block, dict) else None
    value = field.get("value") if isinstance(field, dict) else None
    return value if isinstance(value, str) else None
