"""Ask a curator over real HTTP, continued: READOUT_QUESTION_PRIVACY (plain, hashed, none), the 👎
form's box, two replicas on one database racing on one escalation (one outcome), the external
select's type-ahead for a large base, Slack's faults, and no button without a curators' channel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from bot.render.escalation import ACTION_ASK, ACTION_DECLINE, ACTION_ENTRY, ACTION_WRITE
from bot.render.feedback import ACTION_VOTE_DOWN
from bot.store.schema import escalations
from tests.support.curator_requests import (
    block_suggestion,
    button_action,
    element,
    on_message,
    select_action,
    view_submission,
)
from tests.support.curator_serving import (
    ASKER,
    CHANNEL,
    CURATOR,
    CURATOR2,
    CURATORS,
    copy_knowledge,
    curator_bot,
    is_card,
    table_rows,
    text_of,
    wait_until,
)
from tests.support.curator_serving import db_url as db_url  # the SQLite / PostgreSQL fixture
from tests.support.slack_mock import Call, MockSlack, server_error

CARD_TS = "1700000000.000500"


@pytest.fixture
def mock() -> Any:
    with MockSlack().running() as slack:
        yield slack


@pytest.mark.parametrize("privacy", ["plain", "hashed", "none"])
def test_privacy_decides_what_the_card_shows_and_the_store_keeps(
    mock: MockSlack, tmp_path: Path, privacy: str
) -> None:
    with curator_bot(mock, tmp_path, READOUT_QUESTION_PRIVACY=privacy) as bot:
        reply = bot.ask("quinoa exports")
        _, ask = element(reply["blocks"], ACTION_ASK)
        if privacy == "none":  # told before anything is sent
            assert "will see that you asked, and where, but not your question" in text_of(
                ask["confirm"]
            )
            assert "quinoa" not in ask["value"]
        else:
            assert "confirm" not in ask
        name = bot.ask_curators(reply["blocks"])
        assert "went to the curators" in bot.response(name)["text"]
        card = text_of(bot.card().data)
        assert ("quinoa exports" in card) is (privacy != "none")
        if privacy == "none":
            assert "its text is not passed on" in card
        bot.click(
            bot.card().data["blocks"],
            ACTION_DECLINE,
            user=CURATOR,
            channel=CURATORS,
            message_ts=CARD_TS,
        )
        note = mock.wait_for(
            lambda c: (
                c.method == "chat.postEphemeral"
                and "outside what Readout" in str(c.data.get("text"))
            )
        )
        assert ("quinoa exports" in note.data["text"]) is (privacy != "none")
    (row,) = table_rows(tmp_path / "readout.db", escalations)
    assert (row.question is not None) is (privacy == "plain")
    assert (row.question_hash is not None) is (privacy == "hashed")
    assert row.status == "declined"


def test_the_thumbs_down_form_asks_a_curator(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path) as bot:
        reply = bot.mention("who is tommy pigott", ts="1700000000.000100")
        bot.click(
            reply.data["blocks"],
            f"{ACTION_VOTE_DOWN}.0",
            user=ASKER,
            channel=CHANNEL,
            message_ts="1700000000.000900",
            thread_ts="1700000000.000100",
        )
        form = mock.wait_for(lambda c: c.method == "views.open").data["view"]
        assert "Ask a curator about it" in text_of(form)
        ticked = {
            "what_was_wrong": {"comment": {"type": "plain_text_input", "value": "He moved on."}},
            "ask_curator": {"ask": {"type": "checkboxes", "selected_options": [{"value": "ask"}]}},
        }
        bot.post(view_submission(form, ticked, user=ASKER))
        card = bot.card()
        shown = text_of(card.data["blocks"])
        assert "*What was wrong:* He moved on." in shown
        assert "tommy-pigott" in shown
        assert "who is tommy pigott" in shown
        told = mock.wait_for(
            lambda c: (
                c.method == "chat.postEphemeral"
                and "went to the curators" in str(c.data.get("text"))
            )
        )
        assert (told.data["channel"], told.data["user"]) == (CHANNEL, ASKER)
        assert told.data["thread_ts"] == "1700000000.000100"


def test_two_replicas_racing_on_one_escalation_give_one_outcome(
    mock: MockSlack, tmp_path: Path, db_url: str
) -> None:
    with (
        curator_bot(mock, tmp_path, name="a", db_url=db_url) as a,
        curator_bot(mock, tmp_path, name="b", db_url=db_url) as b,
    ):
        for round_ in range(3):
            ts = f"1700000000.00{round_}100"
            reply = a.mention("price of lithium in tonnes", ts=ts)
            a.click(
                reply.data["blocks"],
                ACTION_ASK,
                user=ASKER,
                channel=CHANNEL,
                message_ts=f"1700000000.00{round_}900",
                thread_ts=ts,
            )
            card = a.card(nth=round_ + 1)
            blocks = card.data["blocks"]
            block_id, select = element(blocks, ACTION_ENTRY)
            message = {"type": "message", "ts": CARD_TS, "blocks": blocks}
            picked = select_action(select, block_id, "bolivia-lithium", "Bolivia's lithium")
            wid, write = element(blocks, ACTION_DECLINE)
            bodies = [
                (
                    a,
                    on_message(
                        picked,
                        user=CURATOR,
                        channel=CURATORS,
                        message_ts=CARD_TS,
                        response_url=mock.response_url(f"r{round_}a"),
                        message=message,
                    ),
                ),
                (
                    b,
                    on_message(
                        button_action(write, wid),
                        user=CURATOR2,
                        channel=CURATORS,
                        message_ts=CARD_TS,
                        response_url=mock.response_url(f"r{round_}b"),
                        message=message,
                    ),
                ),
            ]
            start, errors = threading.Barrier(2), list[BaseException]()
            threads = [
                threading.Thread(target=_send, args=(*pair, start, errors)) for pair in bodies
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            mock.wait_for(lambda c: c.method == "chat.update", nth=round_ + 1)
            mock.wait_for(
                lambda c: c.method == "response_url" and "already" in str(c.data), nth=round_ + 1
            )

            def outcome_in_thread(c: Call, ts: str = ts) -> bool:
                return (
                    c.method == "chat.postMessage"
                    and c.data.get("thread_ts") == ts
                    and "curator" in str(c.data.get("text")).casefold()
                )

            outcomes = wait_until(lambda: mock.delivered(outcome_in_thread))
            assert len(outcomes) == 1
    rows = table_rows(db_url, escalations)
    assert len(rows) == 3
    assert all(r.status in ("answered", "declined") for r in rows)
    assert len(mock.delivered(lambda c: c.method == "chat.update")) == 3


def _send(bot: Any, body: str, start: threading.Barrier, errors: list[BaseException]) -> None:
    start.wait()
    try:
        bot.post(body)
    except BaseException as exc:
        errors.append(exc)


def test_a_large_base_gets_an_external_select_served_by_the_matcher(
    mock: MockSlack, tmp_path: Path
) -> None:
    knowledge = copy_knowledge(tmp_path)
    for n in range(80):
        (knowledge / "terms" / f"filler-{n:03d}.yaml").write_text(
            f"id: filler-{n:03d}\nkind: term\ncategory: concept\ntitle: Filler topic {n:03d}\n"
            "summary: Padding.\nsources:\n  - title: S\n    url: https://example.org/s\n"
            "    publisher: P\nreviewed: 2026-11-29\n"
        )
    with curator_bot(mock, tmp_path, knowledge=knowledge) as bot:
        reply = bot.ask("quinoa exports")
        bot.ask_curators(reply["blocks"])
        block_id, select = element(bot.card().data["blocks"], ACTION_ENTRY)
        assert select["type"] == "external_select"
        typed = bot.post(
            block_suggestion(
                ACTION_ENTRY, block_id, "lithium bolivia", user=CURATOR, channel=CURATORS
            )
        )
        options = typed.json()["options"]
        assert {
            "text": {"type": "plain_text", "text": "Bolivia's lithium", "emoji": True},
            "value": "bolivia-lithium",
        } in options
        assert len(options) <= 100


def test_faults_never_lose_an_outcome_silently(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path) as bot:
        # The card cannot be posted: the asker is told, and may ask again.
        reply = bot.ask("quinoa exports")
        mock.fail_next("chat.postMessage", CURATORS, "not_in_channel")
        name = bot.ask_curators(reply["blocks"])
        assert "could not pass your question on" in bot.response(name)["text"]
        again = bot.ask_curators(reply["blocks"])
        assert "went to the curators" in bot.response(again)["text"]
        card = bot.card()
        # Slack answers 503 twice, then takes the outcome: retried, delivered once.
        mock.inject("chat.postEphemeral", server_error(503), times=2)
        bot.click(
            card.data["blocks"], ACTION_DECLINE, user=CURATOR, channel=CURATORS, message_ts=CARD_TS
        )
        wait_until(lambda: mock.delivered(lambda c: c.method == "chat.postEphemeral"))
        assert len(mock.delivered(lambda c: c.method == "chat.postEphemeral")) == 1
        assert "could not be delivered" not in text_of(bot.card_update().data)

        # The asker's channel refuses for good: the card says so and status counts it.
        mentioned = bot.mention("price of lithium in tonnes", ts="1700000000.000300")
        bot.ask_curators(
            mentioned.data["blocks"],
            message_ts="1700000000.000301",
            ephemeral=False,
            thread_ts="1700000000.000300",
        )
        card = bot.card(nth=2)
        mock.fail_next("chat.postMessage", CHANNEL, "channel_not_found")
        bot.click(
            card.data["blocks"], ACTION_WRITE, user=CURATOR, channel=CURATORS, message_ts=CARD_TS
        )
        form = mock.wait_for(lambda c: c.method == "views.open").data["view"]
        written = {"curator_reply": {"text": {"type": "plain_text_input", "value": "23 Mt."}}}
        bot.post(view_submission(form, written, user=CURATOR))
        update = bot.card_update(nth=2)
        assert "could not be delivered to the asker" in text_of(update.data)
        assert "channel_not_found" in text_of(update.data)
        # Counted once the follow-up ends (it raises after updating the card).
        wait_until(lambda: "*1 undelivered*" in text_of(bot.admin("status")))
    assert "undelivered" in bot.log.read_text()


def test_no_button_without_a_curators_channel(mock: MockSlack, tmp_path: Path) -> None:
    with curator_bot(mock, tmp_path, READOUT_CURATORS_CHANNEL="") as bot:
        reply = bot.ask("quinoa exports")
        assert "does not cover" in text_of(reply)
        assert ACTION_ASK not in text_of(reply)
    assert not [c for c in mock.calls if is_card(c)]
