"""Curators in-process: a reload-failure alert whose post failed is posted by a later attempt."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import load_settings
from bot.knowledge.watch import LiveKnowledge
from bot.slack.curators import Curators
from bot.store.recorder import Recorder
from tests.support.fakes import TitleMatcher
from tests.support.slack_mock import MockSlack

ADMINS = "C0ADMINS"
TERM = """\
id: alpha
kind: term
category: concept
title: Alpha
summary: A test entry.
sources:
  - title: A page
    url: https://example.org/alpha
    publisher: Example
reviewed: 2026-02-01
"""


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def test_an_alert_that_could_not_be_posted_is_posted_by_the_next_failed_reload(
    mock: MockSlack, tmp_path: Path
) -> None:
    root = tmp_path / "knowledge"
    (root / "terms").mkdir(parents=True)
    path = root / "terms" / "alpha.yaml"
    path.write_text(TERM)
    scratch = root / "alpha.tmp"
    settings = load_settings(
        slack_bot_token="xoxb-1-2-curators",
        slack_api_url=mock.api_url,
        admin_channel=ADMINS,
        knowledge_dir=root,
    )
    recorder = Recorder(f"sqlite:///{tmp_path / 'readout.db'}")
    recorder.start()
    curators = Curators(settings, LiveKnowledge(root, TitleMatcher), recorder)
    client = AsyncWebClient(token="xoxb-1-2-curators", base_url=mock.api_url)
    mock.fail_next("chat.postMessage", ADMINS)

    def to_admins() -> int:
        return sum(1 for c in mock.calls if c.data.get("channel") == ADMINS)

    async def broken_until(posts: int) -> None:
        """Save the same broken file (same problems) until `posts` alerts were attempted."""
        deadline = time.monotonic() + 20
        while to_admins() < posts:
            assert time.monotonic() < deadline, f"{to_admins()} alerts attempted, not {posts}"
            scratch.write_text(TERM.replace("summary:", "sumary:"))
            os.replace(scratch, path)  # whole, never half-written: the same problems each time
            await asyncio.sleep(0.2)

    async def scenario() -> None:
        async with curators.running(client):
            await broken_until(1)  # refused by Slack: the claim is given back
            await broken_until(2)  # so the same problems are posted by a later reload

    try:
        asyncio.run(scenario())
    finally:
        recorder.stop(1)
    failed, posted = [c for c in mock.calls if c.data.get("channel") == ADMINS][:2]
    assert "unknown field 'sumary'" in str(posted.data["blocks"])
    assert failed.data["blocks"][1] == posted.data["blocks"][1]  # the same problems
