"""Hostile YAML and hostile questions: nothing can ping, broadcast or disguise a link."""

from __future__ import annotations

import pytest

from bot.render.answer import build_answer_message
from bot.render.catalog import build_home_view, build_list
from bot.render.ids import ButtonValue
from bot.render.messages import build_help, build_reply
from bot.search.types import Candidate, Decision, MatchResult
from tests.support.render_checks import check_message, check_view
from tests.support.render_kbs import HOSTILE, hostile_kb

TARGETS = ["alpha-beta-2026-02-04", "alpha-beta-2026-02-04#agreements", "tommy-pigott"]


def _candidate(target: str) -> Candidate:
    return Candidate(target, HOSTILE, "term", 60.0, f"title {HOSTILE}", HOSTILE)


@pytest.mark.parametrize("target", TARGETS)
def test_answers_escape_every_field(target: str) -> None:
    kb = hostile_kb()
    result = MatchResult(HOSTILE, HOSTILE, Decision.ANSWER, (_candidate(target),))
    for message in (
        build_answer_message(kb, target, result=result, offer_share=True),
        build_answer_message(kb, target, via=ButtonValue(target, HOSTILE, HOSTILE, HOSTILE, 50)),
        build_answer_message(kb, target, question=HOSTILE, shared_by="U0SHARER"),
    ):
        check_message(message, allow_users=("U0SHARER",))
        assert "&lt;!channel&gt;" in str(message)


def test_shared_by_must_look_like_a_user_id() -> None:
    message = build_answer_message(hostile_kb(), "tommy-pigott", shared_by="U1> <!channel")
    check_message(message)
    assert "shared this answer" not in str(message)


@pytest.mark.parametrize("decision", [Decision.AMBIGUOUS, Decision.NONE])
def test_did_you_mean_and_not_covered_escape_the_question_and_titles(decision: Decision) -> None:
    candidates = tuple(_candidate(t) for t in TARGETS)
    message = build_reply(hostile_kb(), MatchResult(HOSTILE, HOSTILE, decision, candidates))
    check_message(message)
    empty = build_reply(hostile_kb(), MatchResult(HOSTILE, HOSTILE, decision, ()))
    check_message(empty)


def test_help_list_and_home_escape_titles_and_tags() -> None:
    kb = hostile_kb()
    check_message(build_help(kb))
    check_message(build_list(kb))
    check_message(build_list(kb, "bolivia"))
    check_message(build_list(kb, HOSTILE))
    check_view(build_home_view(kb))
