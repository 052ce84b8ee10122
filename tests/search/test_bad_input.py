"""Bad input never raises and never gets a confident answer it should not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.search.matcher import Matcher
from bot.search.types import Decision, MatchResult
from tests.support.search_kbs import bundled

BAD = [
    "",
    " ",
    "\t\n\r  ",
    "x" * 10_000,
    "🙂🙂🙂",
    "👍🏽🇧🇴",
    "???!!!...",
    "-#-#-#",
    "\u0000\u0001\u0007\u001b[31m",
    "\u200b\u200c\u200d\ufeff",
    "\u202eoivilob",
    "مرحبا بالعالم",
    "שלום עולם",
    "<@U123ABC>",
    "<@U123ABC> <#C123|general> <!here> <!channel>",
    "<https://example.org|>",
    ":wave: :smile:",
    "&amp;&lt;&gt;",
    "<<<>>>",
    "#",
    "a-",
    "-a-b-",
]


def check(result: MatchResult) -> None:
    assert result.decision in tuple(Decision)
    assert all(0 <= c.score <= 100 for c in result.candidates)
    if result.decision is not Decision.ANSWER:
        assert result.answer is None


@pytest.mark.parametrize("text", BAD)
def test_bad_input_gets_none(text: str) -> None:
    result = Matcher(bundled()).match(text)
    check(result)
    assert result.decision is Decision.NONE


@pytest.mark.parametrize("text", ["tell me about FORGE " + "x" * 10_000, "bolivia " * 2_000])
def test_long_questions_get_a_valid_verdict(text: str) -> None:
    check(Matcher(bundled()).match(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_verdict(text: str) -> None:
    check(Matcher(bundled()).match(text))


NOT_WORDS = st.text(
    alphabet=st.characters(categories=("So", "Sk", "Sm", "Po", "Ps", "Pe", "Pd", "Zs", "Cc", "Cf")),
    max_size=200,
)
MARKUP = st.one_of(
    st.from_regex(r"<@U[A-Z0-9]{4,10}>", fullmatch=True),
    st.from_regex(r"<#C[A-Z0-9]{4,10}>", fullmatch=True),
    st.sampled_from(["<!here>", "<!channel>", "<!everyone>", ":wave:", ":+1:", ":smile:"]),
)


@settings(max_examples=200, deadline=None)
@given(NOT_WORDS)
def test_emoji_punctuation_and_invisible_characters_never_answer(text: str) -> None:
    result = Matcher(bundled()).match(text)
    check(result)
    assert result.decision is not Decision.ANSWER


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(MARKUP, NOT_WORDS), max_size=8).map(" ".join))
def test_only_slack_markup_never_answers(text: str) -> None:
    result = Matcher(bundled()).match(text)
    check(result)
    assert result.decision is not Decision.ANSWER
