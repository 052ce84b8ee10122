"""`readout serve`, `console` and `run`: clear one-line errors, and the console without tokens."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_SCRATCH = Path(tempfile.mkdtemp(prefix="readout-serve-cli-"))


def _readout(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    clean["READOUT_KNOWLEDGE_DIR"] = str(REPO / "knowledge")
    clean["READOUT_DATABASE_URL"] = f"sqlite:///{_SCRATCH / 'readout.db'}"  # not the repo's
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean, **env},
        cwd=REPO,
        timeout=60,
    )


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
    env: dict[str, str], needle: str
) -> None:
    result = _readout("serve", "--http", "--port", "0", **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert needle in lines[0]
    assert "s3cr3t" not in result.stderr
    assert "xoxb-1-2-3" not in result.stderr


def test_bad_options_exit_2() -> None:
    result = _readout("serve", "--http", "--workers", "0")
    assert result.returncode == 2
    assert "--workers" in result.stderr


def test_run_without_tokens_opens_the_console() -> None:
    result = _readout("run", stdin="/readout who is tommy pigott\n@readout tommy pigott\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "No Slack tokens set, so this is the local console" in result.stderr
    assert "(only you can see this)" in result.stdout
    assert "(in a thread under your message)" in result.stdout
    assert "Pigott" in result.stdout


def test_a_token_slack_rejects_exits_2(tmp_path: Path) -> None:
    from slack_mock import MockSlack

    with MockSlack().running() as mock:
        result = _readout(
            "serve", "--http", "--port", "0",
            SLACK_BOT_TOKEN="xoxb-rejected-000", SLACK_SIGNING_SECRET="s3cr3t-s3cr3t",
            SLACK_API_URL=mock.api_url,
        )  # fmt: skip
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)" in result.stderr
    assert "xoxb-rejected-000" not in result.stderr


def test_several_workers_serve_the_same_answers() -> None:
    import socket

    import httpx
    from slack_mock import MockSlack
    from slack_requests import SECRET, command_body, sign

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with MockSlack().running() as mock:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
        env = {**clean, "SLACK_BOT_TOKEN": "xoxb-1-2-workers", "SLACK_SIGNING_SECRET": SECRET,
               "SLACK_API_URL": mock.api_url,
               "READOUT_DATABASE_URL": f"sqlite:///{_SCRATCH / 'workers.db'}"}  # fmt: skip
        command = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
        process = subprocess.Popen(
            [*command, "--port", str(port), "--workers", "2", "--knowledge", "knowledge"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            for _ in range(4):
                body = command_body("tommy pigott", mock.response_url("w"))
                headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
                reply = httpx.post(f"{base}/slack/events", content=body, headers=headers)
                assert "Pigott" in reply.json()["blocks"][0]["text"]["text"]
        finally:
            process.terminate()
            process.wait(timeout=20)
