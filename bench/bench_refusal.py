"""Refusing big unsigned requests: how long `readout serve --http` (one worker, READOUT_LOG_LEVEL
INFO as in production, mock Slack Web API on loopback) takes to answer a POST /slack/events of
160 KB, 2 MB and 10 MB, and how long /healthz takes meanwhile. The bodies are one long run of
word starts (`text=a-a-a-…`), the text the old log redaction was quadratic on.

Each request is sent over its own connection: the headers, then the body from a background task;
the time is from the first byte sent to the status line received. The client writes the body on
the same event loop it reads the answer on, so the times include its own writing of up to 10 MB;
the "headers only" sender, which declares the size and sends no body, shows the server's part
alone. The other senders: no signature headers; a well-formed but wrong signature with
Content-Length (refused on the length alone when over the limit); the same chunked, without
Content-Length (the server reads up to its 1 MiB limit to know). While each request is in
flight, /healthz is asked on another connection.

`python -m bench.bench_refusal` runs it alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_http import SECRET, TOKEN, _free_port, wait_healthy

REPO = Path(__file__).resolve().parents[1]
SIZES = {"160 KB": 160 * 1024, "2 MB": 2 * 1024 * 1024, "10 MB": 10 * 1024 * 1024}
KINDS = ("unsigned, headers only", "unsigned", "forged, Content-Length", "forged, chunked")
REPEAT = 10


def _headers(kind: str, size: int) -> bytes:
    lines = [
        "POST /slack/events HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/x-www-form-urlencoded",
    ]
    lines.append(
        "Transfer-Encoding: chunked" if kind.endswith("chunked") else f"Content-Length: {size}"
    )
    if kind.startswith("forged"):
        stamp = str(int(time.time()))
        digest = hmac.new(b"wrong", f"v0:{stamp}:x".encode(), hashlib.sha256).hexdigest()
        lines += [f"X-Slack-Request-Timestamp: {stamp}", f"X-Slack-Signature: v0={digest}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _body(kind: str, size: int) -> bytes:
    if kind.endswith("headers only"):
        return b""
    body = (b"text=" + b"a-" * (size // 2))[:size]  # the run of word starts that used to hurt
    if not kind.endswith("chunked"):
        return body
    step = 64 * 1024
    chunks = (body[i : i + step] for i in range(0, size, step))
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


async def _refusal(port: int, kind: str, size: int) -> tuple[float, int, float]:
    """Seconds to the status line, the status, and /healthz's seconds meanwhile."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = _body(kind, size)
    started = time.perf_counter()
    writer.write(_headers(kind, size))

    async def upload() -> None:
        with contextlib.suppress(OSError):
            writer.write(body)
            await writer.drain()

    sending = asyncio.create_task(upload())
    health = asyncio.create_task(_healthz(port))
    status_line = await asyncio.wait_for(reader.readline(), 120)
    elapsed = time.perf_counter() - started
    health_seconds = await health
    sending.cancel()
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return elapsed, int(status_line.split()[1]), health_seconds


async def _healthz(port: int) -> float:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    await asyncio.wait_for(reader.read(), 120)
    writer.close()
    return time.perf_counter() - started


def run() -> str:
    """Start the mock and `readout serve --http`, send the bodies, return the Markdown section."""
    with tempfile.TemporaryDirectory() as scratch:
        return _run(Path(scratch))


def _run(scratch: Path) -> str:
    mock_port, port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=f"http://127.0.0.1:{mock_port}/api/",
        READOUT_KNOWLEDGE_DIR=str(REPO / "knowledge"),
        READOUT_DATABASE_URL=f"sqlite:///{scratch / 'bench.db'}",
    )
    py = sys.executable
    mock = [py, "-m", "bench.bench_http", "mock", str(mock_port)]
    serve = [py, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)]
    log = (scratch / "serve.log").open("w")
    processes = [
        subprocess.Popen(
            mock, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ),
        subprocess.Popen(serve, env=env, cwd=REPO, stdout=log, stderr=log),
    ]
    try:
        wait_healthy(f"http://127.0.0.1:{mock_port}/healthz", processes[0])
        wait_healthy(f"http://127.0.0.1:{port}/healthz", processes[1])
        results = {
            (kind, name): [asyncio.run(_refusal(port, kind, size)) for _ in range(REPEAT)]
            for kind in KINDS
            for name, size in SIZES.items()
        }
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        log.close()
    log_bytes = (scratch / "serve.log").stat().st_size
    return _report(results, log_bytes)


def _report(results: dict[tuple[str, str], list[tuple[float, int, float]]], log_bytes: int) -> str:
    rows = []
    for (kind, name), runs in results.items():
        seconds = [r[0] * 1000 for r in runs]
        health = [r[2] * 1000 for r in runs]
        statuses = ", ".join(sorted({str(r[1]) for r in runs}))
        rows.append(
            f"| {kind} | {name} | {statuses} | {statistics.median(seconds):.1f} | "
            f"{max(seconds):.1f} | {max(health):.1f} |"
        )
    requests = sum(len(runs) for runs in results.values())
    return (
        "## Refusing big unsigned requests\n\n"
        f"{__doc__.split(chr(10) + chr(10))[1].replace(chr(10), ' ')}\n\n"
        f"{REPEAT} requests of each; times in ms.\n\n"
        "| sender | body | status | median to status | slowest | slowest /healthz meanwhile |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        f"The server's whole log for these {requests} requests: {log_bytes:,} bytes. Before the "
        "ingress checks (issue 9), 160 KB took 3.5 s with /healthz stalled, and 2 MB or 10 MB "
        "were never answered.\n"
    )


if __name__ == "__main__":
    print(run())
