"""The answer message: golden dictionaries for a small knowledge base, and its variations."""

from __future__ import annotations

import json

from bot.render.answer import build_answer_message
from bot.render.ids import ButtonValue, decode_value
from bot.search.types import Candidate, Decision, MatchResult
from tests.support.render_checks import check_message
from tests.support.render_kbs import small_kb

READOUT_ID = "alpha-beta-2026-02-04"
SOURCE_LINE = (
    ":page_facing_up: <https://www.state.gov/readout-alpha|Secretary meets Minister> · "
    "U.S. Department of State · February 4, 2026"
)


def _button(text: str, action_id: str, value: dict[str, object], **extra: str) -> dict[str, object]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_id": action_id,
        "value": json.dumps(value, separators=(",", ":")),
        **extra,
    }


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def test_term_answer_golden() -> None:
    message = build_answer_message(small_kb(), "tommy-pigott", offer_share=True)
    assert message == {
        "text": (
            "Tommy Pigott: Principal Deputy Spokesperson of the State Department. "
            "(Source: U.S. Department of State, https://www.state.gov/brief)"
        ),
        "blocks": [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": "Tommy Pigott", "emoji": True},
            },
            {
                "type": "section",
                "text": _mrkdwn("Principal Deputy Spokesperson of the State Department."),
            },
            {
                "type": "context",
                "elements": [
                    _mrkdwn(
                        ":page_facing_up: <https://www.state.gov/brief|Press briefing> · "
                        "U.S. Department of State · February 4, 2026"
                    ),
                    _mrkdwn("Reviewed February 10, 2026"),
                ],
            },
            {"type": "context", "elements": [_mrkdwn("*Related*")]},
            {
                "type": "actions",
                "elements": [
                    _button(
                        "Secretary Alpha meets Minister Beta", "readout.answer.0", {"t": READOUT_ID}
                    )
                ],
            },
            {
                "type": "actions",
                "elements": [
                    _button(
                        "Share in channel",
                        "readout.share.0",
                        {"t": "tommy-pigott"},
                        style="primary",
                    )
                ],
            },
        ],
    }
    check_message(message)


def test_readout_answer_golden() -> None:
    message = build_answer_message(small_kb(), READOUT_ID)
    assert message["blocks"] == [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": "Secretary Alpha meets Minister Beta",
                "emoji": True,
            },
        },
        {"type": "section", "text": _mrkdwn("They discussed *trade* and security.")},
        {
            "type": "section",
            "fields": [
                _mrkdwn("*Date*\nFebruary 4, 2026"),
                _mrkdwn("*Location*\nWashington, D.C."),
            ],
        },
        {
            "type": "section",
            "text": _mrkdwn(
                "*Participants*\n• Ann Alpha, Secretary of State\n• Bob Beta, Foreign Minister"
            ),
        },
        {
            "type": "section",
            "text": _mrkdwn("*Key points*\n• Trade was discussed.\n• No agreement was signed."),
        },
        {
            "type": "context",
            "elements": [
                _mrkdwn(
                    SOURCE_LINE + " · attributed to Principal Deputy Spokesperson Tommy Pigott"
                ),
                _mrkdwn("Reviewed February 10, 2026"),
            ],
        },
        {"type": "context", "elements": [_mrkdwn("*Follow-up questions*")]},
        {
            "type": "actions",
            "elements": [
                _button(
                    "Were any agreements signed?",
                    "readout.answer.0",
                    {"t": f"{READOUT_ID}#agreements"},
                )
            ],
        },
        {"type": "context", "elements": [_mrkdwn("*Related*")]},
        {
            "type": "actions",
            "elements": [_button("Tommy Pigott", "readout.answer.1", {"t": "tommy-pigott"})],
        },
    ]
    check_message(message)


def test_follow_up_answer_points_back_to_its_readout() -> None:
    message = build_answer_message(small_kb(), f"{READOUT_ID}#agreements")
    blocks = message["blocks"]
    assert blocks[0]["text"]["text"] == "Were any agreements signed?"
    assert blocks[1]["text"]["text"] == "No agreement was signed."
    assert blocks[2]["elements"][0]["text"] == (
        "From the readout of February 4, 2026: Secretary Alpha meets Minister Beta"
    )
    assert "attributed to Principal Deputy Spokesperson Tommy Pigott" in str(blocks[3])
    back = blocks[5]["elements"][0]
    assert decode_value(back["value"]) == ButtonValue(READOUT_ID)
    check_message(message)


def test_fuzzy_match_gets_a_small_note_and_share_keeps_it() -> None:
    result = MatchResult(
        question="who is pigot",
        normalized="who is pigot",
        decision=Decision.ANSWER,
        candidates=(Candidate("tommy-pigott", "Tommy Pigott", "term", 78.4, "alias", "Pigott"),),
    )
    message = build_answer_message(
        small_kb(), "tommy-pigott", result=result, offer_share=True, fuzzy_below=85
    )
    note = [b for b in message["blocks"] if "Closest match" in str(b)]
    assert note[0]["elements"][0]["text"] == (
        ":mag: Closest match for “who is pigot” was the alias “Pigott” (score 78 of 100)."
    )
    share = message["blocks"][-1]["elements"][0]
    assert decode_value(share["value"]) == ButtonValue(
        "tommy-pigott", "who is pigot", "Pigott", "alias", 78.4
    )
    exact = build_answer_message(small_kb(), "tommy-pigott", result=result, fuzzy_below=70)
    assert "Closest match" not in str(exact)


def test_shared_copy_names_who_shared_it_and_offers_no_share_button() -> None:
    via = ButtonValue("tommy-pigott", question="who is <!channel> pigott")
    message = build_answer_message(small_kb(), "tommy-pigott", via=via, shared_by="U024BE7LH")
    first = message["blocks"][0]["elements"][0]["text"]
    assert first == "<@U024BE7LH> shared this answer to “who is &lt;!channel&gt; pigott”"
    assert "readout.share" not in str(message)
    buttons = [e for b in message["blocks"] for e in b.get("elements", []) if "value" in e]
    assert buttons  # its related entries...
    values = [decode_value(b["value"]) for b in buttons]
    assert all(v is not None and v.shared for v in values)  # ...never rewrite the copy
    check_message(message, allow_users=("U024BE7LH",))


def test_unknown_target_says_it_is_gone() -> None:
    message = build_answer_message(small_kb(), "<!here>-gone")
    assert message["text"].startswith("“&lt;!here&gt;-gone” is no longer in the knowledge base.")
    check_message(message)


def test_long_text_is_cut_at_a_word_with_a_link_to_the_source() -> None:
    from tests.support.render_kbs import build, readout, term

    kb = build(readout(summary="word " * 1000, key_points=["point " * 700]), term())
    message = build_answer_message(kb, READOUT_ID)
    summary = message["blocks"][1]["text"]["text"]
    assert len(summary) <= 3000
    assert summary.endswith(
        "word… <https://www.state.gov/readout-alpha|Read more at U.S. Department of State>"
    )
    check_message(message)
