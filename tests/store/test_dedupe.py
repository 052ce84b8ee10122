"""A Slack event_id (of any length or content) is claimed once, also by two replicas racing on
one database."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from bot.store.db import Database, open_database, utc_now
from bot.store.dedupe import HASHED, claim_event, claim_key, purge_claims, release_event
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


ODD_IDS = [
    "Ev" + "0123456789ABCDEF" * 9 + "XYZ123",  # 152 characters, as measured in issue 9
    "Ev" + "A" * 98,  # exactly the column's 100: stored as it is
    "Ev" + "A" * 10_000,
    "Ev with spaces",
    "Ev\x00nul",
    "Ev\ud800lone-surrogate",
    "Ev-ñandú-😀",
    "",
]


@pytest.mark.parametrize("event_id", ODD_IDS, ids=lambda s: f"{len(s)}:{s[:14]!r}")
def test_event_ids_of_any_length_or_content_are_claimed_once(db: Database, event_id: str) -> None:
    assert claim_event(db, event_id, "replica-a") is True
    assert claim_event(db, event_id, "replica-b") is False
    release_event(db, event_id, "replica-a")
    assert claim_event(db, event_id, "replica-b") is True


def test_long_ids_sharing_their_first_100_characters_are_different_events(db: Database) -> None:
    head = "Ev" + "7" * 98
    assert claim_event(db, head + "A", "a") is True
    assert claim_event(db, head + "B", "a") is True
    assert claim_event(db, head, "a") is True


def test_a_hashed_key_never_equals_an_id_stored_as_it_is(db: Database) -> None:
    """An id that looks like another id's hash is a different event (it is hashed itself)."""
    long_id = "Ev" + "9" * 200
    key = claim_key(long_id)
    assert key.startswith(HASHED)
    assert len(key) <= 100
    assert claim_key("Ev0001") == "Ev0001"
    assert claim_event(db, long_id, "a") is True
    assert claim_event(db, key, "a") is True  # not mistaken for the long id's claim
    assert claim_event(db, long_id, "b") is False
