"""Replies sent after an acknowledgement: kept running, failures logged, drained at shutdown."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.slack.follow_ups import FollowUps


def test_work_runs_after_the_caller_returns_and_drain_waits_for_it() -> None:
    done: list[str] = []

    async def reply() -> None:
        await asyncio.sleep(0.05)
        done.append("posted")

    async def scenario() -> None:
        follow_ups = FollowUps()
        follow_ups.start("a mention", reply())
        assert done == []
        assert follow_ups.pending == 1
        assert await follow_ups.drain(5)
        assert done == ["posted"]
        assert follow_ups.pending == 0

    asyncio.run(scenario())


def test_a_failure_is_logged_with_what_failed_and_never_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken() -> None:
        raise RuntimeError("chat.postMessage refused")

    async def scenario() -> None:
        follow_ups = FollowUps()
        follow_ups.start("a direct message", broken())
        assert await follow_ups.drain(5)

    with caplog.at_level(logging.ERROR, logger="readout.slack"):
        asyncio.run(scenario())
    record = next(r for r in caplog.records if "a direct message" in r.getMessage())
    assert record.exc_info is not None
    assert "refused" in str(record.exc_info[1])


def test_drain_cancels_what_is_left_after_its_timeout_and_names_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cancelled: list[str] = []

    async def stuck() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append("App Home")  # e.g. a mention's claim is released here
            raise

    async def scenario() -> None:
        follow_ups = FollowUps()
        follow_ups.start("App Home", stuck())
        await asyncio.sleep(0)
        assert not await follow_ups.drain(0.05)
        assert follow_ups.pending == 0

    with caplog.at_level(logging.WARNING, logger="readout.slack"):
        asyncio.run(scenario())
    assert cancelled == ["App Home"]
    assert "gave up answering App Home: shutting down" in caplog.text
