"""`readout serve --http` as a real subprocess, driven by signed requests as Slack sends them,
against a mock Slack Web API that records every call the app makes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.support.serving import bot_env, serving
from tests.support.slack_mock import BOT_USER_ID, Call, MockSlack
from tests.support.slack_requests import SECRET, click_body, command_body, event_body, sign

BOT_TOKEN = "xoxb-0000000000-1111111111-TeStToKeNvAlUe"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


@pytest.fixture(scope="module")
def server(mock: MockSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = bot_env(
        mock.api_url,
        f"sqlite:///{log.parent / 'readout.db'}",
        token=BOT_TOKEN,
        READOUT_LOG_LEVEL="DEBUG",
    )
    with serving(env, log) as base:
        yield base
    text = log.read_text()
    if os.environ.get("READOUT_TEST_SHOW_LOG"):
        print(text)
    assert BOT_TOKEN not in text
    assert SECRET not in text


def post(server: str, body: str, content_type: str, **signing: object) -> httpx.Response:
    headers = {"Content-Type": content_type, **sign(body, **signing)}  # type: ignore[arg-type]
    return httpx.post(f"{server}/slack/events", content=body, headers=headers, timeout=10)


def _response(name: str) -> Callable[[Call], bool]:
    return lambda c: c.method == "response_url" and c.path == f"/response/{name}"


def test_healthz(server: str) -> None:
    response = httpx.get(f"{server}/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


def test_slash_command_answers_ephemerally_then_share_posts_in_channel(
    server: str, mock: MockSlack
) -> None:
    body = command_body("who is Tommy Pigott?", mock.response_url("ask-1"))
    response = post(server, body, FORM)
    assert response.status_code == 200
    answer = response.json()  # the answer comes back in the acknowledgement itself
    assert answer["response_type"] == "ephemeral"
    assert answer["text"]
    assert answer["blocks"][0]["type"] == "header"
    assert "Pigott" in answer["blocks"][0]["text"]["text"]
    share = next(
        e
        for b in answer["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id", "").startswith("readout.share")
    )
    click = click_body(share["action_id"], share["value"], response_url=mock.response_url("s-1"))
    assert post(server, click, FORM).status_code == 200
    shared = mock.wait_for(_response("s-1")).data
    assert shared["response_type"] == "in_channel"
    assert shared["replace_original"] is False
    assert shared["blocks"][0]["elements"][0]["text"].startswith("<@U0ASKER> shared this answer")
    assert "readout.share" not in str(shared["blocks"])
    assert not [c for c in mock.calls if c.path == "/response/ask-1"]


def test_help_and_list(server: str, mock: MockSlack) -> None:
    help_message = post(server, command_body("", mock.response_url("help-1")), FORM).json()
    assert help_message["blocks"][0]["text"]["text"] == "Ask Readout"
    listed = post(server, command_body("list bolivia", mock.response_url("list-1")), FORM).json()
    assert listed["blocks"][0]["text"]["text"] == "Tagged bolivia"


def test_hostile_question_is_echoed_escaped(server: str, mock: MockSlack) -> None:
    body = command_body("&lt;!channel&gt; <@U0OTHER> weather in paris", mock.response_url("h-1"))
    reply = post(server, body, FORM).json()
    assert "&lt;!channel&gt;" in reply["text"]
    assert "<!channel>" not in str(reply)
    assert "<@U0OTHER>" not in str(reply)


def test_buttons_open_and_replace(server: str, mock: MockSlack) -> None:
    listed = post(server, command_body("list", mock.response_url("list-2")), FORM).json()
    first = next(b["accessory"] for b in listed["blocks"] if "accessory" in b)
    url = mock.response_url("open-1")
    post(server, click_body(first["action_id"], first["value"], response_url=url), FORM)
    opened = mock.wait_for(_response("open-1")).data
    assert opened["replace_original"] is False  # "Open" keeps the list
    assert opened["response_type"] == "ephemeral"
    related = next(
        e
        for b in opened["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id", "").startswith("readout.answer")
    )
    url = mock.response_url("in-place")
    post(server, click_body(related["action_id"], related["value"], response_url=url), FORM)
    replaced = mock.wait_for(_response("in-place")).data
    assert replaced["replace_original"] is True
    assert replaced["blocks"][0]["type"] == "header"


def test_did_you_mean_click_replaces_with_that_answer(server: str, mock: MockSlack) -> None:
    value = '{"t":"tommy-pigott","q":"pigot","m":"Pigott","f":"alias","s":72.0}'
    url = mock.response_url("dym-1")
    post(server, click_body("readout.answer.0", value, response_url=url), FORM)
    replaced = mock.wait_for(_response("dym-1")).data
    assert replaced["replace_original"] is True
    assert "Pigott" in replaced["blocks"][0]["text"]["text"]
    assert "Closest match for “pigot”" in str(replaced["blocks"])


def test_mention_is_answered_in_a_thread(server: str, mock: MockSlack) -> None:
    event = {
        "type": "app_mention",
        "user": "U0ASKER",
        "text": f"<@{BOT_USER_ID}> who is Tommy Pigott?",
        "ts": "1700000001.000100",
        "channel": "C0MENTION",
        "event_ts": "1700000001.000100",
    }
    response = post(server, event_body(event, "Ev0MENTION1"), "application/json")
    assert response.status_code == 200
    reply = mock.wait_for(
        lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "C0MENTION"
    )
    assert reply.data["thread_ts"] == "1700000001.000100"
    assert reply.authorization == f"Bearer {BOT_TOKEN}"
    assert "Pigott" in str(reply.data["blocks"][0])
    in_thread = {
        **event,
        "ts": "1700000002.000100",
        "thread_ts": "1700000000.000900",
        "channel": "C0THREAD",
    }
    post(server, event_body(in_thread, "Ev0MENTION2"), "application/json")
    threaded = mock.wait_for(
        lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "C0THREAD"
    )
    assert threaded.data["thread_ts"] == "1700000000.000900"


def test_direct_message_is_answered_in_the_dm(server: str, mock: MockSlack) -> None:
    base = {"type": "message", "channel": "D0DM", "channel_type": "im", "ts": "1700000003.000100"}
    post(
        server,
        event_body({**base, "bot_id": "B0OTHER", "text": "tommy pigott"}, "Ev0BOT"),
        "application/json",
    )
    post(server, event_body({**base, "subtype": "message_changed"}, "Ev0EDIT"), "application/json")
    post(
        server,
        event_body({**base, "user": "U0ASKER", "text": "tommy pigott"}, "Ev0DM"),
        "application/json",
    )
    reply = mock.wait_for(
        lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "D0DM"
    )
    assert "thread_ts" not in reply.data
    assert "Pigott" in str(reply.data["blocks"][0])
    # A question sent after the others and answered: any reply to the bot's message or to the
    # edit (sent before it) would have been posted by now.
    sentinel = {**base, "channel": "D0LATER", "user": "U0ASKER", "text": "tommy pigott"}
    post(server, event_body(sentinel, "Ev0LATER"), "application/json")
    mock.wait_for(lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "D0LATER")
    assert sum(1 for c in mock.calls if c.data.get("channel") == "D0DM") == 1


def test_app_home_is_published(server: str, mock: MockSlack) -> None:
    event = {
        "type": "app_home_opened",
        "user": "U0HOME",
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": "1700000004.000100",
    }
    post(server, event_body(event, "Ev0HOME"), "application/json")
    call = mock.wait_for(
        lambda c: c.method == "views.publish" and c.data.get("user_id") == "U0HOME"
    )
    view = call.data["view"]
    assert view["type"] == "home"
    assert view["blocks"][0]["text"]["text"] == "Readout"
    assert "loaded" in str(view["blocks"][-1])
    home_button = next(b["accessory"] for b in view["blocks"] if "accessory" in b)
    post(
        server,
        click_body(
            home_button["action_id"], home_button["value"], response_url=None, user="U0HOME"
        ),
        FORM,
    )
    dm = mock.wait_for(
        lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "U0HOME"
    )
    assert dm.data["blocks"][0]["type"] == "header"


def test_url_verification(server: str) -> None:
    body = '{"token":"t","challenge":"c-123","type":"url_verification"}'
    response = post(server, body, "application/json")
    assert response.status_code == 200
    assert "c-123" in response.text


BAD_SIGNATURES = ("unsigned", "other-secret", "altered", "stale", "future")


def _badly_signed(body: str, case: str) -> tuple[str, dict[str, str]]:
    """`body` as sent and its signing headers, wrong in the way `case` names."""
    if case == "unsigned":
        return body, {}
    if case == "other-secret":
        return body, sign(body, secret="not-the-signing-secret")
    if case == "altered":
        return body.replace("Pigott", "Pigot"), sign(body)
    if case == "stale":
        return body, sign(body, timestamp=int(time.time()) - 6 * 60)
    assert case == "future"
    return body, sign(body, timestamp=int(time.time()) + 6 * 60)


def _mention(channel: str) -> dict[str, str]:
    """A mention Readout answers with a post in `channel` whenever it accepts it."""
    text = f"<@{BOT_USER_ID}> who is Tommy Pigott?"
    ts = "1700000005.000100"
    return {"type": "app_mention", "user": "U0ASKER", "text": text, "ts": ts, "channel": channel}


def test_bad_signatures_get_401_and_nothing_is_posted(server: str, mock: MockSlack) -> None:
    statuses: dict[str, tuple[int, int]] = {}
    for n, case in enumerate(BAD_SIGNATURES, start=1):
        command = command_body("who is Tommy Pigott?", mock.response_url(f"bad-{case}"))
        body, headers = _badly_signed(command, case)
        headers["Content-Type"] = FORM
        command_status = httpx.post(f"{server}/slack/events", content=body, headers=headers)
        body, headers = _badly_signed(event_body(_mention(f"C0BAD{n}"), f"Ev0BAD{n}"), case)
        headers["Content-Type"] = "application/json"
        event_status = httpx.post(f"{server}/slack/events", content=body, headers=headers)
        statuses[case] = (command_status.status_code, event_status.status_code)
    assert statuses == dict.fromkeys(BAD_SIGNATURES, (401, 401))
    # A correctly signed mention sent after them and answered: had any bad one been accepted,
    # its reply would have been posted by now.
    post(server, event_body(_mention("C0GOOD"), "Ev0GOOD"), "application/json")
    mock.wait_for(lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "C0GOOD")
    assert not [c for c in mock.calls if str(c.data.get("channel", "")).startswith("C0BAD")]
