"""Block Kit for the curators' loop, checked with Slack's own models and with hostile text."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from bot.errors import Problem
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.snapshot import KnowledgeStatus, ReloadResult, Snapshot
from bot.render.curators import (
    build_admin_only,
    build_gaps,
    build_reload,
    build_reload_failure_alert,
    build_status,
)
from bot.render.feedback import (
    ACTION_VOTE_DOWN,
    ACTION_VOTE_UP,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    VIEW_FEEDBACK,
    build_feedback_modal,
    build_vote_thanks,
    with_feedback,
)
from bot.render.ids import decode_value
from bot.store.gap_groups import GapGroup, NearMatch
from bot.store.recorder import RecorderStats
from tests.support.render_checks import check_message, check_view, texts

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
HOSTILE = "<!channel> <@U999> & <https://evil.example|click>"
PROBLEMS = (Problem("knowledge/terms/x.yaml", 6, 1, f"unknown field '{HOSTILE}'", "x"),)


SNAPSHOT = Snapshot(KnowledgeBase((), loaded_at=NOW), None, None, 1)


def test_feedback_buttons_remember_entry_and_question() -> None:
    message = with_feedback({"text": "Answer", "blocks": []}, "usmca", "what is usmca?")
    check_message(message)
    [block] = message["blocks"]
    up, down = block["elements"]
    assert (up["action_id"], down["action_id"]) == (f"{ACTION_VOTE_UP}.0", f"{ACTION_VOTE_DOWN}.0")
    value = decode_value(down["value"])
    assert value is not None
    assert (value.target, value.question) == ("usmca", "what is usmca?")
    full = with_feedback({"text": "A", "blocks": [{"type": "divider"}] * 50}, "usmca", None)
    assert len(full["blocks"]) == 50


def test_feedback_modal() -> None:
    view = build_feedback_modal({"t": "usmca", "q": "x" * 5000, "k": "C1:1.0"})
    check_view(view)
    assert view["callback_id"] == VIEW_FEEDBACK
    assert view["blocks"][1]["block_id"] == COMMENT_BLOCK
    assert view["blocks"][1]["element"]["action_id"] == COMMENT_ACTION
    assert view["blocks"][1]["optional"] is True
    assert len(view["private_metadata"]) <= 3000
    assert json.loads(view["private_metadata"])["t"] == "usmca"


def test_simple_replies() -> None:
    check_message(build_vote_thanks(True))
    refusal = build_admin_only("reload")
    check_message(refusal)
    assert refusal["text"].startswith("Sorry, `/readout reload` is for Readout's admins.")


def test_reload_replies_escape_problems() -> None:
    ok = ReloadResult(True, SNAPSHOT, (), 0.05)
    check_message(build_reload(ok))
    assert build_reload(ok)["text"].startswith("✅ Knowledge base reloaded 0 readouts")
    failed = ReloadResult(False, SNAPSHOT, PROBLEMS, 0.05)
    for message in (build_reload(failed), build_reload_failure_alert(failed, "knowledge")):
        check_message(message)
        assert "knowledge/terms/x.yaml:6:1: unknown field" in " ".join(texts(message["blocks"]))


def test_status_shows_knowledge_failure_and_database() -> None:
    knowledge = KnowledgeStatus(
        root=Path("knowledge"),
        entries=25,
        summary="3 readouts, 22 terms, 24 follow-ups",
        loaded_at=NOW - dt.timedelta(hours=1),
        revision="807481a+",
        reloads=4,
        failures=1,
        last_failure_at=NOW,
        last_problems=PROBLEMS,
    )
    store = RecorderStats(False, 12, 3, 1, 7, 2, "connection refused <x>")
    message = build_status(knowledge, store)
    check_message(message)
    text = message["text"]
    assert "25 entries" in text
    assert "revision `807481a+`" in text
    assert "⚠️ *Last load failed*" in text
    assert "12 records written, 3 waiting, 1 dropped" in text
    assert "knowledge/terms/x.yaml:6:1" in " ".join(texts(message["blocks"]))


@dataclass(frozen=True)
class Replies:
    done: int
    undelivered: int
    pending: int
    deadline: float


def test_status_counts_replies_that_could_not_be_delivered() -> None:
    knowledge = KnowledgeStatus(Path("knowledge"), 25, "25 terms", NOW, None, 0, 0, None, ())
    store = RecorderStats(True, 12, 0, 0, 0, 0, None)
    message = build_status(knowledge, store, Replies(1180, 2, 3, 120.0))
    check_message(message)
    assert message["text"].splitlines()[-1] == (
        "*Replies* sent after acknowledging, by this worker since it started: 1180 done, "
        "⚠️ *2 undelivered* (failed, or still failing after 120 s of retries; each is in the "
        "log), 3 in progress."
    )
    assert "*0 undelivered*" in build_status(knowledge, store, Replies(5, 0, 0, 120))["text"]


def test_gaps_message() -> None:
    group = GapGroup(
        HOSTILE, 4, ((HOSTILE, 4),), (("none", 4),), (NearMatch("usmca", "U", 61, 4),), NOW
    )
    message = build_gaps([group] * 60, 90)
    check_message(message)
    assert "*4×*" in texts(message["blocks"])[0]
    check_message(build_gaps([], 7))
