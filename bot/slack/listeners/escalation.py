"""Ask a curator: the asker's button, the card's three actions (and the external select's
type-ahead), and the curator's "Write an answer" form. Each is acknowledged at once; the work
runs as a follow-up (bot/slack/escalations.py does it)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.escalation import ACTION_ASK, ACTION_DECLINE, ACTION_ENTRY, ACTION_WRITE
from bot.render.escalation_replies import VIEW_WRITE
from bot.slack.deps import Deps
from bot.slack.listeners.common import guarded, never_raises


def register(app: AsyncApp, deps: Deps) -> None:
    escalator = deps.hooks.escalations
    if escalator is None:
        return

    async def on_ask(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("Ask a curator", escalator.ask(body, client))

    async def on_entry(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("a curator's entry", escalator.answer_with_entry(body, client))

    async def on_write(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("Write an answer", escalator.open_writer(body, client))

    async def on_decline(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        deps.follow_ups.start("Not in scope", escalator.decline(body, client))

    async def on_written(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        deps.follow_ups.start("a curator's answer", escalator.write(body, view, client))

    async def on_type_ahead(ack: AsyncAck, body: dict[str, Any]) -> None:
        typed = str(body.get("value") or "")
        none: list[dict[str, Any]] = []
        await ack(options=guarded("the entry type-ahead", lambda: escalator.options(typed), none))

    app.action(ACTION_ASK)(never_raises(on_ask))
    app.action(ACTION_ENTRY)(never_raises(on_entry))
    app.action(ACTION_WRITE)(never_raises(on_write))
    app.action(ACTION_DECLINE)(never_raises(on_decline))
    app.view(VIEW_WRITE)(never_raises(on_written))
    app.options(ACTION_ENTRY)(never_raises(on_type_ahead))
