"""Issue 5 over real HTTP: `readout serve --http` subprocesses driven by signed requests, against
the mock Slack Web API. Hot reload without a restart, a broken edit reported with file:line,
admin-only commands, votes and gaps in SQLite and PostgreSQL, and one answer to a retried event
across two replicas sharing a database."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import sqlalchemy as sa

from bot.store.db import open_database
from bot.store.schema import gaps, votes
from tests.support.serving import REPO, bot_env
from tests.support.serving import serving as serve_http
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import TEAM, click_body, command_body, event_body, sign
from tests.support.waiting import eventually as _eventually

BOT_TOKEN = "xoxb-0000000000-1111111111-CuRaToRsTeSt"
FORM = "application/x-www-form-urlencoded"
ADMIN, ASKER, ADMIN_CHANNEL = "U0ADMIN", "U0ASKER", "C0ADMINS"
PIGOTT = Path("terms") / "tommy-pigott.yaml"
QUINOA = """\
id: quinoa-prices
kind: term
category: concept
title: Quinoa prices
summary: What quinoa sells for.
sources:
  - title: Quinoa
    url: https://example.org/quinoa
    publisher: Example
reviewed: 2026-02-01
"""


@contextmanager
def serving(
    mock: MockSlack, knowledge: Path, db_url: str, log: Path, **settings: str
) -> Iterator[str]:
    """One `readout serve --http` replica; yields its base URL."""
    env = bot_env(
        mock.api_url,
        db_url,
        token=BOT_TOKEN,
        knowledge=knowledge,
        READOUT_ADMINS=ADMIN,
        READOUT_ADMIN_CHANNEL=ADMIN_CHANNEL,
        READOUT_LOG_LEVEL="DEBUG",
        **settings,
    )
    with serve_http(env, log) as base:
        yield base
    assert BOT_TOKEN not in log.read_text()


def post(base: str, body: str, content_type: str, **headers: str) -> httpx.Response:
    sent = {"Content-Type": content_type, **sign(body), **headers}
    response = httpx.post(f"{base}/slack/events", content=body, headers=sent, timeout=10)
    assert response.status_code == 200, response.text
    return response


def ask(base: str, text: str, *, user: str = ASKER) -> dict[str, Any]:
    """`/readout <text>`: the reply comes back in the acknowledgement."""
    body = command_body(text, "http://127.0.0.1:9/unused", user=user)
    return dict(post(base, body, FORM).json())


def admin(base: str, mock: MockSlack, text: str, *, user: str = ADMIN) -> dict[str, Any]:
    """An admin subcommand: acknowledged at once, answered through the response_url."""
    name = f"cmd-{time.monotonic_ns()}"
    post(base, command_body(text, mock.response_url(name), user=user), FORM)
    call = mock.wait_for(lambda c: c.method == "response_url" and c.path.endswith(name))
    return call.data


def header(reply: dict[str, Any]) -> str:
    return str(reply["blocks"][0]["text"]["text"])


eventually = partial(_eventually, timeout=20.0, every=0.1)
"""Replicas over HTTP take longer than threads: a slower, longer poll."""


def to_admins(call: Any) -> bool:
    return bool(call.method == "chat.postMessage" and call.data.get("channel") == ADMIN_CHANNEL)


def button(reply: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(
        e
        for b in reply["blocks"]
        for e in b.get("elements", [])
        if str(e.get("action_id", "")).startswith(prefix)
    )


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base that the test may edit."""
    return Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))


