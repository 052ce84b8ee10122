"""Matching benchmark: this matcher against two baselines, for accuracy, speed and memory.

Baselines: `difflib.get_close_matches` and `rapidfuzz.process.extractOne(..., scorer=WRatio)`,
both over every title and alias (entries and follow-ups, duplicates removed), each with the cutoff
that scores best on tests/eval/questions.yaml (which flatters them). Accuracy is measured on that
eval set (bundled knowledge base) and on synthetic questions with known answers; speed and memory
on synthetic bases of 1,000, 10,000 and 100,000 entries, each size in a fresh subprocess
(`python -m bench.bench_matching --size N` prints one JSON object).
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from bench.synthetic import build_knowledge_base, generate_entries, generate_questions
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.search.evaluate import EvalReport, evaluate, load_questions
from bot.search.index import SearchIndex, index_for
from bot.search.matcher import Matcher
from bot.search.types import Candidate, Decision, MatchResult

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval" / "questions.yaml"
SIZES = (1_000, 10_000, 100_000)
QUESTIONS = 1_000
MEMORY_QUERIES = 20
SAMPLE = {
    # how many of the synthetic questions each baseline is timed on, by size (the rest: all)
    "extractOne": {100_000: 200},
    "difflib": {1_000: 200, 10_000: 50, 100_000: 10},
}
CUTOFFS = {"difflib": (0.5, 0.6, 0.7, 0.8, 0.9), "extractOne": (70, 75, 80, 85, 90, 95)}

Answer = Callable[[str], str | None]


def _names(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """Every distinct title and alias (newest readout first) and the target each names."""
    seen: dict[str, str] = {}
    for readout in kb.readouts:
        for name in (readout.title, *readout.aliases):
            seen.setdefault(name, readout.id)
        for follow_up in readout.follow_ups:
            for name in (follow_up.question, *follow_up.aliases):
                seen.setdefault(name, f"{readout.id}#{follow_up.id}")
    for term in kb.terms:
        for name in (term.title, *term.aliases):
            seen.setdefault(name, term.id)
    return list(seen), list(seen.values())


def build_difflib(kb: KnowledgeBase, cutoff: float) -> Answer:
    names, targets = _names(kb)
    lowered = [name.lower() for name in names]
    where: dict[str, str] = {}
    for name, target in zip(lowered, targets, strict=True):
        where.setdefault(name, target)

    def answer(question: str) -> str | None:
        found = difflib.get_close_matches(question.lower(), lowered, n=1, cutoff=cutoff)
        return where[found[0]] if found else None

    return answer


def build_extract_one(kb: KnowledgeBase, cutoff: float) -> Answer:
    names, targets = _names(kb)
    processed = [utils.default_process(name) for name in names]

    def answer(question: str) -> str | None:
        found = process.extractOne(
            utils.default_process(question),
            processed,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=cutoff,
        )
        return targets[found[2]] if found else None

    return answer


def build_readout(kb: KnowledgeBase, cutoff: float = 0.0) -> Answer:
    matcher = Matcher(kb)

    def answer(question: str) -> str | None:
        found = matcher.match(question).answer
        return found.target_id if found else None

    return answer


BUILDERS: dict[str, Callable[..., Answer]] = {
    "readout": build_readout,
    "extractOne": build_extract_one,
    "difflib": build_difflib,
}
LABELS = {
    "readout": "Readout matcher",
    "extractOne": "rapidfuzz extractOne (WRatio)",
    "difflib": "difflib.get_close_matches",
}


def _as_result(answer: Answer) -> Callable[[str], MatchResult]:
    def match(question: str) -> MatchResult:
        found = answer(question)
        if found is None:
            return MatchResult(question, "", Decision.NONE, ())
        best = Candidate(found, found, "", 100.0, "", "")
        return MatchResult(question, "", Decision.ANSWER, (best,))

    return match


def _eval(kb: KnowledgeBase, name: str, cutoff: float) -> EvalReport:
    items = load_questions(EVAL, kb)
    return evaluate(items, _as_result(BUILDERS[name](kb, cutoff)))


def eval_accuracy() -> list[dict[str, Any]]:
    """Each matcher's eval figures; each baseline at its best cutoff."""
    kb = load_knowledge(ROOT / "knowledge")
    rows = []
    for name in BUILDERS:
        options = CUTOFFS.get(name, (0.0,))
        cutoff, report = max(
            ((c, _eval(kb, name, c)) for c in options), key=lambda pair: pair[1].accuracy
        )
        refusable = report.refusable
        rows.append(
            {
                "name": name,
                "cutoff": cutoff,
                "accuracy": report.accuracy,
                "right": sum(o.correct for o in report.answerable),
                "answerable": len(report.answerable),
                "refused": sum(o.correct for o in refusable),
                "refusable": len(refusable),
                "wrong": len(report.wrong),
            }
        )
    return rows


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure_size(size: int, cutoffs: dict[str, float]) -> list[dict[str, Any]]:
    """Build, time and weigh every matcher on one synthetic base."""
    entries = generate_entries(size, seed=0)
    kb = build_knowledge_base(entries)
    questions = generate_questions(entries, QUESTIONS, seed=7)
    rows = []
    for name, builder in BUILDERS.items():
        cutoff = cutoffs.get(name, 0.0)
        gc.collect()
        started = time.perf_counter()
        if name == "readout":
            index_for(kb)
        answer = builder(kb, cutoff)
        build = time.perf_counter() - started
        rebuild = _rebuild_after_one_edit(kb) if name == "readout" else None
        sample = questions[: SAMPLE.get(name, {}).get(size, len(questions))]
        times, right, refused, out_of_scope = [], 0, 0, 0
        for item in sample:
            started = time.perf_counter()
            found = answer(item["question"])
            times.append((time.perf_counter() - started) * 1000)
            expect = item["expect"]
            accepted = [expect] if isinstance(expect, str) else (expect or [])
            if not accepted:
                out_of_scope += 1
                refused += found is None
            right += (found in accepted) if accepted else (found is None)
        rows.append(
            {
                "name": name,
                "size": size,
                "build": build,
                "rebuild": rebuild,
                "memory": _peak_memory(name, kb, cutoff, [q["question"] for q in sample]),
                "p50": statistics.median(times),
                "p99": _percentile(times, 0.99),
                "timed": len(sample),
                "accuracy": right / len(sample),
                "refused": refused / out_of_scope if out_of_scope else 1.0,
            }
        )
        del answer
    return rows


