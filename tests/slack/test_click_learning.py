"""Learning from clicks, over real HTTP: two people choosing the same "did you mean" suggestion
for near-duplicate questions make `/readout gaps` and `readout gaps --yaml` propose the question
as that entry's alias; a follow-up button under an answer teaches nothing; READOUT_QUESTION_PRIVACY
is respected."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.render.ids import decode_value
from bot.store.schema import picks
from tests.support.curator_serving import CHANNEL, curator_bot, table_rows, text_of, wait_until
from tests.support.slack_mock import MockSlack

LITHIUM = "bolivia-lithium"


@pytest.fixture
def mock() -> Any:
    with MockSlack().running() as slack:
        yield slack


def _choose(bot: Any, question: str, user: str, target: str) -> dict[str, Any]:
    """Ask with /readout, then click the suggestion for `target`; returns the reply asked."""
    reply = bot.ask(question, user=user)
    suggestions = [
        e
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if (v := decode_value(e.get("value"))) is not None and v.target == target
    ]
    assert suggestions, text_of(reply)
    block = {"type": "actions", "block_id": "b1", "elements": [suggestions[0]]}
    bot.click(
        [block],
        suggestions[0]["action_id"],
        user=user,
        channel=CHANNEL,
        message_ts="1700000000.000100",
        ephemeral=True,
    )
    return reply


def test_two_people_choosing_one_suggestion_propose_an_alias(
    mock: MockSlack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    db = tmp_path / "readout.db"
    with curator_bot(mock, tmp_path, READOUT_LEARN_PICKERS="2") as bot:
        first = _choose(bot, "minerals", "U0ONE", LITHIUM)
        assert "Not sure I understood" in text_of(first)
        wait_until(lambda: len(table_rows(db, picks)) == 1)
        assert "Learned from clicks" not in text_of(bot.admin("gaps"))  # one person: not yet
        _choose(bot, "minerals?", "U0TWO", LITHIUM)
        wait_until(lambda: len(table_rows(db, picks)) == 2)
        gaps = text_of(bot.admin("gaps"))
        assert "*Learned from clicks*" in gaps
        assert f"• minerals? → `{LITHIUM}` (2 people)" in gaps  # the latest wording leads

        # A follow-up button under an answer is navigation, not a pick.
        answer = bot.ask("rubio aramayo")
        buttons = [e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]]
        follow = next(e for e in buttons if "#" in json.loads(e["value"])["t"])
        block = {"type": "actions", "block_id": "b1", "elements": [follow]}
        name = bot.click(
            [block],
            follow["action_id"],
            user="U0THREE",
            channel=CHANNEL,
            message_ts="1700000000.000200",
            ephemeral=True,
        )
        assert bot.response(name)["replace_original"] is True
        time.sleep(0.5)  # the recorder writes within a quarter of a second
    rows = table_rows(db, picks)
    assert {(r.user_id, r.target_id, r.source, r.question) for r in rows} == {
        ("U0ONE", LITHIUM, "suggestion", "minerals"),
        ("U0TWO", LITHIUM, "suggestion", "minerals?"),
    }
    monkeypatch.setenv("READOUT_DATABASE_URL", f"sqlite:///{db}")
    assert main(["gaps", "--yaml"]) == 0
    proposed = capsys.readouterr().out
    assert f"# Learned from clicks: 2 people chose '{LITHIUM}'" in proposed
    assert f'terms/{LITHIUM}.yaml:\naliases:\n  - "minerals"' in proposed


@pytest.mark.parametrize("privacy", ["hashed", "none"])
def test_picks_keep_what_the_privacy_setting_allows(
    mock: MockSlack, tmp_path: Path, privacy: str
) -> None:
    db = tmp_path / "readout.db"
    with curator_bot(mock, tmp_path, READOUT_QUESTION_PRIVACY=privacy) as bot:
        _choose(bot, "minerals", "U0ONE", LITHIUM)
        _choose(bot, "minerals", "U0TWO", LITHIUM)
        wait_until(lambda: len(table_rows(db, picks)) == 2)
        gaps = text_of(bot.admin("gaps"))
        if privacy == "hashed":
            assert "(question stored as hash" in gaps  # counted, but no words to propose
        else:
            assert "Learned from clicks" not in gaps
    assert all(r.question is None and r.normalized is None for r in table_rows(db, picks))
    assert all(
        (r.question_hash is not None) is (privacy == "hashed") for r in table_rows(db, picks)
    )
