"""The tables as the code uses them today. A test checks that the migrations build exactly this."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

UTC_TIME = sa.DateTime(timezone=True)
"""Every timestamp is UTC. SQLite hands them back naive; `db.utc()` puts the zone back."""

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", UTC_TIME, nullable=False),
)

store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(50), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
"""Small settings the database keeps for every replica, such as the question-hash salt."""

EVENT_ID_CHARS = 100
"""event_claims.event_id holds at most this; dedupe.claim_key hashes anything longer."""

event_claims = sa.Table(
    "event_claims",
    metadata,
    sa.Column("event_id", sa.String(EVENT_ID_CHARS), primary_key=True),
    sa.Column("claimed_at", UTC_TIME, nullable=False),
    sa.Column("owner", sa.String(100), nullable=False),
    sa.Index("ix_event_claims_claimed_at", "claimed_at"),
)
"""One row per Slack event_id a replica has answered; the primary key makes the claim atomic."""

votes = sa.Table(
    "votes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("answer_key", sa.String(200), nullable=False),
    sa.Column("target_id", sa.String(200), nullable=False),
    sa.Column("user_id", sa.String(50), nullable=False),
    sa.Column("channel_id", sa.String(50), nullable=True),
    sa.Column("question", sa.Text, nullable=True),
    sa.Column("question_hash", sa.String(64), nullable=True),
    sa.Column("vote", sa.SmallInteger, nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("created_at", UTC_TIME, nullable=False),
    sa.Column("updated_at", UTC_TIME, nullable=False),
    sa.UniqueConstraint("user_id", "target_id", "answer_key", name="uq_votes_user_answer"),
    sa.Index("ix_votes_target_id", "target_id"),
    sa.Index("ix_votes_updated_at", "updated_at"),
)
"""👍 (+1) and 👎 (-1) on one answer; a second click by the same user replaces the first."""

gaps = sa.Table(
    "gaps",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("asked_at", UTC_TIME, nullable=False),
    sa.Column("reason", sa.String(20), nullable=False),
    sa.Column("question", sa.Text, nullable=True),
    sa.Column("question_hash", sa.String(64), nullable=True),
    sa.Column("normalized", sa.Text, nullable=True),
    sa.Column("top_target", sa.String(200), nullable=True),
    sa.Column("top_score", sa.Float, nullable=True),
    sa.Column("candidates", sa.JSON, nullable=False),
    sa.Index("ix_gaps_asked_at", "asked_at"),
)
"""A question the bot could not answer well: `none`, `ambiguous` or `low_score`."""
