"""The Recorder never raises into an answer: a database that is down is logged once, records
wait and catch up; claims fail open, and each event or alert is claimed by one replica."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from recorder_checks import count, eventually, gap, warnings

from bot.store.db import utc_now
from bot.store.recorder import Recorder
from bot.store.schema import gaps


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
