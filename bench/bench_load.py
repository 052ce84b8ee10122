"""Load-and-validate time and peak memory for a synthetic 10,000-entry knowledge base.

Each measurement runs in a fresh Python process pinned to one core, so imports, caches and
memory from one run cannot help another. Two references are measured in the same run: PyYAML's
C loader alone (parsing, no validation) and PyYAML's pure-Python safe loader alone.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.synthetic import generate_entries, write_knowledge_dir

SIZE = 10_000
RUNS = 5
TARGET_SECONDS = 1.0

_CHILD = r"""
import json, os, sys, time
from pathlib import Path
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
mode, root = sys.argv[1], Path(sys.argv[2])
import yaml
from bot.knowledge.loader import knowledge_files, load_knowledge
from bot.knowledge.parse_cache import ParseCache
cache = None
if mode == "reload":
    cache = ParseCache()
    load_knowledge(root, cache=cache)
def hwm():  # peak RSS of this process in KiB (ru_maxrss would include the parent's, across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
before = hwm()
start = time.perf_counter()
if mode == "readout":
    count = len(load_knowledge(root))
elif mode == "reload":
    misses = cache.misses
    count = len(load_knowledge(root, cache=cache))
    assert cache.misses == misses, "the cache was not used"
else:
    loader = yaml.CSafeLoader if mode == "pyyaml-c" else yaml.SafeLoader
    count = sum(1 for p in knowledge_files(root) if yaml.load(p.read_text(), Loader=loader))
elapsed = time.perf_counter() - start
after = hwm()
print(json.dumps({"count": count, "seconds": elapsed, "peak_mib": after / 1024,
                  "growth_mib": (after - before) / 1024}))
"""

MODES = {
    "readout": "`load_knowledge`, cold: parse + validate + cross-checks",
    "reload": "`load_knowledge` again in the same process with its ParseCache (a hot reload "
    "with nothing edited): read + hash every file, cross-checks; nothing parsed or validated again",
    "pyyaml-c": "reference: `yaml.load(CSafeLoader)` per file, no validation",
    "pyyaml-py": "reference: `yaml.load(SafeLoader)` (pure Python) per file, no validation",
}


def _measure(mode: str, root: Path, runs: int) -> list[dict[str, float]]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, mode, str(root)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout))
    return results


def run() -> str:
    entries = generate_entries(SIZE, seed=7)
    with tempfile.TemporaryDirectory(prefix="readout-bench-load-") as tmp:
        root = write_knowledge_dir(entries, Path(tmp) / "knowledge")
        files = sorted(root.rglob("*.yaml"))
        total_mb = sum(p.stat().st_size for p in files) / 1e6
        rows = []
        medians: dict[str, float] = {}
        for mode, label in MODES.items():
            runs = _measure(mode, root, RUNS if mode != "pyyaml-py" else 2)
            assert all(r["count"] == SIZE for r in runs), f"{mode} did not load every entry"
            seconds = [r["seconds"] for r in runs]
            medians[mode] = statistics.median(seconds)
            rows.append(
                f"| {label} | {statistics.median(seconds):.2f} | {min(seconds):.2f} | "
                f"{max(r['peak_mib'] for r in runs):.0f} | "
                f"{max(r['growth_mib'] for r in runs):.0f} |"
            )

    def verdict(mode: str) -> str:
        met = "met" if medians[mode] < TARGET_SECONDS else "NOT met"
        return f"{met} ({medians[mode]:.2f} s)"

    return "\n".join(
        [
            f"## Knowledge base load and validate ({SIZE:,} entries)",
            "",
            f"Synthetic base from `bench/synthetic.py` (seed 7): {len(files):,} YAML files, "
            f"{total_mb:.1f} MB. Each run is a fresh process pinned to one core; "
            f"{RUNS} runs (2 for the pure-Python reference); files are in the OS page cache.",
            "",
            "| what | median s | best s | peak RSS MiB | RSS growth MiB |",
            "|---|---|---|---|---|",
            *rows,
            "",
            f"Target: under {TARGET_SECONDS:.0f} s on one core. "
            f"Cold load: **{verdict('readout')}**, "
            f"{medians['readout'] / medians['pyyaml-c']:.2f}x the time of PyYAML's C parser "
            f"alone and {medians['readout'] / medians['pyyaml-py']:.2f}x the pure-Python parser "
            f"alone: parsing is the floor. Hot reload: **{verdict('reload')}**.",
        ]
    )
