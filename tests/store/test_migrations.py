"""The schema is built by the project's Alembic revisions, and the result is what schema.py says."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.config import load_settings
from bot.errors import ConfigError, StoreError
from bot.store import migrations, schema
from bot.store.db import Database, open_database
from bot.store.migrations import HEAD, REVISIONS, current_version, migrate
from bot.store.privacy import stored_salt


def test_fresh_database_gets_every_step(db_url: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        assert migrate(engine) == list(REVISIONS)
        with engine.begin() as conn:
            rows = conn.execute(sa.select(schema.alembic_version.c.version_num)).scalars().all()
            assert current_version(conn) == HEAD
    finally:
        engine.dispose()
    assert rows == [HEAD]
    assert REVISIONS[0] == migrations.LEGACY_REVISION[1]


def test_applying_twice_is_a_no_op(db: Database) -> None:
    salt = stored_salt(db)
    assert migrate(db.engine) == []
    again = open_database(db.engine.url.render_as_string(hide_password=False))
    again.close()
    with db.begin() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(schema.alembic_version))
        assert count.scalar() == 1
        assert current_version(conn) == HEAD
    assert stored_salt(db) == salt


def _shape(inspector: Any, table: str) -> dict[str, Any]:
    columns = {
        c["name"]: (c["nullable"], c["type"]._type_affinity.__name__)
        for c in inspector.get_columns(table)
    }
    return {
        "columns": columns,
        "pk": sorted(inspector.get_pk_constraint(table)["constrained_columns"]),
        "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
        "indexes": sorted(
            (i["name"], tuple(i["column_names"]))
            for i in inspector.get_indexes(table)
            if not i.get("unique")
        ),
    }


def _declared(table: sa.Table) -> dict[str, Any]:
    return {
        "columns": {
            c.name: (bool(c.nullable), c.type._type_affinity.__name__)  # type: ignore[union-attr]
            for c in table.columns
        },
        "pk": sorted(c.name for c in table.primary_key.columns),
        "unique": sorted(
            tuple(c.name for c in u.columns)
            for u in table.constraints
            if isinstance(u, sa.UniqueConstraint)
        ),
        "indexes": sorted((i.name, tuple(c.name for c in i.columns)) for i in table.indexes),
    }


def test_migrated_schema_matches_schema_py(db: Database) -> None:
    inspector = sa.inspect(db.engine)
    assert set(inspector.get_table_names()) == set(schema.metadata.tables)
    for name, table in schema.metadata.tables.items():
        assert _shape(inspector, name) == _declared(table), name


def test_newer_database_is_refused(db_url: str, db: Database) -> None:
    with db.begin() as conn:
        conn.execute(sa.update(schema.alembic_version).values(version_num="9999"))
    with pytest.raises(StoreError, match="revision 9999, newer than"):
        open_database(db_url)


def test_replicas_starting_together_migrate_once(db_url: str, tmp_path: Path) -> None:
    """Eight replicas open a new database at once, twenty times over (on SQLite each round gets a
    new file: switching it to WAL is where starting together used to fail at random)."""
    for round_ in range(20):
        url = f"sqlite:///{tmp_path / f'round{round_}.db'}" if "sqlite" in db_url else db_url
        errors: list[BaseException] = []
        opened: list[Database] = []

        def start(url: str = url, errors: list[BaseException] = errors,
                  opened: list[Database] = opened) -> None:  # fmt: skip
            try:
                opened.append(open_database(url))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=start) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for database in opened[1:]:
            database.close()
        assert errors == []
        with opened[0].begin() as conn:
            assert current_version(conn) == HEAD
            count = conn.execute(sa.select(sa.func.count()).select_from(schema.alembic_version))
            assert count.scalar() == 1
        opened[0].close()


def test_missing_sqlite_file_is_an_error_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no database at"):
        open_database(f"sqlite:///{tmp_path / 'absent.db'}", create=False)
    assert not (tmp_path / "absent.db").exists()


PASSWORD = "Pa55w0rd-never-shown"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        (f"mysql://x:{PASSWORD}@localhost/db", "supports SQLite and PostgreSQL only"),
        (f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:1/test", "cannot open the database"),
        (f"postgresql+psycopg2://bob:{PASSWORD}@db/prod", "psycopg2.* not installed.*psycopg://"),
        (f"postgresql+asyncpg://bob:{PASSWORD}@db/prod", "asyncpg.* not installed"),
        (f"postgresql+psycopg://bob:{PASSWORD}@db:54x2/prod", "is not a database URL"),
        ("sqlite+nodriver:///readout.db", "database kind is not supported"),
    ],
)
def test_bad_urls_are_one_sentence_without_the_password(url: str, message: str) -> None:
    """Whatever is wrong with READOUT_DATABASE_URL, the store raises StoreError (never another
    exception, so never a traceback), in one sentence naming the variable, without the password
    (logs and `/readout status` repeat it)."""
    with pytest.raises(StoreError, match=message) as caught:
        open_database(url)
    text = str(caught.value)
    assert "\n" not in text
    assert "READOUT_DATABASE_URL" in text
    assert PASSWORD not in text


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        f"mysql://x:{PASSWORD}@localhost/db",
        f"postgresql+psycopg2://bob:{PASSWORD}@db/prod",
        "sqlite+nodriver:///readout.db",
    ],
)
def test_settings_and_the_store_word_a_bad_url_alike(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """One check of READOUT_DATABASE_URL: the sentence at start-up is the store's."""
    monkeypatch.setenv("READOUT_DATABASE_URL", url)
    with pytest.raises(ConfigError) as from_settings:
        load_settings()
    with pytest.raises(StoreError) as from_store:
        open_database(url)
    assert str(from_settings.value) == str(from_store.value)
