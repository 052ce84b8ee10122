"""The store as the Slack layer sees it: nothing here raises into, or waits in, the answer path.

Votes and gaps go into a bounded in-memory queue that one background thread writes in batches.
When the database is down or refuses writes, the failure is logged once (and once more when it
comes back); records wait and are retried, and when the queue is full the oldest are dropped and
counted. Event claims are synchronous (a reply depends on them) but fail open: without the
database a replica still answers, de-duplicating only against the events it has seen itself.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.errors import StoreError
from bot.store import dedupe
from bot.store.db import Database, describe_error, open_database, utc_now
from bot.store.feedback import Vote, write_votes
from bot.store.gaps import Gap, write_gaps
from bot.store.privacy import QuestionKeeper, stored_salt
from bot.store.retention import purge

log = logging.getLogger(__name__)

Record = Vote | Gap
BATCH = 500
_REFUSED = (sa.exc.IntegrityError, sa.exc.DataError)
"""Errors about one record (retrying it cannot help); anything else is the database's state."""


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
    ) -> None:
        self.url = url
        self._privacy, self._salt = privacy, salt
        self._retention_days = retention_days
        self._capacity, self._retry, self._purge_every = capacity, retry_seconds, purge_seconds
        self._owner = f"{socket.gethostname()}:{os.getpid()}"
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = threading.Event()
        self._queue: deque[Record] = deque()
        self._events: OrderedDict[str, None] = OrderedDict()
        self._remembered = remembered_events
        self._db: Database | None = None
        self._keeper: QuestionKeeper | None = None
        self._ok = True
        self._written = self._dropped = self._failures = self._local_claims = 0
        self._last_error: str | None = None
        self._drop_logged = False
        self._thread: threading.Thread | None = None
        self._next_purge = 0.0
        try:
            self.url_shown = sa.make_url(url).render_as_string(hide_password=True)
        except sa.exc.ArgumentError:
            self.url_shown = "(READOUT_DATABASE_URL is not a database URL)"

    # -- producers (any thread; never raise, never block on the database) -----------------

    def record(self, item: Record) -> None:
        """Queue a vote or a gap for writing; drops the oldest queued record when full."""
        with self._lock:
            if len(self._queue) >= self._capacity:
                self._drop_oldest_locked(1)
            self._queue.append(item)
            self._idle.clear()
        self._wake.set()

    def claim_event(self, event_id: str) -> bool:
        """True when this replica should answer `event_id`; False for a retry already claimed."""
        with self._lock:
            if event_id in self._events:
                return False
            self._events[event_id] = None
            while len(self._events) > self._remembered:
                self._events.popitem(last=False)
            db = self._db if self._ok else None
        if db is not None:
            try:
                return dedupe.claim_event(db, event_id, self._owner)
            except sa.exc.SQLAlchemyError as exc:
                self._failed(exc)
        with self._lock:
            self._local_claims += 1
        return True

    # -- status and reads ------------------------------------------------------------------

    def stats(self) -> RecorderStats:
        with self._lock:
            return RecorderStats(
                database_ok=self._ok and self._db is not None,
                written=self._written,
                queued=len(self._queue),
                dropped=self._dropped,
                failures=self._failures,
                local_claims=self._local_claims,
                last_error=self._last_error,
            )

    @property
    def database(self) -> Database:
        """The open database, for reads (`/readout gaps`); StoreError when it is unavailable."""
        db = self._db
        if db is None:
            raise StoreError(f"the database is unavailable: {self._last_error or 'not opened'}.")
        return db

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Open the database (once, now; failures are retried in the background) and start."""
        self._open()
        self._thread = threading.Thread(target=self._run, name="readout-recorder", daemon=True)
        self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued record is written (or dropped); False on timeout."""
        self._wake.set()
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what can be written within `timeout`, count the rest as dropped, close."""
        self.flush(timeout)
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._lock:
            self._drop_oldest_locked(len(self._queue))
            db, self._db = self._db, None
        if db is not None:
            db.close()

    # -- the writer thread -----------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            if self._db is None and not self._open():
                self._stopping.wait(self._retry)
                continue
            if not self._ok and not self._probe():
                self._stopping.wait(self._retry)
                continue
            self._maybe_purge()
            if not self._write_some():
                self._stopping.wait(self._retry)
                continue
            with self._lock:
                if not self._queue:
                    self._idle.set()
                    self._wake.clear()
            if not self._queue:
                self._wake.wait(min(self._purge_every, 60.0))

    def _open(self) -> bool:
        try:
            db = open_database(self.url)
            salt = self._salt or stored_salt(db)
        except (StoreError, sa.exc.SQLAlchemyError) as exc:
            self._failed(exc)
            return False
        self._keeper = QuestionKeeper(self._privacy, salt)
        with self._lock:
            self._db = db
        self._recovered()
        return True

    def _probe(self) -> bool:
        """After a failure with nothing to write, check the database is back (for claims)."""
        assert self._db is not None
        try:
            with self._db.begin() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError as exc:
            self._failed(exc)
            return False
        self._recovered()
        return True

    def _write_some(self) -> bool:
        """Write one batch; False when the database failed and the batch went back."""
        with self._lock:
            batch = [self._queue.popleft() for _ in range(min(BATCH, len(self._queue)))]
        if not batch:
            return True
        db, keeper = self._db, self._keeper
        assert db is not None
        assert keeper is not None
        try:
            self._write(db, keeper, batch)
        except _REFUSED:
            for item in batch:  # find the record the database refuses; keep the others
                try:
                    self._write(db, keeper, [item])
                except _REFUSED as exc:
                    log.warning("the database refused a record, dropped: %s", describe_error(exc))
                    with self._lock:
                        self._dropped += 1
                except sa.exc.SQLAlchemyError as exc:
                    return self._requeue(batch[batch.index(item) :], exc)
        except sa.exc.SQLAlchemyError as exc:
            return self._requeue(batch, exc)
        return True

    def _write(self, db: Database, keeper: QuestionKeeper, batch: list[Record]) -> None:
        with db.begin() as conn:
            write_gaps(conn, [r for r in batch if isinstance(r, Gap)], keeper)
            write_votes(db, conn, [r for r in batch if isinstance(r, Vote)], keeper)
        with self._lock:
            self._written += len(batch)
        self._recovered()

    def _requeue(self, batch: list[Record], exc: BaseException) -> bool:
        self._failed(exc)
        with self._lock:
            self._queue.extendleft(reversed(batch))
            self._drop_oldest_locked(len(self._queue) - self._capacity)
        return False

    def _maybe_purge(self) -> None:
        now = utc_now().timestamp()
        if now < self._next_purge or self._db is None:
            return
        self._next_purge = now + self._purge_every
        try:
            purged = purge(self._db, self._retention_days)
        except sa.exc.SQLAlchemyError as exc:
            self._failed(exc)
            return
        if purged.total:
            log.info("retention (%d days): %s", self._retention_days, purged)

    # -- bookkeeping -----------------------------------------------------------------------

    def _drop_oldest_locked(self, count: int) -> None:
        count = min(count, len(self._queue))
        if count <= 0:
            return
        if not self._drop_logged:
            self._drop_logged = True
            log.warning("the record queue is full or closing; dropping the oldest records")
        for _ in range(count):
            self._queue.popleft()
        self._dropped += count
        if not self._queue:
            self._idle.set()

    def _failed(self, exc: BaseException) -> None:
        message = describe_error(exc)
        with self._lock:
            self._failures += 1
            self._last_error = message
            first, self._ok = self._ok, False
        if first:
            log.warning(
                "database %s failed: %s. Answers continue; up to %d records wait and are "
                "retried every %gs.",
                self.url_shown,
                message.rstrip("."),
                self._capacity,
                self._retry,
            )

    def _recovered(self) -> None:
        with self._lock:
            was_down, self._ok = not self._ok, True
            self._drop_logged = False
            queued = len(self._queue)
        if was_down:
            log.info("database %s is back; %d records waiting", self.url_shown, queued)
