"""Subcommands that ask questions: `readout ask` and `readout eval`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.ask_json import result_json
from bot.cli.common import add_knowledge_option, load_kb
from bot.config import load_settings
from bot.errors import ConfigError, ReadoutError
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import ReviewPolicy
from bot.render.messages import build_reply
from bot.render.text import render_text
from bot.search.evaluate import EvalReport, Outcome, evaluate, load_questions
from bot.search.matcher import Matcher, MatchSettings
from bot.search.types import MatchResult


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ask and eval to the `readout` parser."""
    ask = commands.add_parser(
        "ask",
        help="answer a question from the knowledge base, as Readout would in Slack",
        description="Answer QUESTION (the words after `ask`, quotes optional) or every line of "
        "--file, printing the answer with its source, score and what matched.",
        epilog="Exit status, like grep's: 0 when at least one question was answered, 1 when none "
        "was (not covered, or only 'did you mean'), 2 for a usage or settings error.",
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION", help="the question")
    ask.add_argument(
        "--file", type=Path, metavar="F", help="read one question per line ('-' for stdin)"
    )
    ask.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per question per line: decision, answer (id, kind, title, "
        "score, text, sources, attributed_to) or null, alternatives",
    )
    add_knowledge_option(ask)
    ask.set_defaults(handler=run_ask)

    check = commands.add_parser(
        "eval",
        help="ask every question in a YAML file and report answered / offered / wrong / refused",
        description="FILE is a YAML list of {question, expect} where expect is an id, a list of "
        "acceptable ids, or null for 'must not answer'. Prints every miss and four figures: "
        "answered (right entry given as the answer / answerable questions), offered (right entry "
        "answered or among the suggestions shown instead / answerable), wrong (confident answers "
        "with a wrong entry, out-of-scope ones included / all questions) and refused "
        "(out-of-scope questions not answered / out-of-scope). Exit 1 when a figure misses its "
        "floor.",
    )
    check.add_argument("file", type=Path, metavar="FILE")
    for name, verb in FLOORS:
        check.add_argument(
            f"--{verb}-{name}",
            type=_fraction,
            default=0.0 if verb == "min" else 1.0,
            metavar="X",
            help=f"exit 1 when {name} is {'below' if verb == 'min' else 'above'} X (0 to 1)",
        )
    add_knowledge_option(check)
    check.set_defaults(handler=run_eval)


FLOORS = (("answered", "min"), ("offered", "min"), ("wrong", "max"), ("refused", "min"))
"""The four figures of `readout eval` and which way each is bounded."""


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number between 0 and 1") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return value


def _matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb, MatchSettings.from_settings(load_settings()))


def _questions(args: argparse.Namespace) -> list[str]:
    if args.file is None:
        if not args.question:
            raise ConfigError(
                "give a question, e.g. `readout ask who is tommy pigott`, or --file F."
            )
        return [" ".join(args.question)]
    if args.question:
        raise ConfigError("give either a question or --file, not both.")
    try:
        text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ReadoutError(f"cannot read --file {args.file}: {reason}.") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def run_ask(args: argparse.Namespace) -> int:
    questions = _questions(args)
    kb = load_kb(args.knowledge)
    matcher = _matcher(kb)
    reviews = ReviewPolicy(load_settings().review_days, dt.datetime.now(dt.UTC).date())
    answered = 0
    for number, question in enumerate(questions):
        result = matcher.match(question)
        answered += result.answer is not None
        if args.json:
            print(json.dumps(result_json(kb, result), ensure_ascii=False), flush=True)
        else:
            if number:
                print("\n" + "─" * 60)
            print(format_result(kb, result, reviews), flush=True)
    return 0 if answered else 1


def format_result(
    kb: KnowledgeBase, result: MatchResult, reviews: ReviewPolicy | None = None
) -> str:
    """The reply as it would read in Slack, then how the question matched."""
    message: dict[str, Any] = {**build_reply(kb, result, reviews=reviews)}
    lines = [render_text(message)]
    best = result.best
    if best is not None:
        verdict = {
            "answer": "answered",
            "ambiguous": "not sure: did you mean",
            "none": "not covered",
            "list": "listed",
        }
        lines.append("")
        lines.append(
            f"[{verdict[result.decision.value]}: {best.target_id} matched {best.field} "
            f"'{best.matched}' (score {best.score:.0f})]"
        )
    return "\n".join(lines)


def run_eval(args: argparse.Namespace) -> int:
    kb = load_kb(args.knowledge)
    items = load_questions(args.file, kb)
    report = evaluate(items, _matcher(kb).match)
    print(format_report(report, args.file))
    failures = floor_failures(report, args)
    for failure in failures:
        print(f"readout eval: {failure}", file=sys.stderr)
    return 1 if failures else 0


def figures(report: EvalReport) -> dict[str, float]:
    """The four figures by name."""
    return {
        "answered": report.answered,
        "offered": report.offered,
        "wrong": report.wrong_share,
        "refused": report.refused,
    }


def floor_failures(report: EvalReport, args: argparse.Namespace) -> list[str]:
    """One sentence per figure outside its --min-…/--max-… bound."""
    found = figures(report)
    failures = []
    for name, verb in FLOORS:
        bound = float(getattr(args, f"{verb}_{name}"))
        value = found[name]
        if (value < bound) if verb == "min" else (value > bound):
            side = "below" if verb == "min" else "above"
            failures.append(f"{name} {value:.3f} is {side} --{verb}-{name} {bound:g}.")
    return failures


def format_report(report: EvalReport, path: Path) -> str:
    """Every miss, then the four figures."""
    lines = [_miss(path, o) for o in report.misses]
    answerable, refusable = report.answerable, report.refusable
    if lines:
        lines.append("")
    offered = sum(o.was_offered for o in answerable)
    lines += [
        f"{path}: {report.total} questions ({len(answerable)} answerable, "
        f"{len(refusable)} out of scope)",
        f"  answered {report.answered:.3f} ({sum(o.correct for o in answerable)}/"
        f"{len(answerable)})  right entry given as the answer",
        f"  offered  {report.offered:.3f} ({offered}/{len(answerable)})  right entry answered or "
        "among the suggestions shown",
        f"  wrong    {report.wrong_share:.3f} ({len(report.wrong)}/{report.total})  confident "
        "answers with a wrong entry",
        f"  refused  {report.refused:.3f} ({sum(o.correct for o in refusable)}/{len(refusable)})  "
        "out-of-scope questions not answered",
    ]
    return "\n".join(lines)


def _miss(path: Path, outcome: Outcome) -> str:
    item = outcome.item
    wanted = " or ".join(item.expect) if item.expect else "no answer"
    if outcome.answer is not None:
        got = f"answered {outcome.answer}"
    elif outcome.offered:
        got = f"not answered; offered {', '.join(outcome.offered)}"
    else:
        got = "no answer"
    return f"MISS {path}:{item.line}: “{item.question}”: expected {wanted}; {got}"
