"""The Recorder never raises into an answer: a database that is down or refuses a write is
logged once, records wait and catch up, or are dropped with a count; claims fail open."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.store import recorder as recorder_module
from bot.store.db import open_database, utc_now
from bot.store.feedback import DOWN, UP, Vote
from bot.store.gaps import Gap, NearMiss
from bot.store.recorder import Recorder
from bot.store.schema import gaps, votes


def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def gap(n: int, target: str = "usmca") -> Gap:
    return Gap("none", f"question {n}", f"question {n}", (NearMiss(target, "USMCA", 50.0),))


def count(url: str, table: sa.Table) -> int:
    db = open_database(url)
    try:
        with db.begin() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    finally:
        db.close()


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.fixture
def started() -> Iterator[Callable[..., Recorder]]:
    recorders: list[Recorder] = []

    def start(url: str, **kw: object) -> Recorder:
        recorder = Recorder(url, retry_seconds=0.05, **kw)  # type: ignore[arg-type]
        recorder.start()
        recorders.append(recorder)
        return recorder

    yield start
    for recorder in recorders:
        recorder.stop(timeout=1)


def test_votes_and_gaps_are_written(db_url: str, started: Callable[..., Recorder]) -> None:
    recorder = started(db_url)
    for n in range(7):
        recorder.record(gap(n))
    recorder.record(Vote("C1:1", "usmca", "U1", "C1", "what is usmca", UP))
    recorder.record(Vote("C1:1", "usmca", "U1", "C1", "what is usmca", DOWN, "stale"))
    assert recorder.flush()
    stats = recorder.stats()
    assert (stats.database_ok, stats.written, stats.queued, stats.dropped) == (True, 9, 0, 0)
    assert count(db_url, gaps) == 7
    assert count(db_url, votes) == 1


def test_sqlite_down_at_start_then_back(
    tmp_path: Path, started: Callable[..., Recorder], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.store.recorder")
    blocker = tmp_path / "data"
    blocker.write_text("a file where the database directory should be")
    url = f"sqlite:///{blocker / 'readout.db'}"
    recorder = started(url)
    for n in range(5):
        recorder.record(gap(n))
    assert recorder.claim_event("Ev1") is True
    assert recorder.claim_event("Ev1") is False
    eventually(lambda: recorder.stats().failures > 2)  # several retries, each failing
    stats = recorder.stats()
    assert (stats.database_ok, stats.queued, stats.written, stats.local_claims) == (False, 5, 0, 1)
    assert "cannot create the database directory" in (stats.last_error or "")
    assert len(warnings(caplog)) == 1
    with pytest.raises(Exception, match="the database is unavailable"):
        _ = recorder.database

    blocker.unlink()
    assert recorder.flush()
    assert recorder.stats().written == 5
    assert count(url, gaps) == 5
    assert any("is back" in r.getMessage() for r in caplog.records)


@pytest.mark.postgres
def test_postgres_outage_is_logged_once_and_caught_up(
    pg_proxy_url: tuple[Any, str],
    started: Callable[..., Recorder],
    caplog: pytest.LogCaptureFixture,
) -> None:
    proxy, url = pg_proxy_url
    recorder = started(url)
    recorder.record(gap(0))
    assert recorder.flush()
    assert recorder.claim_event("EvA") is True

    proxy.stop()
    for n in range(1, 20):
        recorder.record(gap(n))
    eventually(lambda: recorder.stats().failures >= 3)
    assert recorder.stats().database_ok is False
    assert recorder.claim_event("EvB") is True  # answered without the database
    assert recorder.claim_event("EvB") is False
    assert len(warnings(caplog)) == 1

    proxy.start()
    assert recorder.flush()
    stats = recorder.stats()
    assert (stats.database_ok, stats.written, stats.dropped) == (True, 20, 0)
    assert count(url, gaps) == 20


def test_a_full_queue_drops_the_oldest_and_counts(
    tmp_path: Path, started: Callable[..., Recorder]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("")
    recorder = started(f"sqlite:///{blocker / 'x.db'}", capacity=3)
    for n in range(5):
        recorder.record(gap(n))
    stats = recorder.stats()
    assert (stats.queued, stats.dropped) == (3, 2)
    recorder.stop(timeout=0.2)
    assert recorder.stats().dropped == 5


@pytest.mark.postgres
def test_a_refused_record_is_dropped_and_the_rest_written(
    pg_schema_url: str, started: Callable[..., Recorder]
) -> None:
    recorder = started(pg_schema_url)
    recorder.record(gap(1))
    recorder.record(gap(2, target="x" * 300))  # longer than the column: PostgreSQL refuses it
    recorder.record(gap(3))
    assert recorder.flush()
    stats = recorder.stats()
    assert (stats.written, stats.dropped, stats.database_ok) == (2, 1, True)
    assert count(pg_schema_url, gaps) == 2


def test_two_replicas_claim_each_event_once(db_url: str, started: Callable[..., Recorder]) -> None:
    replicas = [started(db_url), started(db_url)]
    won: list[str] = []
    lock = threading.Lock()

    def work(replica: Recorder) -> None:
        for n in range(30):
            if replica.claim_event(f"Ev{n}"):
                with lock:
                    won.append(f"Ev{n}")

    threads = [threading.Thread(target=work, args=(r,)) for r in replicas * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == sorted(f"Ev{n}" for n in range(30))


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info]


def test_the_writer_survives_an_unexpected_error(
    db_url: str,
    started: Callable[..., Recorder],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug in the writer's round (here: the hourly purge) must not end the thread while
    status says all is well: counted, its traceback logged once, and writing goes on."""
    attempts: list[int] = []

    def broken_purge(*_: object) -> None:
        attempts.append(1)
        raise RuntimeError("purge exploded")

    monkeypatch.setattr(recorder_module, "purge", broken_purge)
    recorder = started(db_url, purge_seconds=0.01)
    recorder.record(gap(1))
    assert recorder.flush()
    eventually(lambda: len(attempts) >= 3)  # several rounds failed, the loop went on
    recorder.record(gap(2))
    assert recorder.flush()
    stats = recorder.stats()
    assert stats.written == 2
    assert stats.failures >= 3
    assert stats.last_error == "purge exploded"
    assert count(db_url, gaps) == 2
    [logged] = tracebacks(caplog)
    assert "failed unexpectedly" in logged.getMessage()


