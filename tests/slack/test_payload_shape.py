"""Payloads Slack sends pass the shape check; for any other, signed, payload the whole app (the
ingress, Bolt, our listeners and what they do after acknowledging) answers below 500 and logs no
error or traceback: fuzzed in-process against the mock Web API."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from starlette.requests import Request

from bot.config import load_settings
from bot.render.blocks import Message
from bot.slack.app import build_app
from bot.slack.deps import CommandRequest, Hooks, Voted
from bot.slack.follow_ups import FollowUps
from bot.slack.ingress import SlackIngress
from bot.slack.payload_shape import BadPayload, check_payload
from tests.support.bad_requests import signature
from tests.support.fakes import knowledge
from tests.support.render_kbs import small_kb
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import SECRET, click_body, command_body, event_body

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
MENTION = {
    "type": "app_mention",
    "user": "U0",
    "text": "<@UBOT> alpha",
    "ts": "1.2",
    "channel": "C0",
}
DM = {"type": "message", "channel_type": "im", "user": "U0", "text": "alpha", "channel": "D0"}
PLACEHOLDER_URL = "http://127.0.0.1:9/r"
"""Replaced by the mock's response_url before a fuzzed payload is sent."""
HOME = {"type": "app_home_opened", "user": "U0", "tab": "home", "channel": "D0"}


def _click_payload(action_id: str) -> dict[str, Any]:
    form = click_body(action_id, '{"t": "alpha"}', response_url=PLACEHOLDER_URL)
    payload: dict[str, Any] = json.loads(parse_qs(form)["payload"][0])
    return payload


VIEW = {
    "type": "view_submission",
    "user": {"id": "U0", "team_id": "T0"},
    "team": {"id": "T0"},
    "view": {
        "id": "V0",
        "type": "modal",
        "callback_id": "readout.feedback",
        "private_metadata": '{"t": "alpha", "k": "C0:1"}',
        "state": {"values": {"what_was_wrong": {"comment": {"value": "wrong"}}}},
    },
}
SKELETONS: list[tuple[str, dict[str, Any]]] = [
    (JSON, json.loads(event_body(MENTION, "Ev1"))),
    (JSON, json.loads(event_body(DM, "Ev2"))),
    (JSON, json.loads(event_body(HOME, "Ev3"))),
    (FORM, _click_payload("readout.answer.0")),
    (FORM, _click_payload("readout.vote.down.0")),
    (FORM, VIEW),
    (JSON, dict(parse_qsl(command_body("alpha", PLACEHOLDER_URL)))),
    (JSON, dict(parse_qsl(command_body("status", PLACEHOLDER_URL)))),
    (JSON, {"type": "url_verification", "challenge": "c", "token": "t"}),
]


def _encode(content_type: str, payload: Any) -> bytes:
    text = (
        json.dumps(payload) if content_type == JSON else urlencode({"payload": json.dumps(payload)})
    )
    return text.encode()


@pytest.mark.parametrize(("content_type", "payload"), SKELETONS)
def test_what_slack_sends_passes(content_type: str, payload: dict[str, Any]) -> None:
    assert check_payload(_encode(content_type, payload), content_type) == payload


def test_a_slash_command_passes() -> None:
    body = command_body("alpha", "http://127.0.0.1:9/r").encode()
    assert check_payload(body, f"{FORM}; charset=utf-8")["command"] == "/readout"


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (
            b'{"event": {"type": "app_mention", "channel": 5}}',
            JSON,
            "event.channel must be a string",
        ),
        (b'{"type": "block_actions", "actions": []}', JSON, "actions must be a non-empty list"),
        (b'{"view": {"type": "modal", "state": {"values": 3}}}', JSON, "view.state.values must be"),
        (b'{"event": {"type": "x", "message": {"user": 5}}}', JSON, "event.message.user must be"),
        (b"payload=%5B%5D", FORM, "must hold a JSON object"),
        (b"text=what+payload", FORM, "Bolt reads a form that mentions “payload”"),
        (b"", FORM, "none of the fields Slack sends"),
    ],
)
def test_each_problem_is_one_sentence_naming_the_field(
    body: bytes, content_type: str, problem: str
) -> None:
    with pytest.raises(BadPayload, match=problem):
        check_payload(body, content_type)


# Fuzzing: a skeleton of each payload Readout handles, with fields replaced by any JSON value.
KEYS = [
    "type", "event", "user", "channel", "team", "enterprise", "authorizations", "actions",
    "action_id", "block_id", "value", "view", "callback_id", "private_metadata", "state",
    "values", "container", "response_url", "response_urls", "trigger_id", "text", "ts",
    "thread_ts", "channel_type", "subtype", "bot_id", "tab", "id", "message", "item",
    "event_id", "is_ext_shared_channel", "user_team", "function_data", "is_ephemeral",
    "channel_id", "message_ts", "what_was_wrong", "comment",
]  # fmt: skip
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    content_type, skeleton = draw(st.sampled_from(SKELETONS))
    payload = json.loads(json.dumps(skeleton))
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_containers(payload)))
        target[draw(st.sampled_from(KEYS))] = draw(VALUES)
    return content_type, payload


def _containers(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The payload and every object inside it, to put a field into."""
    found, pending = [], [payload]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            found.append(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=mutated())
def test_no_signed_payload_gets_a_5xx_or_an_error(mock: MockSlack, case: tuple[str, Any]) -> None:
    content_type, payload = case
    for item in _containers(payload):
        if item.get("response_url") == PLACEHOLDER_URL:
            item["response_url"] = mock.response_url("fuzz")
    body = _encode(content_type, payload)
    errors = _Errors()
    root = logging.getLogger()
    root.addHandler(errors)
    try:
        status = asyncio.run(_handle(mock, body, content_type))
    finally:
        root.removeHandler(errors)
    event(f"status {status}")
    assert status < 500
    assert [r.getMessage() for r in errors.records] == []


async def _handle(mock: MockSlack, body: bytes, content_type: str) -> int:
    async def on_vote(voted: Voted) -> None:
        pass

    async def status(request: CommandRequest) -> Message:
        return {"text": "ok", "blocks": []}

    follow_ups = FollowUps(60.0)
    settings_ = load_settings(
        slack_bot_token="xoxb-1-2-fuzz", slack_signing_secret=SECRET, slack_api_url=mock.api_url
    )
    hooks = Hooks(on_vote=on_vote, subcommands={"status": status})
    app = build_app(settings_, lambda: knowledge(small_kb()), hooks=hooks, follow_ups=follow_ups)
    headers = [(b"content-type", content_type.encode())]
    headers += [(k.lower().encode(), v) for k, v in signature(body)]
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/slack/events",
        "headers": headers,
        "query_string": b"",
        "client": ("127.0.0.1", 1),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    response = await SlackIngress(app, SECRET).handle(Request(scope, receive))
    await follow_ups.drain(10)
    return response.status_code
