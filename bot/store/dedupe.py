"""Claim a Slack event_id before replying, so a retried event is answered once across replicas.

The claim is one INSERT ... ON CONFLICT DO NOTHING on the primary key: the database decides which
replica wins, atomically, with no read-then-write window. Slack retries within minutes, so
claims older than a day are purged. A replica that claimed an event but could not post its reply
releases the claim, so a retry can still be answered.

The same table de-duplicates alerts (`claim_alert`): an alert is posted once per episode, and
an episode ends when the knowledge base loads cleanly again.

Every id is stored through `claim_key`, so an id of any length or content can be claimed in the
column's 100 characters without a schema change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict

import sqlalchemy as sa

from bot.store.db import Database, utc_now
from bot.store.schema import EVENT_ID_CHARS, event_claims

CLAIM_TTL = dt.timedelta(days=1)
HASHED = "sha256:"
"""Starts every hashed key; an id that itself starts with it is hashed too, so no id stored as
it is can ever equal another id's hash."""
_STORED_AS_IS = re.compile(rf"[!-~]{{1,{EVENT_ID_CHARS}}}")
"""Printable ASCII that fits the column: every real Slack event_id (`Ev…`) and alert key."""


def claim_key(event_id: str) -> str:
    """The key stored for `event_id`: the id itself when it is short printable ASCII, else
    `sha256:` and the hex SHA-256 of its UTF-8 (71 characters, whatever the id)."""
    if _STORED_AS_IS.fullmatch(event_id) and not event_id.startswith(HASHED):
        return event_id
    return HASHED + hashlib.sha256(event_id.encode("utf-8", "surrogatepass")).hexdigest()


def claim_event(db: Database, event_id: str, owner: str, *, now: dt.datetime | None = None) -> bool:
    """True when this caller is the first to claim `event_id` (and should reply), else False."""
    stmt = (
        db.insert(event_claims)
        .values(event_id=claim_key(event_id), claimed_at=now or utc_now(), owner=owner)
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


def release_event(db: Database, event_id: str, owner: str) -> None:
    """Forget this owner's claim on `event_id` (its reply could not be posted)."""
    with db.begin() as conn:
        conn.execute(
            sa.delete(event_claims).where(
                event_claims.c.event_id == claim_key(event_id), event_claims.c.owner == owner
            )
        )


def claim_alert(
    db: Database, key: str, owner: str, *, since: dt.datetime, now: dt.datetime | None = None
) -> bool:
    """True when this caller should post the alert `key`: nobody claimed it yet, or the claim
    is older than `since` (the caller's last good state began after it: a new episode).

    One atomic upsert, so of several replicas seeing the same problem only one wins.
    """
    stmt = db.insert(event_claims).values(
        event_id=claim_key(key), claimed_at=now or utc_now(), owner=owner
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["event_id"],
        set_={"claimed_at": stmt.excluded.claimed_at, "owner": stmt.excluded.owner},
        where=event_claims.c.claimed_at < since,
    ).returning(event_claims.c.event_id)
    with db.begin() as conn:
        won = conn.execute(stmt).first()
    return won is not None


class LocalClaims:
    """The claims this replica made, in memory (the newest `size`, by `claim_key`, so a huge id
    costs no more than a short one): de-duplication that works without the database, and spares
    it a query for a retry this replica has already seen."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._claims: OrderedDict[str, dt.datetime] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str, *, since: dt.datetime | None = None) -> bool:
        """True when `key` is new here or, given `since`, was last claimed before it."""
        key = claim_key(key)
        with self._lock:
            held = self._claims.get(key)
            if held is not None and (since is None or held >= since):
                return False
            self._hold_locked(key)
            return True

    def hold(self, key: str) -> None:
        """Remember `key` as claimed now (the database gave it to this replica)."""
        key = claim_key(key)
        with self._lock:
            self._hold_locked(key)

    def release(self, key: str) -> None:
        with self._lock:
            self._claims.pop(claim_key(key), None)

    def _hold_locked(self, key: str) -> None:
        self._claims[key] = utc_now()
        self._claims.move_to_end(key)
        while len(self._claims) > self._size:
            self._claims.popitem(last=False)
