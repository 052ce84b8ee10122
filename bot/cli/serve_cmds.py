"""Subcommands that run Readout: serve (Slack), console (local), and run (whichever fits)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_knowledge_option
from bot.config import Settings, load_settings
from bot.errors import ConfigError

DEFAULT_PORT = 3000
DEFAULT_HOST = "0.0.0.0"  # noqa: S104 - Slack must reach it; every request is signature-checked


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add serve, console and run to the `readout` parser."""
    serve = commands.add_parser(
        "serve",
        help="serve Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP",
        description="Serve Slack. With SLACK_APP_TOKEN set, connect over Socket Mode (no public "
        "URL needed); otherwise, or with --http, serve HTTP on uvicorn: Slack's requests at "
        "POST /slack/events and a health check at GET /healthz.",
    )
    serve.add_argument(
        "--http", action="store_true", help="serve HTTP even if SLACK_APP_TOKEN is set"
    )
    serve.add_argument(
        "--host", default=DEFAULT_HOST, help=f"HTTP address (default {DEFAULT_HOST})"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="HTTP port (default 3000)")
    serve.add_argument("--workers", type=int, default=1, help="HTTP worker processes (default 1)")
    add_knowledge_option(serve)
    serve.set_defaults(handler=run_serve)

    console = commands.add_parser(
        "console", help="a local console that answers like the Slack app, with no Slack"
    )
    add_knowledge_option(console)
    console.set_defaults(handler=run_console_cmd)

    run = commands.add_parser(
        "run", help="serve Slack when tokens are set, else open the local console (make run)"
    )
    add_knowledge_option(run)
    run.set_defaults(handler=run_auto, http=False, host=DEFAULT_HOST, port=DEFAULT_PORT, workers=1)


def _settings(knowledge: Path | None) -> Settings:
    overrides: dict[str, object] = {}
    if knowledge is not None:
        overrides["knowledge_dir"] = knowledge
    return load_settings(**overrides)


def run_serve(args: argparse.Namespace) -> int:
    settings = _settings(args.knowledge)
    if not 1 <= args.workers <= 64:
        raise ConfigError("--workers must be between 1 and 64.")
    if not 0 <= args.port <= 65535:
        raise ConfigError("--port must be between 0 and 65535.")
    from bot.slack import server, socket_mode  # Slack libraries load only when serving

    if settings.slack_app_token is not None and not args.http:
        if settings.slack_bot_token is None:
            raise ConfigError("SLACK_BOT_TOKEN is not set; Socket Mode also needs the bot token.")
        asyncio.run(socket_mode.serve_socket_mode(settings))
    else:
        server.serve_http(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def run_console_cmd(args: argparse.Namespace) -> int:
    settings = _settings(args.knowledge)
    from bot.slack.console import run_console
    from bot.slack.knowledge import load_provider

    provider = load_provider(settings)
    kb = provider().kb
    banner = f"Readout console: {settings.knowledge_dir} ({kb.summary_line()})."
    return run_console(provider, sys.stdin, sys.stdout, banner=banner)


def run_auto(args: argparse.Namespace) -> int:
    settings = _settings(args.knowledge)
    if settings.has_slack_tokens:
        return run_serve(args)
    print(
        "No Slack tokens set, so this is the local console. To serve Slack, set SLACK_BOT_TOKEN "
        "and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see the README.",
        file=sys.stderr,
    )
    return run_console_cmd(args)
