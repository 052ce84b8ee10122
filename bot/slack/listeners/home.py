"""The App Home tab, published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.catalog import build_home_view
from bot.slack.deps import Deps
from bot.slack.listeners.common import build_off_loop, never_raises


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return  # the Messages tab needs no view
        kb = deps.knowledge().kb
        view = await build_off_loop("App Home", lambda: build_home_view(kb), None, deps.builder)
        if view is None:
            return
        await client.views_publish(user_id=event["user"], view=view)

    app.event("app_home_opened")(never_raises(on_home_opened))
