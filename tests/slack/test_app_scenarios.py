"""The Bolt app in-process, driven by signed requests against the mock Web API: the paths the
subprocess tests cannot reach (a slow answer, the hooks left for later features)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from render_kbs import small_kb
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_fakes import TitleMatcher
from slack_mock import MockSlack
from slack_requests import SECRET, command_body, event_body, sign

from bot.config import load_settings
from bot.render.blocks import Message
from bot.slack.app import build_app
from bot.slack.deps import Asked, CommandRequest, FixedKnowledge, Hooks

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _app(mock: MockSlack, *, hooks: Hooks | None = None, ack_budget: float = 2.0) -> Any:
    settings = load_settings(
        slack_bot_token="xoxb-1-2-scenario",
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=mock.api_url,
    )
    kb = small_kb()
    knowledge = FixedKnowledge(kb, TitleMatcher(kb))
    return build_app(settings, lambda: knowledge, hooks=hooks, ack_budget=ack_budget)


async def _dispatch(app: Any, body: str, content_type: str) -> BoltResponse:
    headers = {"content-type": content_type, **{k.lower(): v for k, v in sign(body).items()}}
    response: BoltResponse = await app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))
    return response


def test_a_slow_answer_is_acknowledged_empty_and_follows_by_response_url(mock: MockSlack) -> None:
    async def scenario() -> None:
        app = _app(mock, ack_budget=-1.0)
        body = command_body("tommy pigott", mock.response_url("slow"))
        response = await _dispatch(app, body, FORM)
        assert response.status == 200
        assert response.body == ""
        call = await asyncio.to_thread(mock.wait_for, lambda c: c.path == "/response/slow")
        assert call.data["response_type"] == "ephemeral"
        assert call.data["blocks"][0]["text"]["text"] == "Tommy Pigott"

    asyncio.run(scenario())


def test_hooks_subcommands_on_asked_and_seen_events(mock: MockSlack) -> None:
    asked: list[Asked] = []
    seen_called = asyncio.Event()

    async def status(request: CommandRequest) -> Message:
        return {"text": f"status for {request.user_id}: {request.argument}", "blocks": []}

    async def on_asked(event: Asked) -> None:
        asked.append(event)

    async def seen_event(event_id: str) -> bool:
        seen_called.set()
        return event_id == "Ev0SEEN"

    hooks = Hooks(on_asked=on_asked, seen_event=seen_event, subcommands={"status": status})

    async def scenario() -> None:
        app = _app(mock, hooks=hooks)
        response = await _dispatch(app, command_body("status now", mock.response_url("st")), FORM)
        assert response.body == ""  # an extra subcommand acknowledges first
        call = await asyncio.to_thread(mock.wait_for, lambda c: c.path == "/response/st")
        assert call.data["text"] == "status for U0ASKER: now"

        answered = await _dispatch(app, command_body("tommy pigott", mock.response_url("a")), FORM)
        assert "Tommy Pigott" in answered.body
        for _ in range(20):
            if asked:
                break
            await asyncio.sleep(0.01)
        assert asked[0].question == "tommy pigott"
        assert asked[0].surface == "command"

        event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> tommy pigott",
                 "ts": "1.000001", "channel": "C0SEEN"}  # fmt: skip
        await _dispatch(app, event_body(event, "Ev0SEEN"), "application/json")
        await asyncio.wait_for(seen_called.wait(), 5)
        for _ in range(10):
            await asyncio.sleep(0)
        assert not [c for c in mock.calls if c.data.get("channel") == "C0SEEN"]

    asyncio.run(scenario())


def test_a_failure_after_ack_still_answers_slack_200(mock: MockSlack) -> None:
    """Bolt would drop the acknowledgement (404 after 3 s) if the listener raised after ack()."""
    from slack_requests import click_body

    async def scenario() -> None:
        app = _app(mock)
        value = '{"t":"tommy-pigott"}'
        click = click_body("readout.answer.0", value, response_url="not a url")
        response = await _dispatch(app, click, FORM)
        assert response.status == 200

    asyncio.run(scenario())


def test_a_failing_matcher_gets_an_apology_not_silence(mock: MockSlack) -> None:
    class Broken:
        def match(self, text: str) -> Any:
            raise RuntimeError("boom")

    async def scenario() -> None:
        settings = load_settings(
            slack_bot_token="xoxb-1-2-scenario", slack_signing_secret=SECRET,
            slack_app_token=None, slack_api_url=mock.api_url,
        )  # fmt: skip
        kb = small_kb()
        app = build_app(settings, lambda: FixedKnowledge(kb, Broken()))
        response = await _dispatch(app, command_body("anything", mock.response_url("b")), FORM)
        assert response.status == 200
        assert "Sorry, something went wrong" in response.body

    asyncio.run(scenario())
