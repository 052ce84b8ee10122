"""`readout serve` with SLACK_APP_TOKEN: Socket Mode against a fake Slack (Web API + websocket).

The fake answers apps.connections.open with its own ws:// URL, says hello, then sends envelopes
the way Slack does (an app_mention event and a /readout command) and records the app's acks.
A token containing `rejected` gets `invalid_auth`, as Slack answers a revoked or mistyped one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType, web

REPO = Path(__file__).resolve().parents[2]
APP_TOKEN = "xapp-1-A0APP-1234-socketmodesecret"
BOT_TOKEN = "xoxb-0000-1111-socketmodebot"


class FakeSlack:
    def __init__(self) -> None:
        self.api_calls: list[tuple[str, dict[str, Any]]] = []
        self.acks: list[dict[str, Any]] = []
        self.changed = threading.Condition()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    def wait(self, found: Any, timeout: float = 20.0) -> Any:
        with self.changed:
            result = self.changed.wait_for(found, timeout)
        assert result, f"timed out; api calls {self.api_calls}, acks {self.acks}"
        return result

    def _note(self, action: Any) -> None:
        with self.changed:
            action()
            self.changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        data = json.loads(raw) if raw.startswith("{") else dict(await request.post())
        self._note(lambda: self.api_calls.append((method, data)))
        body: dict[str, Any] = {"ok": True}
        if "rejected" in request.headers.get("Authorization", ""):
            body = {"ok": False, "error": "invalid_auth"}
        elif method == "apps.connections.open":
            body["url"] = f"ws://127.0.0.1:{self.port}/link"
        elif method == "auth.test":
            body.update(user_id="UBOT", bot_id="B0BOT", team_id="T0TEAM")
        elif method == "chat.postMessage":
            body.update(channel=data.get("channel"), ts="1700000000.000200")
        return web.json_response(body)

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        await ws.send_json(_mention_envelope())
        await ws.send_json(_command_envelope())
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                ack = json.loads(message.data)
                self._note(lambda ack=ack: self.acks.append(ack))
        return ws

    def start(self) -> None:
        started = threading.Event()

        async def serve() -> None:
            app = web.Application()
            app.add_routes([web.post("/api/{method}", self._api), web.get("/link", self._link)])
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            started.set()

        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(serve(), self._loop)
        assert started.wait(10)

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)


def _mention_envelope() -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": "U0ASKER",
        "text": "<@UBOT> who is Tommy Pigott?",
        "ts": "1700000005.000100",
        "channel": "C0SOCKET",
        "event_ts": "1700000005.000100",
    }
    return {
        "envelope_id": "env-mention",
        "type": "events_api",
        "accepts_response_payload": False,
        "payload": {
            "type": "event_callback",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "event": event,
            "event_id": "Ev0SOCKET",
            "event_time": 1700000005,
        },
    }


def _command_envelope() -> dict[str, Any]:
    return {
        "envelope_id": "env-command",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "team_id": "T0TEAM",
            "channel_id": "C0SOCKET",
            "user_id": "U0ASKER",
            "command": "/readout",
            "text": "tommy pigott",
            "api_app_id": "A0APP",
            "response_url": "https://hooks.slack.com/commands/x",
            "trigger_id": "1.2",
        },
    }


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack()
    slack.start()
    yield slack
    slack.stop()


def _env(fake: FakeSlack, tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=f"http://127.0.0.1:{fake.port}/api/",
        READOUT_KNOWLEDGE_DIR=str(REPO / "knowledge"),
        READOUT_DATABASE_URL=f"sqlite:///{tmp_path / 'readout.db'}",
        READOUT_LOG_LEVEL="DEBUG",
    )
    return {**env, **settings}


def test_socket_mode_answers_mentions_and_commands_then_stops_cleanly(
    fake: FakeSlack, tmp_path: Path
) -> None:
    env = _env(fake, tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        post = fake.wait(
            lambda: next((d for m, d in fake.api_calls if m == "chat.postMessage"), None)
        )
        assert post["channel"] == "C0SOCKET"
        assert post["thread_ts"] == "1700000005.000100"
        command_ack = fake.wait(
            lambda: next((a for a in fake.acks if a["envelope_id"] == "env-command"), None)
        )
        assert command_ack["payload"]["response_type"] == "ephemeral"
        assert "Pigott" in command_ack["payload"]["blocks"][0]["text"]["text"]
        assert any(a["envelope_id"] == "env-mention" for a in fake.acks)
    finally:
        time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=20)[0]
    assert process.returncode == 0, output
    assert "closing the Socket Mode connection" in output
    assert APP_TOKEN not in output
    assert BOT_TOKEN not in output


def test_an_app_token_slack_rejects_exits_2_with_one_line(fake: FakeSlack, tmp_path: Path) -> None:
    """Not 'serving Slack over Socket Mode' and a traceback retried for ever: one line, exit 2."""
    rejected = "xapp-1-A0APP-1234-rejectedsecret"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env=_env(fake, tmp_path, SLACK_APP_TOKEN=rejected, READOUT_LOG_LEVEL="INFO"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "readout: SLACK_APP_TOKEN was rejected by Slack (invalid_auth); copy an App-Level Token "
        "from Basic Information > App-Level Tokens, and check SLACK_API_URL for GovSlack."
    ]
    assert "rejectedsecret" not in result.stdout + result.stderr
    assert [m for m, _ in fake.api_calls] == ["auth.test", "apps.connections.open"]


def test_a_bot_token_in_slack_app_token_is_refused_before_calling_slack(
    fake: FakeSlack, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env=_env(fake, tmp_path, SLACK_APP_TOKEN="xoxb-rejected-apptoken"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("readout: SLACK_APP_TOKEN is not valid: it must start with xapp-")
    assert "Basic Information > App-Level Tokens" in line
    assert "rejected-apptoken" not in result.stdout + result.stderr
    assert fake.api_calls == []


def test_an_unreachable_slack_only_warns_at_start(caplog: pytest.LogCaptureFixture) -> None:
    """Slack may be unreachable while the network comes up: start anyway, saying so once."""
    from bot.config import load_settings
    from bot.slack.startup import check_app_token

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/api/"
    settings = load_settings(slack_app_token=APP_TOKEN, slack_api_url=url)
    with caplog.at_level(logging.WARNING):
        asyncio.run(check_app_token(settings))
    assert [r.getMessage() for r in caplog.records] == [
        f"could not reach Slack at {url} (ClientConnectorError); starting anyway"
    ]
