"""Escalations in the store (SQLite and PostgreSQL): one per message and person, exactly one
outcome however many curators race, the question kept as the privacy setting says, and purged
with the gaps."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.config import QuestionPrivacy
from bot.store.db import Database
from bot.store.escalations import (
    ANSWERED,
    OPEN,
    NewEscalation,
    claim,
    count_open,
    get_escalation,
    list_escalations,
    open_escalation,
    set_card,
)
from bot.store.gaps import NearMiss
from bot.store.privacy import QuestionKeeper
from bot.store.retention import purge

PLAIN = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")
NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def _new(key: str = "C1:1.0:U1", question: str | None = "how big is bolivia's lithium?",
         **kw: object) -> NewEscalation:  # fmt: skip
    defaults: dict[str, object] = {
        "asker_id": "U1",
        "channel_id": "C1",
        "surface": "thread",
        "thread_ts": "1.0",
        "candidates": (NearMiss("bolivia-lithium", "Bolivia's lithium", 48.0),),
        "at": NOW,
    }
    return NewEscalation(source_key=key, question=question, **{**defaults, **kw})  # type: ignore[arg-type]


def test_a_double_click_opens_one_escalation(db: Database) -> None:
    first, opened = open_escalation(db, _new(), PLAIN)
    again, opened_again = open_escalation(db, _new(), PLAIN)
    assert (opened, opened_again) == (True, False)
    assert again.id == first.id
    assert first.status == OPEN
    assert first.candidates == (NearMiss("bolivia-lithium", "Bolivia's lithium", 48.0),)
    other, _ = open_escalation(db, _new("C1:1.0:U2", asker_id="U2"), PLAIN)
    assert other.id != first.id
    assert count_open(db) == 2


def test_curators_racing_on_one_escalation_get_one_outcome(db: Database) -> None:
    escalation, _ = open_escalation(db, _new(), PLAIN)
    set_card(db, escalation.id, "C0CURATORS", "1700000000.000200")
    won: list[str] = []
    start = threading.Barrier(8)

    def race(curator: str) -> None:
        start.wait()
        if claim(db, escalation.id, curator, "entry", target_id="bolivia-lithium"):
            won.append(curator)

    threads = [threading.Thread(target=race, args=(f"U0CUR{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    stored = get_escalation(db, escalation.id)
    assert stored is not None
    assert (stored.status, stored.handled_by, stored.outcome) == (ANSWERED, won[0], "entry")
    assert (stored.card_channel, stored.card_ts) == ("C0CURATORS", "1700000000.000200")
    assert not claim(db, escalation.id, "U0LATE", "declined")
    assert count_open(db) == 0


@pytest.mark.parametrize(
    ("privacy", "kept_text", "hashed"),
    [
        (QuestionPrivacy.PLAIN, True, False),
        (QuestionPrivacy.HASHED, False, True),
        (QuestionPrivacy.NONE, False, False),
    ],
)
def test_the_question_is_kept_as_privacy_allows(
    db: Database, privacy: QuestionPrivacy, kept_text: bool, hashed: bool
) -> None:
    escalation, _ = open_escalation(db, _new(), QuestionKeeper(privacy, "salt"))
    assert (escalation.question is not None) is kept_text
    assert (escalation.question_hash is not None) is hashed


def test_listing_and_purging_follow_the_gaps_rules(db: Database) -> None:
    old, _ = open_escalation(db, _new("old", at=NOW - dt.timedelta(days=100)), PLAIN)
    new, _ = open_escalation(db, _new("new"), PLAIN)
    claim(db, new.id, "U0CUR", "reply", reply="It is about 21 million tonnes.", now=NOW)
    assert [e.id for e in list_escalations(db)] == [new.id, old.id]
    assert [e.id for e in list_escalations(db, status=OPEN)] == [old.id]
    (drafted,) = list_escalations(db, outcome="reply")
    assert drafted.reply == "It is about 21 million tonnes."
    assert list_escalations(db, days=30, now=NOW) == [get_escalation(db, new.id)]
    purged = purge(db, 90, now=NOW)
    assert purged.escalations == 1
    assert "1 escalations" in str(purged)
    assert get_escalation(db, old.id) is None
    assert get_escalation(db, new.id) is not None
