"""Run the benchmarks and write bench/RESULTS.md.

Each benchmark is a module `bench/bench_<name>.py` with `run() -> str` returning a Markdown section
(its own table and the figures it measured). `python -m bench` runs them all; `python -m bench load
matching` runs some. RESULTS.md is rewritten when every benchmark was run; with `--update`, the
sections of the ones run replace their earlier versions (or are added), each stamped with its own
date and commit, and the rest stays as it was.
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

BENCHMARKS = ("load", "matching", "http", "reload", "refusal", "soak")
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
    parser.add_argument(
        "--update",
        action="store_true",
        help="put the sections of the benchmarks run into RESULTS.md, keeping the others",
    )
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
    elif args.update:
        command = f"python -m bench {' '.join(names)} --update"
        stamp = (
            f"_Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {revision()} on "
            f"{machine()}, by `{command}` (not in the run named at the top)._"
        )
        text = RESULTS.read_text()
        for section in sections:
            text = replace_section(text, stamped(section, stamp))
        RESULTS.write_text(text)
        print(f"updated {RESULTS}")
    return 0


def stamped(section: str, stamp: str) -> str:
    """`section` with `stamp` as the paragraph under its heading."""
    heading, _, body = section.partition("\n")
    return f"{heading}\n\n{stamp}\n{body}"


def replace_section(text: str, section: str) -> str:
    """`text` with the `## ` section of the same heading as `section` replaced (or `section`
    added at the end)."""
    heading = section.partition("\n")[0]
    lines = text.rstrip("\n").split("\n")
    if heading not in lines:
        return "\n".join(lines) + "\n\n" + section.rstrip("\n") + "\n"
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = lines[end:]
    kept = "\n".join(lines[:start]) + "\n" + section.rstrip("\n") + "\n"
    return kept + ("\n" + "\n".join(after) + "\n" if after else "")


if __name__ == "__main__":
    sys.exit(main())
