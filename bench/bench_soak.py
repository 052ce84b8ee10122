"""Soak: 10,000 signed requests at `readout serve --http --workers 2` while Slack misbehaves.

The mock Web API (a helper process, `python -m bench.bench_soak mock PORT`) fails 5% of calls
(every method and response_url) transiently: a quarter answer 429 (Retry-After: 1), half 500
(Slack's JSON error or an HTML outage page), a quarter close the connection without an answer.
A call that meets a fault posts nothing; every other post is counted by what it answers. The
load, 100 requests in flight: mentions (each answered in its thread by chat.postMessage; 5% are
sent again as Slack's retries of the same event, up to three, each on a new connection, until
one reaches the other worker; none may be answered twice: the workers share their claims through
the database), `/readout` questions (answered in the
acknowledgement) and `/readout status` from someone who is not an admin (answered by
response_url). Reported: replies delivered, lost (never posted) and duplicated (posted twice),
acknowledgement times, and the server's memory (RSS of the supervisor and both workers) before
and after.

`python -m bench soak` runs it (add `--update` to put its section in RESULTS.md);
`python -m bench.bench_soak` alone prints the section.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp

from bench import mock_slack
from bench.bench_http import REPO, SECRET, TOKEN, _free_port, wait_healthy

REQUESTS = 10_000
IN_FLIGHT = 100
FAULT_RATE = 0.05
SLACK_RETRY_RATE = 0.05
MIX = (("mention", 0.5), ("question", 0.3), ("status", 0.2))
SETTLE_SECONDS = 180.0
"""After the last request, how long replies may take to arrive: the reply deadline (120 s)
and some."""
ACK_LIMIT = 3.0
QUESTIONS = (
    "who is Tommy Pigott?", "what is economic opening?", "did they sign anything?",
    "latest bolivia readout", "what is USMCA", "weather in paris", "help", "list bolivia",
)  # fmt: skip
SORRY = "Sorry, something went wrong"


@dataclass
class Load:
    """What was sent and what came back from Readout itself."""

    latencies: list[float] = field(default_factory=list)
    failed_acks: int = 0
    per_worker: dict[str, int] = field(default_factory=dict)
    """Acknowledgements by each worker process."""
    expected_posts: set[str] = field(default_factory=set)
    """Every reply that must be posted to the mock exactly once (by its key)."""
    mentions: int = 0
    retried_events: int = 0
    slack_retries: int = 0
    retried_elsewhere: int = 0
    """Retried events one of whose retries reached the other worker than the first delivery."""
    questions: int = 0
    answered_in_ack: int = 0
    statuses: int = 0


def _signed(body: str, content_type: str, **extra: str) -> dict[str, str]:
    from slack_sdk.signature import SignatureVerifier

    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature, **extra}  # fmt: skip


def _command(text: str, response_url: str) -> str:
    return urlencode(
        {
            "token": "x", "team_id": "T0TEAM", "team_domain": "soak", "channel_id": "C0SOAK",
            "channel_name": "soak", "user_id": "U0SOAK", "user_name": "soak",
            "command": "/readout", "text": text, "api_app_id": "A0APP",
            "is_enterprise_install": "false", "response_url": response_url, "trigger_id": "1.2.3",
        }
    )  # fmt: skip


def _mention(n: int, question: str) -> tuple[str, str]:
    """A mention event and the key of its reply (channel and thread)."""
    ts = f"1700000000.{n:06d}"
    event = {"type": "app_mention", "user": "U0SOAK", "text": f"<@UBOT> {question}",
             "ts": ts, "channel": "C0SOAK", "event_ts": ts}  # fmt: skip
    body = {
        "token": "x", "team_id": "T0TEAM", "api_app_id": "A0APP", "event": event,
        "type": "event_callback", "event_id": f"Ev0SOAK{n:06d}", "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0TEAM", "user_id": "UBOT", "is_bot": True}],
    }  # fmt: skip
    return json.dumps(body), f"C0SOAK:{ts}"


async def _load(url: str, mock: str, seed: int) -> Load:
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    plan = [(n, rng.choices(kinds, weights)[0], rng.choice(QUESTIONS)) for n in range(REQUESTS)]
    load = Load()
    retries: list[tuple[str, str]] = []  # (body, the worker that took the first delivery)
    connector = aiohttp.TCPConnector(limit=IN_FLIGHT)
    fresh = aiohttp.TCPConnector(limit=IN_FLIGHT, force_close=True)  # a connection per request
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        aiohttp.ClientSession(connector=fresh) as slack_retrying,
    ):

        async def send(
            body: str, headers: dict[str, str], via: aiohttp.ClientSession = session
        ) -> tuple[bytes, str] | None:
            """The acknowledgement and the worker that sent it; None when it failed."""
            start = time.perf_counter()
            try:
                async with via.post(url, data=body, headers=headers) as response:
                    content = await response.read()
                    ok = response.status == 200
                    worker = response.headers.get("X-Readout-Worker", "")
            except aiohttp.ClientError:
                content, ok, worker = b"", False, ""
            load.latencies.append(time.perf_counter() - start)
            load.per_worker[worker] = load.per_worker.get(worker, 0) + 1
            if not ok:
                load.failed_acks += 1
                return None
            return content, worker

        async def one(n: int, kind: str, question: str) -> None:
            if kind == "mention":
                body, key = _mention(n, question)
                load.mentions += 1
                load.expected_posts.add(key)
                sent = await send(body, _signed(body, "application/json"))
                if sent is not None and rng.random() < SLACK_RETRY_RATE:
                    retries.append((body, sent[1]))
            elif kind == "question":
                body = _command(question, f"{mock}/response/unused-{n}")
                load.questions += 1
                sent = await send(body, _signed(body, "application/x-www-form-urlencoded"))
                if sent and b'"text"' in sent[0] and SORRY.encode() not in sent[0]:
                    load.answered_in_ack += 1
            else:
                key = f"status-{n}"
                body = _command("status", f"{mock}/response/{key}")
                load.statuses += 1
                load.expected_posts.add(key)
                await send(body, _signed(body, "application/x-www-form-urlencoded"))

        queue = list(reversed(plan))

        async def worker() -> None:
            while queue:
                await one(*queue.pop())
                if retries:
                    await slack_retries(*retries.pop())

        async def slack_retries(body: str, first: str) -> None:
            """Slack's retries of an event already delivered once, each on a new connection,
            up to Slack's three, until one reaches the other worker."""
            load.retried_events += 1
            for number in range(1, 4):
                load.slack_retries += 1
                retry = {"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": "http_timeout"}
                sent = await send(body, _signed(body, "application/json", **retry), slack_retrying)
                if sent is not None and sent[1] != first:
                    load.retried_elsewhere += 1
                    return

        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return load


