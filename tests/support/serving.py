"""`readout serve --http` as a subprocess for a test: started on a free port with a clean
environment, waited for until /healthz answers, stopped afterwards; its log kept in a file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.slack_requests import SECRET

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without any SLACK_* or READOUT_* variable, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    return {**env, **settings}


def bot_env(
    api_url: str,
    database_url: str,
    *,
    token: str,
    knowledge: str | Path = REPO / "knowledge",
    **settings: str,
) -> dict[str, str]:
    """A clean environment for a Readout serving over HTTP with the test signing secret: its Web
    API calls go to the Slack mock at `api_url`, its data to `database_url`; plus `settings`."""
    return clean_env(
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=api_url,
        READOUT_KNOWLEDGE_DIR=str(knowledge),
        READOUT_DATABASE_URL=database_url,
        **settings,
    )


@contextmanager
def serving(
    env: Mapping[str, str], log: Path, *options: str, timeout: float = 60.0
) -> Iterator[str]:
    """Run `readout serve --http [options]` until the block ends; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), *options],
            env=dict(env),
            cwd=REPO,
            stdout=out,
            stderr=out,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, log, timeout)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise AssertionError(f"readout serve exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"readout serve did not become healthy:\n{log.read_text()}")
        time.sleep(0.1)


def wait_for_log(log: Path, text: str, timeout: float = 30.0) -> str:
    """The first line of `log` containing `text`, waiting for it to be written if need be."""
    deadline = time.monotonic() + timeout
    while True:
        found = [line for line in log.read_text().splitlines() if text in line]
        if found:
            return found[0]
        if time.monotonic() > deadline:
            raise AssertionError(f"no log line with {text!r} within {timeout}s:\n{log.read_text()}")
        time.sleep(0.1)
