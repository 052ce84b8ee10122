"""Replies survive Slack's bad moments: `readout serve --http` against a mock Web API that
answers 429, 5xx, drops connections, is slow or refuses them. Every reply is delivered exactly
once, or given up within its deadline, logged by name and counted in `/readout status`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.serving import bot_env, serving, wait_for_log
from tests.support.slack_mock import (
    Call,
    Fault,
    MockSlack,
    dropped,
    rate_limited,
    server_error,
    slow,
)
from tests.support.slack_requests import command_body, event_body, sign

BOT_TOKEN = "xoxb-0000000000-1111111111-DeLiVeRyTeSt"
FORM = "application/x-www-form-urlencoded"
ADMIN = "U0ADMIN"
PATIENCE = 60.0
"""How long a test waits for a reply that retries (backoff and Retry-After included)."""


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _env(mock: MockSlack, db: Path, **settings: str) -> dict[str, str]:
    return bot_env(
        mock.api_url,
        f"sqlite:///{db}",
        token=BOT_TOKEN,
        READOUT_ADMINS=ADMIN,
        **settings,
    )


@pytest.fixture(scope="module")
def server(mock: MockSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("delivery")
    with serving(_env(mock, folder / "readout.db"), folder / "serve.log") as base:
        yield base


def post(base: str, body: str, content_type: str, **headers: str) -> httpx.Response:
    sent = {"Content-Type": content_type, **sign(body), **headers}
    response = httpx.post(f"{base}/slack/events", content=body, headers=sent, timeout=20)
    assert response.status_code == 200, response.text
    return response


def mention(base: str, channel: str, event_id: str, **headers: str) -> None:
    ts = "1700000100.000100"
    event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> who is Tommy Pigott?",
             "ts": ts, "channel": channel, "event_ts": ts}  # fmt: skip
    post(base, event_body(event, event_id), "application/json", **headers)


def command(base: str, mock: MockSlack, text: str, name: str, user: str = "U0ASKER") -> None:
    """`/readout <text>` for a subcommand, which answers by response_url `name`."""
    assert post(base, command_body(text, mock.response_url(name), user=user), FORM).text == ""


def in_channel(channel: str) -> Callable[[Call], bool]:
    return lambda c: c.method == "chat.postMessage" and c.data.get("channel") == channel


def at_response(name: str) -> Callable[[Call], bool]:
    return lambda c: c.method == "response_url" and c.path == f"/response/{name}"


FAULTS: dict[str, tuple[Fault, int]] = {
    "500-json-x2": (server_error(500), 2),
    "502-html-x2": (server_error(502, json_body=False), 2),
    "503-x2": (server_error(503), 2),
    "429-x3": (rate_limited(retry_after=1), 3),
    "dropped-x2": (dropped(), 2),
}


@pytest.mark.parametrize("case", FAULTS)
def test_a_mention_reply_is_delivered_once_through(server: str, mock: MockSlack, case: str) -> None:
    fault, times = FAULTS[case]
    channel = "C0" + re.sub(r"\W", "", case).upper()
    mock.inject("chat.postMessage", fault, times=times, where=in_channel(channel))
    mention(server, channel, f"Ev0{channel}")
    reply = mock.wait_delivered(in_channel(channel), timeout=PATIENCE)
    assert "Pigott" in str(reply.data["blocks"])
    assert reply.data["thread_ts"] == "1700000100.000100"
    attempts = [c for c in mock.calls if in_channel(channel)(c)]
    assert [c.fault for c in attempts] == [fault.kind] * times + [None]
    assert len(mock.delivered(in_channel(channel))) == 1


@pytest.mark.parametrize("case", FAULTS)
def test_a_response_url_post_is_delivered_once_through(
    server: str, mock: MockSlack, case: str
) -> None:
    fault, times = FAULTS[case]
    name = f"status-{case}"
    mock.inject("response_url", fault, times=times, where=at_response(name))
    command(server, mock, "status", name)  # not an admin: refused, by response_url
    posted = mock.wait_delivered(at_response(name), timeout=PATIENCE)
    assert "is for Readout's admins" in posted.data["text"]
    attempts = [c for c in mock.calls if at_response(name)(c)]
    assert [c.fault for c in attempts] == [fault.kind] * times + [None]
    assert len(mock.delivered(at_response(name))) == 1


def test_ten_seconds_of_429_are_waited_out_as_retry_after_says(
    server: str, mock: MockSlack
) -> None:
    """Each 429 says how long is left (Retry-After): the reply waits that long instead of
    trying again and again."""
    channel, name = "C0LIMITED", "limited"
    limited = rate_limited(retry_after=None)  # Retry-After: the seconds left of the ten
    mock.inject("chat.postMessage", limited, seconds=10, where=in_channel(channel))
    mock.inject("response_url", limited, seconds=10, where=at_response(name))
    mention(server, channel, "Ev0LIMITED")
    command(server, mock, "status", name)
    for sent in (in_channel(channel), at_response(name)):
        mock.wait_delivered(sent, timeout=PATIENCE)
        assert len(mock.delivered(sent)) == 1
        assert len([c for c in mock.calls if sent(c)]) <= 3  # without Retry-After: 6 or more


def test_connections_refused_for_three_seconds_delay_replies_but_lose_none(
    server: str, mock: MockSlack
) -> None:
    channel, name = "C0REFUSED", "refused"
    mock.refuse_connections(3)
    mention(server, channel, "Ev0REFUSED")
    command(server, mock, "status", name)
    for sent in (in_channel(channel), at_response(name)):
        mock.wait_delivered(sent, timeout=PATIENCE)
        assert len(mock.delivered(sent)) == 1


def test_a_retried_event_gets_one_reply_across_two_replicas_through_dropped_posts(
    mock: MockSlack, tmp_path: Path
) -> None:
    """Slack retries the event to the second replica while the first is still retrying its
    post: the claim holds, so exactly one reply is posted."""
    channel, event_id = "C0TWOREPLICAS", "Ev0TWOREPLICAS"
    mock.inject("chat.postMessage", dropped(), times=2, where=in_channel(channel))
    db = tmp_path / "shared.db"
    with (
        serving(_env(mock, db), tmp_path / "a.log") as first,
        serving(_env(mock, db), tmp_path / "b.log") as second,
    ):
        mention(first, channel, event_id)
        mention(second, channel, event_id, **{"X-Slack-Retry-Num": "1"})
        mock.wait_delivered(in_channel(channel), timeout=PATIENCE)
        wait_for_log(tmp_path / "b.log", f"skipping event {event_id}: already handled")
    assert len(mock.delivered(in_channel(channel))) == 1
    assert len([c for c in mock.calls if in_channel(channel)(c)]) == 3


def test_replies_that_cannot_be_delivered_are_logged_and_counted(
    mock: MockSlack, tmp_path: Path
) -> None:
    """A reply still waiting out a 429 at its deadline, and a call Slack answers after the
    per-call timeout (not sent again: Slack may have posted it), are each given up, logged
    with their event and counted in `/readout status`."""
    log = tmp_path / "serve.log"
    env = _env(mock, tmp_path / "r.db", READOUT_REPLY_DEADLINE="4", READOUT_SLACK_TIMEOUT="1")
    mock.inject("chat.postMessage", rate_limited(retry_after=30), where=in_channel("C0LATE"))
    mock.inject("chat.postMessage", slow(3), where=in_channel("C0SLOW"))
    with serving(env, log) as base:
        mention(base, "C0LATE", "Ev0LATE")
        late = wait_for_log(log, "undelivered: the reply to a mention (event Ev0LATE,")
        assert "still failing after the 4 s deadline" in late
        mention(base, "C0SLOW", "Ev0SLOW")
        timed_out = wait_for_log(log, "undelivered: the reply to a mention (event Ev0SLOW,")
        assert "no answer in time; Slack may have received it" in timed_out
        mention(base, "C0SLOW", "Ev0SLOW", **{"X-Slack-Retry-Num": "1"})  # Slack's own retry
        wait_for_log(log, "skipping event Ev0SLOW: already handled")  # the claim was kept
        command(base, mock, "status", "admin-status", user=ADMIN)
        status = mock.wait_delivered(at_response("admin-status"), timeout=PATIENCE).data["text"]
    assert "2 undelivered" in status
    assert not mock.delivered(in_channel("C0LATE"))
    assert len([c for c in mock.calls if in_channel("C0SLOW")(c)]) == 1  # never sent twice