async def _stats(mock: str) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session, session.get(f"{mock}/stats") as response:
        result: dict[str, Any] = await response.json()
        return result


async def _settle(mock: str, expected: set[str]) -> dict[str, Any]:
    """Mock statistics once every expected reply has arrived, or when SETTLE_SECONDS pass."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        stats = await _stats(mock)
        if expected <= set(stats["delivered"]) or time.monotonic() > deadline:
            await asyncio.sleep(2.0)  # a late duplicate would arrive about now
            return await _stats(mock)
        await asyncio.sleep(0.5)


def _rss_mib(pid: int) -> float:
    """Resident memory of `pid` and its children (uvicorn's supervisor and workers), MiB."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry.name))
    total_kib = 0
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def run() -> str:
    with tempfile.TemporaryDirectory(prefix="readout-bench-soak-") as scratch:
        return _run(Path(scratch))


def _run(scratch: Path) -> str:
    mock_port, readout_port = _free_port(), _free_port()
    mock = f"http://127.0.0.1:{mock_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=f"{mock}/api/",
        READOUT_KNOWLEDGE_DIR=str(REPO / "knowledge"), READOUT_LOG_LEVEL="WARNING",
        READOUT_DATABASE_URL=f"sqlite:///{scratch / 'soak.db'}",
    )  # fmt: skip
    py = sys.executable
    log = scratch / "serve.log"
    mock_process = subprocess.Popen(
        [py, "-m", "bench.bench_soak", "mock", str(mock_port)],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            [py, "-m", "bot", "serve", "--http", "--host", "127.0.0.1",
             "--port", str(readout_port), "--workers", "2"],
            env=env, cwd=REPO, stdout=out, stderr=out,
        )  # fmt: skip
    try:
        wait_healthy(f"{mock}/healthz", mock_process)
        wait_healthy(f"http://127.0.0.1:{readout_port}/healthz", server, timeout=60)
        time.sleep(2.0)  # both workers up and settled
        rss_before = _rss_mib(server.pid)
        began = time.perf_counter()
        load = asyncio.run(_load(f"http://127.0.0.1:{readout_port}/slack/events", mock, 9))
        seconds = time.perf_counter() - began
        stats = asyncio.run(_settle(mock, load.expected_posts))
        rss_after = _rss_mib(server.pid)
    finally:
        server.terminate()
        mock_process.terminate()
        server.wait(timeout=30)
        mock_process.wait(timeout=10)
    undelivered_lines = sum(1 for line in log.read_text().splitlines() if "undelivered:" in line)
    return _report(load, stats, seconds, rss_before, rss_after, undelivered_lines)


