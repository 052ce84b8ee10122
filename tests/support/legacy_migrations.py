"""Readout's hand-written schema steps as they stood before Alembic (bot/store/migrations.py at
8ffdafd, copied unchanged below this docstring but for it): the old code path, to build the
databases that tests/store/test_legacy_upgrade.py upgrades in place."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.errors import StoreError

_PG_LOCK_KEY = 0x52454144  # "READ": any constant shared by every replica
SALT_KEY = "question_salt"


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_tables() -> list[sa.Table]:
    meta = sa.MetaData()
    ts = sa.DateTime(timezone=True)
    return [
        sa.Table(
            "store_meta",
            meta,
            sa.Column("key", sa.String(50), primary_key=True),
            sa.Column("value", sa.String(200), nullable=False),
        ),
        sa.Table(
            "event_claims",
            meta,
            sa.Column("event_id", sa.String(100), primary_key=True),
            sa.Column("claimed_at", ts, nullable=False),
            sa.Column("owner", sa.String(100), nullable=False),
            sa.Index("ix_event_claims_claimed_at", "claimed_at"),
        ),
        sa.Table(
            "votes",
            meta,
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
            sa.Index("ix_votes_target_id", "target_id"),
            sa.Index("ix_votes_updated_at", "updated_at"),
        ),
        sa.Table(
            "gaps",
            meta,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("asked_at", ts, nullable=False),
            sa.Column("reason", sa.String(20), nullable=False),
            sa.Column("question", sa.Text, nullable=True),
            sa.Column("question_hash", sa.String(64), nullable=True),
            sa.Column("normalized", sa.Text, nullable=True),
            sa.Column("top_target", sa.String(200), nullable=True),
            sa.Column("top_score", sa.Float, nullable=True),
            sa.Column("candidates", sa.JSON, nullable=False),
            sa.Index("ix_gaps_asked_at", "asked_at"),
        ),
    ]


def _v1(conn: Connection) -> None:
    tables = _v1_tables()
    for table in tables:
        table.create(conn)
    conn.execute(
        sa.insert(tables[0]).values(key=SALT_KEY, value=secrets.token_hex(32)),
    )


STEPS: tuple[Step, ...] = (Step(1, "event claims, votes, gaps and the question-hash salt", _v1),)
LATEST = STEPS[-1].version

_version_meta = sa.MetaData()
_schema_version = sa.Table(
    "schema_version",
    _version_meta,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)


def current_version(conn: Connection) -> int:
    """The highest applied step, 0 for an empty database."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    found = conn.execute(sa.select(sa.func.max(_schema_version.c.version))).scalar()
    return int(found or 0)


def migrate(engine: Engine) -> list[int]:
    """Apply every step the database lacks, in order, in one transaction; return their versions.

    Raises StoreError when the database is newer than this code knows.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
        _schema_version.create(conn, checkfirst=True)
        have = current_version(conn)
        if have > LATEST:
            raise StoreError(
                f"the database schema is at version {have}, newer than this Readout knows "
                f"({LATEST}); upgrade Readout before pointing it at this database."
            )
        applied: list[int] = []
        for step in STEPS:
            if step.version <= have:
                continue
            step.apply(conn)
            conn.execute(
                sa.insert(_schema_version).values(
                    version=step.version,
                    description=step.description,
                    applied_at=dt.datetime.now(dt.UTC),
                )
            )
            applied.append(step.version)
        return applied
