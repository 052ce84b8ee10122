"""Questions the bot could not answer well, as they are logged for the curators' to-do list.

Every `none` and `ambiguous` decision, and every answer scored under READOUT_LOW_CONFIDENCE, is
logged with the question (as the privacy setting allows), its normalised form and the top
candidates. `gap_groups.py` turns these rows into the to-do list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.search.types import Decision, MatchResult
from bot.store.db import utc_now
from bot.store.privacy import QuestionKeeper
from bot.store.schema import gaps

CANDIDATES_KEPT = 3


@dataclass(frozen=True)
class NearMiss:
    target_id: str
    title: str
    score: float


@dataclass(frozen=True)
class Gap:
    """One poorly answered question, ready to be written."""

    reason: str
    question: str
    normalized: str
    candidates: tuple[NearMiss, ...]
    at: dt.datetime = field(default_factory=utc_now)


def gap_reason(result: MatchResult, low_confidence: float) -> str | None:
    """'none', 'ambiguous' or 'low_score' when this result belongs on the to-do list, else None
    (a list of readouts for a period or a set is an answer)."""
    if result.decision is Decision.LIST:
        return None
    if result.decision is not Decision.ANSWER:
        return result.decision.value
    best = result.best
    if best is not None and best.score < low_confidence:
        return "low_score"
    return None


def gap_from_result(result: MatchResult, reason: str) -> Gap:
    misses = tuple(
        NearMiss(c.target_id, c.title, round(c.score, 1))
        for c in result.candidates[:CANDIDATES_KEPT]
    )
    return Gap(reason, result.question, result.normalized, misses)


def write_gaps(conn: Connection, batch: Sequence[Gap], keeper: QuestionKeeper) -> None:
    rows: list[dict[str, Any]] = []
    for gap in batch:
        kept = keeper.keep(gap.question, gap.normalized)
        best = gap.candidates[0] if gap.candidates else None
        rows.append(
            {
                "asked_at": gap.at,
                "reason": gap.reason,
                "question": kept.question,
                "question_hash": kept.question_hash,
                "normalized": kept.normalized,
                "top_target": best.target_id if best else None,
                "top_score": best.score if best else None,
                "candidates": [
                    {"id": c.target_id, "title": c.title, "score": c.score} for c in gap.candidates
                ],
            }
        )
    if rows:
        conn.execute(sa.insert(gaps), rows)
