"""The App Home tab, published whenever someone opens it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.catalog import build_home_view
from bot.slack.deps import Deps
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
        view = guarded("App Home", lambda: build_home_view(kb), None)
        if view is None:
            return
        await client.views_publish(user_id=event["user"], view=view)

    app.event("app_home_opened")(never_raises(on_home_opened))
