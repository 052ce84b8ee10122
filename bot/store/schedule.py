"""Claims on periodic posts, such as the curators' digest of one week: exactly one replica posts
each, never twice.

A claim is one INSERT … ON CONFLICT DO NOTHING on the post's key (`digest:2026-11-30`), as event
claims are (dedupe.py), but kept for a year instead of a day: the key of a period that is over
is never claimed again, so a replica started later cannot post it a second time. A replica that
claimed a post and could not make it releases the claim, so another may try.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.store.db import Database, utc_now
from bot.store.schema import scheduled_posts

KEEP = dt.timedelta(days=366)


def claim_post(db: Database, key: str, owner: str, *, now: dt.datetime | None = None) -> bool:
    """True when this caller is the first to claim the post `key` (and should post it)."""
    stmt = (
        db.insert(scheduled_posts)
        .values(key=key[:100], claimed_at=now or utc_now(), owner=owner[:100])
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(scheduled_posts.c.key)
    )
    with db.begin() as conn:
        return conn.execute(stmt).first() is not None


def release_post(db: Database, key: str, owner: str) -> None:
    """Give up this owner's claim on `key` (the post could not be made)."""
    with db.begin() as conn:
        conn.execute(
            sa.delete(scheduled_posts).where(
                scheduled_posts.c.key == key[:100], scheduled_posts.c.owner == owner[:100]
            )
        )


def purge_posts(db: Database, *, now: dt.datetime | None = None) -> int:
    cutoff = (now or utc_now()) - KEEP
    with db.begin() as conn:
        gone = conn.execute(sa.delete(scheduled_posts).where(scheduled_posts.c.claimed_at < cutoff))
    return int(gone.rowcount)