def _rebuild_after_one_edit(kb: KnowledgeBase) -> float:
    """Seconds to build the index again after one entry changed (a new alias), from the index of
    `kb`, as a reload does: only the changed entry's words are normalised again."""
    edited = list(kb.entries)
    entry = edited[len(edited) // 2]
    edited[len(edited) // 2] = entry.model_copy(update={"aliases": (*entry.aliases, "Edited")})
    new_kb = KnowledgeBase(edited)
    previous = index_for(kb)
    gc.collect()
    started = time.perf_counter()
    SearchIndex(new_kb, previous=previous)
    return time.perf_counter() - started


def _peak_memory(name: str, kb: KnowledgeBase, cutoff: float, questions: list[str]) -> float:
    """Peak Python heap (tracemalloc, MiB) while building the matcher and answering a few
    questions; the knowledge base itself is built before tracing starts."""
    gc.collect()
    tracemalloc.start()
    try:
        if name == "readout":
            matcher = Matcher(kb, index=SearchIndex(kb))  # a fresh build, not the cached one
            for question in questions[:MEMORY_QUERIES]:
                matcher.match(question)
        else:
            answer = BUILDERS[name](kb, cutoff)
            for question in questions[:MEMORY_QUERIES]:
                answer(question)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _size_in_subprocess(size: int, cutoffs: dict[str, float]) -> list[dict[str, Any]]:
    command = [sys.executable, "-m", "bench.bench_matching", "--size", str(size)]
    command += ["--cutoffs", json.dumps(cutoffs)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    rows: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return rows


def run() -> str:
    """The Markdown section for bench/RESULTS.md."""
    started = time.perf_counter()
    accuracy = eval_accuracy()
    cutoffs = {row["name"]: row["cutoff"] for row in accuracy}
    sizes = []
    for size in SIZES:
        print(f"   matching: {size:,} entries", flush=True)
        sizes.extend(_size_in_subprocess(size, cutoffs))
    return _markdown(accuracy, sizes, time.perf_counter() - started)


def _markdown(accuracy: list[dict[str, Any]], sizes: list[dict[str, Any]], took: float) -> str:
    lines = [
        "## Matching",
        "",
        "Question to answer: the Readout matcher (`bot.search.Matcher`) against two baselines "
        "over every title and alias (entries and follow-ups): `difflib.get_close_matches` and "
        "`rapidfuzz.process.extractOne(scorer=WRatio)`, each with the cutoff that scores best on "
        "the eval set.",
        "",
        f"### Accuracy on `tests/eval/questions.yaml` ({accuracy[0]['answerable']} questions "
        f"with an answer, {accuracy[0]['refusable']} that must get none)",
        "",
        "| matcher | cutoff | accuracy | answered correctly | refused correctly | wrong answers |",
        "|---|---|---|---|---|---|",
    ]
    for row in accuracy:
        cutoff = "threshold 70, margin 6" if row["name"] == "readout" else f"{row['cutoff']:g}"
        lines.append(
            f"| {LABELS[row['name']]} | {cutoff} | {row['accuracy']:.3f} | "
            f"{row['right']}/{row['answerable']} | {row['refused']}/{row['refusable']} | "
            f"{row['wrong']} |"
        )
    lines += [
        "",
        "### Speed, memory and accuracy on synthetic knowledge bases",
        "",
        "| entries | matcher | index build | after one edit | peak memory | p50 / query | "
        "p99 / query | questions timed | synthetic accuracy | out-of-scope refused |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in sizes:
        rebuild = "–" if row.get("rebuild") is None else f"{row['rebuild']:.2f} s"
        lines.append(
            f"| {row['size']:,} | {LABELS[row['name']]} | {row['build']:.2f} s | {rebuild} | "
            f"{row['memory']:.1f} MiB | {row['p50']:.2f} ms | {row['p99']:.2f} ms | "
            f"{row['timed']} | {row['accuracy']:.3f} | {row['refused']:.2f} |"
        )
    lines += [
        "",
        f"- Synthetic bases: `bench/synthetic.py` (seed 0; about 55% readouts with follow-ups, "
        f"the rest people, organisations, concepts, initiatives and events). Questions: "
        f"`generate_questions` (seed 7, {QUESTIONS:,} per size, 15% out of scope; titles, typos, "
        "partial names, word order, aliases, follow-ups).",
        "- Each size runs in a fresh subprocess, one query at a time on one core. The slow "
        "baselines are timed (and scored) on the first questions only, as the 'questions timed' "
        "column says; p99 of a sample under 100 is close to its maximum.",
        "- Index build: building the index (Readout) or the list of names (baselines), after the "
        "knowledge base itself is built. After one edit: building the Readout index again from "
        "the previous one after one entry changed, as a hot reload does (the baselines rebuild "
        "everything). Peak memory: tracemalloc peak of Python allocations "
        f"while building it and answering {MEMORY_QUERIES} questions (the knowledge base is "
        "not counted; rapidfuzz's own C++ buffers are not seen by tracemalloc).",
        f"- This section took {took / 60:.1f} minutes.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_matching", description=__doc__)
    parser.add_argument("--size", type=int, help="measure one size and print JSON")
    parser.add_argument("--cutoffs", default="{}", help="baseline cutoffs as JSON")
    args = parser.parse_args(argv)
    if args.size:
        print(json.dumps(measure_size(args.size, json.loads(args.cutoffs))))
    else:
        print(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
