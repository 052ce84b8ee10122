"""Claim a Slack event_id before replying, so a retried event is answered once across replicas.

The claim is one INSERT ... ON CONFLICT DO NOTHING on the primary key: the database decides which
replica wins, atomically, with no read-then-write window. Slack retries within minutes, so
claims older than a day are purged.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.store.db import Database, utc_now
from bot.store.schema import event_claims

CLAIM_TTL = dt.timedelta(days=1)


def claim_event(db: Database, event_id: str, owner: str, *, now: dt.datetime | None = None) -> bool:
    """True when this caller is the first to claim `event_id` (and should reply), else False."""
    stmt = (
        db.insert(event_claims)
        .values(event_id=event_id, claimed_at=now or utc_now(), owner=owner)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(event_claims.c.event_id)
    )
    with db.begin() as conn:
        won = conn.execute(stmt).first()
    return won is not None


def purge_claims(db: Database, *, now: dt.datetime | None = None) -> int:
    """Delete claims older than CLAIM_TTL; return how many."""
    cutoff = (now or utc_now()) - CLAIM_TTL
    with db.begin() as conn:
        result = conn.execute(sa.delete(event_claims).where(event_claims.c.claimed_at < cutoff))
    return int(result.rowcount)
