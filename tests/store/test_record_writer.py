"""The Recorder's writer: votes and gaps are written in batches; a full queue drops its oldest,
a refused or unwritable record is dropped with a count, and no surprise ends the thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.store import record_writer
from bot.store.feedback import DOWN, UP, Vote
from bot.store.gaps import Gap, NearMiss
from bot.store.recorder import Recorder
from bot.store.schema import gaps, votes
from tests.support.recorder_checks import count, gap, tracebacks
from tests.support.waiting import eventually


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

    monkeypatch.setattr(record_writer, "purge", broken_purge)
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
    items: list[Gap | Vote] = [gap(1), unsendable, *broken, gap(2)]
    for item in items:
        recorder.record(item)
    assert recorder.flush()
    stats = recorder.stats()
    assert (stats.written, stats.dropped, stats.queued, stats.database_ok) == (2, 4, 0, True)
    assert count(db_url, gaps) == 2
    same_bug = [r for r in tracebacks(caplog) if r.exc_info and r.exc_info[0] is AttributeError]
    assert len(same_bug) == 1  # the same bug three times: one traceback