def test_edits_reload_without_restart_and_broken_edits_are_reported(
    mock: MockSlack, knowledge: Path, tmp_path: Path
) -> None:
    with serving(mock, knowledge, f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "s.log") as base:
        before = header(ask(base, "who is Tommy Pigott?"))
        assert before.startswith("Tommy Pigott")
        path = knowledge / PIGOTT
        good = path.read_text()
        path.write_text(good.replace(before, "Tommy Pigott, spokesman (edited)"))
        eventually(lambda: header(ask(base, "who is Tommy Pigott?")).endswith("(edited)"))

        edited = path.read_text()
        broken = edited.replace("\ncategory: person", "\ncategory: person\nrank: high")
        path.write_text(broken)
        alert = mock.wait_for(to_admins)
        where = f"knowledge/{PIGOTT.as_posix()}:5:1: unknown field 'rank'"
        assert where in json.dumps(alert.data["blocks"])
        assert header(ask(base, "who is Tommy Pigott?")).endswith("(edited)")  # unchanged

        status = admin(base, mock, "status")
        assert "Last load failed" in status["text"]
        assert where in json.dumps(status["blocks"])
        reload = admin(base, mock, "reload")
        assert reload["text"].startswith("⚠️ The knowledge base was not changed")
        assert where in json.dumps(reload["blocks"])

        # Broken otherwise: a new alert, and the next one to arrive (no repeat of the first).
        path.write_text(broken.replace("rank: high", "colour: red"))
        other = mock.wait_for(to_admins, nth=2)
        assert "unknown field 'colour'" in json.dumps(other.data["blocks"])

        path.write_text(good)
        eventually(lambda: header(ask(base, "who is Tommy Pigott?")) == before)
        path.write_text(broken)  # the first break again, after a fix: posted again
        again = mock.wait_for(to_admins, nth=3)
        assert where in json.dumps(again.data["blocks"])
        path.write_text(good)
        eventually(lambda: header(ask(base, "who is Tommy Pigott?")) == before)

        added = knowledge / "terms" / "quinoa-prices.yaml"  # a new file, then deleted
        added.write_text(QUINOA)
        eventually(lambda: header(ask(base, "quinoa prices")) == "Quinoa prices")
        added.unlink()
        eventually(lambda: "does not cover" in ask(base, "quinoa prices")["text"])


def test_non_admins_cannot_reload_or_read_status(
    mock: MockSlack, knowledge: Path, tmp_path: Path
) -> None:
    with serving(mock, knowledge, f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "s.log") as base:
        for name in ("reload", "status", "gaps"):
            refusal = admin(base, mock, name, user=ASKER)
            assert refusal["text"].startswith(f"Sorry, `/readout {name}` is for Readout's admins")
        status = admin(base, mock, "status")
        assert "0 reloads" in status["text"]
        answered = admin(base, mock, "status of the DEA return", user=ASKER)
        assert "admins" not in answered["text"]  # a question that starts with a command's name


def view_submission(metadata: str, comment: str, user: str) -> str:
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "example"},
        "user": {"id": user, "username": "ann", "name": "ann", "team_id": TEAM},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "trigger_id": "1337.42.ijkl",
        "view": {
            "id": "V0MODAL",
            "type": "modal",
            "callback_id": "readout.feedback",
            "private_metadata": metadata,
            "state": {"values": {"what_was_wrong": {"comment": {"type": "plain_text_input",
                                                                "value": comment}}}},
        },
    }  # fmt: skip
    return urlencode({"payload": json.dumps(payload)})


def rows(db_url: str, table: sa.Table) -> list[Any]:
    db = open_database(db_url, create=False)
    try:
        with db.begin() as conn:
            return list(conn.execute(sa.select(table)).all())
    finally:
        db.close()


def test_votes_and_gaps_land_in_the_database(
    mock: MockSlack, knowledge: Path, tmp_path: Path, db_url: str
) -> None:
    with serving(mock, knowledge, db_url, tmp_path / "s.log") as base:
        reply = ask(base, "who is Tommy Pigott?")
        up, down = button(reply, "readout.vote.up"), button(reply, "readout.vote.down")
        post(base, click_body(up["action_id"], up["value"], response_url=mock.response_url("up")),
             FORM)  # fmt: skip
        assert "glad it helped" in mock.wait_for(lambda c: c.path == "/response/up").data["text"]
        click = click_body(down["action_id"], down["value"], response_url=mock.response_url("dn"))
        post(base, click, FORM)  # the same user changes the vote: one row, now 👎
        modal = mock.wait_for(lambda c: c.method == "views.open").data
        view = modal["view"] if isinstance(modal["view"], dict) else json.loads(modal["view"])
        post(base, view_submission(view["private_metadata"], "Out of date", ASKER), FORM)

        ask(base, "price of quinoa in 1990")
        ask(base, "the price of quinoa in 1990?")
        eventually(lambda: [r for r in rows(db_url, votes) if r.comment])
        [vote] = [r for r in rows(db_url, votes) if r.user_id == ASKER]  # one row for 👍, 👎, text
        assert (vote.target_id, vote.vote, vote.comment) == ("tommy-pigott", -1, "Out of date")
        assert vote.question == "who is Tommy Pigott?"
        assert vote.channel_id == "C0CHAN"
        eventually(lambda: len(rows(db_url, gaps)) >= 2)
        logged = rows(db_url, gaps)
        assert {g.question for g in logged} >= {"price of quinoa in 1990"}
        assert logged[0].candidates

        to_do = admin(base, mock, "gaps")
        assert "price of quinoa in 1990" in json.dumps(to_do["blocks"])
        assert "*2×*" in json.dumps(to_do["blocks"], ensure_ascii=False)
        too_long = admin(base, mock, "gaps 99999999")
        assert too_long["text"] == "`/readout gaps [days]` takes 1 to 36500 days."


