"""A freshly started `readout serve --http` whose Web API is slow, down or answering nonsense:
it starts, acknowledges at once and answers `/readout` in the acknowledgement, since no request
waits for auth.test (the bot's identity is asked in the background)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.serving import bot_env, free_port, serving, wait_for_log
from tests.support.slack_mock import Fault, MockSlack
from tests.support.slack_requests import command_body, event_body, sign

BOT_TOKEN = "xoxb-0000000000-1111111111-CoLdStArTtEsT"
FORM = "application/x-www-form-urlencoded"
ACK_PATIENCE = 20.0
"""Generous next to Slack's 3 s: without the fix these requests wait a minute, or get 500."""


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _env(api_url: str, tmp_path: Path) -> dict[str, str]:
    return bot_env(
        api_url,
        f"sqlite:///{tmp_path / 'readout.db'}",
        token=BOT_TOKEN,
    )


def post(base: str, body: str, content_type: str) -> httpx.Response:
    headers = {"Content-Type": content_type, **sign(body)}
    return httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=ACK_PATIENCE)


def ask(base: str) -> httpx.Response:
    return post(base, command_body("who is Tommy Pigott?", "http://127.0.0.1:9/unused"), FORM)


def mention(base: str, text: str, channel: str, event_id: str) -> httpx.Response:
    ts = "1700000200.000100"
    event = {"type": "app_mention", "user": "U0ASKER", "text": text, "ts": ts,
             "channel": channel, "event_ts": ts}  # fmt: skip
    return post(base, event_body(event, event_id), "application/json")


def test_with_the_web_api_unreachable_requests_are_still_acknowledged(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    nowhere = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    with serving(_env(nowhere, tmp_path), log) as base:
        answer = ask(base)
        assert answer.status_code == 200
        assert "Pigott" in answer.json()["blocks"][0]["text"]["text"]
        assert mention(base, "<@UBOT> who is Tommy Pigott?", "C0DOWN", "Ev0DOWN").status_code == 200
        wait_for_log(log, "could not ask Slack who this bot is")
    assert "Traceback" not in log.read_text()


def test_a_cold_server_whose_auth_test_hangs_acks_at_once_and_knows_its_mention(
    mock: MockSlack, tmp_path: Path
) -> None:
    """auth.test answers nothing for two minutes from the start: the server starts after its
    ten-second check, acknowledges, answers /readout, and replies to a mention, recognising its
    own mention (`<@UBOT> help` is a request for help) from the event's `authorizations`."""
    log = tmp_path / "serve.log"
    unanswered = mock.hold("auth.test", seconds=120)
    try:
        with serving(_env(mock.api_url, tmp_path), log) as base:
            answer = ask(base)
            assert answer.status_code == 200
            assert "Pigott" in answer.json()["blocks"][0]["text"]["text"]
            assert mention(base, "<@UBOT> help", "C0COLD", "Ev0COLD").status_code == 200
            reply = mock.wait_delivered(lambda c: c.data.get("channel") == "C0COLD")
            assert reply.data["blocks"][0]["text"]["text"] == "Ask Readout"
            assert not unanswered.is_set()  # nothing above waited for auth.test
        assert "could not reach Slack" in log.read_text()  # the start-up check gave up
    finally:
        unanswered.set()


@pytest.mark.parametrize(
    "content_type", ["text/html", "text/plain", "application/json"], ids=["html", "text", "json"]
)
def test_auth_test_answering_500_with_an_outage_page_does_not_stop_start_up(
    mock: MockSlack, tmp_path: Path, content_type: str
) -> None:
    """An outage page (labelled as HTML, text or even JSON) from a proxy in front of the Web
    API: one warning line, and the server starts and answers."""
    page = b"<html><body>Service Unavailable</body></html>"
    mock.inject("auth.test", Fault("status", 500, page, content_type), seconds=300)
    log = tmp_path / "serve.log"
    with serving(_env(mock.api_url, tmp_path), log) as base:
        assert ask(base).status_code == 200
    text = log.read_text()
    assert "auth.test failed (Slack answered 500); starting anyway" in text
    assert "Traceback" not in text
