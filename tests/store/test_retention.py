"""Rows older than the retention period are purged; recent ones stay."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.store.db import Database, utc_now
from bot.store.dedupe import claim_event
from bot.store.feedback import UP, Vote
from bot.store.gaps import Gap
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records
from bot.store.retention import purge
from bot.store.schema import gaps, votes

KEEPER = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")


def test_purge_removes_rows_past_retention(db: Database) -> None:
    now = utc_now()
    old, recent = now - dt.timedelta(days=91), now - dt.timedelta(days=89)
    for n, at in enumerate((old, recent)):
        write_records(db, [Gap("none", f"q{n}", f"q{n}", (), at)], KEEPER)
        write_records(db, [Vote(f"C:{n}", "usmca", "U1", "C", f"q{n}", UP, at=at)], KEEPER)
    claim_event(db, "EvOld", "a", now=now - dt.timedelta(days=2))
    purged = purge(db, 90, now=now)
    assert (purged.gaps, purged.votes, purged.claims) == (1, 1, 1)
    assert str(purged) == "purged 1 unanswered questions, 1 votes and 1 event claims"
    with db.begin() as conn:
        assert conn.execute(sa.select(gaps.c.question)).scalars().all() == ["q1"]
        assert conn.execute(sa.select(votes.c.question)).scalars().all() == ["q1"]
    assert purge(db, 90, now=now).total == 0


def test_retention_must_be_positive(db: Database) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        purge(db, 0)
