"""The curators' to-do list: logged gaps grouped as near duplicates, most asked first."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.search.types import Decision
from bot.store.db import Database, utc_now
from bot.store.gap_groups import top_gaps
from bot.store.privacy import QuestionKeeper
from bot.store.schema import gaps
from tests.support.gap_checks import cand, log, result


def test_near_duplicates_are_grouped_most_asked_first(db: Database) -> None:
    for text in (
        "who is bolivias foreign minister",
        "Who is Bolivias foreign minister?",
        "who is bolivia's foreign minister",
        "who's bolivias foreign minister",
    ):
        log(db, result(text, Decision.NONE, cand("fernando-aramayo", 64.0)))
    log(db, result("what is the lithium triangle", Decision.NONE, cand("bolivia-lithium", 58.0)))
    log(db, result("lithium triangle", Decision.ANSWER, cand("bolivia-lithium", 74.0)))
    log(db, result("price of quinoa"))

    groups = top_gaps(db)
    assert [g.count for g in groups] == [4, 2, 1]
    first = groups[0]
    assert first.label.casefold().rstrip("?") == "who is bolivias foreign minister"
    assert first.count == sum(n for _, n in first.variants)
    assert first.near[0].target_id == "fernando-aramayo"
    assert (first.near[0].best, first.near[0].times) == (64.0, 4)
    second = groups[1]
    assert dict(second.reasons) == {"none": 1, "low_score": 1}
    assert second.near[0].best == 74.0
    assert groups[2].near == ()
    assert len(top_gaps(db, limit=1)) == 1


def test_days_limits_the_period(db: Database) -> None:
    now = utc_now()
    log(db, result("old question"), at=now - dt.timedelta(days=10))
    log(db, result("new question"), at=now - dt.timedelta(hours=1))
    assert [g.label for g in top_gaps(db, days=7, now=now)] == ["new question"]
    assert len(top_gaps(db, now=now)) == 2


def test_hashed_questions_group_by_hash_and_keep_no_words(db: Database) -> None:
    keeper = QuestionKeeper(QuestionPrivacy.HASHED, "pepper")
    log(db, result("What is USMCA?"), keeper)
    log(db, result("what is usmca"), keeper)
    log(db, result("what is mercosur"), keeper)
    with db.begin() as conn:
        stored = conn.execute(sa.select(gaps.c.question, gaps.c.normalized)).all()
    assert set(stored) == {(None, None)}
    groups = top_gaps(db)
    assert [g.count for g in groups] == [2, 1]
    assert groups[0].label.startswith("(question stored as hash ")
    assert groups[0].variants == ()


def test_unstored_questions_group_by_what_they_nearly_matched(db: Database) -> None:
    keeper = QuestionKeeper(QuestionPrivacy.NONE, "pepper")
    log(db, result("a", Decision.NONE, cand("usmca", 60)), keeper)
    log(db, result("b", Decision.NONE, cand("usmca", 62)), keeper)
    log(db, result("c"), keeper)
    groups = top_gaps(db)
    assert [(g.label, g.count) for g in groups] == [
        ("(questions not stored)", 2),
        ("(questions not stored)", 1),
    ]
    assert groups[0].near[0].target_id == "usmca"
