"""Unanswered and weakly answered questions: what is logged, and how the to-do list groups them."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.search.types import Candidate, Decision, MatchResult
from bot.store.db import Database, utc_now
from bot.store.gaps import gap_from_result, gap_reason, top_gaps
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records
from bot.store.schema import gaps

PLAIN = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")


def cand(target: str, score: float) -> Candidate:
    return Candidate(target, target.replace("-", " ").title(), "term", score, "alias", target)


def result(
    question: str, decision: Decision = Decision.NONE, *candidates: Candidate
) -> MatchResult:
    normalized = " ".join(question.casefold().strip("?¿ ").split())
    return MatchResult(question, normalized, decision, tuple(candidates))


def log(db: Database, res: MatchResult, keeper: QuestionKeeper = PLAIN, **kw: object) -> None:
    reason = gap_reason(res, low_confidence=85.0)
    assert reason is not None
    gap = gap_from_result(res, reason)
    if "at" in kw:
        gap = type(gap)(gap.reason, gap.question, gap.normalized, gap.candidates, kw["at"])  # type: ignore[arg-type]
    write_records(db, [gap], keeper)


def test_which_results_are_gaps() -> None:
    assert gap_reason(result("x"), 85) == "none"
    assert gap_reason(result("x", Decision.AMBIGUOUS, cand("a", 80), cand("b", 79)), 85) == (
        "ambiguous"
    )
    assert gap_reason(result("x", Decision.ANSWER, cand("a", 72)), 85) == "low_score"
    assert gap_reason(result("x", Decision.ANSWER, cand("a", 92)), 85) is None


def test_a_gap_row_keeps_question_normal_form_and_top_candidates(db: Database) -> None:
    res = result(
        "Who is Bolivia's  foreign minister?",
        Decision.AMBIGUOUS,
        cand("fernando-aramayo", 71.26),
        cand("rodrigo-paz", 70.0),
        cand("bolivia", 55.0),
        cand("lithium", 40.0),
    )
    log(db, res)
    with db.begin() as conn:
        [row] = conn.execute(sa.select(gaps)).all()
    assert row.reason == "ambiguous"
    assert row.question == "Who is Bolivia's  foreign minister?"
    assert row.normalized == "who is bolivia's foreign minister"
    assert (row.top_target, row.top_score) == ("fernando-aramayo", 71.3)
    assert [c["id"] for c in row.candidates] == ["fernando-aramayo", "rodrigo-paz", "bolivia"]
    assert row.candidates[0]["score"] == 71.3


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
