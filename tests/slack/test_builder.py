"""Replies built on worker threads: values and errors come back, and a slow build holds up no
other."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.slack.builder import ReplyBuilder


def test_values_and_errors_come_back_to_the_awaiting_coroutine() -> None:
    builder = ReplyBuilder()

    def fail() -> int:
        raise ValueError("no reply")

    async def scenario() -> None:
        values = await asyncio.gather(*(builder.run(lambda n=n: n * n) for n in range(200)))
        assert values == [n * n for n in range(200)]
        with pytest.raises(ValueError, match="no reply"):
            await builder.run(fail)

    asyncio.run(scenario())


def test_a_slow_build_does_not_hold_up_the_others() -> None:
    builder = ReplyBuilder(threads=2)
    release = threading.Event()

    def slow() -> str:
        release.wait(10)  # a bound for a broken builder; a working one is released below
        return "slow"

    async def scenario() -> None:
        stuck = asyncio.ensure_future(builder.run(slow))
        quick = [await builder.run(lambda n=n: n) for n in range(5)]  # while `slow` runs
        assert quick == [0, 1, 2, 3, 4]
        assert not stuck.done()
        release.set()
        assert await stuck == "slow"

    asyncio.run(scenario())
