"""Serving Slack over Socket Mode: an outbound websocket, so no public URL is needed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.app import build_app, build_client
from bot.slack.curators import Curators
from bot.slack.deps import KnowledgeProvider
from bot.slack.follow_ups import FollowUps
from bot.slack.identity import BotIdentity
from bot.slack.logs import configure_logging
from bot.slack.server import DRAIN_SECONDS, shared_session
from bot.slack.startup import check_app_token, check_token, secrets_of

logger = logging.getLogger(__name__)


async def serve_socket_mode(settings: Settings, knowledge: KnowledgeProvider | None = None) -> None:
    """Connect to Slack over Socket Mode (SLACK_APP_TOKEN) and serve until SIGINT or SIGTERM."""
    if settings.slack_app_token is None:
        raise ConfigError(
            "SLACK_APP_TOKEN is not set; Socket Mode needs an app-level token (xapp-…)."
        )
    configure_logging(settings.log_level, secrets_of(settings), settings.log_format)
    curators = Curators.start(settings) if knowledge is None else None
    await check_token(settings)
    await check_app_token(settings)
    provider, hooks = (curators.live.current, curators.hooks()) if curators else (knowledge, None)
    assert provider is not None
    follow_ups = curators.follow_ups if curators else FollowUps(settings.reply_deadline)
    client = build_client(settings)
    identity = BotIdentity.of(client)
    app = build_app(
        settings,
        provider,
        client,
        hooks=hooks,
        socket_mode=True,
        follow_ups=follow_ups,
        identity=identity,
    )
    handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    curating = curators.running(app.client) if curators else contextlib.nullcontext()
    async with shared_session(app.client), curating, identity.resolving(app.client):
        logger.info("serving Slack over Socket Mode")
        connecting = asyncio.ensure_future(handler.connect_async())  # type: ignore[no-untyped-call]
        await stop.wait()
        logger.info("closing the Socket Mode connection")
        connecting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await connecting
        await handler.close_async()  # type: ignore[no-untyped-call]
        await follow_ups.drain(DRAIN_SECONDS)