def test_a_retried_event_is_answered_once_across_two_replicas(
    mock: MockSlack, knowledge: Path, tmp_path: Path, db_url: str
) -> None:
    event = {
        "type": "app_mention",
        "user": ASKER,
        "text": "<@UBOT> who is Tommy Pigott?",
        "ts": "1700000009.000900",
        "channel": "C0DEDUP",
        "event_ts": "1700000009.000900",
    }
    body = event_body(event, "Ev0RETRIED01")
    with (
        serving(mock, knowledge, db_url, tmp_path / "a.log") as first,
        serving(mock, knowledge, db_url, tmp_path / "b.log") as second,
    ):
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        sends = [
            threading.Thread(target=post, args=(first, body, "application/json")),
            threading.Thread(target=post, args=(second, body, "application/json"), kwargs=retry),
            threading.Thread(target=post, args=(first, body, "application/json"), kwargs=retry),
        ]
        for send in sends:
            send.start()
        for send in sends:
            send.join()
        logs = (tmp_path / "a.log", tmp_path / "b.log")

        def handled() -> tuple[int, int]:
            replies = sum(1 for c in mock.calls if c.data.get("channel") == "C0DEDUP")
            return replies, skipped(logs, "Ev0RETRIED01")

        eventually(lambda: sum(handled()) >= 3)  # every delivery answered or skipped
        assert handled() == (1, 2)
        [reply] = [c for c in mock.calls if c.data.get("channel") == "C0DEDUP"]
        assert reply.data["thread_ts"] == "1700000009.000900"


def skipped(logs: tuple[Path, ...], event_id: str) -> int:
    """Deliveries of `event_id` the replicas logged as already handled."""
    line = f"skipping event {event_id}: already handled"
    return sum(log.read_text().count(line) for log in logs)


def test_a_database_that_is_down_does_not_stop_answers(
    mock: MockSlack, knowledge: Path, tmp_path: Path
) -> None:
    password, salt = "S3cret-Db-Passw0rd", "question-salt-kept-out-of-logs"
    down = f"postgresql+psycopg://postgres:{password}@127.0.0.1:1/test"  # nothing on port 1
    log = tmp_path / "s.log"
    with serving(mock, knowledge, down, log, READOUT_QUESTION_SALT=salt) as base:
        assert header(ask(base, "who is Tommy Pigott?")).startswith("Tommy Pigott")
        ask(base, "price of quinoa in 1990")
        ts = "1700000010.000100"
        event = {"type": "app_mention", "user": ASKER, "text": "<@UBOT> who is Pigott?",
                 "ts": ts, "channel": "C0DOWN", "event_ts": ts}  # fmt: skip
        post(base, event_body(event, "Ev0DOWN1"), "application/json")
        post(base, event_body(event, "Ev0DOWN1"), "application/json", **{"X-Slack-Retry-Num": "1"})
        mock.wait_for(lambda c: c.data.get("channel") == "C0DOWN")
        status = admin(base, mock, "status")
        assert "⚠️ unavailable" in status["text"]
        assert "1 waiting" in status["text"]
        assert "1 event de-duplicated without it" in status["text"]
        assert password not in json.dumps(status)
        eventually(lambda: skipped((log,), "Ev0DOWN1") == 1)
        assert len([c for c in mock.calls if c.data.get("channel") == "C0DOWN"]) == 1
    text = log.read_text()
    assert text.count("WARNING bot.store.resilience: database") == 1, text  # once, not per request
    assert password not in text
    assert salt not in text
