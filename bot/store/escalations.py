"""Questions asked of the curators: opened once per message and person, then handled once.

`open_escalation` is one INSERT … ON CONFLICT DO NOTHING on the message and person, so a double
click (on any replica) opens one escalation. `claim` is one conditional UPDATE (`WHERE status =
'open'`): of several curators, on several replicas, exactly one moves it out of `open`, and only
that one replies to the asker. The question is kept as READOUT_QUESTION_PRIVACY allows, like a
gap's, and escalations are purged with the gaps (retention.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa

from bot.store.clean import clean_text
from bot.store.db import Database, utc, utc_now
from bot.store.gaps import NearMiss
from bot.store.privacy import QuestionKeeper
from bot.store.schema import escalations

OPEN, ANSWERED, DECLINED = "open", "answered", "declined"
STATUSES = (OPEN, ANSWERED, DECLINED)
Outcome = Literal["entry", "reply", "declined"]
Surface = Literal["thread", "dm", "ephemeral"]
"""Where the asker gets the outcome: a reply in the thread, in their DM with Readout, or a
message only they see in the channel they asked in."""
REPLY_CHARS = 3000


@dataclass(frozen=True)
class NewEscalation:
    """What the Slack layer knows when someone asks the curators."""

    source_key: str
    """The message the button was on and who clicked it: one escalation each."""
    asker_id: str
    channel_id: str | None
    surface: Surface
    thread_ts: str | None
    question: str | None
    candidates: tuple[NearMiss, ...] = ()
    comment: str | None = None
    permalink: str | None = None
    at: dt.datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class Escalation:
    """One escalation as stored (the question as the privacy setting kept it)."""

    id: str
    created_at: dt.datetime
    status: str
    asker_id: str
    channel_id: str | None
    surface: Surface
    thread_ts: str | None
    question: str | None
    question_hash: str | None
    candidates: tuple[NearMiss, ...]
    comment: str | None
    permalink: str | None
    card_channel: str | None
    card_ts: str | None
    handled_by: str | None
    handled_at: dt.datetime | None
    outcome: str | None
    target_id: str | None
    reply: str | None


def open_escalation(
    db: Database, new: NewEscalation, keeper: QuestionKeeper
) -> tuple[Escalation, bool]:
    """The escalation for `new.source_key`, and whether this call opened it (False: it was
    open already, from an earlier click)."""
    kept = keeper.keep(clean_text(new.question)) if new.question else None
    row = {
        "id": uuid.uuid4().hex,
        "created_at": new.at,
        "status": OPEN,
        "source_key": new.source_key[:200],
        "asker_id": new.asker_id,
        "channel_id": new.channel_id,
        "surface": new.surface,
        "thread_ts": new.thread_ts,
        "question": kept.question if kept else None,
        "question_hash": kept.question_hash if kept else None,
        "candidates": [
            {"id": c.target_id, "title": c.title, "score": c.score} for c in new.candidates
        ],
        "comment": clean_text(new.comment) if new.comment else None,
        "permalink": new.permalink,
    }
    stmt = (
        db.insert(escalations)
        .values(**row)
        .on_conflict_do_nothing(index_elements=["source_key"])
        .returning(escalations.c.id)
    )
    with db.begin() as conn:
        created = conn.execute(stmt).first() is not None
        found = conn.execute(
            sa.select(escalations).where(escalations.c.source_key == row["source_key"])
        ).one()
    return _escalation(found), created


def set_card(db: Database, escalation_id: str, channel: str, ts: str) -> None:
    """Remember where the escalation's card was posted (to update it in place)."""
    with db.begin() as conn:
        conn.execute(
            sa.update(escalations)
            .where(escalations.c.id == escalation_id)
            .values(card_channel=channel, card_ts=ts)
        )


def claim(
    db: Database,
    escalation_id: str,
    curator_id: str,
    outcome: Outcome,
    *,
    target_id: str | None = None,
    reply: str | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Record `outcome` by `curator_id` if the escalation is still open: True for the one
    curator (across replicas) whose call did it, False for everyone after."""
    status = DECLINED if outcome == "declined" else ANSWERED
    values: dict[str, Any] = {
        "status": status,
        "handled_by": curator_id,
        "handled_at": now or utc_now(),
        "outcome": outcome,
        "target_id": target_id,
        "reply": clean_text(reply)[:REPLY_CHARS] if reply else None,
    }
    with db.begin() as conn:
        result = conn.execute(
            sa.update(escalations)
            .where(escalations.c.id == escalation_id, escalations.c.status == OPEN)
            .values(**values)
        )
    return int(result.rowcount) == 1


def get_escalation(db: Database, escalation_id: str) -> Escalation | None:
    with db.begin() as conn:
        row = conn.execute(sa.select(escalations).where(escalations.c.id == escalation_id)).first()
    return _escalation(row) if row is not None else None


def list_escalations(
    db: Database,
    *,
    status: str | None = None,
    days: int | None = None,
    limit: int = 100,
    outcome: str | None = None,
    now: dt.datetime | None = None,
) -> list[Escalation]:
    """Escalations, newest first; only `status` / `outcome` ones, over the last `days` days."""
    query = sa.select(escalations)
    if status:
        query = query.where(escalations.c.status == status)
    if outcome:
        query = query.where(escalations.c.outcome == outcome)
    if days:
        since = (now or utc_now()) - dt.timedelta(days=days)
        query = query.where(escalations.c.created_at >= since)
    query = query.order_by(escalations.c.created_at.desc(), escalations.c.id).limit(limit)
    with db.begin() as conn:
        return [_escalation(row) for row in conn.execute(query)]


def count_open(db: Database) -> int:
    with db.begin() as conn:
        found = conn.execute(
            sa.select(sa.func.count()).select_from(escalations).where(escalations.c.status == OPEN)
        ).scalar()
    return int(found or 0)


def purge_escalations(db: Database, cutoff: dt.datetime) -> int:
    with db.begin() as conn:
        gone = conn.execute(sa.delete(escalations).where(escalations.c.created_at < cutoff))
    return int(gone.rowcount)


def _escalation(row: Any) -> Escalation:
    candidates: Sequence[dict[str, Any]] = row.candidates or ()
    return Escalation(
        id=row.id,
        created_at=utc(row.created_at),
        status=row.status,
        asker_id=row.asker_id,
        channel_id=row.channel_id,
        surface=row.surface,
        thread_ts=row.thread_ts,
        question=row.question,
        question_hash=row.question_hash,
        candidates=tuple(
            NearMiss(str(c.get("id")), str(c.get("title", "")), float(c.get("score", 0.0)))
            for c in candidates
        ),
        comment=row.comment,
        permalink=row.permalink,
        card_channel=row.card_channel,
        card_ts=row.card_ts,
        handled_by=row.handled_by,
        handled_at=utc(row.handled_at) if row.handled_at is not None else None,
        outcome=row.outcome,
        target_id=row.target_id,
        reply=row.reply,
    )


def forget_escalation(db: Database, escalation_id: str) -> None:
    """Delete an escalation whose card could not be posted: nothing was passed on, so the asker
    may ask again."""
    with db.begin() as conn:
        conn.execute(sa.delete(escalations).where(escalations.c.id == escalation_id))
