"""Checks before serving: the settings HTTP mode needs, the tokens, and the secrets to redact."""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.errors import ConfigError
from bot.slack.app import build_client
from bot.slack.web_api import REJECTED, api_error, describe_failure
from bot.store.db import url_secrets

logger = logging.getLogger(__name__)


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


CHECK_SECONDS = 10


async def check_token(settings: Settings) -> None:
    """Ask Slack (auth.test) once whether SLACK_BOT_TOKEN works: ConfigError when Slack rejects
    it; any other failure (unreachable, slow, a 5xx, an answer that is not JSON) is one warning
    line and the server starts anyway: it asks again in the background (identity.py)."""
    client = build_client(settings)
    client.timeout = CHECK_SECONDS
    client.retry_handlers = []  # one quick question: the background resolution retries
    try:
        await client.auth_test()
    except SlackApiError as exc:
        error = api_error(exc)
        if error in REJECTED:
            raise ConfigError(
                f"SLACK_BOT_TOKEN was rejected by Slack ({error}); copy the Bot User OAuth "
                "Token from OAuth & Permissions, and check SLACK_API_URL for GovSlack."
            ) from None
        logger.warning("auth.test failed (%s); starting anyway", describe_failure(exc))
    except (TimeoutError, OSError, aiohttp.ClientError) as exc:
        _unreachable(settings, exc)
    except Exception as exc:  # slack_sdk on an answer it did not expect: never fatal here
        name = type(exc).__name__
        logger.warning("auth.test gave an unexpected answer (%s); starting anyway", name)


async def check_app_token(settings: Settings) -> None:
    """Ask Slack (apps.connections.open) whether SLACK_APP_TOKEN works, once, before Socket Mode
    connects: its handler would otherwise log the rejection and retry for ever. ConfigError when
    Slack rejects the token or it lacks connections:write; only a warning when Slack cannot be
    reached. The URL Slack hands back is not used (the handler asks for its own)."""
    if settings.slack_app_token is None:
        raise ConfigError(
            "SLACK_APP_TOKEN is not set; Socket Mode needs an app-level token (xapp-…)."
        )
    client = AsyncWebClient(base_url=settings.slack_api_url, timeout=CHECK_SECONDS)
    try:
        await client.apps_connections_open(app_token=settings.slack_app_token.get_secret_value())
    except SlackApiError as exc:
        error = api_error(exc)
        where = "copy an App-Level Token from Basic Information > App-Level Tokens"
        if error in REJECTED:
            raise ConfigError(
                f"SLACK_APP_TOKEN was rejected by Slack ({error}); {where}, and check "
                "SLACK_API_URL for GovSlack."
            ) from None
        if error == "missing_scope":
            raise ConfigError(
                f"SLACK_APP_TOKEN lacks the connections:write scope; {where} with that scope."
            ) from None
        logger.warning("apps.connections.open failed (%s); starting anyway", describe_failure(exc))
    except (TimeoutError, OSError, aiohttp.ClientError) as exc:
        _unreachable(settings, exc)
    except Exception as exc:
        name = type(exc).__name__
        logger.warning(
            "apps.connections.open gave an unexpected answer (%s); starting anyway", name
        )


def _unreachable(settings: Settings, exc: BaseException) -> None:
    logger.warning(
        "could not reach Slack at %s (%s); starting anyway",
        settings.slack_api_url,
        type(exc).__name__,
    )
