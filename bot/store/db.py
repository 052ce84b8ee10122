"""Open the database named by READOUT_DATABASE_URL and bring its schema up to date.

SQLite (the default) runs in WAL mode with a busy timeout and takes its write lock at BEGIN
(`BEGIN IMMEDIATE`), so several processes on one file wait for each other instead of failing.
PostgreSQL gets a connect timeout and pre-ping, so a restarted server is noticed, not fatal.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bot.config import DATABASE_URL_EXAMPLE, check_database_url
from bot.errors import StoreError
from bot.store.migrations import migrate

SQLITE_BUSY_TIMEOUT_S = 10
POSTGRES_CONNECT_TIMEOUT_S = 5


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """A timestamp read back from the database, in UTC (SQLite returns naive UTC values)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def describe_error(exc: BaseException) -> str:
    """The driver's first line for a database error, else the exception's own text."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


class Database:
    """An engine plus the few dialect differences the store needs. Thread-safe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.display_url = engine.url.render_as_string(hide_password=True)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.begin() as conn:
            yield conn

    def insert(self, table: sa.Table) -> Any:
        """An INSERT that supports `.on_conflict_do_nothing()` / `.on_conflict_do_update()`."""
        if self.dialect == "postgresql":
            return postgresql.insert(table)
        if self.dialect == "sqlite":
            return sqlite.insert(table)
        raise StoreError(f"the {self.dialect} database is not supported; use SQLite or PostgreSQL")

    def close(self) -> None:
        self.engine.dispose()


USE_INSTEAD = DATABASE_URL_EXAMPLE


def create_engine(url: str) -> Engine:
    """An engine for `url` with Readout's settings for SQLite or PostgreSQL (not connected yet).

    Any failure is a StoreError of one sentence that names READOUT_DATABASE_URL but never
    repeats it: the URL may hold a password.
    """
    try:
        check_database_url(url)
    except ValueError as exc:
        raise StoreError(f"READOUT_DATABASE_URL is not valid: {exc}.") from None
    parsed = sa.make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return sa.create_engine(
            parsed,
            pool_pre_ping=True,
            pool_timeout=POSTGRES_CONNECT_TIMEOUT_S,
            connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
        )
    except Exception as exc:
        reason = scrub(describe_error(exc), url)
        raise StoreError(
            f"READOUT_DATABASE_URL ({shown_url(url)}) cannot be used ({reason}); {USE_INSTEAD}."
        ) from None


def shown_url(url: str) -> str:
    """The URL as logs and replies may show it: password masked; a placeholder when unparsable."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "READOUT_DATABASE_URL"


def url_secrets(url: str) -> list[str]:
    """The password in a database URL, as written and decoded, for the log redaction filter."""
    try:
        password = sa.make_url(url).password
    except Exception:
        return []
    if not password:
        return []
    netloc = url.split("://", 1)[-1].split("/", 1)[0]
    written = netloc.rsplit("@", 1)[0].partition(":")[2] if "@" in netloc else ""
    return sorted({str(password), written} - {""})


def scrub(text: str, url: str) -> str:
    """`text` with the URL's password replaced, should a driver ever repeat it."""
    for secret in url_secrets(url):
        text = text.replace(secret, "***")
    return text


def _sqlite_engine(url: sa.URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    engine = sa.create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        poolclass=sa.StaticPool if in_memory else None,
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction starts (see "begin").
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        if not in_memory:
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _use_wal(cursor: Any) -> None:
    """Put the file in WAL mode once (it stays). Switching needs the file to itself, and SQLite
    refuses at once, without waiting out the busy timeout, when replicas starting together
    collide on it ("database is locked"): so retry until the busy timeout has passed."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names; None for an in-memory database, another backend or a URL
    that does not parse (create_engine words that one)."""
    try:
        parsed = sa.make_url(url)
    except Exception:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def open_database(url: str, *, create: bool = True) -> Database:
    """Connect, create or upgrade the schema, and return the Database.

    With `create=False` a missing SQLite file is an error instead of a new empty database
    (the command line reads; only the bot creates). Raises StoreError with one sentence.
    """
    engine = create_engine(url)
    db = Database(engine)
    path = sqlite_file(url)
    if path is not None:
        if not create and not path.exists():
            db.close()
            raise StoreError(
                f"there is no database at {path} (READOUT_DATABASE_URL); the bot creates it "
                "when it first runs, or set READOUT_DATABASE_URL to the one it uses."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            db.close()
            raise StoreError(
                f"cannot create the database directory {path.parent}: {exc.strerror}; "
                "check READOUT_DATABASE_URL."
            ) from None
    try:
        migrate(engine)
    except StoreError:
        db.close()
        raise
    except Exception as exc:
        db.close()
        raise StoreError(
            f"cannot open the database {db.display_url}: {scrub(describe_error(exc), url)}; "
            "check READOUT_DATABASE_URL and that the server is running."
        ) from None
    return db
