"""Serving Slack over HTTP on uvicorn (Starlette + Bolt's async adapter); Socket Mode is in
socket_mode.py, the checks both run first in startup.py.

HTTP answers every Slack request at POST /slack/events and load balancers at GET /healthz.
With several workers, uvicorn imports `bot.slack.server:asgi_from_env` in each process, so each
worker loads its settings and knowledge from the environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator

import aiohttp
import uvicorn
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.config import Settings, load_settings
from bot.slack.app import build_app, build_client
from bot.slack.curators import Curators
from bot.slack.follow_ups import FollowUps
from bot.slack.identity import BotIdentity
from bot.slack.ingress import SlackIngress
from bot.slack.knowledge import load_provider
from bot.slack.logs import configure_logging
from bot.slack.startup import check_http_settings, check_token, secrets_of
from bot.slack.web_api import client_timeout

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DRAIN_SECONDS = 5.0
"""At shutdown, how long replies still being sent may take before they are cancelled (then a
second at most for them to stop) and the HTTP session closes."""
WORKER_HEADER = "X-Readout-Worker"
"""On every response: the id of the worker process that answered (`--workers N` spreads load)."""
logger = logging.getLogger(__name__)


def create_asgi_app(
    app: AsyncApp,
    curators: Curators | None = None,
    follow_ups: FollowUps | None = None,
    identity: BotIdentity | None = None,
    *,
    signing_secret: str,
) -> Starlette:
    """Starlette routes in front of a Bolt app: Slack's requests (refused unless small, signed
    with `signing_secret` and shaped as Slack sends them: bot/slack/ingress.py) and a health
    check, each response naming the worker process that answered it (X-Readout-Worker). At
    shutdown, replies still being sent (`follow_ups`, the app's) get up to DRAIN_SECONDS before
    the session closes.

    While serving, the Web API client keeps one HTTP session (connection pool) for every call and
    response_url post, instead of a new session per call; with `identity`, the bot's identity
    is asked in the background; with `curators`, the knowledge directory is watched and the
    Recorder writes in the background.
    """
    handler = SlackIngress(app, signing_secret)  # size, signature and shape checked first

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with shared_session(app.client):
            curating = curators.running(app.client) if curators else contextlib.nullcontext()
            resolving = identity.resolving(app.client) if identity else contextlib.nullcontext()
            async with curating, resolving:
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
    """Give `client` one aiohttp session for as long as the block runs (needs a running loop),
    with the client's timeout for each call (slack_sdk applies it only to sessions it opens)."""
    session = aiohttp.ClientSession(timeout=client_timeout(client.timeout))
    client.session = session
    try:
        yield
    finally:
        client.session = None
        await session.close()


def asgi_from_env() -> Starlette:
    """The ASGI app built from the environment alone (uvicorn's factory for each worker)."""
    settings = load_settings()
    configure_logging(settings.log_level, secrets_of(settings), settings.log_format)
    return curated_asgi_app(settings, Curators.start(settings))


def curated_asgi_app(settings: Settings, curators: Curators) -> Starlette:
    """The app serving the hot-reloaded knowledge, with admin commands, votes and gaps."""
    client = build_client(settings)
    identity = BotIdentity.of(client)
    follow_ups = curators.follow_ups
    app = build_app(
        settings,
        curators.live.current,
        client,
        hooks=curators.hooks(),
        follow_ups=follow_ups,
        identity=identity,
    )
    assert settings.slack_signing_secret is not None  # build_app refuses to go without it
    secret = settings.slack_signing_secret.get_secret_value()
    return create_asgi_app(app, curators, follow_ups, identity, signing_secret=secret)


def serve_http(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    """Serve on uvicorn until interrupted; settings, token and knowledge are checked first."""
    check_http_settings(settings)
    configure_logging(settings.log_level, secrets_of(settings), settings.log_format)
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
