"""HTTP throughput: signed `/readout` requests at `readout serve --http` and at a bare Bolt app.

Both servers run the same stack (uvicorn, Starlette, Bolt's async adapter, one worker) against a
mock Slack Web API on loopback. The bare app only acks, with Bolt's defaults: the issue's
baseline. A second bare app also processes each request before responding (as Readout does), so
it is not held up by Bolt's 10 ms ack poll: a stricter baseline, reported beside it. Readout acks
with the answer itself. Two workloads: *repeated* questions (the shipped base's titles, aliases
and follow-ups, cycled, so after warm-up most replies come from the reply cache) and *unique*
questions (the same ones, each wrapped in a greeting and thanks with its own letter case: the same
answer, but a text never sent before, so every one is matched and rendered in full). The target
(0.8 of the bare app's throughput, no errors) is judged for each. Each server's CPU time per
request is measured too (from /proc), since it explains the ratios. Servers are pinned to one core
when the machine has several; the load generator and the mock share the others.

`python -m bench.bench_http` runs it alone; `python -m bench.bench_http bare|bare-before|mock
PORT` are the helper processes.
"""

from __future__ import annotations

import asyncio
import itertools
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
BARE, BEFORE = "bare", "bare, processed before response"
REPEATED, UNIQUE = "readout, repeated questions", "readout, unique questions"
ROUNDS = (
    BARE, BEFORE, REPEATED, UNIQUE,
    UNIQUE, REPEATED, BEFORE, BARE,
    BARE, BEFORE, REPEATED, UNIQUE,
)  # fmt: skip
"""Interleaved, so drift during the run favours no app; each is compared by its median."""
BASELINES = (BARE, BEFORE)


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
    cpu_ms: float | None
    """The server's CPU time per request (user + system), when /proc tells it."""

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


PREFIXES = ("", "hi ", "hey, ", "hello ", "quick question: ", "please, ", "ok ", "hola, ")
SUFFIXES = ("", " thanks", " thank you", " please", " gracias", "?", "??")
"""Greetings and thanks people wrap questions in: the matcher drops them (filler words), the
reply cache does not (it keys on the text as typed)."""
_variants = itertools.count()
"""Numbers the unique questions across runs, so no run repeats another's text."""


def variant(question: str, n: int) -> str:
    """`question` as person `n` might type it: wrapped in a greeting and thanks, with the case of
    its first letters set by the bits of `n`. The same words to the matcher, so the same answer;
    a text never sent before to the reply cache, so it is matched and rendered in full."""
    n, prefix = divmod(n, len(PREFIXES))
    n, suffix = divmod(n, len(SUFFIXES))
    letters = []
    for char in question:
        if char.isalpha() and n:
            letters.append(char.upper() if n & 1 else char.lower())
            n >>= 1
        else:
            letters.append(char)
    return PREFIXES[prefix] + "".join(letters) + SUFFIXES[suffix]


ANSWER_MARK = b'"readout.share'
"""Only an answer carries "Share in channel" (not covered, did you mean, help and list do not)."""
SORRY_MARK = b"Sorry, something went wrong"


