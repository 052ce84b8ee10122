"""HTTP throughput: signed `/readout` requests at `readout serve --http` and at a bare Bolt app.

Both servers run the same stack (uvicorn, Starlette, Bolt's async adapter, one worker) against a
mock Slack Web API on loopback. The bare app only acks. Readout acks with the answer itself
(matched and rendered on a worker thread; an answer not ready within its budget would be acked
empty and posted to the request's response_url, the mock, and that run ends only when every
such answer has reached the mock). Two workloads: *repeated* questions (the shipped base's
titles, aliases and follow-ups, cycled, so after warm-up most replies come from the reply cache)
and *unique* questions (each made new by a numbered suffix, so every one is matched and
rendered). The target (0.8 of the bare app's throughput, no errors) is judged for each.
Servers are pinned to one core when the machine has several; the load generator and the mock
share the others.

`python -m bench.bench_http` runs it alone; `python -m bench.bench_http bare|mock PORT ...`
are the helper processes.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

REPO = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret-0123456789"
TOKEN = "xoxb-0000-1111-benchmarktoken"
REQUESTS = 3000
WARMUP = 200
CONCURRENCY = (20, 100)
RUN_LIMIT_SECONDS = 60.0
TARGET_RATIO = 0.8
BARE, REPEATED, UNIQUE = "bare", "readout, repeated questions", "readout, unique questions"
ROUNDS = (BARE, REPEATED, UNIQUE, UNIQUE, REPEATED, BARE, BARE, REPEATED, UNIQUE)
"""Interleaved, so drift during the run favours no app; each is compared by its median."""


@dataclass(frozen=True)
class Run:
    app: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    answered: int
    """Responses carrying a message (Readout answers in the acknowledgement)."""
    followed: int
    """Answers posted to a response_url instead (only when an answer is slow to build)."""

    @property
    def rps(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _questions() -> list[str]:
    """Questions people would ask: titles, aliases, follow-ups, and some the base cannot answer."""
    from bot.knowledge.loader import load_knowledge

    kb = load_knowledge(REPO / "knowledge")
    asked = [e.title for e in kb] + [a for e in kb for a in e.aliases[:2]]
    asked += [ref.follow_up.question for ref in kb.follow_ups.values()]
    asked += ["weather in paris", "who won the world cup", "help", "list bolivia"]
    return asked


def _signed(body: str) -> dict[str, str]:
    from slack_sdk.signature import SignatureVerifier

    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }


def _command(text: str, response_url: str) -> str:
    return urlencode(
        {
            "token": "x", "team_id": "T0TEAM", "team_domain": "bench", "channel_id": "C0BENCH",
            "channel_name": "bench", "user_id": "U0BENCH", "user_name": "bench",
            "command": "/readout", "text": text, "api_app_id": "A0APP",
            "is_enterprise_install": "false", "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )  # fmt: skip


async def _fire(
    url: str,
    mock: str,
    questions: list[str],
    count: int,
    concurrency: int,
    tag: str,
    *,
    unique: bool = False,
) -> tuple[list[float], int, int, float]:
    """`count` signed requests, `concurrency` in flight: latencies (s), errors, responses that
    carried a message, wall time (s)."""
    latencies: list[float] = []
    errors = answered = 0
    next_index = 0
    deadline = time.monotonic() + RUN_LIMIT_SECONDS
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal next_index, errors, answered
            while next_index < count and time.monotonic() < deadline:
                index = next_index
                next_index += 1
                question = questions[index % len(questions)]
                if unique:  # a question never seen before: no cached reply
                    question = f"{question} {tag}{index}"
                body = _command(question, f"{mock}/response/{tag}-{index}")
                start = time.perf_counter()
                try:
                    async with session.post(url, data=body, headers=_signed(body)) as response:
                        content = await response.read()
                        if response.status != 200:
                            errors += 1
                        elif content.startswith(b"{") and b'"text"' in content:
                            answered += 1
                except aiohttp.ClientError:
                    errors += 1
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, errors, answered, time.perf_counter() - began


async def _responses(mock: str, tag: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(f"{mock}/count/{tag}") as r:
        return int((await r.json())["count"])


async def _measure(app: str, url: str, mock: str, concurrency: int, questions: list[str]) -> Run:
    tag = f"{app}-{concurrency}"
    unique = app == UNIQUE
    await _fire(url, mock, questions, WARMUP, concurrency, f"warm-{tag}", unique=unique)
    latencies, errors, answered, seconds = await _fire(
        url, mock, questions, REQUESTS, concurrency, tag, unique=unique
    )
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    return Run(
        app, concurrency, len(latencies), errors, seconds,
        statistics.median(ordered) * 1000 if ordered else 0.0, p99 * 1000,
        answered, await _responses(mock, tag),
    )  # fmt: skip


def _pin(pid: int, cpus: set[int]) -> None:
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(pid, cpus)


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Return once `url` answers; RuntimeError when `process` exits or `timeout` passes."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {timeout:.0f} s")


def run() -> str:
    """Start the mock and both servers, fire the load, return the Markdown section."""
    with tempfile.TemporaryDirectory(prefix="readout-bench-http-") as scratch:
        return _run(Path(scratch))


def _run(scratch: Path) -> str:
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    server_cpus, client_cpus = ({cpus[0]}, set(cpus[1:])) if len(cpus) > 1 else (set(), set())
    mock_port, bare_port, readout_port = _free_port(), _free_port(), _free_port()
    mock = f"http://127.0.0.1:{mock_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=f"{mock}/api/",
        READOUT_KNOWLEDGE_DIR=str(REPO / "knowledge"), READOUT_LOG_LEVEL="WARNING",
        READOUT_DATABASE_URL=f"sqlite:///{scratch / 'bench.db'}",
    )  # fmt: skip
    py = sys.executable
    quiet = subprocess.DEVNULL
    commands = {
        "mock": [py, "-m", "bench.bench_http", "mock", str(mock_port)],
        "bare": [py, "-m", "bench.bench_http", "bare", str(bare_port)],
        "readout": [
            py, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(readout_port),
        ],
    }  # fmt: skip
    processes = {
        name: subprocess.Popen(cmd, env=env, cwd=REPO, stdout=quiet, stderr=quiet)
        for name, cmd in commands.items()
    }
    try:
        _pin(processes["mock"].pid, client_cpus)
        _pin(processes["bare"].pid, server_cpus)
        _pin(processes["readout"].pid, server_cpus)
        _pin(0, client_cpus)
        wait_healthy(f"{mock}/healthz", processes["mock"])
        wait_healthy(f"http://127.0.0.1:{bare_port}/healthz", processes["bare"])
        wait_healthy(f"http://127.0.0.1:{readout_port}/healthz", processes["readout"])
        questions = _questions()
        runs: list[Run] = []
        ports = {BARE: bare_port, REPEATED: readout_port, UNIQUE: readout_port}
        for concurrency in CONCURRENCY:
            for app in ROUNDS:
                url = f"http://127.0.0.1:{ports[app]}/slack/events"
                runs.append(asyncio.run(_measure(app, url, mock, concurrency, questions)))
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(timeout=10)
        if cpus:
            _pin(0, set(cpus))
    return _report(runs, pinned=bool(server_cpus), cycled=len(questions))


def _report(runs: list[Run], *, pinned: bool, cycled: int) -> str:
    per_app = ROUNDS.count(BARE)
    lines = [
        "## HTTP: signed `/readout` requests (`bench/bench_http.py`)",
        "",
        f"{REQUESTS} signed slash commands per run after {WARMUP} warm-up requests, on loopback, "
        "one uvicorn worker per server"
        + (" pinned to one core (load generator and mock on the others)" if pinned else "")
        + ". *bare* is a Bolt AsyncApp on the same uvicorn + Starlette + AsyncSlackRequestHandler "
        "stack whose handler only acks; *readout* is `readout serve --http`, which also matches, "
        "renders and returns the answer in the acknowledgement. Two workloads: *repeated* "
        f"cycles {cycled} questions (titles, aliases, follow-ups, a few it cannot answer), so "
        "after warm-up most replies come from the per-knowledge-base reply cache; *unique* makes "
        "every question new (a numbered suffix), so every one is matched and rendered. Each of "
        f"the three runs {per_app} times per level, interleaved so drift favours none; ratios "
        "compare medians. *Answered* counts responses that carried the answer; *via "
        "response_url* counts answers too slow for the acknowledgement, posted to the "
        "response_url (the mock) instead.",
        "",
        "| Run | In flight | Requests | Errors | Requests/s | p50 ms | p99 ms | Answered "
        "| Via response_url |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        answered = f"{r.answered}" if r.app != BARE else "n/a"
        lines.append(
            f"| {r.app} | {r.concurrency} | {r.requests} | {r.errors} | {r.rps:,.0f} | "
            f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {answered} | {r.followed} |"
        )
    lines.append("")
    verdicts: dict[str, list[bool]] = {REPEATED: [], UNIQUE: []}
    for concurrency in CONCURRENCY:
        level = [r for r in runs if r.concurrency == concurrency]
        bare = statistics.median(r.rps for r in level if r.app == BARE)
        parts = []
        for workload, met in verdicts.items():
            mine = [r for r in level if r.app == workload]
            rps = statistics.median(r.rps for r in mine)
            errors = sum(r.errors for r in mine)
            ratio = rps / bare if bare else 0.0
            met.append(ratio >= TARGET_RATIO and errors == 0)
            word = "meets" if met[-1] else "**misses**"
            parts.append(
                f"{workload.removeprefix('readout, ')} {rps:,.0f} requests/s, ratio "
                f"**{ratio:.2f}**, {errors} errors: {word} the target"
            )
        lines.append(
            f"- {concurrency} in flight, bare {bare:,.0f} requests/s (median): " + "; ".join(parts)
        )
    lines.append("")
    summary = {
        workload: "met at every level" if all(met) else "not met"
        for workload, met in verdicts.items()
    }
    lines.append(
        f"Target ({TARGET_RATIO} of the bare app's throughput, zero errors): "
        f"{summary[REPEATED]} for repeated questions, {summary[UNIQUE]} for unique questions."
    )
    return "\n".join(lines)


# --- helper processes -------------------------------------------------------------------------


def _serve_mock(port: int) -> None:
    """A fast mock Slack Web API: ok for every method, counts response_url posts per run tag."""
    from aiohttp import web

    counts: dict[str, int] = {}

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        await request.read()
        body = {"ok": True}
        if method == "auth.test":
            body = {"ok": True, "user_id": "UBOT", "bot_id": "B0BOT", "team_id": "T0TEAM"}  # type: ignore[dict-item]
        return web.json_response(body)

    async def response_url(request: web.Request) -> web.Response:
        await request.read()
        tag = request.match_info["name"].rsplit("-", 1)[0]
        counts[tag] = counts.get(tag, 0) + 1
        return web.Response(text="ok")

    async def count(request: web.Request) -> web.Response:
        return web.json_response({"count": counts.get(request.match_info["tag"], 0)})

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.add_routes(
        [
            web.post("/api/{method}", api),
            web.post("/response/{name}", response_url),
            web.get("/count/{tag}", count),
            web.get("/healthz", health),
        ]
    )
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def _serve_bare(port: int) -> None:
    """A Bolt AsyncApp whose /readout handler only acks, served exactly as Readout is."""
    from slack_bolt.async_app import AsyncAck, AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.server import create_asgi_app, run_uvicorn

    client = AsyncWebClient(token=TOKEN, base_url=os.environ["SLACK_API_URL"])
    app = AsyncApp(client=client, signing_secret=SECRET)

    async def ack_only(ack: AsyncAck) -> None:
        await ack()

    app.command("/readout")(ack_only)
    run_uvicorn(create_asgi_app(app), host="127.0.0.1", port=port)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in {"mock", "bare"}:
        helper = _serve_mock if sys.argv[1] == "mock" else _serve_bare
        helper(int(sys.argv[2]))
    else:
        print(json.dumps({"note": "run through python -m bench http"}) if sys.argv[1:] else run())
