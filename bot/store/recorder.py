"""The store as the Slack layer sees it: nothing here raises into, or waits in, the answer path.

Votes and gaps go into a bounded in-memory queue that one background thread writes in batches
(`record_writer.py`: a database that is down or refuses writes is logged once, records wait and
are retried, and when the queue is full the oldest are dropped and counted). Event claims are
synchronous (a reply depends on them) but fail open: without the database a replica still
answers, de-duplicating only against the events it has seen itself. Only a connection failure
marks the database down (and wakes the writer to probe it back); a claim the database refuses is
answered the same way, logged once, and the next claim goes to the database again.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
from dataclasses import dataclass

from bot.config import QuestionPrivacy
from bot.errors import StoreError
from bot.store import dedupe
from bot.store.db import Database
from bot.store.failure_log import is_connection_failure
from bot.store.privacy import QuestionKeeper
from bot.store.record_writer import RecordWriter
from bot.store.records import Record


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
    """Owns the writer (the Database and the write queue) and this replica's claims."""

    def __init__(
        self,
        url: str,
        *,
        privacy: QuestionPrivacy = QuestionPrivacy.PLAIN,
        salt: str | None = None,
        retention_days: int = 90,
        capacity: int = 10_000,
        retry_seconds: float = 2.0,
        purge_seconds: float = 3600.0,
        remembered_events: int = 10_000,
        linger_seconds: float = 0.25,
    ) -> None:
        self.url = url
        self._writer = RecordWriter(
            url,
            privacy=privacy,
            salt=salt,
            retention_days=retention_days,
            capacity=capacity,
            retry_seconds=retry_seconds,
            purge_seconds=purge_seconds,
            linger_seconds=linger_seconds,
        )
        self._owner = f"{socket.gethostname()}:{os.getpid()}"
        self._lock = threading.Lock()
        self._claims = dedupe.LocalClaims(remembered_events)
        self._local_claims = 0

    def record(self, item: Record) -> None:
        """Queue a vote or a gap for writing; never raises, never waits for the database."""
        self._writer.put(item)

    def claim_event(self, event_id: str) -> bool:
        """True when this replica should answer `event_id`; False for a retry already claimed.

        Checks this replica's memory, then the database; when the database is failing or
        refuses the claim the answer is True (answer rather than stay silent), counted in
        `local_claims`.
        """
        if not self._claims.claim(event_id):
            return False
        db = self._healthy_db()
        if db is not None:
            try:
                won = dedupe.claim_event(db, event_id, self._owner)
            except Exception as exc:
                self._failed(exc, "claiming an event", "answered, de-duplicated from memory only")
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
        db = self._healthy_db()
        if db is None:
            return
        try:
            dedupe.release_event(db, event_id, self._owner)
        except Exception as exc:
            self._failed(
                exc, "releasing an event claim", "only a retry reaching this replica is answered"
            )

    def claim_alert(self, key: str, *, since: dt.datetime) -> bool:
        """True when this replica should post the alert `key`: no replica has posted it since
        `since` (when this replica's last good state began). Fails open, like claim_event."""
        db = self._healthy_db()
        if db is not None:
            try:
                won = dedupe.claim_alert(db, key, self._owner, since=since)
            except Exception as exc:
                self._failed(exc, "claiming an alert", "de-duplicated from memory only")
            else:
                if won:
                    self._claims.hold(key)
                return won
        return self._claims.claim(key, since=since)

    def stats(self) -> RecorderStats:
        writer, health = self._writer, self._writer.health
        return RecorderStats(
            database_ok=health.ok and writer.db is not None,
            written=writer.written,
            queued=len(writer.queue),
            dropped=writer.queue.dropped,
            failures=health.failures,
            local_claims=self._local_claims,
            last_error=health.last_error,
        )

    @property
    def database(self) -> Database:
        """The open database, for reads (`/readout gaps`); StoreError when it is unavailable."""
        db = self._writer.db
        if db is None:
            reason = self._writer.health.last_error or "not opened"
            raise StoreError(f"the database is unavailable: {reason}.")
        return db

    @property
    def keeper(self) -> QuestionKeeper:
        """How questions are kept (READOUT_QUESTION_PRIVACY and the salt), for what is written
        at once rather than queued (escalations); StoreError while the database is unavailable."""
        keeper = self._writer.keeper
        if keeper is None or self._writer.db is None:
            raise StoreError("the database is unavailable: not opened.")
        return keeper

    @property
    def owner(self) -> str:
        """This replica, as its claims name it (host:pid)."""
        return self._owner

    def start(self) -> None:
        """Open the database (once, now; failures are retried in the background) and start."""
        self._writer.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued record is written (or dropped); False on timeout."""
        return self._writer.flush(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what can be written within `timeout`, count the rest as dropped, close."""
        self._writer.stop(timeout)

    def _failed(self, exc: Exception, what: str, consequence: str) -> None:
        """An outage marks the database down until the writer's probe finds it back; anything
        else (DataError, IntegrityError, ProgrammingError, a bug) leaves it in use."""
        if is_connection_failure(exc):
            self._writer.failures.failed(exc, what)
        else:
            self._writer.failures.refused(exc, what, consequence)

    def _healthy_db(self) -> Database | None:
        """The database while it works; None while it fails (claims then fail open)."""
        return self._writer.db if self._writer.health.ok else None
