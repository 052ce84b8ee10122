"""The bot's identity: asked of auth.test in the background until Slack answers, and given to
Bolt for each request without a Web API call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterator
from typing import TypeVar

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.identity import BotIdentity
from tests.support.slack_mock import MockSlack, dropped, server_error

T = TypeVar("T")

TOKEN = "xoxb-0000000000-1111111111-IdEnTiTy"


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _resolve(identity: BotIdentity, mock: MockSlack, token: str = TOKEN) -> None:
    client = AsyncWebClient(token=token, base_url=mock.api_url)
    asyncio.run(asyncio.wait_for(identity.resolve(client, first_wait=0.01), 30))


def test_auth_test_is_asked_again_until_slack_answers(
    mock: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    mock.inject("auth.test", server_error(502, json_body=False), times=2)
    mock.inject("auth.test", dropped())
    identity = BotIdentity(TOKEN)
    with caplog.at_level(logging.WARNING, logger="bot.slack.identity"):
        _resolve(identity, mock)
    assert (identity.user_id, identity.bot_id, identity.team_id) == ("UBOT", "B0BOT", "T0TEAM")
    assert [c.fault for c in mock.calls] == ["status", "status", "drop", None]
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 3
    assert warnings[0].startswith("could not ask Slack who this bot is (auth.test: Slack answered")


def test_a_token_slack_rejects_stops_the_asking(mock: MockSlack) -> None:
    identity = BotIdentity("xoxb-rejected-1")
    _resolve(identity, mock, "xoxb-rejected-1")
    assert identity.user_id is None
    assert mock.methods() == ["auth.test"]


async def _awaited(pending: Awaitable[T]) -> T:
    return await pending


def test_authorize_answers_from_what_is_known_without_calling_slack(mock: MockSlack) -> None:
    identity = BotIdentity(TOKEN)
    authorize = identity.authorizer()
    before = asyncio.run(
        _awaited(authorize(enterprise_id=None, team_id="T0TEAM", user_id="U0ASKER"))
    )
    assert (before.bot_token, before.bot_user_id, before.user_id) == (TOKEN, None, "U0ASKER")
    assert mock.calls == []
    _resolve(identity, mock)
    after = asyncio.run(_awaited(authorize(enterprise_id=None, team_id=None, user_id="U0ASKER")))
    assert (after.bot_user_id, after.bot_id, after.team_id) == ("UBOT", "B0BOT", "T0TEAM")
