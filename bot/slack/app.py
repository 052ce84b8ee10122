"""Build the Bolt AsyncApp: one Web API client pointed at SLACK_API_URL, and every listener."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.deps import Deps, Hooks, KnowledgeProvider
from bot.slack.follow_ups import FollowUps
from bot.slack.identity import BotIdentity
from bot.slack.listeners import actions, commands, escalation, events, feedback, home
from bot.slack.web_api import retry_handlers

logger = logging.getLogger(__name__)


def _bolt_logger() -> logging.Logger:
    """Bolt's logger, without its startup warnings that the token from SLACK_BOT_TOKEN is unused:
    Bolt reads that variable itself, but our client and `authorize` (built from the same setting)
    are what it uses."""
    bolt = logging.getLogger("readout.bolt")
    if not any(isinstance(f, _DropTokenUnused) for f in bolt.filters):
        bolt.addFilter(_DropTokenUnused())
    return bolt


class _DropTokenUnused(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("`token`" in message and ("will be unused" in message or "ignored" in message))


def build_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: SLACK_API_URL (GovSlack, or a mock in tests), READOUT_SLACK_TIMEOUT
    per call, retrying on 429, 5xx and connection errors (web_api.py)."""
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set; copy the Bot User OAuth Token (xoxb-…).")
    return AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=settings.slack_timeout,
        retry_handlers=retry_handlers(),
    )


def build_app(
    settings: Settings,
    knowledge: KnowledgeProvider,
    client: AsyncWebClient | None = None,
    *,
    hooks: Hooks | None = None,
    socket_mode: bool = False,
    follow_ups: FollowUps | None = None,
    identity: BotIdentity | None = None,
) -> AsyncApp:
    """The Bolt app with Readout's listeners.

    HTTP mode verifies every request's signature (SLACK_SIGNING_SECRET is required); Socket Mode
    receives events over Slack's own authenticated websocket, so it needs no signing secret.
    No request waits for auth.test: Bolt authorizes each one from `identity`, which the server
    resolves in the background (identity.py). Replies sent after an acknowledgement run on
    `follow_ups`, within READOUT_REPLY_DEADLINE (drain it before closing the client's session).
    """
    secret = settings.slack_signing_secret
    if secret is None and not socket_mode:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is not set; HTTP mode needs it to verify requests "
            "(or set SLACK_APP_TOKEN to use Socket Mode)."
        )
    client = client or build_client(settings)
    identity = identity or BotIdentity.of(client)
    app = AsyncApp(
        name="readout",
        client=client,
        authorize=identity.authorizer(),
        signing_secret=secret.get_secret_value() if secret is not None else "",
        request_verification_enabled=not socket_mode,
        logger=_bolt_logger(),
        # Each request is processed before its response: /readout answers in its acknowledgement
        # as soon as the answer is built (without this, Bolt looks for the ack every 10 ms), and
        # what listeners send afterwards runs as follow-ups (bot/slack/follow_ups.py).
        process_before_response=True,
    )
    follow_ups = follow_ups or FollowUps(settings.reply_deadline)
    deps = Deps(knowledge, settings, hooks or Hooks(), follow_ups)
    for family in (commands, events, actions, feedback, home, escalation):
        family.register(app, deps)
    return app
