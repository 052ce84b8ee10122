"""A reload's summary is one line either way, and a status is failing only while the newest load
attempt is a failed one (built by hand: plain values, no files or matcher needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.errors import Problem
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.snapshot import KnowledgeStatus, ReloadResult, Snapshot

LOADED = dt.datetime(2026, 2, 4, 9, 30, 0, tzinfo=dt.UTC)
PROBLEM = Problem("knowledge/terms/alpha.yaml", 6, 1, "unknown field 'sumary'", "alpha")


def snapshot() -> Snapshot[None]:
    return Snapshot(KnowledgeBase((), loaded_at=LOADED), None, None, 1)


def test_a_failed_reload_says_what_is_still_served_and_since_when() -> None:
    result = ReloadResult(False, snapshot(), (PROBLEM,), 0.01)
    assert result.summary() == (
        "reload failed with 1 problem; still serving 0 readouts, 0 terms, 0 follow-ups "
        "loaded 2026-02-04 09:30:00 UTC"
    )
    assert ReloadResult(True, snapshot(), (), 0.25).summary() == (
        "reloaded 0 readouts, 0 terms, 0 follow-ups in 0.25 s"
    )


def status(last_failure_at: dt.datetime | None) -> KnowledgeStatus:
    return KnowledgeStatus(
        Path("knowledge"), 0, "", LOADED, None, 1, 1, last_failure_at, (PROBLEM,)
    )


def test_a_status_is_failing_only_after_a_failure_newer_than_the_load() -> None:
    assert not status(None).failing
    assert not status(LOADED - dt.timedelta(minutes=1)).failing
    assert status(LOADED + dt.timedelta(minutes=1)).failing
