"""The curators' digest: one post per period whatever the number of replicas, over the mock Web
API, on SQLite and PostgreSQL; a failed post is retried by the next check, and a post that may
have reached Slack is never sent again. Clocks are injected: no test depends on today's date."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import QuestionPrivacy, load_settings
from bot.slack.digest import Digest, period_start
from bot.slack.knowledge import load_provider
from bot.store.db import open_database
from bot.store.escalations import NewEscalation, open_escalation
from bot.store.privacy import QuestionKeeper, stored_salt
from bot.store.recorder import Recorder
from tests.support.curator_serving import BOT_TOKEN, CURATORS, curator_bot, is_digest, text_of
from tests.support.curator_serving import db_url as db_url  # the SQLite / PostgreSQL fixture
from tests.support.serving import REPO
from tests.support.slack_mock import MockSlack, server_error, slow

MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def test_periods_start_on_mondays() -> None:
    assert period_start(MONDAY, 7) == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    sunday_night = dt.datetime(2026, 12, 6, 23, 59, tzinfo=dt.UTC)
    assert period_start(sunday_night, 7) == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    assert period_start(MONDAY + dt.timedelta(days=7), 7) == dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
    assert period_start(MONDAY, 1) == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


def _knowledge(tmp_path: Path) -> Path:
    """The bundled base with Pigott's entry overdue (reviewed 2025-11-29, 180 days) and owned."""
    knowledge = Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))
    pigott = knowledge / "terms" / "tommy-pigott.yaml"
    text = pigott.read_text().replace("reviewed: 2026-11-29", "reviewed: 2025-11-29")
    pigott.write_text(text + "owners: [U0OWNER]\n")
    return knowledge


def _digests(clock: Any, url: str, knowledge: Path, replicas: int) -> list[tuple[Digest, Recorder]]:
    settings = load_settings(
        curators_channel=CURATORS, database_url=url, knowledge_dir=knowledge, digest_days=7
    )
    made = []
    for _ in range(replicas):
        recorder = Recorder(url)
        recorder.start()
        made.append((Digest(settings, load_provider(settings), recorder, clock=clock), recorder))
    return made


def test_two_replicas_post_one_digest_per_period(db_url: str, tmp_path: Path) -> None:
    now = [MONDAY]
    replicas = _digests(lambda: now[0], db_url, _knowledge(tmp_path), 2)
    with MockSlack().running() as mock:

        async def check_all() -> list[bool]:
            client = AsyncWebClient(token=BOT_TOKEN, base_url=mock.api_url)
            return list(await asyncio.gather(*(d.post_if_due(client) for d, _ in replicas)))

        assert sorted(asyncio.run(check_all())) == [False, True]
        assert asyncio.run(check_all()) == [False, False]
        now[0] = MONDAY + dt.timedelta(days=6, hours=14)  # still the same week
        assert asyncio.run(check_all()) == [False, False]
        (digest,) = mock.delivered(is_digest)
        shown = text_of(digest.data["blocks"])
        assert "<@U0OWNER>" in shown
        assert "Tommy Pigott" in shown
        now[0] = MONDAY + dt.timedelta(days=7)  # the next week: one more
        assert sorted(asyncio.run(check_all())) == [False, True]
        assert len(mock.delivered(is_digest)) == 2
    for _, recorder in replicas:
        recorder.stop(1)


def test_a_failed_post_is_retried_and_a_timed_out_one_is_not(db_url: str, tmp_path: Path) -> None:
    now = [MONDAY]
    ((digest, recorder),) = _digests(lambda: now[0], db_url, _knowledge(tmp_path), 1)
    with MockSlack().running() as mock:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=mock.api_url)  # no retry handlers
        mock.inject("chat.postMessage", server_error(503))
        with pytest.raises(SlackApiError):
            asyncio.run(digest.post_if_due(client))
        assert asyncio.run(digest.post_if_due(client)) is True  # the claim was given back
        assert len(mock.delivered(is_digest)) == 1

        now[0] = MONDAY + dt.timedelta(days=7)
        mock.inject("chat.postMessage", slow(3))
        client.timeout = 1
        with pytest.raises(TimeoutError):
            asyncio.run(digest.post_if_due(client))
        client.timeout = 30
        assert asyncio.run(digest.post_if_due(client)) is False  # Slack may have it: not again
        assert len(mock.delivered(is_digest)) == 2  # the slow one did arrive, once
    recorder.stop(1)


def test_two_served_replicas_post_it_once(db_url: str, tmp_path: Path) -> None:
    """`readout serve --http` twice on one database: the digest reaches the channel once, with the
    overdue entry's owner mentioned and the open escalation listed; a restart posts nothing."""
    db = open_database(db_url)
    keeper = QuestionKeeper(QuestionPrivacy.PLAIN, stored_salt(db))
    open_escalation(
        db, NewEscalation("C1:1:U1", "U0ASKER", "C0CHAN", "thread", "1.0", "quinoa?"), keeper
    )
    db.close()
    knowledge = _knowledge(tmp_path)
    with MockSlack().running() as mock:
        weekly = {"READOUT_DIGEST_DAYS": "7"}
        with (
            curator_bot(mock, tmp_path, name="a", knowledge=knowledge, db_url=db_url, **weekly),
            curator_bot(mock, tmp_path, name="b", knowledge=knowledge, db_url=db_url, **weekly),
        ):
            digest = mock.wait_for(is_digest, timeout=30)
            time.sleep(1.0)  # both replicas have checked by now (at start): still one
        with curator_bot(mock, tmp_path, name="c", knowledge=knowledge, db_url=db_url, **weekly):
            pass
        assert len(mock.delivered(is_digest)) == 1
    shown = text_of(digest.data["blocks"])
    assert "*Past their review date* (1):" in shown
    assert "<@U0OWNER>" in shown
    assert "“quinoa?” from <@U0ASKER>" in shown
