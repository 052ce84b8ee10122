"""The store's schema, brought up to date with Alembic when the database is opened; never by hand.

Revisions live in bot/store/alembic/versions, each with its tables written out as they were
when it was made (never imported from schema.py), so an old database is upgraded the same way a
new one is built; tests/store/test_migrations.py checks the result equals schema.py. To change
the schema: edit schema.py, add a revision (`alembic revision --autogenerate`, see alembic.ini),
and let that test tell you what differs.

Every revision runs in one transaction under a lock (PostgreSQL: an advisory lock held until
the transaction ends; SQLite: BEGIN IMMEDIATE), so replicas starting together wait for each
other and only the first applies anything. A database made by Readout's earlier hand-written
steps (a `schema_version` table at version 1) is adopted in the same transaction: stamped with
revision 0001, which builds exactly what step 1 built, and then upgraded like any other.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from bot.errors import StoreError

SCRIPTS = Path(__file__).resolve().parent / "alembic"
_PG_LOCK_KEY = 0x52454144  # "READ": any constant shared by every replica
SALT_KEY = "question_salt"
LEGACY_TABLE = "schema_version"
"""Where the hand-written steps recorded themselves; it is dropped once adopted."""
LEGACY_REVISION = {1: "0001"}
"""The revision that builds what each hand-written step had built."""

log = logging.getLogger(__name__)
logging.getLogger("alembic").setLevel(logging.WARNING)  # its INFO lines come at every start


@functools.cache
def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return ScriptDirectory.from_config(config)


def revisions() -> tuple[str, ...]:
    """Every revision this Readout knows, oldest first."""
    return tuple(rev.revision for rev in reversed(list(_script().walk_revisions())))


REVISIONS = revisions()
HEAD = REVISIONS[-1]


def current_version(conn: Connection) -> str | None:
    """The database's revision; None for an empty database (or one not adopted yet)."""
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> list[str]:
    """Apply every revision the database lacks, in order, in one locked transaction; return
    their ids (empty when it was up to date).

    Raises StoreError when the database is newer than this code knows.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
        adopted = adopt_schema_version(conn)
        have = current_version(conn)
        if have is not None and have not in REVISIONS:
            raise StoreError(
                f"the database schema is at revision {have}, newer than this Readout knows "
                f"({HEAD}); upgrade Readout before pointing it at this database."
            )
        applied: list[str] = []
        config = Config()
        config.set_main_option("script_location", str(SCRIPTS))
        config.attributes["connection"] = conn
        config.attributes["on_version_apply"] = _recorder(applied)
        command.upgrade(config, "head")
    if adopted or applied:
        log.debug(
            "database schema upgraded to revision %s (%s)",
            HEAD,
            ", ".join([*([f"adopted step {adopted}"] if adopted else []), *applied]),
        )
    return applied


def _recorder(applied: list[str]) -> Any:
    def on_version_apply(*, step: Any, **_: Any) -> None:
        applied.append(str(step.up_revision_id))

    return on_version_apply


def adopt_schema_version(conn: Connection) -> int | None:
    """Stamp a database built by the hand-written steps with the matching revision and drop
    their `schema_version` table; return the step it was at (None: nothing to adopt)."""
    inspector = sa.inspect(conn)
    if not inspector.has_table(LEGACY_TABLE):
        return None
    step = conn.execute(sa.text(f"SELECT max(version) FROM {LEGACY_TABLE}")).scalar()  # noqa: S608
    version = int(step or 0)
    if version > max(LEGACY_REVISION):
        raise StoreError(
            f"the database schema is at version {version}, newer than this Readout knows "
            f"({HEAD}); upgrade Readout before pointing it at this database."
        )
    if version in LEGACY_REVISION:
        MigrationContext.configure(conn).stamp(_script(), LEGACY_REVISION[version])
    conn.execute(sa.text(f"DROP TABLE {LEGACY_TABLE}"))
    return version
