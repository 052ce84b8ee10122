"""The App Home tab, published whenever someone opens it."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.render.catalog import build_home_view
from bot.slack.deps import Deps
from bot.slack.listeners.common import never_raises


def register(app: AsyncApp, deps: Deps) -> None:
    async def on_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab") not in (None, "home"):
            return  # the Messages tab needs no view
        kb = deps.knowledge().kb
        view = await asyncio.get_running_loop().run_in_executor(deps.builder, build_home_view, kb)
        await client.views_publish(user_id=event["user"], view=view)

    app.event("app_home_opened")(never_raises(on_home_opened))
