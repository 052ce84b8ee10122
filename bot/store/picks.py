"""Learning from clicks: which entry people chose when Readout was unsure of a question.

A pick is a "did you mean" suggestion or a nearest topic someone clicked, or the entry a curator
answered an escalation with. `learned_aliases` groups picks of one entry by near-duplicate
questions (gap_groups.near_duplicates); once READOUT_LEARN_PICKERS different people picked the
same entry for such questions, or a curator did once, the question is proposed as an alias of
that entry (`readout gaps --yaml`, `/readout gaps`). Questions are kept as
READOUT_QUESTION_PRIVACY allows: hashed picks still count, but no wording can be proposed, and
with `none` nothing is learned.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.store.db import Database, utc, utc_now
from bot.store.gap_groups import MAX_ROWS, SIMILARITY, near_duplicates
from bot.store.privacy import QuestionKeeper
from bot.store.schema import picks

PickSource = Literal["suggestion", "nearest", "curator"]


@dataclass(frozen=True)
class Pick:
    """One entry chosen for one question by one person."""

    question: str
    normalized: str | None
    target_id: str
    user_id: str
    source: PickSource
    at: dt.datetime = field(default_factory=utc_now)


def write_picks(conn: Connection, batch: Sequence[Pick], keeper: QuestionKeeper) -> None:
    rows: list[dict[str, Any]] = []
    for pick in batch:
        kept = keeper.keep(pick.question, pick.normalized)
        rows.append(
            {
                "picked_at": pick.at,
                "target_id": pick.target_id[:200],
                "user_id": pick.user_id[:50],
                "source": pick.source,
                "question": kept.question,
                "question_hash": kept.question_hash,
                "normalized": kept.normalized,
            }
        )
    if rows:
        conn.execute(sa.insert(picks), rows)


@dataclass(frozen=True)
class LearnedAlias:
    """Near-duplicate questions for which enough people (or a curator) chose one entry."""

    target_id: str
    label: str
    """The most common wording, or a description when questions are hashed."""
    wordings: tuple[str, ...]
    """Wordings as asked, most common first (empty when questions are hashed)."""
    people: int
    by_curator: bool
    times: int
    last_picked: dt.datetime


def learned_aliases(
    db: Database,
    *,
    pickers: int,
    days: int | None = None,
    now: dt.datetime | None = None,
    similarity: float = SIMILARITY,
) -> list[LearnedAlias]:
    """Questions to propose as aliases, the most people first."""
    query = sa.select(
        picks.c.picked_at,
        picks.c.target_id,
        picks.c.user_id,
        picks.c.source,
        picks.c.question,
        picks.c.question_hash,
        picks.c.normalized,
    ).where(sa.or_(picks.c.question.is_not(None), picks.c.question_hash.is_not(None)))
    if days:
        query = query.where(picks.c.picked_at >= (now or utc_now()) - dt.timedelta(days=days))
    query = query.order_by(picks.c.picked_at.desc()).limit(MAX_ROWS)
    with db.begin() as conn:
        rows = conn.execute(query).all()
    by_target: dict[str, list[Any]] = {}
    for row in rows:
        by_target.setdefault(row.target_id, []).append(row)
    learned = [
        alias
        for target, target_rows in sorted(by_target.items())
        for alias in _groups(target, target_rows, similarity)
        if alias.by_curator or alias.people >= pickers
    ]
    return sorted(learned, key=lambda a: (-a.people, -a.times, a.target_id, a.label))


def _key(row: Any) -> str:
    if row.normalized or row.question:
        return str(row.normalized or " ".join(row.question.casefold().split()))
    return f"#{row.question_hash}"


def _groups(target: str, rows: list[Any], similarity: float) -> list[LearnedAlias]:
    forms: dict[str, list[Any]] = {}
    for row in rows:
        forms.setdefault(_key(row), []).append(row)
    keys = sorted(forms, key=lambda k: (-len(forms[k]), k))
    grouped: dict[int, list[Any]] = {}
    for n, lead in enumerate(near_duplicates(keys, similarity)):
        grouped.setdefault(lead, []).extend(forms[keys[n]])
    out = []
    for lead, members in grouped.items():
        wordings = Counter(" ".join(r.question.split()) for r in members if r.question)
        label = (
            wordings.most_common(1)[0][0]
            if wordings
            else f"(question stored as hash {keys[lead][1:9]})"
        )
        out.append(
            LearnedAlias(
                target_id=target,
                label=label,
                wordings=tuple(w for w, _ in wordings.most_common()),
                people=len({r.user_id for r in members}),
                by_curator=any(r.source == "curator" for r in members),
                times=len(members),
                last_picked=max(utc(r.picked_at) for r in members),
            )
        )
    return out


def purge_picks(db: Database, cutoff: dt.datetime) -> int:
    with db.begin() as conn:
        gone = conn.execute(sa.delete(picks).where(picks.c.picked_at < cutoff))
    return int(gone.rowcount)
