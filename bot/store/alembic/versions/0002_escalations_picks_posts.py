"""Escalations to the curators, the entries people picked for unsure questions, and claims on
periodic posts (the curators' digest).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ts = sa.DateTime(timezone=True)
    op.create_table(
        "escalations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", ts, nullable=False),
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
        sa.Column("handled_at", ts, nullable=True),
        sa.Column("outcome", sa.String(10), nullable=True),
        sa.Column("target_id", sa.String(200), nullable=True),
        sa.Column("reply", sa.Text, nullable=True),
        sa.UniqueConstraint("source_key", name="uq_escalations_source_key"),
    )
    op.create_index("ix_escalations_created_at", "escalations", ["created_at"])
    op.create_index("ix_escalations_status", "escalations", ["status"])
    op.create_table(
        "picks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("picked_at", ts, nullable=False),
        sa.Column("target_id", sa.String(200), nullable=False),
        sa.Column("user_id", sa.String(50), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("question_hash", sa.String(64), nullable=True),
        sa.Column("normalized", sa.Text, nullable=True),
    )
    op.create_index("ix_picks_picked_at", "picks", ["picked_at"])
    op.create_table(
        "scheduled_posts",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("claimed_at", ts, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Readout's store only moves forward; restore a backup instead")
