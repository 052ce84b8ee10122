"""Answering over HTTP while the knowledge base is edited every second (used by bench_reload).

`readout serve --http` (one uvicorn worker) serves a scratch copy of a knowledge directory; a
load generator sends signed `/readout` questions for a fixed time, first with no edits, then while
a thread edits one YAML file every second so the server's watcher reloads. A request fails when
it gets no 200 or its acknowledgement does not carry the answer. Reloads are counted from the
server's log.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.bench_http import SECRET, TOKEN, _command, _free_port, _signed, wait_healthy

REPO = Path(__file__).resolve().parents[1]
CONCURRENCY = 20


@dataclass(frozen=True)
class Window:
    requests: int
    failed: int
    seconds: float
    p50_ms: float
    p99_ms: float
    reloads: int
    failed_reloads: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def edit(path: Path, n: int) -> None:
    """A curator's save: one comment line of one file changes."""
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if "# bench edit" not in x]
    path.write_text("\n".join([*lines, f"# bench edit {n}"]) + "\n", encoding="utf-8")


async def _fire(
    url: str, mock: str, questions: list[str], seconds: float
) -> tuple[int, int, list[float]]:
    """Requests sent, failed (no 200, or no answer in the acknowledgement), latencies."""
    latencies: list[float] = []
    failed = sent = 0
    deadline = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal failed, sent
            while time.monotonic() < deadline:
                index = sent
                sent += 1
                body = _command(questions[index % len(questions)], f"{mock}/response/r-{index}")
                start = time.perf_counter()
                try:
                    async with session.post(url, data=body, headers=_signed(body)) as response:
                        content = await response.read()
                        if response.status != 200 or b'"text"' not in content:
                            failed += 1
                except aiohttp.ClientError:
                    failed += 1
                latencies.append(time.perf_counter() - start)

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return sent, failed, latencies


def measure(root: Path, questions: list[str], seconds: float, scratch: Path) -> dict[str, Window]:
    """Serve `root` and answer for `seconds` without edits, then with an edit every second."""
    mock_port, port = _free_port(), _free_port()
    mock = f"http://127.0.0.1:{mock_port}"
    log = scratch / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "READOUT_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=f"{mock}/api/",
        READOUT_KNOWLEDGE_DIR=str(root), READOUT_LOG_LEVEL="INFO",
        READOUT_DATABASE_URL=f"sqlite:///{scratch / 'bench.db'}",
    )  # fmt: skip
    py = sys.executable
    with log.open("w") as out:
        helper = subprocess.Popen(
            [py, "-m", "bench.bench_http", "mock", str(mock_port)],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = subprocess.Popen(
            [py, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=REPO,
            stdout=out,
            stderr=out,
        )
    try:
        wait_healthy(f"{mock}/healthz", helper)
        wait_healthy(f"http://127.0.0.1:{port}/healthz", server, 300)  # 10,000 entries: slow
        url = f"http://127.0.0.1:{port}/slack/events"
        target = sorted(root.rglob("*.yaml"))[0]
        windows = {}
        for name, every in (("quiet", None), ("edits", 1.0)):
            stop = threading.Event()
            editor = threading.Thread(target=_editor, args=(target, every, stop))
            before = _reloads(log)
            if every:
                editor.start()
            sent, failed, latencies = asyncio.run(_fire(url, mock, questions, seconds))
            stop.set()
            if every:
                editor.join()
            after = _reloads(log)
            ordered = sorted(latencies)
            windows[name] = Window(
                sent, failed, seconds, statistics.median(ordered) * 1000,
                ordered[int(len(ordered) * 0.99)] * 1000,
                after[0] - before[0], after[1] - before[1],
            )  # fmt: skip
    finally:
        for process in (server, helper):
            process.terminate()
        for process in (server, helper):
            process.wait(timeout=30)
    return windows


def _editor(path: Path, every: float | None, stop: threading.Event) -> None:
    n = 0
    while every and not stop.wait(every):
        n += 1
        edit(path, n)


def _reloads(log: Path) -> tuple[int, int]:
    text = log.read_text(encoding="utf-8", errors="replace")
    return text.count("knowledge: reloaded "), text.count("knowledge: reload failed")
