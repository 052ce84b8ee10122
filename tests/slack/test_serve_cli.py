"""`readout serve`, `console` and `run`: clear one-line errors, and the console without tokens."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.support.serving import REPO, clean_env, serving
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import SECRET, command_body, sign

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
        ({"READOUT_KNOWLEDGE_DIR": "/nonexistent"}, "READOUT_KNOWLEDGE_DIR is not valid: /nonex"),
        ({"READOUT_KNOWLEDGE_DIR": "README.md"}, "README.md is not a directory"),
        (
            {"SLACK_BOT_TOKEN": "xoxp-1-2-3"},
            "SLACK_BOT_TOKEN is not valid: it must start with xoxb- (this is a user token",
        ),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-3", "READOUT_LOG_LEVEL": "debug"}, "SLACK_SIGNING_SECRET"),
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
    assert "1-2-3" not in result.stderr


def test_a_knowledge_option_that_is_no_directory_is_named(readout: Readout) -> None:
    result = readout("serve", "--http", "--knowledge", "/nonexistent")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "readout: --knowledge is not valid: /nonexistent does not exist; point it at the "
        "directory holding readouts/ and terms/."
    ]


@pytest.mark.parametrize("command", ["serve", "run", "console"])
def test_a_bad_knowledge_dir_stops_serving_with_one_line(readout: Readout, command: str) -> None:
    result = readout(command, stdin="quit\n", READOUT_KNOWLEDGE_DIR="/nonexistent")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "readout: READOUT_KNOWLEDGE_DIR is not valid: /nonexistent does not exist; point it at "
        "the directory holding readouts/ and terms/."
    ]
    result = readout(command, "--knowledge", "/nowhere", stdin="quit\n")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("readout: --knowledge is not valid: /nowhere")


@pytest.mark.parametrize("command", ["run", "console"])
def test_a_knowledge_option_overrides_a_bad_knowledge_dir(readout: Readout, command: str) -> None:
    result = readout(
        command, "--knowledge", "knowledge", stdin="tommy pigott\nquit\n",
        READOUT_KNOWLEDGE_DIR="/nonexistent",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Pigott" in result.stdout


def test_bad_options_exit_2(readout: Readout) -> None:
    result = readout("serve", "--http", "--workers", "0")
    assert result.returncode == 2
    assert "--workers" in result.stderr


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--workers", "4"], "--workers applies"),
        (["--host", "127.0.0.1", "--port", "8080"], "--host and --port apply"),
        (["--host", "::", "--port", "1", "--workers", "2"], "--host, --port and --workers apply"),
    ],
)
def test_http_options_in_socket_mode_exit_2_naming_them(
    readout: Readout, options: list[str], named: str
) -> None:
    """With SLACK_APP_TOKEN set and no --http, Readout serves Socket Mode, which opens no port and
    runs one process: the options would be silently ignored, so it stops before connecting."""
    result = readout(
        "serve", *options, SLACK_BOT_TOKEN="xoxb-1-2-3", SLACK_APP_TOKEN="xapp-1-2-3",
        SLACK_API_URL="http://127.0.0.1:9/api/",
    )  # fmt: skip
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"readout: {named} to HTTP mode only")
    assert "pass --http" in line
    assert "1-2-3" not in line


def test_run_without_tokens_opens_the_console(readout: Readout) -> None:
    result = readout("run", stdin="/readout who is tommy pigott\n@readout tommy pigott\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "No Slack tokens set, so this is the local console" in result.stderr
    assert "(only you can see this)" in result.stdout
    assert "(in a thread under your message)" in result.stdout
    assert "Pigott" in result.stdout


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {"SLACK_BOT_TOKEN": "xoxb-1-2-3"},
            "readout: SLACK_APP_TOKEN is not set; Socket Mode needs an app-level token (xapp-…) "
            "from Basic Information > App-Level Tokens (or, for HTTP mode, set "
            "SLACK_SIGNING_SECRET).",
        ),
        (
            {"SLACK_APP_TOKEN": "xapp-1-2-3"},
            "readout: SLACK_BOT_TOKEN is not set; Socket Mode also needs the Bot User OAuth Token "
            "(xoxb-…) from OAuth & Permissions.",
        ),
        (
            {"SLACK_SIGNING_SECRET": "s3cr3t-s3cr3t"},
            "readout: SLACK_BOT_TOKEN is not set; HTTP mode needs the bot token (xoxb-…).",
        ),
    ],
)
def test_run_with_some_slack_settings_names_the_missing_one(
    readout: Readout, env: dict[str, str], line: str
) -> None:
    """`make run` with only some settings must not pretend none are set and open the console."""
    result = readout("run", stdin="quit\n", **env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert "1-2-3" not in result.stderr
    assert "s3cr3t" not in result.stderr
    assert result.stdout == ""


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
