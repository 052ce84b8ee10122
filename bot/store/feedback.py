"""👍 / 👎 on answers: one vote per user per answer (a second click changes it), and a summary.

An answer is identified by `answer_key` (the Slack layer uses the message it posted) together
with the entry it showed. The 👎 modal's comment arrives as a second 👎 carrying the comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.store.db import Database, utc, utc_now
from bot.store.privacy import QuestionKeeper
from bot.store.schema import votes

UP = 1
DOWN = -1
COMMENTS_SHOWN = 3


@dataclass(frozen=True)
class Vote:
    """One click (or one 👎 modal submission) as the Slack layer saw it."""

    answer_key: str
    target_id: str
    user_id: str
    channel_id: str | None
    question: str
    value: int
    comment: str | None = None
    normalized: str | None = None
    at: dt.datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if self.value not in (UP, DOWN):
            raise ValueError(f"a vote is {UP} or {DOWN}, not {self.value}")


def write_votes(
    db: Database, conn: Connection, batch: Sequence[Vote], keeper: QuestionKeeper
) -> None:
    """Insert each vote, or replace the same user's earlier vote on the same answer."""
    for vote in batch:
        kept = keeper.keep(vote.question, vote.normalized)
        comment = vote.comment.strip() if vote.comment and vote.comment.strip() else None
        stmt = db.insert(votes).values(
            answer_key=vote.answer_key,
            target_id=vote.target_id,
            user_id=vote.user_id,
            channel_id=vote.channel_id,
            question=kept.question,
            question_hash=kept.question_hash,
            vote=vote.value,
            comment=comment,
            created_at=vote.at,
            updated_at=vote.at,
        )
        # An up-vote withdraws the complaint; a bare 👎 keeps the comment given earlier.
        new_comment = sa.case(
            (stmt.excluded.vote > 0, sa.null()),
            else_=sa.func.coalesce(stmt.excluded.comment, votes.c.comment),
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "target_id", "answer_key"],
                set_={
                    "vote": stmt.excluded.vote,
                    "comment": new_comment,
                    "updated_at": stmt.excluded.updated_at,
                },
            )
        )


@dataclass(frozen=True)
class Comment:
    text: str
    at: dt.datetime


@dataclass(frozen=True)
class EntryFeedback:
    """Votes on one entry (or follow-up) over the period asked for."""

    target_id: str
    up: int
    down: int
    last_vote: dt.datetime
    comments: tuple[Comment, ...] = ()
    """The newest few 👎 comments, newest first."""


def feedback_summary(
    db: Database, *, days: int | None = None, now: dt.datetime | None = None
) -> list[EntryFeedback]:
    """Per entry: 👍 and 👎 counts and the newest comments; most 👎 first."""
    since = (now or utc_now()) - dt.timedelta(days=days) if days else None
    where = [votes.c.updated_at >= since] if since else []
    counts = (
        sa.select(
            votes.c.target_id,
            sa.func.sum(sa.case((votes.c.vote > 0, 1), else_=0)).label("up"),
            sa.func.sum(sa.case((votes.c.vote < 0, 1), else_=0)).label("down"),
            sa.func.max(votes.c.updated_at).label("last_vote"),
        )
        .where(*where)
        .group_by(votes.c.target_id)
    )
    comments = (
        sa.select(votes.c.target_id, votes.c.comment, votes.c.updated_at)
        .where(votes.c.comment.is_not(None), *where)
        .order_by(votes.c.updated_at.desc())
    )
    by_target: dict[str, list[Comment]] = {}
    with db.begin() as conn:
        rows = conn.execute(counts).all()
        for target_id, text, at in conn.execute(comments):
            shown = by_target.setdefault(target_id, [])
            if len(shown) < COMMENTS_SHOWN:
                shown.append(Comment(text, utc(at)))
    out = [
        EntryFeedback(
            target_id=row.target_id,
            up=int(row.up),
            down=int(row.down),
            last_vote=utc(row.last_vote),
            comments=tuple(by_target.get(row.target_id, ())),
        )
        for row in rows
    ]
    return sorted(out, key=lambda f: (-f.down, -(f.up + f.down), f.target_id))


def format_feedback(summary: Sequence[EntryFeedback], *, days: int | None = None) -> str:
    """A plain-text table for `readout feedback`."""
    period = f"the last {days} days" if days else "all time"
    if not summary:
        return f"No votes in {period}."
    width = max(len("entry"), *(len(f.target_id) for f in summary))
    lines = [f"Votes per entry, {period} (most 👎 first):", ""]
    lines.append(f"{'entry':<{width}}  {'up':>4}  {'down':>4}  last vote")
    for item in summary:
        lines.append(
            f"{item.target_id:<{width}}  {item.up:>4}  {item.down:>4}  "
            f"{item.last_vote:%Y-%m-%d %H:%M}"
        )
        for comment in item.comments:
            text = " ".join(comment.text.split())
            lines.append(f"{'':<{width}}    👎 {comment.at:%Y-%m-%d}: {text}")
    up = sum(f.up for f in summary)
    down = sum(f.down for f in summary)
    lines += ["", f"{len(summary)} entries, {up} 👍, {down} 👎."]
    return "\n".join(lines)
