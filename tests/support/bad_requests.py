"""Requests Slack never sends, as a table: unsigned, wrongly signed, malformed, oddly shaped.

Each case is the raw bytes of a body, its headers, and the statuses a careful server may answer;
none of them may be a 5xx, and none may leave a traceback in the log. Bodies of unsigned cases
carry MARKER, which must never reach the log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.support.slack_requests import SECRET, click_body, command_body, event_body

MARKER = "BODY-MARKER-7f3a"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
LIMIT = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    body: bytes
    headers: list[tuple[str, bytes]] = field(default_factory=list)
    expect: frozenset[int] = frozenset({400})
    warning: str | None = None
    """For a signed case answered 200: a fragment of the one warning line it must log."""


def signature(body: bytes, *, stamp: int | None = None, secret: str = SECRET) -> list[Any]:
    stamp_text = str(int(time.time()) if stamp is None else stamp)
    base = f"v0:{stamp_text}:".encode() + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return [
        ("X-Slack-Request-Timestamp", stamp_text.encode()),
        ("X-Slack-Signature", f"v0={digest}".encode()),
    ]


def _type(content_type: str) -> list[tuple[str, bytes]]:
    return [("Content-Type", content_type.encode())]


def unsigned(name: str, body: bytes | str, content_type: str = FORM) -> Case:
    raw = body.encode() if isinstance(body, str) else body
    return Case(name, raw, _type(content_type), frozenset({401}))


def headers(name: str, stamp: str | None, signature: str | None) -> Case:
    """FORM_COMMAND with these signature headers (None: left out), none of them right."""
    given = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    extra = [(k, v.encode("latin-1")) for k, v in given.items() if v is not None]
    return Case(name, FORM_COMMAND.encode(), _type(FORM) + extra, frozenset({401}))


def forged(name: str, body: bytes | str, content_type: str = FORM) -> Case:
    """Headers in the right form, signed with the wrong secret."""
    raw = body.encode() if isinstance(body, str) else body
    headers = _type(content_type) + signature(raw, secret="not-the-signing-secret")
    return Case(name, raw, headers, frozenset({401}))


def signed(
    name: str,
    body: bytes | str,
    content_type: str | None = FORM,
    expect: int = 400,
    warning: str | None = None,
) -> Case:
    raw = body.encode() if isinstance(body, str) else body
    headers = (_type(content_type) if content_type else []) + signature(raw)
    return Case(name, raw, headers, frozenset({expect}), warning)


def _payload(data: object) -> str:
    return urlencode({"payload": json.dumps(data)})


def _event(event: Any, **top: Any) -> str:
    """An event callback holding `event` (as is, even when it is not an object)."""
    return json.dumps({**json.loads(event_body({}, "Ev0BAD")), "event": event, **top})


def _click(**changes: Any) -> str:
    payload = json.loads(_unquote_payload(click_body("readout.answer.0", "{}", response_url=None)))
    return _payload({**payload, **changes})


def _unquote_payload(form: str) -> str:
    from urllib.parse import parse_qs

    return parse_qs(form)["payload"][0]


def _view(metadata: Any, comment: str = "it was wrong") -> str:
    view = {
        "id": "V0MODAL",
        "type": "modal",
        "callback_id": "readout.feedback",
        "private_metadata": metadata,
        "state": {"values": {"what_was_wrong": {"comment": {"type": "x", "value": comment}}}},
    }
    user = {"id": "U0ASKER", "team_id": "T0TEAM"}
    return _payload(
        {"type": "view_submission", "team": {"id": "T0TEAM"}, "user": user, "view": view}
    )


NOW = int(time.time())
MENTION = {
    "type": "app_mention",
    "user": "U0ASKER",
    "text": "<@UBOT> who is tommy pigott",
    "ts": "1.2",
    "event_ts": "1.2",
}
FORM_COMMAND = command_body(f"hello {MARKER}", "http://127.0.0.1:9/response/x")

ZEROS = "v0=" + "0" * 64
UNSIGNED = [
    unsigned("no signature headers", FORM_COMMAND),
    headers("timestamp abc", "abc", ZEROS),
    headers("timestamp 1.5e9", "1.5e9", ZEROS),
    headers("timestamp negative", "-5", ZEROS),
    headers("timestamp of 30 digits", "9" * 30, ZEROS),
    headers("timestamp in Arabic digits", "\xd9\xa3", ZEROS),
    headers("timestamp empty", "", ZEROS),
    headers("signature only", None, ZEROS),
    headers("timestamp only", str(NOW), None),
    headers("signature v1", str(NOW), "v1=" + "0" * 64),
    headers("signature not hex", str(NOW), "v0=" + "z" * 64),
    headers("signature too short", str(NOW), "v0=00"),
    headers("signature in latin-1", str(NOW), "v0=" + "\xe9" * 64),
    headers("huge signature header", str(NOW), "v0=" + "a" * 60_000),
    headers("huge timestamp header", "1" * 60_000, ZEROS),
    unsigned("payload= not JSON", f"payload={MARKER}{{not json"),
    unsigned("payload=[1]", f"payload=%5B1%5D&x={MARKER}"),
    unsigned("truncated JSON", f'{{"type": "event_callback", "x": "{MARKER}', JSON),
    unsigned("JSON list", f'["{MARKER}"]', JSON),
    unsigned("form body sent as JSON", FORM_COMMAND, JSON),
    unsigned("invalid UTF-8", b"text=\xff\xfe" + MARKER.encode()),
    unsigned(
        "newline injection", f"text=x\n2026-01-01 00:00:00,000 ERROR fake: {MARKER} injected\n"
    ),
    unsigned("empty body", b""),
    unsigned("160 KB form body", "text=" + MARKER + "a%2B" * 40_000),
    forged("wrong secret", FORM_COMMAND),
    forged("wrong secret, JSON list", f'["{MARKER}"]', JSON),
    forged("wrong secret, invalid UTF-8", b"\xff" + MARKER.encode()),
    Case(
        "stale timestamp",
        FORM_COMMAND.encode(),
        _type(FORM) + signature(FORM_COMMAND.encode(), stamp=NOW - 600),
        frozenset({401}),
    ),
    Case(
        "timestamp from the future",
        FORM_COMMAND.encode(),
        _type(FORM) + signature(FORM_COMMAND.encode(), stamp=NOW + 600),
        frozenset({401}),
    ),
    Case(
        "two signatures",
        FORM_COMMAND.encode(),
        _type(FORM)
        + signature(FORM_COMMAND.encode())
        + [("X-Slack-Signature", b"v0=" + b"0" * 64)],
        frozenset({401}),
    ),
    Case(
        "over the limit with a forged signature",
        b"x" * (LIMIT + 1),
        _type(FORM) + signature(b"y", secret="wrong"),
        frozenset({401, 413}),
    ),
]

SIGNED = [
    signed("payload= not JSON", "payload=%7Bnot+json"),
    signed("payload=[1]", "payload=%5B1%5D"),
    signed("payload= a string", 'payload="hello"'),
    signed("truncated JSON", '{"type": "event_callback", "event": {"type": "app_', JSON),
    signed("JSON list", "[1, 2]", JSON),
    signed("JSON number", "42", JSON),
    signed("form body sent as JSON", FORM_COMMAND, JSON),
    signed("invalid UTF-8", b"text=\xff\xfe"),
    signed("empty body", b""),
    signed("only whitespace", b"   ", JSON),
    signed("deeply nested list", "[" * 100_000, JSON),
    signed("deeply nested objects", '{"a":' * 200 + "1" + "}" * 200, JSON),
    signed("wrong content type", FORM_COMMAND, "text/plain"),
    signed("no content type", FORM_COMMAND, None),
    signed("command text not a string", json.dumps({"command": "/readout", "text": 5}), JSON),
    signed("actions: []", _click(actions=[])),
    signed("actions: [null]", _click(actions=[None])),
    signed("actions: a string", _click(actions="readout.answer.0")),
    signed("action_id a number", _click(actions=[{"action_id": 5, "value": "x"}])),
    signed("team a number", _click(team=5)),
    signed("user a list", _click(user=["id"])),
    signed("authorizations a string", _event(MENTION, authorizations="abc")),
    signed("authorizations holding objects", _event(MENTION, authorizations=[{"team": {"id": 1}}])),
    signed("event a string", _event("app_mention")),
    signed("event null", _event(None)),
    signed("event without type", _event({"user": "U0ASKER", "channel": "C0"})),
    signed("event type a number", _event({**MENTION, "type": 7})),
    signed("mention channel a list", _event({**MENTION, "channel": ["C0"]})),
    signed("view a string", _payload({"type": "view_submission", "view": "readout.feedback"})),
    signed(
        "view without type", _payload({"type": "view_submission", "view": {"callback_id": "x"}})
    ),
    signed("private_metadata a number", _view(5)),
    signed("response_urls a string", _payload({"type": "view_submission", "response_urls": "x"})),
    signed("no fields Slack sends", "a=1&b=2", FORM, 200, "Unhandled request"),
    signed("url_verification without challenge", '{"type": "url_verification"}', JSON, 200),
    signed(
        "unknown event type",
        _event({"type": "reaction_added", "user": "U0"}),
        JSON,
        200,
        "Unhandled request",
    ),
    signed(
        "unknown payload type",
        _payload({"type": "shortcut", "callback_id": "nope"}),
        FORM,
        200,
        "Unhandled request",
    ),
    signed(
        "mention without channel",
        _event({k: v for k, v in MENTION.items() if k != "channel"}),
        JSON,
        200,
        "without a channel",
    ),
    signed(
        "direct message without channel",
        _event({"type": "message", "channel_type": "im", "user": "U0ASKER", "text": "hi"}),
        JSON,
        200,
        "without a channel",
    ),
    signed(
        "app_home_opened without user",
        _event({"type": "app_home_opened", "tab": "home"}),
        JSON,
        200,
        "without a user",
    ),
    signed("private_metadata not JSON", _view("{not json"), FORM, 200, "private_metadata"),
    signed("private_metadata a JSON list", _view("[1]"), FORM, 200, "private_metadata"),
    signed(
        "vote without trigger_id",
        _payload(
            {
                **json.loads(_unquote_payload(_click())),
                "trigger_id": None,
                "actions": [{"action_id": "readout.vote.down.0", "value": '{"t": "x"}'}],
            }
        ),
        FORM,
        200,
        "without a trigger_id",
    ),
    signed(
        "admin command without response_url",
        urlencode({"command": "/readout", "text": "status", "user_id": "U0", "channel_id": "C0"}),
        FORM,
        200,
        "without a response_url",
    ),
]
