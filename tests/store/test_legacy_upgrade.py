"""A database made by Readout's hand-written steps (before Alembic) is upgraded in place, on
SQLite and PostgreSQL: its rows and salt survive, the new tables appear, and it is then exactly
what schema.py says, at Alembic's latest revision."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from bot.errors import StoreError
from bot.store import schema
from bot.store.db import create_engine, open_database
from bot.store.migrations import HEAD, current_version
from bot.store.privacy import stored_salt
from tests.store.test_migrations import _declared, _shape
from tests.support.legacy_migrations import migrate as legacy_migrate

AT = dt.datetime(2026, 2, 5, 12, 0, tzinfo=dt.UTC)


def _old_database(url: str) -> str:
    """Build the schema the old code path built, with a vote, a gap and a claim in it; return
    its salt."""
    engine = create_engine(url)
    try:
        assert legacy_migrate(engine) == [1]
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO votes (answer_key, target_id, user_id, channel_id, question, "
                    "vote, comment, created_at, updated_at) VALUES ('C1:1.0', 'dea-return', "
                    "'U1', 'C1', 'dea?', -1, 'out of date', :at, :at)"
                ),
                {"at": AT},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO gaps (asked_at, reason, question, normalized, candidates) "
                    "VALUES (:at, 'none', 'quinoa prices', 'quinoa prices', :c)"
                ),
                {"at": AT, "c": json.dumps([])},
            )
            conn.execute(
                sa.text("INSERT INTO event_claims VALUES ('Ev1', :at, 'host:1')"), {"at": AT}
            )
            salt = conn.execute(sa.text("SELECT value FROM store_meta")).scalar_one()
    finally:
        engine.dispose()
    return str(salt)


def test_an_old_database_is_upgraded_in_place(db_url: str) -> None:
    salt = _old_database(db_url)
    db = open_database(db_url)  # what the new code does at start-up
    try:
        inspector = sa.inspect(db.engine)
        assert set(inspector.get_table_names()) == set(schema.metadata.tables)
        for name, table in schema.metadata.tables.items():
            assert _shape(inspector, name) == _declared(table), name
        assert "schema_version" not in inspector.get_table_names()
        with db.begin() as conn:
            assert current_version(conn) == HEAD
            vote = conn.execute(sa.select(schema.votes)).one()
            gap = conn.execute(sa.select(schema.gaps)).one()
            claim = conn.execute(sa.select(schema.event_claims)).one()
        assert (vote.target_id, vote.comment, vote.vote) == ("dea-return", "out of date", -1)
        assert gap.question == "quinoa prices"
        assert claim.event_id == "Ev1"
        assert stored_salt(db) == salt
    finally:
        db.close()
    again = open_database(db_url)  # and the next start finds nothing to do
    again.close()


def test_an_old_database_from_a_newer_step_is_refused(db_url: str) -> None:
    _old_database(db_url)
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO schema_version VALUES (2, 'from the future', :at)"), {"at": AT}
        )
    engine.dispose()
    with pytest.raises(StoreError, match="version 2, newer than"):
        open_database(db_url)
