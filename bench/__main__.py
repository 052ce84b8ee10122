"""Run the benchmarks and write bench/RESULTS.md.

Each benchmark is a module `bench/bench_<name>.py` with `run() -> str` returning a Markdown section
(its own table and the figures it measured). `python -m bench` runs them all; `python -m bench load
matching` runs some. RESULTS.md is rewritten only when every benchmark was run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCHMARKS = ("load", "matching", "http", "reload", "refusal")
RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    """One line naming the machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "unknown memory"
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()} "
        f"on {platform.system()} {platform.release()}"
    )


def revision() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of {', '.join(BENCHMARKS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    names = args.names or list(BENCHMARKS)
    sections = []
    for name in names:
        print(f"== bench {name}", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        section = module.run()
        print(section, flush=True)
        sections.append(section)
    if names == list(BENCHMARKS):
        header = (
            "# Benchmark results\n\n"
            f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {revision()}\n"
            f"- Machine: {machine()}\n"
            "- Command: `make bench` (that is, `.venv/bin/python -m bench`)\n"
            "- These are shared, noisy machines: compare figures within one run, not across runs.\n"
        )
        RESULTS.write_text(header + "\n" + "\n\n".join(sections) + "\n")
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
