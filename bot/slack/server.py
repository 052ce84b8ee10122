"""Serving Slack: HTTP on uvicorn (Starlette + Bolt's async adapter) or Socket Mode.

HTTP answers every Slack request at POST /slack/events and load balancers at GET /healthz.
With several workers, uvicorn imports `bot.slack.server:asgi_from_env` in each process, so each
worker loads its settings and knowledge from the environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator

import aiohttp
import uvicorn
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.slack.app import build_app, build_client
from bot.slack.curators import Curators
from bot.slack.deps import KnowledgeProvider
from bot.slack.follow_ups import FollowUps
from bot.slack.knowledge import load_provider
from bot.slack.logs import configure_logging
from bot.store.db import url_secrets

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DRAIN_SECONDS = 5.0
"""At shutdown, how long replies still being sent may take before the HTTP session closes."""
WORKER_HEADER = "X-Readout-Worker"
"""On every response: the id of the worker process that answered (`--workers N` spreads load)."""
logger = logging.getLogger(__name__)


def create_asgi_app(
    app: AsyncApp, curators: Curators | None = None, follow_ups: FollowUps | None = None
) -> Starlette:
    """Starlette routes in front of a Bolt app: Slack's requests and a health check, each
    response naming the worker process that answered it (X-Readout-Worker). At shutdown, replies
    still being sent (`follow_ups`, the app's) get up to DRAIN_SECONDS before the session closes.

    While serving, the Web API client keeps one HTTP session (connection pool) for every call and
    response_url post, instead of a new session per call; with `curators`, the knowledge
    directory is watched and the Recorder writes in the background.
    """
    handler = AsyncSlackRequestHandler(app)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with shared_session(app.client):
            curating = curators.running(app.client) if curators else contextlib.nullcontext()
            async with curating:
                yield
                if follow_ups is not None:
                    await follow_ups.drain(DRAIN_SECONDS)

    worker = {WORKER_HEADER: str(os.getpid())}

    async def slack_events(request: Request) -> Response:
        response = await handler.handle(request)
        response.headers.update(worker)
        return response

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok", headers=worker)

    return Starlette(
        routes=[
            Route(EVENTS_PATH, slack_events, methods=["POST"]),
            Route(HEALTH_PATH, healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


@contextlib.asynccontextmanager
async def shared_session(client: AsyncWebClient) -> AsyncIterator[None]:
    """Give `client` one aiohttp session for as long as the block runs (needs a running loop)."""
    session = aiohttp.ClientSession()
    client.session = session
    try:
        yield
    finally:
        client.session = None
        await session.close()


def asgi_from_env() -> Starlette:
    """The ASGI app built from the environment alone (uvicorn's factory for each worker)."""
    settings = load_settings()
    configure_logging(settings.log_level, secrets_of(settings))
    return curated_asgi_app(settings, Curators.start(settings))


def curated_asgi_app(settings: Settings, curators: Curators) -> Starlette:
    """The app serving the hot-reloaded knowledge, with admin commands, votes and gaps."""
    follow_ups = FollowUps()
    app = build_app(settings, curators.live.current, hooks=curators.hooks(), follow_ups=follow_ups)
    return create_asgi_app(app, curators, follow_ups)


def secrets_of(settings: Settings) -> list[str]:
    """Every secret setting's value, for the log redaction filter: the Slack tokens and signing
    secret, READOUT_QUESTION_SALT, and the password in READOUT_DATABASE_URL."""
    values = (
        settings.slack_bot_token,
        settings.slack_signing_secret,
        settings.slack_app_token,
        settings.question_salt,
    )
    secrets = [v.get_secret_value() for v in values if v is not None]
    return secrets + url_secrets(settings.database_url)


def check_http_settings(settings: Settings) -> None:
    """Raise ConfigError, naming the variable, when HTTP mode cannot start."""
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set; HTTP mode needs the bot token (xoxb-…).")
    if settings.slack_signing_secret is None:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is not set; HTTP mode needs it to verify Slack's requests "
            "(Basic Information > App Credentials)."
        )


_REJECTED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}


