"""Block Kit rendered as terminal text."""

from __future__ import annotations

from bot.render.answer import build_answer_message
from bot.render.text import buttons, mrkdwn_to_text, render_text
from tests.support.render_kbs import small_kb


def test_mrkdwn_becomes_readable_text() -> None:
    assert mrkdwn_to_text("<https://a.example/x?a=1&amp;b=2|A &amp; B>") == (
        "A & B (https://a.example/x?a=1&b=2)"
    )
    assert mrkdwn_to_text("&lt;!channel&gt; <@U123>") == "<!channel> @U123"
    assert mrkdwn_to_text("*Readouts*, newest first") == "Readouts, newest first"
    assert mrkdwn_to_text("2 * 3 * 4 and 2*3*4") == "2 * 3 * 4 and 2*3*4"  # not bold in Slack
    assert mrkdwn_to_text("<!date^1772366400^{date_short_pretty}|2026-03-01 12:00 UTC>") == (
        "2026-03-01 12:00 UTC"
    )


def test_answer_as_text_numbers_its_buttons() -> None:
    message = build_answer_message(small_kb(), "alpha-beta-2026-02-04", offer_share=True)
    text = render_text(message)
    assert text.splitlines()[0] == "Secretary Alpha meets Minister Beta"
    assert "Date: February 4, 2026" in text
    assert "[1] Were any agreements signed?" in text
    assert "[3] Share in channel" in text
    assert [b["action_id"] for b in buttons(message["blocks"])] == [
        "readout.answer.0",
        "readout.answer.1",
        "readout.share.0",
    ]


def test_message_without_blocks_shows_its_text() -> None:
    assert render_text({"text": "a &amp; b", "blocks": []}) == "a & b"
