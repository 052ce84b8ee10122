"""The door to POST /slack/events: a request is refused before any work proportional to it
unless it is small enough, signed by Slack, recent and shaped like what Slack sends; only then
does Bolt see it. A drop-in for Bolt's AsyncSlackRequestHandler.

Order: Content-Length over the limit (413), then the signature headers (401), both before a
byte of the body is read; then the body, counted as it streams (413 past the limit, whether or
not Content-Length was given) and hashed as it arrives, its signature compared in constant time
(401); then its parse and shape (400, bot/slack/payload_shape.py). A refused body is never read
to the end (uvicorn discards what follows the response) and never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable

from slack_bolt.adapter.starlette.async_handler import to_async_bolt_request, to_starlette_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

from bot.slack.payload_shape import BadPayload, check_payload

MAX_BODY_BYTES = 1024 * 1024
"""1 MiB. The largest request Slack sends Readout is a button click in the App Home tab: its
`payload=` carries the whole view, which Slack caps at 250 kB of JSON, and form-encoding can
triple JSON (each `"`, `{`, `:` or non-ASCII byte becomes %XX), so up to about 750 kB plus the
rest of the payload. A 40,000-character message event (Slack's cap) is about as large once its
text is repeated in `blocks` and escaped as \\uXXXX. 512 KB would refuse some of these; 1 MiB
fits them all and bounds what one request can make a worker hold."""
MAX_CLOCK_SKEW = 300
"""Slack's rule: a request whose timestamp is more than 5 minutes off is refused (no replays)."""
DEBUG_BODY_CHARS = 300
"""At DEBUG, how much of a verified body is logged."""

_UNHANDLED = '{"error": "unhandled request"}'
"""The body of Bolt's 404 for a request no listener matched."""
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_TIMESTAMP_DIGITS = 12

logger = logging.getLogger(__name__)


class Refusal(Exception):
    """A request answered without Bolt: its status and one sentence saying why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class SlackIngress:
    """Checks each request to POST /slack/events, then hands it to Bolt's `app`."""

    def __init__(
        self,
        app: AsyncApp,
        signing_secret: str,
        *,
        max_body: int = MAX_BODY_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.secret = signing_secret.encode()
        self.max_body = max_body
        self.clock = clock

    async def handle(self, request: Request) -> Response:
        """Bolt's response to a request that passed every check, or the refusal."""
        try:
            self._check_length(request)
            stamp, signature = self._signature_headers(request)
            body = await self._read_signed(request, stamp, signature)
            check_payload(body, request.headers.get("content-type"))
            bolt_request = _bolt_request(request, body)
        except Refusal as refusal:
            return _refuse(request, refusal.status, refusal.reason)
        except BadPayload as bad:
            return _refuse(request, 400, str(bad))
        if logger.isEnabledFor(logging.DEBUG):
            shown = body[:DEBUG_BODY_CHARS].decode("utf-8", "replace")
            more = "…" if len(body) > DEBUG_BODY_CHARS else ""
            logger.debug("verified a request of %d bytes: %s%s", len(body), shown, more)
        response = await self.app.async_dispatch(bolt_request)
        if response.status == 404 and response.body == _UNHANDLED:
            # No listener wanted it (an event type or a button that is not Readout's; Bolt has
            # logged one line): acknowledge, so Slack neither retries it nor shows an error.
            return Response(status_code=200)
        return to_starlette_response(response)

    def _check_length(self, request: Request) -> None:
        declared = request.headers.getlist("content-length")
        if not declared:
            return  # chunked: counted as it streams
        if len(declared) > 1 or not (declared[0].isascii() and declared[0].isdigit()):
            raise Refusal(400, "the Content-Length header is not one number")
        if int(declared[0]) > self.max_body:
            raise Refusal(413, f"the body is over {self.max_body} bytes")

    def _signature_headers(self, request: Request) -> tuple[str, str]:
        stamps = request.headers.getlist("x-slack-request-timestamp")
        signatures = request.headers.getlist("x-slack-signature")
        if len(stamps) != 1 or len(signatures) != 1:
            raise Refusal(
                401,
                "it is not signed (one X-Slack-Request-Timestamp and one "
                "X-Slack-Signature header are needed)",
            )
        stamp, signature = stamps[0], signatures[0]
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= _TIMESTAMP_DIGITS):
            raise Refusal(401, "X-Slack-Request-Timestamp is not a whole number of seconds")
        if abs(self.clock() - int(stamp)) > MAX_CLOCK_SKEW:
            raise Refusal(
                401,
                "X-Slack-Request-Timestamp is more than 5 minutes off "
                "(a replay, or this machine's clock is wrong)",
            )
        if len(signature) != 67 or not _SIGNATURE.fullmatch(signature):
            raise Refusal(401, "X-Slack-Signature is not a v0= signature")
        return stamp, signature

    async def _read_signed(self, request: Request, stamp: str, signature: str) -> bytes:
        """The body, read no further than the limit, when its signature matches.

        The HMAC is Slack's v0 scheme computed here, as the body streams in, rather than with
        slack_sdk's SignatureVerifier: that one decodes the body as UTF-8 and the timestamp with
        int(), so it raises on exactly the requests that must be refused, and wants it whole.
        """
        mac = hmac.new(self.secret, f"v0:{stamp}:".encode(), hashlib.sha256)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > self.max_body:
                    raise Refusal(413, f"the body is over {self.max_body} bytes")
                mac.update(chunk)
                chunks.append(chunk)
        except ClientDisconnect:
            raise Refusal(400, "the client went away before sending the whole body") from None
        expected = "v0=" + mac.hexdigest()
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            raise Refusal(
                401,
                "X-Slack-Signature does not match the body (is "
                "SLACK_SIGNING_SECRET the app's signing secret?)",
            )
        return b"".join(chunks)


def _bolt_request(request: Request, body: bytes) -> AsyncBoltRequest:
    """Bolt's request (it parses the body and reads ids from it). The shape check stands for
    every read Bolt makes here; should one still fail, the payload is still the sender's fault."""
    try:
        return to_async_bolt_request(request, body)
    except (LookupError, TypeError, AttributeError, ValueError, RecursionError) as exc:
        raise BadPayload(f"Bolt could not read the payload ({type(exc).__name__})") from None


def _refuse(request: Request, status: int, reason: str) -> Response:
    client = request.client.host if request.client else "unknown"
    logger.info("refused a request from %s with %d: %s", client, status, reason)
    return PlainTextResponse(f"Refused: {reason}.\n", status_code=status)
