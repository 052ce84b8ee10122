"""Ask a curator over real HTTP, end to end: the asker's button, the card in the curators'
channel, each of its three actions, the answer reaching the asker where they asked, the card
updated in place, and a second curator told who came first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.render.escalation import (
    ACTION_DECLINE,
    ACTION_ENTRY,
    ACTION_WRITE,
)
from bot.store.schema import escalations, picks
from tests.support.curator_requests import element, on_message, select_action, view_submission
from tests.support.curator_serving import (
    ASKER,
    CHANNEL,
    CURATOR,
    CURATOR2,
    CURATORS,
    curator_bot,
    table_rows,
    text_of,
)
from tests.support.slack_mock import MockSlack


@pytest.fixture
def mock() -> Any:
    with MockSlack().running() as slack:
        yield slack


def test_a_thread_question_answered_with_an_entry(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path) as bot:
        reply = bot.mention("price of lithium in tonnes", ts="1700000000.000100")
        blocks = reply.data["blocks"]
        assert "does not cover" in text_of(blocks)
        name = bot.ask_curators(
            blocks, message_ts="1700000000.000900", ephemeral=False, thread_ts="1700000000.000100"
        )
        sent = bot.response(name)
        assert sent["response_type"] == "ephemeral"
        assert "went to the curators" in sent["text"]
        assert "here in this thread" in sent["text"]

        card = bot.card()
        shown = text_of(card.data["blocks"])
        assert "price of lithium in tonnes" in shown
        assert f"<@{ASKER}>" in shown
        assert f"<#{CHANNEL}>" in shown
        assert "https://example.slack.com/archives/C0CHAN/p1700000000000100" in shown
        assert "bolivia-lithium" in shown  # Readout's nearest entries
        permalink = mock.wait_for(lambda c: c.method == "chat.getPermalink")
        assert permalink.data["message_ts"] == "1700000000.000100"

        block_id, select = element(card.data["blocks"], ACTION_ENTRY)
        assert select["type"] == "static_select"
        card_message = {"type": "message", "ts": "1700000000.000500", "blocks": card.data["blocks"]}
        picked = select_action(select, block_id, "bolivia-lithium", "Bolivia's lithium")
        bot.post(
            on_message(
                picked,
                user=CURATOR,
                channel=CURATORS,
                message_ts="1700000000.000500",
                response_url=mock.response_url("pick"),
                message=card_message,
            )
        )

        answer = mock.wait_for(
            lambda c: (
                c.method == "chat.postMessage"
                and c.data.get("channel") == CHANNEL
                and c.data.get("thread_ts") == "1700000000.000100"
            ),
            nth=2,
        )
        assert f"<@{CURATOR}>, a curator, answered your question" in text_of(answer.data)
        assert "lithium" in answer.data["text"].casefold()
        update = bot.card_update()
        assert update.data["channel"] == CURATORS
        assert update.data["ts"]
        handled = text_of(update.data["blocks"])
        assert f"✅ <@{CURATOR}> answered with" in handled
        assert "bolivia-lithium" in handled
        assert ACTION_ENTRY not in handled  # no actions left on a handled card

        # A second curator, later: told who came first; nothing more reaches the asker.
        bot.click(
            card.data["blocks"],
            ACTION_DECLINE,
            user=CURATOR2,
            channel=CURATORS,
            message_ts="1700000000.000500",
        )
        late = mock.wait_for(
            lambda c: c.method == "response_url" and "already" in str(c.data.get("text"))
        )
        assert f"<@{CURATOR}> already answered it with an entry" in late.data["text"]
        assert late.data["response_type"] == "ephemeral"
        to_asker = mock.delivered(
            lambda c: c.data.get("channel") == CHANNEL and c.method.startswith("chat.post")
        )
        assert len(to_asker) == 2  # Readout's reply, then the curator's answer; nothing more
        assert len(mock.delivered(lambda c: c.method == "chat.update")) == 1

        status = bot.admin("status")
        assert "*Asked of the curators:* 0 questions waiting" in text_of(status)
    (row,) = table_rows(tmp_path / "readout.db", escalations)
    assert (row.status, row.handled_by, row.target_id) == ("answered", CURATOR, "bolivia-lithium")
    (pick,) = table_rows(tmp_path / "readout.db", picks)
    assert (pick.target_id, pick.source, pick.question) == (
        "bolivia-lithium",
        "curator",
        "price of lithium in tonnes",
    )


def test_write_an_answer_reaches_an_ephemeral_asker(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path) as bot:
        reply = bot.ask("quinoa exports")
        assert "does not cover" in text_of(reply)
        name = bot.ask_curators(reply["blocks"])
        assert "in a message only you see" in bot.response(name)["text"]
        assert not mock.delivered(lambda c: c.method == "chat.getPermalink")
        card = bot.card()
        assert "only they saw Readout's reply" in text_of(card.data["blocks"])
        status = bot.admin("status")
        assert "*Asked of the curators:* 1 question waiting" in text_of(status)

        bot.click(
            card.data["blocks"],
            ACTION_WRITE,
            user=CURATOR,
            channel=CURATORS,
            message_ts="1700000000.000500",
        )
        opened = mock.wait_for(lambda c: c.method == "views.open")
        view = opened.data["view"]
        assert "quinoa exports" in text_of(view)
        written = {
            "curator_reply": {
                "text": {
                    "type": "plain_text_input",
                    "value": "Readout does not track <quinoa> & trade.",
                }
            }
        }
        bot.post(view_submission(view, written, user=CURATOR))

        answer = mock.wait_for(
            lambda c: (
                c.method == "chat.postEphemeral"
                and c.data.get("user") == ASKER
                and "curator" in text_of(c.data)
            )
        )
        assert answer.data["channel"] == CHANNEL
        shown = text_of(answer.data["blocks"])
        assert f"*A curator's reply* from <@{CURATOR}>" in shown
        assert "Readout does not track &lt;quinoa&gt; &amp; trade." in shown
        assert "not a sourced entry" in shown
        update = bot.card_update()
        assert f"<@{CURATOR}> wrote an answer" in text_of(update.data["blocks"])
        assert "readout drafts" in text_of(update.data["blocks"])
    (row,) = table_rows(tmp_path / "readout.db", escalations)
    assert (row.status, row.outcome, row.reply) == (
        "answered",
        "reply",
        "Readout does not track <quinoa> & trade.",
    )


def test_not_in_scope_from_a_direct_message(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path) as bot:
        reply = bot.direct("minerals", ts="1700000000.000100")
        blocks = reply.data["blocks"]
        assert "Not sure I understood" in text_of(blocks)
        name = bot.ask_curators(
            blocks, channel="D0DM", message_ts="1700000000.000900", ephemeral=False
        )
        assert "went to the curators" in bot.response(name)["text"]
        card = bot.card()
        assert "in a direct message with Readout" in text_of(card.data["blocks"])
        bot.click(
            card.data["blocks"],
            ACTION_DECLINE,
            user=CURATOR,
            channel=CURATORS,
            message_ts="1700000000.000500",
        )
        note = mock.wait_for(
            lambda c: c.method == "chat.postMessage" and c.data.get("channel") == "D0DM", nth=2
        )
        assert "outside what Readout's knowledge base covers" in note.data["text"]
        assert "not in scope" in text_of(bot.card_update().data["blocks"])
        # The asker clicks again: the same question is not sent twice.
        again = bot.ask_curators(
            blocks, channel="D0DM", message_ts="1700000000.000900", ephemeral=False
        )
        assert "already asked the curators" in bot.response(again)["text"]
    cards = mock.delivered(
        lambda c: c.method == "chat.postMessage" and c.data.get("channel") == CURATORS
    )
    assert len(cards) == 1