async def check_token(settings: Settings) -> None:
    """Ask Slack (auth.test) whether SLACK_BOT_TOKEN works: ConfigError when Slack rejects it;
    only a warning when Slack cannot be reached (the server may start before the network)."""
    client = build_client(settings)
    client.timeout = 10
    try:
        await client.auth_test()
    except SlackApiError as exc:
        error = str(exc.response.get("error", "unknown_error"))
        if error in _REJECTED:
            raise ConfigError(
                f"SLACK_BOT_TOKEN was rejected by Slack ({error}); copy the Bot User OAuth "
                "Token from OAuth & Permissions, and check SLACK_API_URL for GovSlack."
            ) from None
        logger.warning("auth.test failed (%s); starting anyway", error)
    except (TimeoutError, OSError, aiohttp.ClientError) as exc:
        logger.warning(
            "could not reach Slack at %s (%s); starting anyway",
            settings.slack_api_url,
            type(exc).__name__,
        )


def serve_http(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    """Serve on uvicorn until interrupted; settings, token and knowledge are checked first."""
    check_http_settings(settings)
    configure_logging(settings.log_level, secrets_of(settings))
    # Fail fast, with every problem, before binding (several workers each load their own).
    curators = Curators.start(settings) if workers == 1 else None
    if curators is None:
        load_provider(settings)
    asyncio.run(check_token(settings))
    logger.info(
        "serving Slack over HTTP on http://%s:%d%s (%d worker(s))", host, port, EVENTS_PATH, workers
    )
    access_log = settings.log_level == "DEBUG"
    if curators is None:
        os.environ["READOUT_KNOWLEDGE_DIR"] = str(settings.knowledge_dir)
        run_uvicorn(
            "bot.slack.server:asgi_from_env",
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
        )
    else:
        run_uvicorn(
            curated_asgi_app(settings, curators), host=host, port=port, access_log=access_log
        )


def run_uvicorn(
    app: Starlette | str, *, host: str, port: int, workers: int = 1, access_log: bool = False
) -> None:
    """uvicorn as Readout runs it (the benchmark serves its bare app the same way): our own
    logging configuration, access lines only when asked, lifespan events on (for the shared
    session). An import string
    names a factory, which each of several worker processes calls."""
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=workers if isinstance(app, str) else None,
        factory=isinstance(app, str),
        log_config=None,
        access_log=access_log,
        lifespan="on",
    )


async def serve_socket_mode(settings: Settings, knowledge: KnowledgeProvider | None = None) -> None:
    """Connect to Slack over Socket Mode (SLACK_APP_TOKEN) and serve until SIGINT or SIGTERM."""
    if settings.slack_app_token is None:
        raise ConfigError(
            "SLACK_APP_TOKEN is not set; Socket Mode needs an app-level token (xapp-…)."
        )
    configure_logging(settings.log_level, secrets_of(settings))
    curators = Curators.start(settings) if knowledge is None else None
    await check_token(settings)
    provider, hooks = (curators.live.current, curators.hooks()) if curators else (knowledge, None)
    assert provider is not None
    follow_ups = FollowUps()
    app = build_app(settings, provider, hooks=hooks, socket_mode=True, follow_ups=follow_ups)
    handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    curating = curators.running(app.client) if curators else contextlib.nullcontext()
    async with shared_session(app.client), curating:
        logger.info("serving Slack over Socket Mode")
        connecting = asyncio.ensure_future(handler.connect_async())  # type: ignore[no-untyped-call]
        await stop.wait()
        logger.info("closing the Socket Mode connection")
        connecting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await connecting
        await handler.close_async()  # type: ignore[no-untyped-call]
        await follow_ups.drain(DRAIN_SECONDS)
