"""The Bolt app in-process, driven by signed requests against the mock Web API: the paths the
subprocess tests cannot reach (a slow answer, the hooks left for later features)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.config import Settings, load_settings
from bot.render.blocks import Message
from bot.slack.app import build_app
from bot.slack.curators import Curators
from bot.slack.deps import Asked, CommandRequest, FixedKnowledge, Hooks, Voted
from bot.slack.follow_ups import FollowUps
from bot.store.schema import event_claims
from tests.support.fakes import TitleMatcher
from tests.support.render_kbs import small_kb
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import SECRET, command_body, event_body, sign
from tests.support.waiting import eventually

FORM = "application/x-www-form-urlencoded"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _settings(mock: MockSlack, **overrides: object) -> Settings:
    return load_settings(
        slack_bot_token="xoxb-1-2-scenario",
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=mock.api_url,
        **overrides,
    )


def _app(mock: MockSlack, *, hooks: Hooks | None = None) -> Any:
    kb = small_kb()
    knowledge = FixedKnowledge(kb, TitleMatcher(kb))
    return build_app(_settings(mock), lambda: knowledge, hooks=hooks)


async def _dispatch(app: Any, body: str, content_type: str) -> BoltResponse:
    headers: dict[str, str | Sequence[str]] = {"content-type": content_type}
    headers.update({k.lower(): v for k, v in sign(body).items()})
    response: BoltResponse = await app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))
    return response


def test_a_reply_that_could_not_be_posted_releases_its_event(
    mock: MockSlack, tmp_path: Path
) -> None:
    """The claim on an event whose reply failed is given up, so a retry of it is answered."""
    settings = _settings(
        mock,
        knowledge_dir=REPO / "knowledge",
        database_url=f"sqlite:///{tmp_path / 'readout.db'}",
    )
    curators = Curators.start(settings)
    app = build_app(settings, curators.live.current, hooks=curators.hooks())
    event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> who is tommy pigott?",
             "ts": "1.000002", "channel": "C0FAIL"}  # fmt: skip
    body = event_body(event, "Ev0FAILED")

    def claimed() -> bool:
        with curators.recorder.database.begin() as conn:
            query = sa.select(event_claims).where(event_claims.c.event_id == "Ev0FAILED")
            return conn.execute(query).first() is not None

    async def scenario() -> None:
        mock.fail_next("chat.postMessage", "C0FAIL")
        await _dispatch(app, body, "application/json")
        await asyncio.to_thread(mock.wait_for, lambda c: c.data.get("channel") == "C0FAIL")
        await asyncio.to_thread(eventually, lambda: not claimed())
        await _dispatch(app, body, "application/json")  # Slack's retry
        to_channel = lambda c: c.data.get("channel") == "C0FAIL"  # noqa: E731
        await asyncio.to_thread(mock.wait_for, to_channel, nth=2)

    try:
        asyncio.run(scenario())
    finally:
        curators.recorder.stop(1)
    posts = [c for c in mock.calls if c.data.get("channel") == "C0FAIL"]
    assert len(posts) == 2  # the failed attempt, then the answer to the retry
    assert "Pigott" in str(posts[1].data["blocks"])


def test_a_reply_cancelled_at_shutdown_releases_its_event(mock: MockSlack, tmp_path: Path) -> None:
    """Slack holds the reply past the shutdown drain: the reply is cancelled and its claim given
    back, so the event can still be answered (here or by another replica)."""
    settings = _settings(
        mock, knowledge_dir=REPO / "knowledge", database_url=f"sqlite:///{tmp_path / 'r.db'}"
    )
    curators = Curators.start(settings)
    follow_ups = FollowUps(60.0)
    app = build_app(settings, curators.live.current, hooks=curators.hooks(), follow_ups=follow_ups)
    release = mock.hold("chat.postMessage")
    event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> tommy pigott",
             "ts": "1.000004", "channel": "C0SHUT"}  # fmt: skip

    def claimed() -> bool:
        with curators.recorder.database.begin() as conn:
            query = sa.select(event_claims).where(event_claims.c.event_id == "Ev0SHUTDOWN")
            return conn.execute(query).first() is not None

    async def scenario() -> None:
        await _dispatch(app, event_body(event, "Ev0SHUTDOWN"), "application/json")
        await asyncio.to_thread(mock.wait_for, lambda c: c.data.get("channel") == "C0SHUT")
        assert claimed()  # the reply is on its way, held by Slack
        assert not await follow_ups.drain(0.2)  # cancelled

    try:
        asyncio.run(scenario())
        assert not claimed()
    finally:
        release.set()
        curators.recorder.stop(1)


def test_hooks_subcommands_on_asked_and_seen_events(mock: MockSlack) -> None:
    asked: list[Asked] = []
    was_asked = asyncio.Event()

    async def status(request: CommandRequest) -> Message:
        return {"text": f"status for {request.user_id}: {request.argument}", "blocks": []}

    async def on_asked(event: Asked) -> None:
        asked.append(event)
        was_asked.set()

    async def seen_event(event_id: str) -> bool:
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
        await asyncio.wait_for(was_asked.wait(), 10)
        assert asked[0].question == "tommy pigott"
        assert asked[0].surface == "command"

        event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> tommy pigott",
                 "ts": "1.000001", "channel": "C0SEEN"}  # fmt: skip
        await _dispatch(app, event_body(event, "Ev0SEEN"), "application/json")
        sentinel = {**event, "channel": "C0AFTER"}  # sent later, answered: the first is done
        await _dispatch(app, event_body(sentinel, "Ev0AFTER"), "application/json")
        await asyncio.to_thread(mock.wait_for, lambda c: c.data.get("channel") == "C0AFTER")
        assert not [c for c in mock.calls if c.data.get("channel") == "C0SEEN"]

    asyncio.run(scenario())


def test_an_event_is_acknowledged_without_waiting_for_its_reply(mock: MockSlack) -> None:
    """Slack wants events acknowledged within 3 s: the reply in the thread follows the
    acknowledgement and never holds it up, however slow Slack is to take the post."""
    release = mock.hold("chat.postMessage")
    follow_ups = FollowUps(60.0)

    async def scenario() -> None:
        kb = small_kb()
        knowledge = FixedKnowledge(kb, TitleMatcher(kb))
        app = build_app(_settings(mock), lambda: knowledge, follow_ups=follow_ups)
        event = {"type": "app_mention", "user": "U0ASKER", "text": "<@UBOT> tommy pigott",
                 "ts": "1.000009", "channel": "C0SLOW"}  # fmt: skip
        dispatched = _dispatch(app, event_body(event, "Ev0SLOWPOST"), "application/json")
        response = await asyncio.wait_for(dispatched, 5)  # would wait for the post if it could
        assert response.status == 200
        post = await asyncio.to_thread(mock.wait_for, lambda c: c.method == "chat.postMessage")
        assert post.data["thread_ts"] == "1.000009"
        assert follow_ups.pending == 1  # the reply is still on its way, held by Slack
        release.set()
        assert await follow_ups.drain(5)
        assert follow_ups.pending == 0

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("action", "value", "channel", "ephemeral", "expected"),
    [
        # the asker's own /readout reply, and Readout's reply in their DM: answered in place
        ("readout.answer.0", '{"t":"tommy-pigott"}', "C0CHAN", True, "replace"),
        ("readout.answer.0", '{"t":"tommy-pigott"}', "D0DIRECT", False, "replace"),
        # a message others see: the clicker alone gets the answer, with Share
        ("readout.answer.0", '{"t":"tommy-pigott"}', "C0CHAN", False, "ephemeral"),
        # a copy shared in a DM between two people: others see it too
        ("readout.answer.0", '{"t":"tommy-pigott","p":1}', "D0TWO", False, "ephemeral"),
        # Open from a list in Readout's DM: a new message that stays in the DM
        ("readout.open.0", '{"t":"tommy-pigott"}', "D0DIRECT", False, "in_channel"),
    ],
)
def test_a_button_answers_where_only_the_clicker_sees_it(
    mock: MockSlack, action: str, value: str, channel: str, ephemeral: bool, expected: str
) -> None:
    """Only a message nobody else sees is replaced; nothing others see is rewritten, and an
    answer in a DM is never ephemeral (it would vanish when Slack reloads)."""
    from tests.support.slack_requests import click_body

    name = f"click-{action}-{channel}-{ephemeral}-{len(value)}"

    async def scenario() -> None:
        app = _app(mock)
        click = click_body(
            action, value, response_url=mock.response_url(name), ephemeral=ephemeral,
            channel=channel,
        )  # fmt: skip
        assert (await _dispatch(app, click, FORM)).status == 200
        call = await asyncio.to_thread(mock.wait_for, lambda c: c.path == f"/response/{name}")
        if expected == "replace":
            assert call.data["replace_original"] is True
        else:
            assert call.data["replace_original"] is False
            assert call.data["response_type"] == expected
        shares = "readout.share" in json.dumps(call.data["blocks"])
        assert shares is (expected == "ephemeral" or (expected == "replace" and ephemeral))

    asyncio.run(scenario())


def test_a_button_in_app_home_answers_in_the_dm_without_share(mock: MockSlack) -> None:
    from tests.support.slack_requests import click_body

    async def scenario() -> None:
        app = _app(mock)
        click = click_body("readout.open.0", '{"t":"tommy-pigott"}', response_url=None)
        assert (await _dispatch(app, click, FORM)).status == 200
        call = await asyncio.to_thread(mock.wait_for, lambda c: c.method == "chat.postMessage")
        assert call.data["channel"] == "U0ASKER"  # the person's DM with Readout
        assert "readout.share" not in json.dumps(call.data["blocks"])

    asyncio.run(scenario())


def test_a_failure_after_ack_still_answers_slack_200(mock: MockSlack) -> None:
    """A listener that raises after ack() would make Bolt answer 500 (Slack then shows the
    person an error): the 👎 comment is acknowledged even when recording it fails."""
    import json
    from urllib.parse import urlencode

    async def failing_vote(voted: Voted) -> None:
        raise RuntimeError("the store is down")

    metadata = json.dumps({"t": "tommy-pigott", "q": "pigott", "c": "C0CHAN", "k": "C0CHAN:1.2"})
    values = {"what_was_wrong": {"comment": {"type": "plain_text_input", "value": "stale"}}}
    payload = {
        "type": "view_submission", "team": {"id": "T0TEAM", "domain": "example"},
        "user": {"id": "U0ASKER", "username": "ann", "name": "ann", "team_id": "T0TEAM"},
        "api_app_id": "A0APP", "token": "verification-token", "trigger_id": "1.2.3",
        "view": {"id": "V0MODAL", "type": "modal", "callback_id": "readout.feedback",
                 "private_metadata": metadata, "state": {"values": values}},
    }  # fmt: skip

    async def scenario() -> None:
        app = _app(mock, hooks=Hooks(on_vote=failing_vote))
        body = urlencode({"payload": json.dumps(payload)})
        response = await _dispatch(app, body, FORM)
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
