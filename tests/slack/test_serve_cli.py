"""`readout serve`, `console` and `run`: clear one-line errors, and the console without tokens."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from serving import REPO, clean_env, serving
from slack_mock import MockSlack
from slack_requests import SECRET, command_body, sign

Readout = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def readout(tmp_path: Path) -> Readout:
    """Run `readout ARGS` with a clean environment and a scratch database (not the repo's)."""

    def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
        settings = {
            "READOUT_KNOWLEDGE_DIR": str(REPO / "knowledge"),
            "READOUT_DATABASE_URL": f"sqlite:///{tmp_path / 'readout.db'}",
            **env,
        }
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=clean_env(**settings),
            cwd=REPO,
            timeout=60,
        )

    return run


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-3"}, "SLACK_SIGNING_SECRET is not set"),
        ({"SLACK_SIGNING_SECRET": "s3cr3t-s3cr3t"}, "SLACK_BOT_TOKEN is not set"),
        ({"READOUT_LOG_LEVEL": "LOUD"}, "READOUT_LOG_LEVEL is not valid"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL is not valid"),
    ],
)
def test_missing_or_malformed_settings_exit_2_with_one_line(
    readout: Readout, env: dict[str, str], needle: str
) -> None:
    result = readout("serve", "--http", "--port", "0", **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert needle in lines[0]
    assert "s3cr3t" not in result.stderr
    assert "xoxb-1-2-3" not in result.stderr


def test_bad_options_exit_2(readout: Readout) -> None:
    result = readout("serve", "--http", "--workers", "0")
    assert result.returncode == 2
    assert "--workers" in result.stderr


def test_run_without_tokens_opens_the_console(readout: Readout) -> None:
    result = readout("run", stdin="/readout who is tommy pigott\n@readout tommy pigott\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "No Slack tokens set, so this is the local console" in result.stderr
    assert "(only you can see this)" in result.stdout
    assert "(in a thread under your message)" in result.stdout
    assert "Pigott" in result.stdout


def test_a_token_slack_rejects_exits_2(readout: Readout) -> None:
    with MockSlack().running() as mock:
        result = readout(
            "serve", "--http", "--port", "0",
            SLACK_BOT_TOKEN="xoxb-rejected-000", SLACK_SIGNING_SECRET="s3cr3t-s3cr3t",
            SLACK_API_URL=mock.api_url,
        )  # fmt: skip
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)" in result.stderr
    assert "xoxb-rejected-000" not in result.stderr


def test_several_workers_serve_the_same_answers(tmp_path: Path) -> None:
    """Both worker processes answer (each response names its worker), with the same answer."""
    answers: list[tuple[str, str]] = []

    def ask(base: str, mock: MockSlack) -> None:
        body = command_body("tommy pigott", mock.response_url("w"))
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        reply = httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10)
        title = reply.json()["blocks"][0]["text"]["text"]
        answers.append((reply.headers["X-Readout-Worker"], title))

    with MockSlack().running() as mock:
        env = clean_env(
            SLACK_BOT_TOKEN="xoxb-1-2-workers",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=mock.api_url,
            READOUT_DATABASE_URL=f"sqlite:///{tmp_path / 'workers.db'}",
        )
        options = ("--workers", "2", "--knowledge", "knowledge")
        with serving(env, tmp_path / "serve.log", *options) as base:
            for _ in range(50):  # until both workers are up and have each taken a connection
                asking = [threading.Thread(target=ask, args=(base, mock)) for _ in range(10)]
                for thread in asking:
                    thread.start()
                for thread in asking:
                    thread.join()
                if len({worker for worker, _ in answers}) == 2:
                    break
    assert len({worker for worker, _ in answers}) == 2
    [title] = {title for _, title in answers}  # the same answer from both
    assert "Pigott" in title
