"""Learning from clicks: picks are stored as the privacy setting allows, and a question becomes
an alias proposal once enough different people (or one curator) chose the same entry for it or
for a near-duplicate of it."""

from __future__ import annotations

import datetime as dt

from bot.config import QuestionPrivacy
from bot.store.db import Database
from bot.store.picks import Pick, learned_aliases
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records
from bot.store.retention import purge

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
PLAIN = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")


def _pick(question: str, target: str, user: str, source: str = "suggestion",
          at: dt.datetime = NOW) -> Pick:  # fmt: skip
    normalized = " ".join(question.casefold().strip("?¿ ").split())
    return Pick(question, normalized, target, user, source, at)  # type: ignore[arg-type]


def test_two_people_picking_one_entry_for_near_duplicates_propose_an_alias(db: Database) -> None:
    write_records(
        db,
        [
            _pick("how big are bolivia's lithium deposits", "bolivia-lithium", "U1"),
            _pick("how big are bolivias lithium deposits?", "bolivia-lithium", "U2"),
            _pick("how big are bolivia's lithium deposits", "bolivia-lithium", "U1"),
            _pick("who signed the mou", "signed-agreements", "U3"),  # one person: not yet
            _pick("who signed the mou", "signed-agreements", "U3"),
        ],
        PLAIN,
    )
    (learned,) = learned_aliases(db, pickers=2)
    assert learned.target_id == "bolivia-lithium"
    assert (learned.people, learned.times, learned.by_curator) == (2, 3, False)
    assert learned.label == "how big are bolivia's lithium deposits"
    assert set(learned.wordings) == {
        "how big are bolivia's lithium deposits",
        "how big are bolivias lithium deposits?",
    }
    assert [a.target_id for a in learned_aliases(db, pickers=1)] == [
        "bolivia-lithium",
        "signed-agreements",
    ]
    assert learned_aliases(db, pickers=3) == []


def test_different_entries_and_unrelated_questions_do_not_add_up(db: Database) -> None:
    write_records(
        db,
        [
            _pick("lithium reserves", "bolivia-lithium", "U1"),
            _pick("lithium reserves", "critical-minerals", "U2"),
            _pick("what is project vault", "bolivia-lithium", "U3"),
        ],
        PLAIN,
    )
    assert learned_aliases(db, pickers=2) == []


def test_one_curator_is_enough(db: Database) -> None:
    write_records(db, [_pick("salar de uyuni", "bolivia-lithium", "U0CUR", "curator")], PLAIN)
    (learned,) = learned_aliases(db, pickers=2)
    assert (learned.label, learned.by_curator, learned.people) == ("salar de uyuni", True, 1)


def test_hashed_picks_count_but_propose_no_wording_and_none_learns_nothing(db: Database) -> None:
    hashed = QuestionKeeper(QuestionPrivacy.HASHED, "salt")
    write_records(
        db,
        [_pick("lithium deposits", "bolivia-lithium", user) for user in ("U1", "U2")],
        hashed,
    )
    (learned,) = learned_aliases(db, pickers=2)
    assert learned.wordings == ()
    assert learned.label.startswith("(question stored as hash ")
    none = QuestionKeeper(QuestionPrivacy.NONE, "salt")
    write_records(db, [_pick("vault", "project-vault", u) for u in ("U1", "U2", "U3")], none)
    assert [a.target_id for a in learned_aliases(db, pickers=2)] == ["bolivia-lithium"]


def test_old_picks_are_purged_with_the_gaps(db: Database) -> None:
    old = NOW - dt.timedelta(days=91)
    write_records(db, [_pick("vault", "project-vault", "U1", at=old)], PLAIN)
    write_records(db, [_pick("vault", "project-vault", "U2")], PLAIN)
    assert learned_aliases(db, pickers=2, days=30, now=NOW) == []
    assert purge(db, 90, now=NOW).picks == 1
    assert learned_aliases(db, pickers=1)[0].people == 1
