"""Did you mean, not covered, help, and the dispatch between them."""

from __future__ import annotations

from bot.render.ids import PICK_NEAREST, PICK_SUGGESTION, ButtonValue, decode_value
from bot.render.messages import build_help, build_reply
from bot.search.types import Candidate, Decision, MatchResult
from tests.support.render_checks import check_message
from tests.support.render_kbs import build, readout, small_kb

PIGOTT = Candidate("tommy-pigott", "Tommy Pigott", "term", 72.0, "alias", "Pigott")
AGREEMENTS = Candidate(
    "alpha-beta-2026-02-04#agreements",
    "Were any agreements signed?",
    "follow-up",
    70.0,
    "question",
    "Were any agreements signed?",
)
READOUT = Candidate(
    "alpha-beta-2026-02-04", "Secretary Alpha meets Minister Beta", "readout", 95.0, "title", "x"
)


def _result(decision: Decision, *candidates: Candidate, question: str = "pigot") -> MatchResult:
    return MatchResult(question, question, decision, candidates)


def test_did_you_mean_golden() -> None:
    message = build_reply(small_kb(), _result(Decision.AMBIGUOUS, PIGOTT, AGREEMENTS))
    assert message["text"] == (
        "Not sure I understood. Did you mean: Tommy Pigott / Were any agreements signed?"
    )
    blocks = message["blocks"]
    assert blocks[0] == {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "text": ":thinking_face: *Not sure I understood* “pigot” — did you mean…",
            "verbatim": True,  # it repeats the question: a URL in it is not made a link
        },
    }
    buttons = blocks[1]["elements"]
    assert [b["text"]["text"] for b in buttons] == ["Tommy Pigott", "Were any agreements signed?"]
    assert [b["action_id"] for b in buttons] == ["readout.answer.0", "readout.answer.1"]
    assert decode_value(buttons[0]["value"]) == ButtonValue(
        "tommy-pigott", "pigot", "Pigott", "alias", 72.0, picked=PICK_SUGGESTION
    )
    assert blocks[2]["elements"][0]["text"].startswith("Try `/readout list`")
    check_message(message)


def test_did_you_mean_offers_at_most_three() -> None:
    many = [Candidate(f"id-{n}", f"Title {n}", "term", 70.0 - n, "title", "x") for n in range(6)]
    message = build_reply(small_kb(), _result(Decision.AMBIGUOUS, *many))
    assert len(message["blocks"][1]["elements"]) == 3


def test_not_covered_says_so_and_suggests_the_nearest_topics() -> None:
    result = _result(Decision.NONE, PIGOTT, question="weather in <!here> Paris")
    message = build_reply(small_kb(), result)
    assert message["text"].startswith(
        "The knowledge base does not cover “weather in &lt;!here&gt; Paris”."
    )
    assert "/readout list" in message["text"]
    assert message["blocks"][1]["elements"][0]["text"] == "*Nearest topics*"
    assert message["blocks"][2]["elements"][0]["text"]["text"] == "Tommy Pigott"
    check_message(message)


def test_offered_choices_are_marked_so_a_click_can_be_learned_from() -> None:
    """A "did you mean" suggestion and a nearest topic say so in their value; the follow-up
    and related buttons under an answer do not (a click on them is not a pick)."""
    nearest = build_reply(small_kb(), _result(Decision.NONE, PIGOTT, question="weather"))
    value = decode_value(nearest["blocks"][2]["elements"][0]["value"])
    assert value is not None
    assert (value.target, value.question, value.picked) == ("tommy-pigott", "weather", PICK_NEAREST)
    answer = build_reply(small_kb(), _result(Decision.ANSWER, READOUT, question="alpha beta"))
    values = [
        decode_value(e["value"])
        for b in answer["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert values
    assert all(v is not None and v.picked is None for v in values)


def test_not_covered_without_candidates_lists_the_topics() -> None:
    message = build_reply(small_kb(), _result(Decision.NONE, question="weather"))
    assert "Topics it covers: `bolivia`, `people`" in str(message["blocks"])
    check_message(message)


def test_answer_decision_builds_the_answer() -> None:
    result = _result(Decision.ANSWER, PIGOTT, question="who is tommy pigott")
    message = build_reply(small_kb(), result, offer_share=True, fuzzy_below=85)
    assert message["blocks"][0]["text"]["text"] == "Tommy Pigott"
    assert "Closest match" in str(message)  # 72 < 85
    assert "readout.share.0" in str(message)


def test_help_has_examples_from_the_knowledge_base() -> None:
    message = build_help(small_kb())
    text = str(message["blocks"])
    assert "`/readout Were any agreements signed?`" in text
    assert "`/readout Who is Tommy Pigott?`" in text
    examples = next(b for b in message["blocks"] if b["type"] == "actions")["elements"]
    assert decode_value(examples[0]["value"]) == ButtonValue(
        "alpha-beta-2026-02-04#agreements", question="Were any agreements signed?"
    )
    check_message(message)


def test_a_list_shows_each_readout_in_the_order_given_with_an_open_button() -> None:
    kb = build(
        readout(id="alpha-beta-2026-02-04", date="2026-02-04", title="Alpha meets Beta"),
        readout(id="alpha-gamma-2026-02-05", date="2026-02-05", title="Alpha meets Gamma"),
    )
    listed = [
        Candidate(r, r, "readout", 90.0, "date", "listed")
        for r in ("alpha-gamma-2026-02-05", "alpha-beta-2026-02-04")
    ]
    question = "readouts from <!channel> february"
    message = build_reply(kb, MatchResult(question, question, Decision.LIST, tuple(listed)))
    check_message(message)
    assert message["text"].startswith("2 readouts for “readouts from &lt;!channel&gt; february”")
    opened = [
        decode_value(block["accessory"]["value"])
        for block in message["blocks"]
        if block.get("accessory", {}).get("text", {}).get("text") == "Open"
    ]
    assert [v.target for v in opened if v] == ["alpha-gamma-2026-02-05", "alpha-beta-2026-02-04"]
    assert "newest first" in message["blocks"][0]["text"]["text"]
    oldest = MatchResult(question, question, Decision.LIST, tuple(reversed(listed)))
    assert "oldest first" in build_reply(kb, oldest)["blocks"][0]["text"]["text"]
