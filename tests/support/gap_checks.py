"""Helpers shared by the gap tests (test_gaps.py, test_gap_groups.py): results and logging them."""

from __future__ import annotations

from bot.config import QuestionPrivacy
from bot.search.types import Candidate, Decision, MatchResult
from bot.store.db import Database
from bot.store.gaps import gap_from_result, gap_reason
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records

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
