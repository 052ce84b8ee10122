"""Every store test runs twice: on a fresh SQLite file and on the real PostgreSQL server.

PostgreSQL needs READOUT_TEST_POSTGRES_URL (`.ci/run` sets it); each test gets its own schema,
dropped afterwards, so parallel runs and reruns never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.db import Database, open_database

POSTGRES_ENV = "READOUT_TEST_POSTGRES_URL"
SKIP_MESSAGE = (
    f"PostgreSQL store tests skipped: set {POSTGRES_ENV}, e.g. "
    "postgresql+psycopg://postgres@127.0.0.1:5432/test (.ci/run sets it)"
)


def postgres_base_url() -> str:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(SKIP_MESSAGE)
    return base


def with_search_path(base: str, schema: str) -> str:
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a fresh schema of their own."""
    base = postgres_base_url()
    schema = f"readout_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(base, schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'readout.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()
