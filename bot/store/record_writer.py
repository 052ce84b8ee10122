"""The Recorder's background thread: it writes queued votes and gaps to the database in batches.

It lets records gather for a quarter of a second: one transaction each would cost ten times as
much per record, on the core that answers. When the database is down or refuses writes, the
failure is logged once (and once more when it comes back); records wait and are retried, and when
the queue is full the oldest are dropped and counted. Nothing unexpected stops the thread: a
surprise is counted, its traceback logged once, and the loop goes on. It also purges old rows.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.store.db import Database, describe_error, open_database, scrub, shown_url, utc_now
from bot.store.failure_log import FailureLog, is_outage
from bot.store.privacy import QuestionKeeper, stored_salt
from bot.store.records import Record, write_records
from bot.store.resilience import DropQueue, Health
from bot.store.retention import purge

log = logging.getLogger(__name__)

BATCH = 500


class RecordWriter:
    """Owns the Database (opened lazily, reopened after failures), the queue and the thread."""

    def __init__(
        self,
        url: str,
        *,
        privacy: QuestionPrivacy,
        salt: str | None,
        retention_days: int,
        capacity: int,
        retry_seconds: float,
        purge_seconds: float,
        linger_seconds: float,
    ) -> None:
        self.url = url
        self._privacy, self._salt = privacy, salt
        self._retention_days = retention_days
        self._retry, self._purge_every = retry_seconds, purge_seconds
        self._linger = linger_seconds
        self.queue: DropQueue[Record] = DropQueue(capacity)
        self._wake = threading.Event()
        self.health = Health(
            shown_url(url),
            f"Answers continue; up to {capacity} records wait and are retried every "
            f"{retry_seconds:g}s.",
            clean=lambda text: scrub(text, url),
            on_down=self._wake.set,  # a claim saw the outage: probe now, not after the idle wait
        )
        self.failures = FailureLog(self.health)
        self._lock = threading.Lock()
        self.written = 0
        self.db: Database | None = None
        self._keeper: QuestionKeeper | None = None
        self._hurry = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_purge = 0.0

    @property
    def keeper(self) -> QuestionKeeper | None:
        """How questions are kept (privacy and salt), once the database is open."""
        return self._keeper

    def put(self, item: Record) -> None:
        """Queue a record and wake the thread; never raises, never waits for the database."""
        self.queue.put(item)
        self._wake.set()

    def start(self) -> None:
        """Open the database (once, now; failures are retried in the background) and start."""
        self._open()
        self._thread = threading.Thread(target=self._run, name="readout-recorder", daemon=True)
        self._thread.start()

    def flush(self, timeout: float) -> bool:
        """Wait until every queued record is written (or dropped); False on timeout."""
        self._hurry.set()
        self._wake.set()
        return self.queue.wait_idle(timeout)

    def stop(self, timeout: float) -> None:
        """Write what can be written within `timeout`, count the rest as dropped, close."""
        self.flush(timeout)
        self._stopping.set()
        self._hurry.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.queue.drain()
        db, self.db = self.db, None
        if db is not None:
            db.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                done = self._round()
            except Exception as exc:
                self.failures.surprise(exc, "the recorder's writer")
                done = False
            if not done:
                self._stopping.wait(self._retry)
            elif not len(self.queue):
                self._wake.wait(min(self._purge_every, 60.0))
                # Let records gather: one transaction for many costs a tenth as much per record
                # as one each, and nothing waits for them (except flush(), which hurries).
                self._hurry.wait(self._linger)
            self._hurry.clear()

    def _round(self) -> bool:
        """Open (or re-check) the database, write what waits, purge when due; False: retry."""
        self._wake.clear()  # before the work: a record or an outage seen meanwhile wakes the next
        ready = self._open() if self.db is None else self.health.ok or self._probe()
        if not ready or not self._write_some():
            return False
        self.queue.settle()
        self._maybe_purge()
        return True

    def _open(self) -> bool:
        try:
            db = open_database(self.url)
            salt = self._salt or stored_salt(db)
        except Exception as exc:
            self.failures.failed(exc, "opening the database")
            return False
        self._keeper = QuestionKeeper(self._privacy, salt)
        self.db = db
        self.health.recovered(len(self.queue))
        return True

    def _probe(self) -> bool:
        """After a failure, check the database is back even with nothing to write (claims)."""
        assert self.db is not None
        try:
            with self.db.begin() as conn:
                conn.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError as exc:
            self.health.failed(exc)
            return False
        self.health.recovered(len(self.queue))
        return True

    def _write_some(self) -> bool:
        """Write everything queued, in batches; False when the database failed (batch put back).

        A batch that fails because of its records is written one by one: the records the
        database refuses (or that cannot be written at all) are dropped and counted.
        """
        while batch := self.queue.take(BATCH):
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
        db, keeper = self.db, self._keeper
        assert db is not None
        assert keeper is not None
        write_records(db, batch, keeper)
        with self._lock:
            self.written += len(batch)
        self.health.recovered(len(self.queue))

    def _drop(self, exc: Exception) -> None:
        self.queue.drop(1)
        if isinstance(exc, sa.exc.SQLAlchemyError):
            log.warning("the database refused a record, dropped: %s", describe_error(exc))
        else:
            self.failures.surprise(exc, "writing a record (dropped)")

    def _put_back(self, batch: list[Record], exc: BaseException) -> bool:
        self.health.failed(exc)
        self.queue.put_back(batch)
        return False

    def _maybe_purge(self) -> None:
        now = utc_now().timestamp()
        if now < self._next_purge or self.db is None:
            return
        self._next_purge = now + self._purge_every
        try:
            purged = purge(self.db, self._retention_days)
        except sa.exc.SQLAlchemyError as exc:
            self.health.failed(exc)
            return
        if purged.total:
            log.info("retention (%d days): %s", self._retention_days, purged)
