"""The log of `readout serve --http` as an operator reads it: JSON lines when asked, and request
bodies only at DEBUG, only once verified, and cut short."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.bad_requests import FORM, MARKER, signature
from tests.support.serving import bot_env, serving
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import command_body

BOT_TOKEN = "xoxb-0000000000-1111111111-TeStToKeNvAlUe"


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


def _env(mock: MockSlack, log: Path, **settings: str) -> dict[str, str]:
    return bot_env(
        mock.api_url,
        f"sqlite:///{log.parent / 'readout.db'}",
        token=BOT_TOKEN,
        **settings,
    )


def _post(base: str, body: str, *, signed: bool) -> httpx.Response:
    raw = body.encode()
    headers = [("Content-Type", FORM.encode()), *(signature(raw) if signed else [])]
    return httpx.post(f"{base}/slack/events", content=raw, headers=headers, timeout=30)


def test_json_logs_are_one_object_per_line(mock: MockSlack, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with serving(_env(mock, log, READOUT_LOG_FORMAT="json"), log) as base:
        assert _post(base, f"text=a\nb{MARKER}", signed=False).status_code == 401
        answered = _post(base, command_body("tommy pigott", mock.response_url("j")), signed=True)
        assert answered.status_code == 200
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert {"uvicorn.error", "bot.slack.ingress", "bot.slack.server"} <= {
        r["logger"] for r in records
    }
    assert all(set(r) == {"time", "level", "logger", "message", "exception"} for r in records)
    assert any("refused a request" in r["message"] for r in records)
    assert MARKER not in log.read_text()


def test_at_debug_only_verified_bodies_are_logged_and_cut_short(
    mock: MockSlack, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    question = "tommy pigott " + "long " * 200
    with serving(_env(mock, log, READOUT_LOG_LEVEL="DEBUG"), log) as base:
        unsigned = command_body(f"{MARKER} unsigned", mock.response_url("u"))
        assert _post(base, unsigned, signed=False).status_code == 401
        forged = [("Content-Type", FORM.encode()), *signature(unsigned.encode(), secret="nope")]
        refused = httpx.post(f"{base}/slack/events", content=unsigned, headers=forged, timeout=30)
        assert refused.status_code == 401
        body = command_body(question, mock.response_url("d"))
        assert _post(base, body, signed=True).status_code == 200
    text = log.read_text()
    assert MARKER not in text
    shown = [line for line in text.splitlines() if "verified a request of" in line]
    assert len(shown) == 1
    assert f"verified a request of {len(body)} bytes: " in shown[0]
    assert body[:300] in shown[0]
    assert body[:400] not in shown[0]
    assert shown[0].endswith("…")