def test_records_that_cannot_be_written_are_dropped_not_retried_forever(
    db_url: str, started: Callable[..., Recorder], caplog: pytest.LogCaptureFixture
) -> None:
    """A value the driver cannot take, or a record that trips a bug, is not the database being
    down: retrying would block the queue for good. The rest of the batch is written."""
    recorder = started(db_url)
    unsendable = Gap("none", "q", "q", (NearMiss("usmca", object(), 1.0),))  # type: ignore[arg-type]
    broken = [Vote("C1:1", "usmca", f"U{n}", "C1", "q", DOWN, 123) for n in range(3)]  # type: ignore[arg-type]
    for item in (gap(1), unsendable, *broken, gap(2)):
        recorder.record(item)
    assert recorder.flush()
    stats = recorder.stats()
    assert (stats.written, stats.dropped, stats.queued, stats.database_ok) == (2, 4, 0, True)
    assert count(db_url, gaps) == 2
    same_bug = [r for r in tracebacks(caplog) if r.exc_info and r.exc_info[0] is AttributeError]
    assert len(same_bug) == 1  # the same bug three times: one traceback


def later_than_now() -> dt.datetime:
    """A moment after every claim made so far, and before every claim made from now on."""
    moment = utc_now()
    while utc_now() <= moment:
        pass
    return moment


def test_an_alert_is_claimed_once_per_episode_across_replicas(
    db_url: str, started: Callable[..., Recorder]
) -> None:
    """Break, fix, the same break again: posted again, each time by one replica only."""
    a, b = started(db_url), started(db_url)
    last_good = utc_now() - dt.timedelta(minutes=1)
    assert a.claim_alert("reload:abc", since=last_good) is True
    assert b.claim_alert("reload:abc", since=last_good) is False
    assert a.claim_alert("reload:abc", since=last_good) is False  # another edit, same problems
    fixed = later_than_now()  # both replicas loaded cleanly again
    assert b.claim_alert("reload:abc", since=fixed) is True
    assert a.claim_alert("reload:abc", since=fixed) is False
    assert a.claim_alert("reload:other", since=fixed) is True


def test_alerts_without_the_database_are_once_per_episode_per_replica(
    tmp_path: Path, started: Callable[..., Recorder]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the database directory should be")
    recorder = started(f"sqlite:///{blocker / 'x.db'}")
    last_good = utc_now() - dt.timedelta(minutes=1)
    assert recorder.claim_alert("reload:abc", since=last_good) is True
    assert recorder.claim_alert("reload:abc", since=last_good) is False
    fixed = later_than_now()
    assert recorder.claim_alert("reload:abc", since=fixed) is True


def test_a_released_claim_can_be_claimed_again(
    db_url: str, started: Callable[..., Recorder]
) -> None:
    """The replica that claimed an event but could not post its reply lets go of it, so a
    retry can be answered, by it or by another replica."""
    a, b = started(db_url), started(db_url)
    assert a.claim_event("EvR") is True
    assert b.claim_event("EvR") is False
    a.release_event("EvR")
    assert b.claim_event("EvR") is True
    assert a.claim_event("EvR") is False
    b.release_event("EvR")
    assert a.claim_event("EvR") is True