def _report(
    load: Load,
    stats: dict[str, Any],
    seconds: float,
    rss_before: float,
    rss_after: float,
    undelivered_lines: int,
) -> str:
    delivered: dict[str, int] = stats["delivered"]
    faults: dict[str, int] = stats["faults"]
    posted = {key: n for key, n in delivered.items() if key in load.expected_posts}
    lost_posts = len(load.expected_posts - set(posted))
    duplicated = sum(1 for n in posted.values() if n > 1)
    lost_acks = load.questions - load.answered_in_ack
    lost = lost_posts + lost_acks
    ordered = sorted(load.latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    slow = sum(1 for x in ordered if x >= ACK_LIMIT)
    expected = len(load.expected_posts) + load.questions
    met = lost == 0 and duplicated == 0 and slow == 0 and load.failed_acks == 0
    fault_text = ", ".join(f"{kind} {n}" for kind, n in sorted(faults.items()))
    lines = [
        "## Soak: replies through Slack's bad moments (`bench/bench_soak.py`)",
        "",
        f"`readout serve --http --workers 2` (SQLite) against a mock Web API that fails "
        f"{FAULT_RATE:.0%} of calls, every method and response_url, transiently: a quarter 429 "
        "(Retry-After: 1), half 500 (Slack's JSON or an HTML page), a quarter the connection "
        "closed without an answer; a call that meets a fault posts nothing. "
        f"{len(load.latencies):,} signed requests, {IN_FLIGHT} in flight: mentions answered in "
        f"their thread, {SLACK_RETRY_RATE:.0%} of them sent again as Slack's retries of the same "
        "event, up to three, each on a new connection, until one reaches the other worker (and "
        "answered by neither worker a second time), `/readout` questions answered in the "
        "acknowledgement, and `/readout status` from a non-admin answered by response_url. "
        "*Lost* is a reply never posted (or a question acknowledged without its answer); "
        "*duplicated*, one posted more than once.",
        "",
        "| What | Figure |",
        "|---|---|",
        f"| Requests (mentions / Slack's retries / questions / status) | "
        f"{len(load.latencies):,} ({load.mentions:,} / {load.slack_retries:,} / "
        f"{load.questions:,} / {load.statuses:,}) in {seconds:.1f} s |",
        f"| Acknowledgements per worker | "
        f"{' / '.join(f'{n:,}' for n in sorted(load.per_worker.values(), reverse=True))} |",
        f"| Retried events / one of whose retries reached the other worker | "
        f"{load.retried_events} / {load.retried_elsewhere} |",
        f"| Replies expected / delivered / **lost** / **duplicated** | {expected:,} / "
        f"{expected - lost:,} / **{lost}** / **{duplicated}** |",
        f"| Acknowledgements: p50 / p99 / slowest, ms | {p50:.1f} / {p99:.1f} / "
        f"{ordered[-1] * 1000:.0f} |",
        f"| Acknowledgements of 3 s or more / not 200 | {slow} / {load.failed_acks} |",
        f"| Slack calls / faults met | {stats['calls']:,} / {fault_text} |",
        f"| Replies the server logged as undelivered | {undelivered_lines} |",
        f"| Server RSS (supervisor + 2 workers), before / after, MiB | {rss_before:.0f} / "
        f"{rss_after:.0f} |",
        "",
        "Goal (0 lost, 0 duplicated, every acknowledgement under 3 s): "
        + ("**met**." if met else "**not met**."),
    ]
    return "\n".join(lines)


# --- the fault-injecting mock (a helper process) ---------------------------------------------


def _serve_mock(port: int, seed: int = 7) -> None:
    """A mock Slack Web API that fails FAULT_RATE of calls and counts every post it delivers."""
    from aiohttp import web

    rng = random.Random(seed)
    delivered: dict[str, int] = {}
    faults: dict[str, int] = {}
    calls = 0

    def fault(request: web.Request) -> web.Response | None:
        """None for most calls; else the fault's answer (a dropped connection has none)."""
        if rng.random() >= FAULT_RATE:
            return None
        kind = rng.choice(("429", "500 json", "500 html", "drop"))
        faults[kind] = faults.get(kind, 0) + 1
        if kind == "429":
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": "1"})  # fmt: skip
        if kind == "500 json":
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        if kind == "500 html":
            return web.Response(status=500, text="<html>Service Unavailable</html>",
                                content_type="text/html")  # fmt: skip
        assert request.transport is not None
        request.transport.close()  # read, then closed without an answer
        return web.Response()  # never reaches the caller

    def counted_fault(request: web.Request) -> web.Response | None:
        nonlocal calls
        calls += 1
        return fault(request)

    def count(key: str) -> None:
        delivered[key] = delivered.get(key, 0) + 1

    async def stats(request: web.Request) -> web.Response:
        return web.json_response({"delivered": delivered, "faults": faults, "calls": calls})

    mock_slack.serve(
        port, intercept=counted_fault, delivered=count, routes=[web.get("/stats", stats)]
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "mock":
        _serve_mock(int(sys.argv[2]))
    else:
        print(run())
