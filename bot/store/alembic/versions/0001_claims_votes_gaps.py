"""Event claims, votes, gaps and the question-hash salt: the hand-written step 1 of before.

Tables are written out here as they were (never imported from schema.py), so an old database and
a new one are built the same way. A database made by that step (its `schema_version` table says
1) is stamped with this revision instead of running it (migrations.adopt_schema_version).

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SALT_KEY = "question_salt"


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    store_meta = op.create_table(
        "store_meta",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.String(100), primary_key=True),
        sa.Column("claimed_at", ts, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
    )
    op.create_index("ix_event_claims_claimed_at", "event_claims", ["claimed_at"])
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("answer_key", sa.String(200), nullable=False),
        sa.Column("target_id", sa.String(200), nullable=False),
        sa.Column("user_id", sa.String(50), nullable=False),
        sa.Column("channel_id", sa.String(50), nullable=True),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("question_hash", sa.String(64), nullable=True),
        sa.Column("vote", sa.SmallInteger, nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.UniqueConstraint("user_id", "target_id", "answer_key", name="uq_votes_user_answer"),
    )
    op.create_index("ix_votes_target_id", "votes", ["target_id"])
    op.create_index("ix_votes_updated_at", "votes", ["updated_at"])
    op.create_table(
        "gaps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("asked_at", ts, nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("question_hash", sa.String(64), nullable=True),
        sa.Column("normalized", sa.Text, nullable=True),
        sa.Column("top_target", sa.String(200), nullable=True),
        sa.Column("top_score", sa.Float, nullable=True),
        sa.Column("candidates", sa.JSON, nullable=False),
    )
    op.create_index("ix_gaps_asked_at", "gaps", ["asked_at"])
    op.bulk_insert(store_meta, [{"key": SALT_KEY, "value": secrets.token_hex(32)}])


def downgrade() -> None:
    raise NotImplementedError("Readout's store only moves forward; restore a backup instead")
