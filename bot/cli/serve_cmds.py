"""Subcommands that run Readout: serve (Slack), console (local), and run (whichever fits)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.cli.common import add_knowledge_option, knowledge_settings
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
    # None, not the default, so that Socket Mode can tell an option given from one left alone.
    serve.add_argument(
        "--host", default=None, help=f"HTTP mode: address to listen on (default {DEFAULT_HOST})"
    )
    serve.add_argument(
        "--port", type=int, default=None, help=f"HTTP mode: port (default {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--workers", type=int, default=None, help="HTTP mode: worker processes (default 1)"
    )
    add_knowledge_option(serve)
    serve.set_defaults(handler=run_serve)

    console = commands.add_parser(
        "console",
        help="a local console that answers like the Slack app, with no Slack: the curator's bench",
        description="Type what you would type in Slack and read the reply, wrapped to the "
        "terminal. It is also the curator's test bench: edits under the knowledge directory are "
        "reloaded as they are saved (or the last good base is kept, with every problem as "
        "file:line:col), you are an admin (/readout status, reload, gaps [days]), `+` and "
        "`- [what was wrong]` rate the last answer, `sources` lists all its sources, and votes "
        "and unanswered questions go to READOUT_DATABASE_URL (default sqlite:///readout.db), "
        "where `readout gaps` and `readout feedback` read them. Type `help` in it for the rest.",
    )
    add_knowledge_option(console)
    console.set_defaults(handler=run_console_cmd)

    run = commands.add_parser(
        "run",
        help="the local console when no Slack setting is set, else serve Slack (make run)",
        description="What `make run` runs. With none of SLACK_BOT_TOKEN, SLACK_APP_TOKEN and "
        "SLACK_SIGNING_SECRET set, open the local console over the knowledge base (see "
        "`readout console --help`: hot reload, admin commands, votes and gaps); with any of "
        "them set, serve Slack as `readout serve` does (Socket Mode when SLACK_APP_TOKEN is set, "
        "else HTTP on port 3000), stopping with exit code 2 if a setting it needs is missing.",
    )
    add_knowledge_option(run)
    run.set_defaults(handler=run_auto, http=False, host=None, port=None, workers=None)


_HTTP_OPTIONS = ("host", "port", "workers")


def run_serve(args: argparse.Namespace) -> int:
    settings = knowledge_settings(args.knowledge)
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise ConfigError("--workers must be between 1 and 64.")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise ConfigError("--port must be between 0 and 65535.")
    socket = settings.slack_app_token is not None and not args.http
    if socket:
        _refuse_http_options(args)
        if settings.slack_bot_token is None:
            raise ConfigError(
                "SLACK_BOT_TOKEN is not set; Socket Mode also needs the Bot User OAuth Token "
                "(xoxb-…) from OAuth & Permissions."
            )
    elif not args.http and settings.slack_bot_token and settings.slack_signing_secret is None:
        raise ConfigError(
            "SLACK_APP_TOKEN is not set; Socket Mode needs an app-level token (xapp-…) from "
            "Basic Information > App-Level Tokens (or, for HTTP mode, set SLACK_SIGNING_SECRET)."
        )
    from bot.slack import server, socket_mode  # Slack libraries load only when serving

    if socket:
        asyncio.run(socket_mode.serve_socket_mode(settings))
    else:
        server.serve_http(
            settings,
            host=args.host or DEFAULT_HOST,
            port=DEFAULT_PORT if args.port is None else args.port,
            workers=args.workers or 1,
        )
    return 0


def _refuse_http_options(args: argparse.Namespace) -> None:
    """--host, --port and --workers mean nothing over Socket Mode (no port is opened, one process
    serves); given without --http they most likely mean HTTP was wanted, so say so and stop."""
    given = [f"--{name}" for name in _HTTP_OPTIONS if getattr(args, name) is not None]
    if given:
        names = " and ".join([", ".join(given[:-1]), given[-1]] if len(given) > 1 else given)
        verb = "applies" if len(given) == 1 else "apply"
        raise ConfigError(
            f"{names} {verb} to HTTP mode only, and SLACK_APP_TOKEN is set, so Readout would "
            f"serve over Socket Mode; pass --http to serve HTTP, or drop {names}."
        )


def run_console_cmd(args: argparse.Namespace) -> int:
    settings = knowledge_settings(args.knowledge)
    from bot.slack.console import LOCAL_USER
    from bot.slack.console_session import run_console
    from bot.slack.workbench import Workbench
    from bot.store.db import shown_url

    workbench = Workbench.start(settings, admin=LOCAL_USER)
    try:
        kb = workbench.knowledge().kb
        banner = (
            f"Readout console: {settings.knowledge_dir} ({kb.summary_line()}), reloaded as you "
            f"edit it; questions and votes are recorded in {shown_url(settings.database_url)}."
        )
        return run_console(
            workbench.knowledge, sys.stdin, sys.stdout, banner=banner, workbench=workbench
        )
    finally:
        workbench.close()


def run_auto(args: argparse.Namespace) -> int:
    """The console only when no Slack setting is set at all; with some set, serve, so that a
    missing one is named (exit 2) instead of quietly falling back to the console."""
    settings = knowledge_settings(args.knowledge)
    if settings.has_any_slack_setting:
        return run_serve(args)
    print(
        "No Slack tokens set, so this is the local console. To serve Slack, set SLACK_BOT_TOKEN "
        "and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see the README.",
        file=sys.stderr,
    )
    return run_console_cmd(args)
