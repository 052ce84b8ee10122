"""Forget old rows: votes, gaps, escalations and picks after READOUT_RETENTION_DAYS, event claims
after a day, claims on periodic posts after a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from bot.store.db import Database, utc_now
from bot.store.dedupe import purge_claims
from bot.store.escalations import purge_escalations
from bot.store.picks import purge_picks
from bot.store.schedule import purge_posts
from bot.store.schema import gaps, votes


@dataclass(frozen=True)
class Purged:
    gaps: int
    votes: int
    claims: int
    escalations: int = 0
    picks: int = 0

    @property
    def total(self) -> int:
        return self.gaps + self.votes + self.claims + self.escalations + self.picks

    def __str__(self) -> str:
        parts = [f"{self.gaps} unanswered questions", f"{self.votes} votes"]
        if self.escalations:
            parts.append(f"{self.escalations} escalations")
        if self.picks:
            parts.append(f"{self.picks} picks")
        return f"purged {', '.join(parts)} and {self.claims} event claims"


def purge(db: Database, retention_days: int, *, now: dt.datetime | None = None) -> Purged:
    """Delete votes, gaps, escalations and picks older than `retention_days` days, and old
    claims."""
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    now = now or utc_now()
    cutoff = now - dt.timedelta(days=retention_days)
    with db.begin() as conn:
        gone_gaps = conn.execute(sa.delete(gaps).where(gaps.c.asked_at < cutoff)).rowcount
        gone_votes = conn.execute(sa.delete(votes).where(votes.c.updated_at < cutoff)).rowcount
    purge_posts(db, now=now)
    return Purged(
        int(gone_gaps),
        int(gone_votes),
        purge_claims(db, now=now),
        purge_escalations(db, cutoff),
        purge_picks(db, cutoff),
    )
