"""The store as the Slack layer sees it: nothing here raises into, or waits in, the answer path.

Votes and gaps go into a bounded in-memory queue that one background thread writes in batches
(it lets records gather for a quarter of a second: one transaction each would cost ten times
as much per record, on the core that answers).
When the database is down or refuses writes, the failure is logged once (and once more when it
comes back); records wait and are retried, and when the queue is full the oldest are dropped and
counted. Event claims are synchronous (a reply depends on them) but fail open: without the
database a replica still answers, de-duplicating only against the events it has seen itself.
Nothing unexpected stops the writer thread: a surprise is counted, its traceback logged once,
and the loop goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.errors import StoreError
from bot.store import dedupe
from bot.store.db import Database, describe_error, open_database, scrub, shown_url, utc_now
from bot.store.privacy import QuestionKeeper, stored_salt
from bot.store.records import Record, is_outage, write_records
from bot.store.resilience import DropQueue, Health
from bot.store.retention import purge

log = logging.getLogger(__name__)

BATCH = 500
_EXPECTED = (StoreError, sa.exc.SQLAlchemyError)
"""Failures of the database itself: logged once as an outage, without a traceback."""


@dataclass(frozen=True)
class RecorderStats:
    """For `/readout status`."""

    database_ok: bool
    written: int
    queued: int
    dropped: int
    failures: int
    local_claims: int
    """Events de-duplicated without the database (only against this replica's own)."""
    last_error: str | None


class Recorder:
    """Owns the Database (opened lazily, reopened after failures) and the write queue."""

    def __init__(
        self,
        url: str,
        *,
        privacy: QuestionPrivacy = QuestionPrivacy.PLAIN,
        salt: str | None = None,
        retention_days: int = 90,
        capacity: int = 10_000,
        retry_seconds: float = 5.0,
        purge_seconds: float = 3600.0,
        remembered_events: int = 10_000,
        linger_seconds: float = 0.25,
    ) -> None:
        self.url = url
        self._privacy, self._salt = privacy, salt
        self._retention_days = retention_days
        self._retry, self._purge_every = retry_seconds, purge_seconds
        self._linger = linger_seconds
        self._owner = f"{socket.gethostname()}:{os.getpid()}"
        self._queue: DropQueue[Record] = DropQueue(capacity)
        self._health = Health(
            shown_url(url),
            f"Answers continue; up to {capacity} records wait and are retried every "
            f"{retry_seconds:g}s.",
            clean=lambda text: scrub(text, url),
        )
        self._lock = threading.Lock()
        self._claims = dedupe.LocalClaims(remembered_events)
        self._local_claims = self._written = 0
        self._logged: set[tuple[str, str]] = set()
        self._db: Database | None = None
        self._keeper: QuestionKeeper | None = None
        self._wake = threading.Event()
        self._hurry = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_purge = 0.0

    def record(self, item: Record) -> None:
        """Queue a vote or a gap for writing; never raises, never waits for the database."""
        self._queue.put(item)
        self._wake.set()

    def claim_event(self, event_id: str) -> bool:
        """True when this replica should answer `event_id`; False for a retry already claimed.

        Checks this replica's memory, then the database; when the database is failing the
        answer is True (answer rather than stay silent), counted in `local_claims`.
        """
        if not self._claims.claim(event_id):
            return False
        db = self._db if self._health.ok else None
        if db is not None:
            try:
                won = dedupe.claim_event(db, event_id, self._owner)
            except Exception as exc:
                self._failed(exc, "claiming an event")
            else:
                if not won:  # another replica has it, but may release it: ask again next time
                    self._claims.release(event_id)
                return won
        with self._lock:
            self._local_claims += 1
        return True

    def release_event(self, event_id: str) -> None:
        """Give up this replica's claim on `event_id` (its reply could not be posted), so a
        retry of the event, here or on another replica, can answer it. Never raises."""
        self._claims.release(event_id)
        db = self._db if self._health.ok else None
        if db is None:
            return
        try:
            dedupe.release_event(db, event_id, self._owner)
        except Exception as exc:
            self._failed(exc, "releasing an event claim")

    def claim_alert(self, key: str, *, since: dt.datetime) -> bool:
        """True when this replica should post the alert `key`: no replica has posted it since
        `since` (when this replica's last good state began). Fails open, like claim_event."""
        db = self._db if self._health.ok else None
        if db is not None:
            try:
                won = dedupe.claim_alert(db, key, self._owner, since=since)
            except Exception as exc:
                self._failed(exc, "claiming an alert")
            else:
                if won:
                    self._claims.hold(key)
                return won
        return self._claims.claim(key, since=since)

    def stats(self) -> RecorderStats:
        return RecorderStats(
            database_ok=self._health.ok and self._db is not None,
            written=self._written,
            queued=len(self._queue),
            dropped=self._queue.dropped,
            failures=self._health.failures,
            local_claims=self._local_claims,
            last_error=self._health.last_error,
        )

    @property
    def database(self) -> Database:
        """The open database, for reads (`/readout gaps`); StoreError when it is unavailable."""
        db = self._db
        if db is None:
            reason = self._health.last_error or "not opened"
            raise StoreError(f"the database is unavailable: {reason}.")
        return db

    def start(self) -> None:
        """Open the database (once, now; failures are retried in the background) and start."""
        self._open()
        self._thread = threading.Thread(target=self._run, name="readout-recorder", daemon=True)
        self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued record is written (or dropped); False on timeout."""
        self._hurry.set()
        self._wake.set()
        return self._queue.wait_idle(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what can be written within `timeout`, count the rest as dropped, close."""
        self.flush(timeout)
        self._stopping.set()
        self._hurry.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._queue.drain()
        db, self._db = self._db, None
        if db is not None:
            db.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                done = self._round()
            except Exception as exc:
                self._surprise(exc, "the recorder's writer")
                done = False
            if not done:
                self._stopping.wait(self._retry)
            elif not len(self._queue):
                self._wake.wait(min(self._purge_every, 60.0))
                # Let records gather: one transaction for many costs a tenth as much per record
                # as one each, and nothing waits for them (except flush(), which hurries).
                self._hurry.wait(self._linger)
            self._hurry.clear()

    def _round(self) -> bool:
        """Open (or re-check) the database, write what waits, purge when due; False: retry."""
        ready = self._open() if self._db is None else self._health.ok or self._probe()
        if not ready or not self._write_some():
            return False
        self._wake.clear()
        self._queue.settle()
        self._maybe_purge()
        return True

    def _open(self) -> bool:
        try:
            db = open_database(self.url)
            salt = self._salt or stored_salt(db)
        except Exception as exc:
            self._failed(exc, "opening the database")
            return False
        self._keeper = QuestionKeeper(self._privacy, salt)
        self._db = db
        self._health.recovered(len(self._queue))
        return True

    def _probe(self) -> bool:
        """After a failure, check the database is back even with nothing to write (claims)."""
        assert self._db is not None
        try:
            with self._db.begin() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError as exc:
            self._health.failed(exc)
            return False
        self._health.recovered(len(self._queue))
        return True

    def _write_some(self) -> bool:
        """Write everything queued, in batches; False when the database failed (batch put back).

        A batch that fails because of its records is written one by one: the records the
        database refuses (or that cannot be written at all) are dropped and counted.
        """
        while batch := self._queue.take(BATCH):
            try:
                self._write(batch)
            except Exception as exc:
                if is_outage(exc):
                    return self._put_back(batch, exc)
                for n, item in enumerate(batch):
                    try:
                        self._write([item])
                    except Exception as one:
                        if is_outage(one):
                            return self._put_back(batch[n:], one)
                        self._drop(one)
        return True

    def _write(self, batch: list[Record]) -> None:
        db, keeper = self._db, self._keeper
        assert db is not None
        assert keeper is not None
        write_records(db, batch, keeper)
        with self._lock:
            self._written += len(batch)
        self._health.recovered(len(self._queue))

    def _drop(self, exc: Exception) -> None:
        self._queue.drop(1)
        if isinstance(exc, sa.exc.SQLAlchemyError):
            log.warning("the database refused a record, dropped: %s", describe_error(exc))
        else:
            self._surprise(exc, "writing a record (dropped)")

    def _put_back(self, batch: list[Record], exc: BaseException) -> bool:
        self._health.failed(exc)
        self._queue.put_back(batch)
        return False

    def _maybe_purge(self) -> None:
        now = utc_now().timestamp()
        if now < self._next_purge or self._db is None:
            return
        self._next_purge = now + self._purge_every
        try:
            purged = purge(self._db, self._retention_days)
        except sa.exc.SQLAlchemyError as exc:
            self._health.failed(exc)
            return
        if purged.total:
            log.info("retention (%d days): %s", self._retention_days, purged)

    def _failed(self, exc: Exception, what: str) -> None:
        """The database failed (an outage, logged once by Health); a surprise also gets its
        traceback logged, once."""
        if not isinstance(exc, _EXPECTED):
            self._log_once(exc, what)
        self._health.failed(exc)

    def _surprise(self, exc: Exception, what: str) -> None:
        """Not an outage but a bug or a surprise: counted (status shows it), traceback once."""
        self._log_once(exc, what)
        self._health.counted(exc)

    def _log_once(self, exc: Exception, what: str) -> None:
        key = (what, type(exc).__qualname__)
        with self._lock:
            if key in self._logged:
                return
            self._logged.add(key)
        log.error(
            "%s failed unexpectedly; answers continue, failures are counted in /readout status "
            "and this one is not logged again",
            what,
            exc_info=exc,
        )
