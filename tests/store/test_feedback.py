"""Votes: one per user per answer, a second click changes it; comments; the per-entry summary."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.store.db import Database, utc_now
from bot.store.feedback import DOWN, UP, Vote, feedback_summary, format_feedback
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records
from bot.store.schema import votes

PLAIN = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")


def vote(
    value: int, *, user: str = "U1", answer: str = "C1:1.0", target: str = "usmca", **kw: object
) -> Vote:
    return Vote(
        answer_key=answer,
        target_id=target,
        user_id=user,
        channel_id="C1",
        question="what is usmca",
        value=value,
        **kw,  # type: ignore[arg-type]
    )


def rows(db: Database) -> list[sa.Row[tuple[object, ...]]]:
    with db.begin() as conn:
        return list(conn.execute(sa.select(votes).order_by(votes.c.id)).all())


def test_a_second_click_changes_the_vote(db: Database) -> None:
    write_records(db, [vote(UP)], PLAIN)
    write_records(db, [vote(DOWN)], PLAIN)
    stored = rows(db)
    assert len(stored) == 1
    assert stored[0].vote == DOWN
    assert stored[0].question == "what is usmca"
    assert stored[0].channel_id == "C1"
    [summary] = feedback_summary(db)
    assert (summary.target_id, summary.up, summary.down) == ("usmca", 0, 1)


def test_other_users_and_other_answers_add_votes(db: Database) -> None:
    write_records(db, [vote(UP)], PLAIN)
    write_records(db, [vote(UP, user="U2")], PLAIN)
    write_records(db, [vote(DOWN, answer="C1:2.0")], PLAIN)
    write_records(db, [vote(DOWN, target="mercosur")], PLAIN)
    assert len(rows(db)) == 4
    summary = {s.target_id: (s.up, s.down) for s in feedback_summary(db)}
    assert summary == {"usmca": (2, 1), "mercosur": (0, 1)}


def test_the_modal_comment_sticks_to_the_down_vote(db: Database) -> None:
    write_records(db, [vote(DOWN)], PLAIN)
    write_records(db, [vote(DOWN, comment="  The date is wrong.  ")], PLAIN)
    write_records(db, [vote(DOWN)], PLAIN)  # a bare second 👎 keeps the comment
    assert rows(db)[0].comment == "The date is wrong."
    [summary] = feedback_summary(db)
    assert [c.text for c in summary.comments] == ["The date is wrong."]
    write_records(db, [vote(UP)], PLAIN)  # changing to 👍 withdraws the complaint
    assert rows(db)[0].comment is None


def test_privacy_applies_to_votes(db: Database) -> None:
    write_records(db, [vote(UP)], QuestionKeeper(QuestionPrivacy.HASHED, "s"))
    write_records(db, [vote(UP, user="U2")], QuestionKeeper(QuestionPrivacy.NONE, "s"))
    hashed, dropped = rows(db)
    assert hashed.question is None
    assert hashed.question_hash is not None
    assert len(hashed.question_hash) == 64
    assert (dropped.question, dropped.question_hash) == (None, None)


def test_summary_puts_most_down_votes_first_and_respects_days(db: Database) -> None:
    now = utc_now()
    old = now - dt.timedelta(days=40)
    write_records(db, [vote(UP, target="a-entry", at=old)], PLAIN)
    write_records(db, [vote(UP, target="b-entry")], PLAIN)
    write_records(db, [vote(DOWN, target="c-entry", comment="Out of date")], PLAIN)
    assert [s.target_id for s in feedback_summary(db)] == ["c-entry", "a-entry", "b-entry"]
    recent = feedback_summary(db, days=30, now=now)
    assert [s.target_id for s in recent] == ["c-entry", "b-entry"]
    text = format_feedback(recent, days=30)
    assert "last 30 days" in text
    assert "Out of date" in text
    assert "2 entries, 1 👍, 1 👎." in text


def test_format_feedback_without_votes() -> None:
    assert format_feedback([], days=7) == "No votes in the last 7 days."