async def _fire(
    url: str,
    mock: str,
    questions: list[str],
    count: int,
    concurrency: int,
    tag: str,
    *,
    unique: bool = False,
    replies: bool = True,
) -> tuple[list[float], int, int, float]:
    """`count` signed requests, `concurrency` in flight: latencies (s), errors, answers, wall
    time (s). An error is a response other than 200, or (when the app `replies`) one without a
    message or with the apology for a failure."""
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
                if unique:  # a text never sent before: no cached reply
                    question = variant(question, next(_variants))
                body = _command(question, f"{mock}/response/{tag}-{index}")
                start = time.perf_counter()
                try:
                    async with session.post(url, data=body, headers=_signed(body)) as response:
                        content = await response.read()
                        failed = replies and (b'"text"' not in content or SORRY_MARK in content)
                        if response.status != 200 or failed:
                            errors += 1
                        elif ANSWER_MARK in content:
                            answered += 1
                except aiohttp.ClientError:
                    errors += 1
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, errors, answered, time.perf_counter() - began


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` so far, from /proc (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


async def _measure(
    app: str, url: str, mock: str, concurrency: int, questions: list[str], pid: int
) -> Run:
    tag = f"{app}-{concurrency}"
    unique, replies = app == UNIQUE, app not in BASELINES
    warm = f"warm-{tag}"
    await _fire(url, mock, questions, WARMUP, concurrency, warm, unique=unique, replies=replies)
    cpu_before = _cpu_seconds(pid)
    latencies, errors, answered, seconds = await _fire(
        url, mock, questions, REQUESTS, concurrency, tag, unique=unique, replies=replies
    )
    cpu_after = _cpu_seconds(pid)
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None and latencies:
        cpu_ms = (cpu_after - cpu_before) / len(latencies) * 1000
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    return Run(
        app, concurrency, len(latencies), errors, seconds,
        statistics.median(ordered) * 1000 if ordered else 0.0, p99 * 1000,
        answered, cpu_ms,
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
    mock_port, readout_port = _free_port(), _free_port()
    ports = {BARE: _free_port(), BEFORE: _free_port()}
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
        BARE: [py, "-m", "bench.bench_http", "bare", str(ports[BARE])],
        BEFORE: [py, "-m", "bench.bench_http", "bare-before", str(ports[BEFORE])],
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
        for server in (BARE, BEFORE, "readout"):
            _pin(processes[server].pid, server_cpus)
        _pin(0, client_cpus)
        wait_healthy(f"{mock}/healthz", processes["mock"])
        ports.update({REPEATED: readout_port, UNIQUE: readout_port})
        for server in (BARE, BEFORE, "readout"):
            port = ports[REPEATED if server == "readout" else server]
            wait_healthy(f"http://127.0.0.1:{port}/healthz", processes[server])
        questions = _questions()
        runs: list[Run] = []
        for concurrency in CONCURRENCY:
            for app in ROUNDS:
                url = f"http://127.0.0.1:{ports[app]}/slack/events"
                pid = processes["readout" if app in (REPEATED, UNIQUE) else app].pid
                runs.append(asyncio.run(_measure(app, url, mock, concurrency, questions, pid)))
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
        + ". *bare* is a Bolt AsyncApp with Bolt's defaults on the same uvicorn + Starlette + "
        "AsyncSlackRequestHandler stack, whose handler only acks: the issue's baseline. Bolt's "
        "defaults answer a request only once a 10 ms poll sees its ack, so *bare, processed "
        "before response* (`process_before_response=True`, as Readout runs) is reported too, as "
        "a stricter baseline. *readout* is `readout serve --http`, which matches, renders and "
        "returns the answer in the acknowledgement. Two workloads: *repeated* cycles "
        f"{cycled} questions (titles, aliases, follow-ups, a few it cannot answer), so after "
        "warm-up most replies come from the per-knowledge-base reply cache; *unique* sends the "
        "same questions, each wrapped in a greeting and thanks and given its own letter case "
        "(`variant()`): the matcher drops both, so the answers are the same, but the text was "
        "never sent before, so every one is matched and rendered in full. Each "
        f"runs {per_app} times per level, interleaved so drift favours none; ratios compare "
        "medians. *Answered* counts responses carrying an answer (with its Share button; the "
        "rest are help, lists, 'did you mean' and 'not covered'); a response without a message, "
        "or with the apology for a failure, counts as an error. *CPU ms/request* is the "
        "server process's user + system time over the run divided by its requests.",
        "",
        "| Run | In flight | Requests | Errors | Requests/s | p50 ms | p99 ms | Answered "
        "| CPU ms/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        answered = f"{r.answered}" if r.app not in BASELINES else "n/a"
        cpu = f"{r.cpu_ms:.2f}" if r.cpu_ms is not None else "n/a"
        lines.append(
            f"| {r.app} | {r.concurrency} | {r.requests} | {r.errors} | {r.rps:,.0f} | "
            f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {answered} | {cpu} |"
        )
    lines.append("")
    verdicts: dict[str, list[bool]] = {REPEATED: [], UNIQUE: []}
    for concurrency in CONCURRENCY:
        level = [r for r in runs if r.concurrency == concurrency]
        bare = statistics.median(r.rps for r in level if r.app == BARE)
        before = statistics.median(r.rps for r in level if r.app == BEFORE)
        parts = []
        for workload, met in verdicts.items():
            mine = [r for r in level if r.app == workload]
            rps = statistics.median(r.rps for r in mine)
            errors = sum(r.errors for r in mine)
            ratio = rps / bare if bare else 0.0
            met.append(ratio >= TARGET_RATIO and errors == 0)
            word = "meets" if met[-1] else "**misses**"
            stricter = rps / before if before else 0.0
            parts.append(
                f"{workload.removeprefix('readout, ')} {rps:,.0f} requests/s, ratio "
                f"**{ratio:.2f}** ({stricter:.2f} of the stricter baseline), {errors} errors: "
                f"{word} the target"
            )
        lines.append(
            f"- {concurrency} in flight, bare {bare:,.0f} requests/s, processed before response "
            f"{before:,.0f} (medians): " + "; ".join(parts)
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
    """A fast mock Slack Web API: ok for every method (auth.test names the bot)."""
    from bench import mock_slack

    mock_slack.serve(port)


def _serve_bare(port: int, *, before_response: bool = False) -> None:
    """A Bolt AsyncApp whose /readout handler only acks, served exactly as Readout is; with
    `before_response`, it processes each request before responding, as Readout does."""
    from slack_bolt.async_app import AsyncAck, AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.server import create_asgi_app, run_uvicorn

    client = AsyncWebClient(token=TOKEN, base_url=os.environ["SLACK_API_URL"])
    app = AsyncApp(client=client, signing_secret=SECRET, process_before_response=before_response)

    async def ack_only(ack: AsyncAck) -> None:
        await ack()

    app.command("/readout")(ack_only)
    run_uvicorn(create_asgi_app(app, signing_secret=SECRET), host="127.0.0.1", port=port)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in {"mock", "bare", "bare-before"}:
        port = int(sys.argv[2])
        if sys.argv[1] == "mock":
            _serve_mock(port)
        else:
            _serve_bare(port, before_response=sys.argv[1] == "bare-before")
    else:
        print(json.dumps({"note": "run through python -m bench http"}) if sys.argv[1:] else run())
