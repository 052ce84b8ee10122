"""Replies sent after an acknowledgement: kept running, failures logged and counted, given up
at their deadline, drained at shutdown."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.slack.follow_ups import FollowUps
from bot.slack.web_api import ResponseRefused


def test_work_runs_after_the_caller_returns_and_drain_waits_for_it() -> None:
    done: list[str] = []

    async def reply() -> None:
        await asyncio.sleep(0.05)
        done.append("posted")

    async def scenario() -> None:
        follow_ups = FollowUps(60.0)
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
        follow_ups = FollowUps(60.0)
        follow_ups.start("a direct message", broken())
        assert await follow_ups.drain(5)

    with caplog.at_level(logging.ERROR, logger="bot.slack"):
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
        follow_ups = FollowUps(60.0)
        follow_ups.start("App Home", stuck())
        await asyncio.sleep(0)
        assert not await follow_ups.drain(0.05)
        assert follow_ups.pending == 0

    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        asyncio.run(scenario())
    assert cancelled == ["App Home"]
    assert "gave up answering App Home: shutting down" in caplog.text


def test_work_still_running_at_its_deadline_is_given_up_counted_and_named(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A reply still retrying when its deadline comes is cancelled, logged with the event it
    answers and counted undelivered (for `/readout status`)."""
    cancelled: list[str] = []

    async def retrying() -> None:
        try:
            await asyncio.sleep(3600)  # e.g. waiting out a Retry-After
        except asyncio.CancelledError:
            cancelled.append("claim released")
            raise

    async def scenario() -> FollowUps:
        follow_ups = FollowUps(0.05)
        follow_ups.start("a mention (event Ev0LATE, channel C0LATE)", retrying())
        assert await follow_ups.drain(5)  # finished (given up), not cancelled by the drain
        return follow_ups

    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        follow_ups = asyncio.run(scenario())
    assert cancelled == ["claim released"]
    stats = follow_ups.stats()
    assert (stats.done, stats.undelivered, stats.pending) == (0, 1, 0)
    [line] = [r.getMessage() for r in caplog.records]
    assert line == (
        "undelivered: the reply to a mention (event Ev0LATE, channel C0LATE) "
        "(still failing after the 0.05 s deadline)"
    )


def test_slack_refusing_a_reply_is_one_line_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    async def refused() -> None:
        raise ResponseRefused("response_url answered 404: expired_url")

    async def posted() -> None:
        pass

    async def scenario() -> FollowUps:
        follow_ups = FollowUps(60)
        follow_ups.start("/readout status", refused())
        follow_ups.start("a button", posted())
        assert await follow_ups.drain(5)
        return follow_ups

    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        follow_ups = asyncio.run(scenario())
    assert (follow_ups.stats().done, follow_ups.stats().undelivered) == (1, 1)
    [record] = caplog.records
    assert record.getMessage() == (
        "undelivered: the reply to /readout status (response_url answered 404: expired_url)"
    )
    assert record.exc_info is None
