"""A `readout serve --http` replica with a curators' channel, driven like Slack drives it: signed
requests in, the mock Web API recording every call out."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from bot.render.escalation import ACTION_ASK
from tests.support.curator_requests import FORM, button_action, element, on_message
from tests.support.serving import REPO, bot_env, serving
from tests.support.slack_mock import Call, MockSlack
from tests.support.slack_requests import command_body, event_body, sign
from tests.support.waiting import eventually

BOT_TOKEN = "xoxb-0000000000-1111111111-CuRaToRs11"
CURATORS = "C0CURATORS"
ADMIN, ASKER, CURATOR, CURATOR2 = "U0ADMIN", "U0ASKER", "U0CURATOR", "U0CURATOR2"
CHANNEL = "C0CHAN"
ASKED_TS = "1700000000.000700"
"""The ts of the reply a test clicks "Ask a curator" on, unless it says otherwise."""


POSTGRES_ENV = "READOUT_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh schema of its own on the PostgreSQL server (skipped
    without READOUT_TEST_POSTGRES_URL, as the store's tests are)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'readout.db'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests skipped: set {POSTGRES_ENV} (.ci/run sets it)")
    schema = f"readout_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def copy_knowledge(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))


@contextmanager
def curator_bot(
    mock: MockSlack,
    tmp_path: Path,
    *,
    db_url: str | None = None,
    name: str = "serve",
    knowledge: Path | None = None,
    **settings: str,
) -> Iterator[Bot]:
    env = bot_env(
        mock.api_url,
        db_url or f"sqlite:///{tmp_path / 'readout.db'}",
        token=BOT_TOKEN,
        knowledge=knowledge or REPO / "knowledge",
        READOUT_ADMINS=ADMIN,
        # The digest has tests of its own.
        **{"READOUT_CURATORS_CHANNEL": CURATORS, "READOUT_DIGEST_DAYS": "0", **settings},
    )
    log = tmp_path / f"{name}.log"
    with serving(env, log) as base:
        yield Bot(base, mock, log)
    assert BOT_TOKEN not in log.read_text()


@dataclass
class Bot:
    base: str
    mock: MockSlack
    log: Path

    def post(self, body: str, content_type: str = FORM) -> httpx.Response:
        headers = {"Content-Type": content_type, **sign(body)}
        response = httpx.post(
            f"{self.base}/slack/events", content=body, headers=headers, timeout=10
        )
        assert response.status_code == 200, response.text
        return response

    def ask(self, text: str, *, user: str = ASKER, channel: str = CHANNEL) -> dict[str, Any]:
        """`/readout <text>`: the ephemeral reply, from the acknowledgement."""
        body = command_body(
            text, self.mock.response_url(f"cmd-{time.monotonic_ns()}"), user=user, channel=channel
        )
        return dict(self.post(body).json())

    def admin(self, text: str) -> dict[str, Any]:
        name = f"admin-{time.monotonic_ns()}"
        self.post(command_body(text, self.mock.response_url(name), user=ADMIN))
        return self.mock.wait_for(
            lambda c: c.method == "response_url" and c.path.endswith(name)
        ).data

    def mention(self, text: str, *, ts: str, channel: str = CHANNEL, user: str = ASKER) -> Call:
        """A question in a channel; returns Readout's reply in the thread."""
        event = {
            "type": "app_mention",
            "user": user,
            "text": f"<@UBOT> {text}",
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
        }
        self.post(event_body(event, f"Ev{ts.replace('.', '')}"), "application/json")
        return self.mock.wait_for(
            lambda c: c.method == "chat.postMessage" and c.data.get("thread_ts") == ts
        )

    def direct(self, text: str, *, ts: str, channel: str = "D0DM", user: str = ASKER) -> Call:
        event = {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": ts,
            "channel": channel,
            "event_ts": ts,
        }
        self.post(event_body(event, f"Ev{ts.replace('.', '')}"), "application/json")
        return self.mock.wait_for(
            lambda c: c.method == "chat.postMessage" and c.data.get("channel") == channel
        )

    def click(
        self,
        blocks: list[dict[str, Any]],
        action_id: str,
        *,
        user: str,
        channel: str,
        message_ts: str,
        ephemeral: bool = False,
        thread_ts: str | None = None,
    ) -> str:
        """Click a button in `blocks`; returns the response_url's name."""
        block_id, button = element(blocks, action_id)
        name = f"click-{time.monotonic_ns()}"
        message = {"type": "message", "ts": message_ts, "blocks": blocks}
        if thread_ts:
            message["thread_ts"] = thread_ts
        self.post(
            on_message(
                button_action(button, block_id or "b1"),
                user=user,
                channel=channel,
                message_ts=message_ts,
                response_url=self.mock.response_url(name),
                ephemeral=ephemeral,
                message=message,
            )
        )
        return name

    def ask_curators(
        self,
        blocks: list[dict[str, Any]],
        *,
        user: str = ASKER,
        channel: str = CHANNEL,
        message_ts: str = ASKED_TS,
        ephemeral: bool = True,
        thread_ts: str | None = None,
    ) -> str:
        """Click "Ask a curator" on a reply (by default the /readout reply only the asker sees);
        returns the response_url's name."""
        return self.click(
            blocks,
            ACTION_ASK,
            user=user,
            channel=channel,
            message_ts=message_ts,
            ephemeral=ephemeral,
            thread_ts=thread_ts,
        )

    def responses(self, name: str) -> list[Call]:
        return self.mock.delivered(lambda c: c.method == "response_url" and c.path.endswith(name))

    def response(self, name: str) -> dict[str, Any]:
        call = self.mock.wait_for(lambda c: c.method == "response_url" and c.path.endswith(name))
        return call.data

    def card(self, nth: int = 1) -> Call:
        return self.mock.wait_for(lambda c: c.delivered and is_card(c), nth=nth)

    def card_update(self, nth: int = 1) -> Call:
        return self.mock.wait_for(lambda c: c.method == "chat.update", nth=nth)


def is_card(call: Call) -> bool:
    return (
        call.method == "chat.postMessage"
        and call.data.get("channel") == CURATORS
        and "Question for the curators" in str(call.data.get("text"))
    )


def is_digest(call: Call) -> bool:
    return (
        call.method == "chat.postMessage"
        and call.data.get("channel") == CURATORS
        and "Curators' digest" in str(call.data.get("text"))
    )


def table_rows(database: str | Path, table: sa.Table) -> list[Any]:
    """Every row of `table` in the database at a URL, or in an SQLite file."""
    engine = sa.create_engine(f"sqlite:///{database}" if isinstance(database, Path) else database)
    with engine.begin() as conn:
        rows = conn.execute(sa.select(table)).all()
    engine.dispose()
    return list(rows)


def text_of(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


wait_until = partial(eventually, timeout=20.0, every=0.05)
"""Two replicas over HTTP take longer than threads: a longer poll."""
