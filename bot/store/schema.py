"""The tables as the code uses them today. A test checks that the migrations build exactly this."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

UTC_TIME = sa.DateTime(timezone=True)
"""Every timestamp is UTC. SQLite hands them back naive; `db.utc()` puts the zone back."""

alembic_version = sa.Table(
    "alembic_version",
    metadata,
    sa.Column("version_num", sa.String(32), primary_key=True),
)
"""Alembic's own record of the revision applied (migrations.py); declared so that the test
comparing the migrated database with this file sees every table."""

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

escalations = sa.Table(
    "escalations",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("created_at", UTC_TIME, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("source_key", sa.String(200), nullable=False),
    sa.Column("asker_id", sa.String(50), nullable=False),
    sa.Column("channel_id", sa.String(50), nullable=True),
    sa.Column("surface", sa.String(10), nullable=False),
    sa.Column("thread_ts", sa.String(50), nullable=True),
    sa.Column("question", sa.Text, nullable=True),
    sa.Column("question_hash", sa.String(64), nullable=True),
    sa.Column("candidates", sa.JSON, nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("permalink", sa.String(1000), nullable=True),
    sa.Column("card_channel", sa.String(50), nullable=True),
    sa.Column("card_ts", sa.String(50), nullable=True),
    sa.Column("handled_by", sa.String(50), nullable=True),
    sa.Column("handled_at", UTC_TIME, nullable=True),
    sa.Column("outcome", sa.String(10), nullable=True),
    sa.Column("target_id", sa.String(200), nullable=True),
    sa.Column("reply", sa.Text, nullable=True),
    sa.UniqueConstraint("source_key", name="uq_escalations_source_key"),
    sa.Index("ix_escalations_created_at", "created_at"),
    sa.Index("ix_escalations_status", "status"),
)
"""A question someone asked the curators about: `open`, then `answered` or `declined` by one
curator (the conditional UPDATE that moves it out of `open` is the claim). `source_key` (the
message and the person) makes a double click one escalation."""

picks = sa.Table(
    "picks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("picked_at", UTC_TIME, nullable=False),
    sa.Column("target_id", sa.String(200), nullable=False),
    sa.Column("user_id", sa.String(50), nullable=False),
    sa.Column("source", sa.String(10), nullable=False),
    sa.Column("question", sa.Text, nullable=True),
    sa.Column("question_hash", sa.String(64), nullable=True),
    sa.Column("normalized", sa.Text, nullable=True),
    sa.Index("ix_picks_picked_at", "picked_at"),
)
"""An entry someone chose for a question Readout was unsure of: a "did you mean" suggestion,
a nearest topic, or a curator's "Answer with an entry"."""

scheduled_posts = sa.Table(
    "scheduled_posts",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("claimed_at", UTC_TIME, nullable=False),
    sa.Column("owner", sa.String(100), nullable=False),
)
"""One row per periodic post (the curators' digest of one period) a replica took on; the
primary key lets exactly one replica post it, and rows are kept a year, so never twice."""
