"""Every entry and follow-up of the real knowledge base renders within Slack's limits."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.render.answer import build_answer_message
from bot.render.catalog import build_home_view, build_list
from bot.render.ids import ButtonValue
from bot.render.messages import build_help, build_reply
from bot.render.text import render_text
from bot.search.types import Candidate, Decision, MatchResult
from tests.support.render_checks import check_message, check_view

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@cache
def bundled() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


def _targets() -> list[str]:
    kb = bundled()
    return [e.id for e in kb] + list(kb.follow_ups)


@pytest.mark.parametrize("target", _targets())
def test_every_answer_fits(target: str) -> None:
    kb = bundled()
    entry = kb.resolve(target)
    assert entry is not None
    candidate = Candidate(target, entry.title, "term", 71.0, "title", entry.title)
    result = MatchResult(entry.title, entry.title, Decision.ANSWER, (candidate,))
    for message in (
        build_answer_message(kb, target, result=result, offer_share=True, fuzzy_below=85),
        build_answer_message(kb, target, via=ButtonValue(target, "q"), shared_by="U0SHARER"),
    ):
        check_message(message, allow_users=("U0SHARER",))
        assert render_text(message)


def test_lists_help_home_and_suggestions_fit() -> None:
    kb = bundled()
    check_message(build_help(kb))
    check_message(build_list(kb))
    for tag in kb.tags:
        check_message(build_list(kb, tag))
    check_view(build_home_view(kb))
    candidates = tuple(
        Candidate(t, kb.resolve(t).title, "term", 60.0, "title", "x")  # type: ignore[union-attr]
        for t in _targets()[:5]
    )
    for decision in (Decision.AMBIGUOUS, Decision.NONE):
        check_message(build_reply(kb, MatchResult("q", "q", decision, candidates)))
