"""Unanswered and weakly answered questions: which results are logged, and what a row keeps."""

from __future__ import annotations

import sqlalchemy as sa

from bot.search.types import Decision
from bot.store.db import Database
from bot.store.gaps import gap_reason
from bot.store.schema import gaps
from tests.support.gap_checks import cand, log, result


def test_which_results_are_gaps() -> None:
    assert gap_reason(result("x"), 85) == "none"
    assert gap_reason(result("x", Decision.AMBIGUOUS, cand("a", 80), cand("b", 79)), 85) == (
        "ambiguous"
    )
    assert gap_reason(result("x", Decision.ANSWER, cand("a", 72)), 85) == "low_score"
    assert gap_reason(result("x", Decision.ANSWER, cand("a", 92)), 85) is None
    listed = result("readouts from feb", Decision.LIST, cand("a", 90), cand("b", 90))
    assert gap_reason(listed, 85) is None  # a list of readouts is an answer, not a gap


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
