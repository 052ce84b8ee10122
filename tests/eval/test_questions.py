"""The shipped eval set: big enough, covering every entry and every kind of question, and
passing its floor (the same check `make eval` runs through the CLI)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.search.evaluate import evaluate, load_questions
from bot.search.matcher import Matcher

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "eval" / "questions.yaml"
KINDS = {
    "topic",
    "typo",
    "partial-name",
    "filler",
    "word-order",
    "paraphrase",
    "follow-up",
    "spanish",
    "slack-markup",
    "time",
    "id",
    "out-of-scope",
}


def test_the_set_is_large_and_covers_every_entry_and_kind() -> None:
    kb = load_knowledge(ROOT / "knowledge")
    items = load_questions(QUESTIONS, kb)
    assert len(items) >= 150
    assert sum(not item.expect for item in items) >= 40
    expected = {target for item in items for target in item.expect}
    missing = sorted(e.id for e in kb.entries if e.id not in expected)
    assert not missing, f"no question expects {missing}"
    assert {item.kind for item in items} >= KINDS


def test_the_four_figures_hold_their_floors() -> None:
    kb = load_knowledge(ROOT / "knowledge")
    report = evaluate(load_questions(QUESTIONS, kb), Matcher(kb).match)
    assert report.answered >= 0.95
    assert report.offered >= 0.97
    assert report.wrong_share <= 0.02
    assert report.refused >= 0.95


def test_make_test_gates_every_eval_set_on_all_four_figures() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    gated = {
        line.split("readout eval ", 1)[1].split()[0]: line
        for line in makefile.splitlines()
        if "readout eval tests/eval/" in line
    }
    sets = {f"tests/eval/{p.name}" for p in (ROOT / "tests" / "eval").glob("*.yaml")}
    assert set(gated) == sets
    for line in gated.values():
        for floor in ("--min-answered", "--min-offered", "--max-wrong", "--min-refused"):
            assert floor in line, f"{line.strip()} has no {floor}"
