"""A Slack event_id is claimed once, also by two replicas racing on one database."""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa

from bot.store.db import Database, open_database, utc_now
from bot.store.dedupe import claim_event, purge_claims
from bot.store.schema import event_claims


def test_first_claim_wins_and_a_retry_loses(db: Database) -> None:
    assert claim_event(db, "Ev001", "replica-a") is True
    assert claim_event(db, "Ev001", "replica-a") is False
    assert claim_event(db, "Ev001", "replica-b") is False
    assert claim_event(db, "Ev002", "replica-b") is True


def test_two_replicas_racing_claim_each_event_once(db_url: str, db: Database) -> None:
    replicas = [db, open_database(db_url)]
    wins: list[tuple[str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        replica = replicas[n % 2]
        start.wait()
        for i in range(25):
            event_id = f"Ev{i:04d}"
            if claim_event(replica, event_id, f"replica-{n}"):
                with lock:
                    wins.append((event_id, f"replica-{n}"))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    replicas[1].close()
    assert sorted(event for event, _ in wins) == [f"Ev{i:04d}" for i in range(25)]


def test_old_claims_are_purged(db: Database) -> None:
    now = utc_now()
    claim_event(db, "EvOld", "a", now=now - dt.timedelta(days=2))
    claim_event(db, "EvNew", "a", now=now - dt.timedelta(hours=1))
    assert purge_claims(db, now=now) == 1
    with db.begin() as conn:
        left = conn.execute(sa.select(event_claims.c.event_id)).scalars().all()
    assert left == ["EvNew"]
