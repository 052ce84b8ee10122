"""How Readout talks to Slack's Web API and response_urls: timeouts, retries, reading failures.

Every call is retried by slack_sdk's own handlers, with backoff, on what means Slack did not
take it or could not answer: 429 (after the Retry-After it names), 500/502/503/504, a refused
or failed connection, a connection dropped before the answer. Retrying a 5xx or a dropped
connection can post twice when Slack had already posted (Slack offers no idempotency key);
a call that times out (`READOUT_SLACK_TIMEOUT`, 30 s) is *not* retried, since Slack most
likely received it. README, "When Slack has a bad moment", says the same.
"""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

MAX_RETRIES = 6
"""Retries per call, of every kind together (slack_sdk counts them in one state): 7 attempts,
with 0.5, 1, 2, 4, 8 and 16 s (plus up to 1 s of jitter) between them, or what Retry-After says."""
BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.5)
CONNECT_SECONDS = 10.0
"""Of the call's timeout, how long finding a connection may take (pool wait and connect): a
call that never left is safe to retry, so this timeout, unlike the whole call's, is retried."""

REJECTED = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)
"""auth.test errors that mean the token itself is wrong: no retry will help."""


class _ServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    """slack_sdk's handler retries 500 and 503 only; a proxy or load balancer in front of the
    Web API (GovSlack, a corporate egress) answers 502 and 504 in the same bad moments."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code in (500, 502, 503, 504)


def retry_handlers() -> list[AsyncRetryHandler]:
    """The retry handlers for the Web API client and every response_url post."""
    connection_errors: list[type[Exception]] = [
        aiohttp.ClientOSError,  # refused, reset, unreachable (ClientConnectorError is one)
        aiohttp.ClientConnectionResetError,  # closed before the call was written
        aiohttp.ServerDisconnectedError,  # closed before the answer
        aiohttp.ConnectionTimeoutError,  # no connection within CONNECT_SECONDS: never sent
    ]  # not SocketTimeoutError or TimeoutError: a call that timed out was most likely received
    return [
        AsyncConnectionErrorRetryHandler(
            max_retry_count=MAX_RETRIES, interval_calculator=BACKOFF, error_types=connection_errors
        ),
        AsyncRateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),  # waits for Retry-After
        _ServerErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=BACKOFF),
    ]


def client_timeout(seconds: float) -> aiohttp.ClientTimeout:
    """The timeout of one call, for a session shared by many calls: slack_sdk applies its own
    `timeout` only to sessions it opens itself, so a shared one must carry it."""
    return aiohttp.ClientTimeout(total=seconds, connect=min(CONNECT_SECONDS, seconds))


def api_error(exc: SlackApiError) -> str | None:
    """The `error` code of a Web API failure, or None when Slack's answer was not JSON (an
    outage page from a proxy, say): slack_sdk then holds a text or a raw response instead."""
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict):
        error = data.get("error")
        return str(error) if error else None
    return None


class ResponseRefused(Exception):
    """A response_url post Slack still refused after the retries: its status and a little of
    its answer."""


def may_have_posted(exc: BaseException) -> bool:
    """True for a call that timed out after it was sent: Slack most likely received it, so it
    is neither retried nor answered again (a connection that never came is not this)."""
    return isinstance(exc, TimeoutError) and not isinstance(exc, aiohttp.ConnectionTimeoutError)


def describe_failure(exc: BaseException) -> str:
    """One short phrase for a log line: what Slack (or the network) did."""
    if isinstance(exc, ResponseRefused):
        return str(exc)
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return "no connection in time"
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = getattr(response, "status_code", None) or getattr(response, "status", None)
        error = api_error(exc)
        return f"Slack answered {status}" + (f" ({error})" if error else "")
    if may_have_posted(exc):
        return "no answer in time; Slack may have received it, so it was not sent again"
    if isinstance(exc, aiohttp.ClientError | OSError):
        text = " ".join(str(exc).split())[:120]
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return type(exc).__name__
