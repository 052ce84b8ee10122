"""Forget old rows: votes and gaps after READOUT_RETENTION_DAYS, event claims after a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from bot.store.db import Database, utc_now
from bot.store.dedupe import purge_claims
from bot.store.schema import gaps, votes


@dataclass(frozen=True)
class Purged:
    gaps: int
    votes: int
    claims: int

    @property
    def total(self) -> int:
        return self.gaps + self.votes + self.claims

    def __str__(self) -> str:
        return (
            f"purged {self.gaps} unanswered questions, {self.votes} votes "
            f"and {self.claims} event claims"
        )


def purge(db: Database, retention_days: int, *, now: dt.datetime | None = None) -> Purged:
    """Delete votes and gaps last touched more than `retention_days` days ago, and old claims."""
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    now = now or utc_now()
    cutoff = now - dt.timedelta(days=retention_days)
    with db.begin() as conn:
        gone_gaps = conn.execute(sa.delete(gaps).where(gaps.c.asked_at < cutoff)).rowcount
        gone_votes = conn.execute(sa.delete(votes).where(votes.c.updated_at < cutoff)).rowcount
    return Purged(int(gone_gaps), int(gone_votes), purge_claims(db, now=now))
