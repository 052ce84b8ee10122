"""The App Home tab, published whenever someone opens it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.blocks import Block
from bot.render.catalog import build_home_view
from bot.render.curator_home import ACTION_LINK, ACTION_RELOAD
from bot.render.ids import action_pattern
from bot.slack.deps import CommandRequest, Deps
from bot.slack.listeners.common import guarded, never_raises

logger = logging.getLogger(__name__)


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return  # the Messages tab needs no view
        if not event.get("user"):
            logger.warning("ignored an app_home_opened event without a user")
            return
        deps.follow_ups.start("App Home", publish(event, client))

    async def publish(event: dict[str, Any], client: AsyncWebClient) -> None:
        kb = deps.knowledge().kb
        above = await _curators_section(deps, str(event["user"]), client)
        view = guarded("App Home", lambda: build_home_view(kb, above), None)
        if view is None:
            return
        await client.views_publish(user_id=event["user"], view=view)

    async def on_reload(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        """ "Reload now" in the curators' section: reloads (for an admin) and shows the result
        in the refreshed tab."""
        await ack()
        user = (body.get("user") or {}).get("id")
        reload = deps.hooks.subcommands.get("reload")
        if not user or reload is None:
            return

        async def work() -> None:
            await reload(CommandRequest("reload", "", str(user), None))
            await publish({"user": user}, client)

        deps.follow_ups.start("Reload now (App Home)", work())

    async def on_link(ack: AsyncAck) -> None:
        await ack()  # the link opens in Slack; there is nothing to do here

    app.event("app_home_opened")(never_raises(on_home_opened))
    app.action(ACTION_RELOAD)(never_raises(on_reload))
    app.action(action_pattern(ACTION_LINK))(never_raises(on_link))


async def _curators_section(deps: Deps, user_id: str, client: AsyncWebClient) -> list[Block]:
    """The curators' section for an admin (empty for anyone else); its failure leaves the rest
    of the tab as it is."""
    if deps.hooks.curator_home is None:
        return []
    try:
        return await deps.hooks.curator_home(user_id, client)
    except Exception:
        logger.exception("building the curators' section of App Home failed")
        return []
