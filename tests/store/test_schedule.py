"""Claims on periodic posts: one replica per key, released when the post failed, kept a year."""

from __future__ import annotations

import datetime as dt

from bot.store.db import Database
from bot.store.retention import purge
from bot.store.schedule import claim_post, release_post

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def test_one_claim_per_key_until_released(db: Database) -> None:
    assert claim_post(db, "digest:2026-11-30", "a:1", now=NOW)
    assert not claim_post(db, "digest:2026-11-30", "b:2", now=NOW)
    release_post(db, "digest:2026-11-30", "b:2")  # not b's claim: nothing happens
    assert not claim_post(db, "digest:2026-11-30", "b:2", now=NOW)
    release_post(db, "digest:2026-11-30", "a:1")
    assert claim_post(db, "digest:2026-11-30", "b:2", now=NOW)
    assert claim_post(db, "digest:2026-12-07", "a:1", now=NOW)


def test_claims_outlive_the_event_claims_day_and_the_retention_period(db: Database) -> None:
    assert claim_post(db, "digest:2026-11-30", "a:1", now=NOW)
    purge(db, 1, now=NOW + dt.timedelta(days=200))
    assert not claim_post(db, "digest:2026-11-30", "b:2", now=NOW)
    purge(db, 1, now=NOW + dt.timedelta(days=367))
    assert claim_post(db, "digest:2026-11-30", "b:2", now=NOW)
