"""Slack's limits on every message, whatever a person types: the top-level `text` within 3,000
characters, a question repeated back cut to about 200 characters with an ellipsis, and the text
objects that repeat it `verbatim`, so a bare URL or #channel in it is not made a link.

Issue 9 measured a 40,000-character mention posting a `text` of 40,114 characters, and a
refusal repeating a 3,000-character question in full.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.knowledge.snapshot import KnowledgeStatus
from bot.render import limits
from bot.render.answer import build_answer_message, build_gone
from bot.render.blocks import Message
from bot.render.catalog import build_list
from bot.render.curators import build_gaps, build_status, build_store_unavailable
from bot.render.escape import echo, escape_mrkdwn, unescape_mrkdwn
from bot.render.feedback import with_feedback
from bot.render.ids import ButtonValue
from bot.render.messages import build_reply
from bot.search.types import Candidate, Decision, MatchResult
from bot.store.gap_groups import GapGroup, NearMatch
from bot.store.recorder import RecorderStats
from tests.support.render_checks import check_message, texts
from tests.support.render_kbs import hostile_kb, small_kb

MARK = "ZQX"
"""Every generated question starts with it, so its echoes can be found in a message."""
PIECES = [
    "<!channel>",
    "<!here|here>",
    "<@U0EVIL>",
    "<#C0GENERAL|general>",
    "<https://evil.example|click me>",
    "https://bare.example/path?a=1&b=2",
    "#general",
    "@here",
    "&amp;",
    "&",
    "*bold* _it_ ~s~ `code`",
    "ñandú 😀",
    " ",
    "word ",
]
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
PIGOTT = Candidate("tommy-pigott", "Tommy Pigott", "term", 72.0, "alias", "Pigott")


def _question(pattern: str, length: int) -> str:
    body = (pattern * (length // max(1, len(pattern)) + 1))[:length]
    return f"{MARK} {body}"


questions = st.builds(
    _question,
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=12).map(
        "".join
    ),
    st.integers(min_value=0, max_value=40_000),
)
"""Hostile questions of up to 40,000 characters: Slack markup, bare URLs, any text."""


def messages_repeating(question: str) -> dict[str, Message]:
    """Every message Readout builds that can repeat `question` (or another person's text)."""
    kb = small_kb()
    none = MatchResult(question, question, Decision.NONE, ())
    nearest = MatchResult(question, question, Decision.NONE, (PIGOTT,))
    ambiguous = MatchResult(question, question, Decision.AMBIGUOUS, (PIGOTT,))
    weak = MatchResult(question, question, Decision.ANSWER, (PIGOTT,))
    via = ButtonValue("tommy-pigott", question, "Pigott", "alias", 72.0)
    group = GapGroup(
        question, 3, ((question, 3),), (("none", 3),), (NearMatch("u", "U", 60, 3),), NOW
    )
    stats = RecorderStats(False, 1, 0, 0, 1, 0, question)
    knowledge = KnowledgeStatus(Path("knowledge"), 1, "1 term", NOW, None, 0, 0, None, ())
    weak_answer = build_reply(kb, weak, fuzzy_below=100.0)
    return {
        "not covered": build_reply(kb, none),
        "not covered, nearest": build_reply(hostile_kb(), nearest),
        "did you mean": build_reply(kb, ambiguous),
        "closest match": weak_answer,
        "closest match, with feedback": with_feedback(weak_answer, "tommy-pigott", question),
        "shared by": build_answer_message(kb, "tommy-pigott", via=via, shared_by="U0SHARER"),
        "gone": build_gone(question),
        "unknown tag": build_list(kb, question),
        "gaps": build_gaps([group], 30),
        "status": build_status(knowledge, stats),
        "store unavailable": build_store_unavailable(question),
    }


def mrkdwn_objects(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if node.get("type") == "mrkdwn" else []
        return found + [obj for value in node.values() for obj in mrkdwn_objects(value)]
    if isinstance(node, list):
        return [obj for item in node for obj in mrkdwn_objects(item)]
    return []


def check_fits(question: str) -> None:
    echoes = {echo(question), echo(question.strip())}  # a tag is repeated stripped
    too_much = escape_mrkdwn(question[: limits.ECHO_TEXT + 1])  # more than was meant to be kept
    long = len(question) > limits.ECHO_TEXT
    for name, message in messages_repeating(question).items():
        check_message(message, allow_users=("U0SHARER",))  # text <= 3,000, blocks valid, escaped
        everything = [message["text"], *texts(message["blocks"])]
        assert any(e in text for e in echoes for text in everything), name  # as echo() cuts it
        assert not (long and any(too_much in text for text in everything)), name
        for obj in mrkdwn_objects(message["blocks"]):
            if MARK in obj["text"]:
                assert obj.get("verbatim") is True, (name, obj)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions)
def test_hostile_questions_of_any_length_fit_slack(question: str) -> None:
    check_fits(question)


def test_a_40000_character_mention_and_a_3000_character_refusal() -> None:
    """The two cases issue 9 measured, and the boundaries around the 200-character cut."""
    for length in (0, 195, 196, 200, 201, 3_000, 40_000):
        check_fits(_question("where is <https://a.example|x> & ", length))
    refusal = build_reply(small_kb(), MatchResult("q" * 40_000, "", Decision.NONE, ()))
    assert len(refusal["text"]) < 400
    assert "“" + "q" * (limits.ECHO_TEXT - 1) + "…”" in refusal["text"]  # one word: cut hard


def test_echo_cuts_at_a_word_and_says_so() -> None:
    assert echo("what is <usmca> & why") == "what is &lt;usmca&gt; &amp; why"
    long = "word " * 100
    cut = echo(long)
    assert cut.endswith("…")
    assert len(cut) <= limits.ECHO_TEXT
    assert cut.removesuffix("…").split() == ["word"] * len(cut.removesuffix("…").split())


@given(st.text(max_size=1_000))
def test_echo_is_at_most_200_characters_before_escaping(text: str) -> None:
    cut = unescape_mrkdwn(echo(text))
    assert len(cut) <= limits.ECHO_TEXT
    if len(text) <= limits.ECHO_TEXT:
        assert cut == text
    else:
        assert cut.endswith(limits.ELLIPSIS)
        assert text.startswith(cut.removesuffix(limits.ELLIPSIS).rstrip(" \n,:"))


def test_the_top_level_text_is_capped_whatever_makes_it_long() -> None:
    """Not only a question: titles an admin wrote too long, a deep knowledge path."""
    long_titles = tuple(
        Candidate(f"id-{n}", f"Title {n} " + "word " * 800, "term", 70.0, "title", "x")
        for n in range(3)
    )
    deep = Path("/srv/" + "knowledge/" * 400)
    knowledge = KnowledgeStatus(deep, 1, "1 term " * 500, NOW, None, 0, 0, None, ())
    stats = RecorderStats(True, 1, 0, 0, 0, 0, None)
    for message in (
        build_reply(small_kb(), MatchResult("q", "q", Decision.AMBIGUOUS, long_titles)),
        build_status(knowledge, stats),
    ):
        check_message(message)
        assert len(message["text"]) > 2_000  # long, but cut to fit
        assert message["text"].endswith(limits.ELLIPSIS)
