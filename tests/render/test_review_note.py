"""An answer from an entry past its review date says so, honestly, in a line of its own."""

from __future__ import annotations

import datetime as dt
import json

from bot.knowledge.freshness import ReviewPolicy
from bot.render.answer import build_answer_message
from tests.support.render_kbs import build, readout, small_kb, term

NOTE = "Last reviewed on 10 February 2026, past its review date."


def _texts(message: object) -> str:
    return json.dumps(message, ensure_ascii=False)


def test_an_overdue_entry_carries_the_note_and_a_fresh_one_does_not() -> None:
    kb = small_kb()  # both entries reviewed 2026-02-10
    late = ReviewPolicy(180, dt.date(2026, 8, 10))  # due 2026-08-09
    fresh = ReviewPolicy(180, dt.date(2026, 8, 9))
    overdue = build_answer_message(kb, "tommy-pigott", reviews=late)
    assert f":warning: {NOTE}" in _texts(overdue)
    assert "Reviewed February 10, 2026" not in _texts(overdue)
    on_time = build_answer_message(kb, "tommy-pigott", reviews=fresh)
    assert "past its review date" not in _texts(on_time)
    assert "Reviewed February 10, 2026" in _texts(on_time)
    assert "past its review date" not in _texts(build_answer_message(kb, "tommy-pigott"))


def test_the_entry_interval_wins_and_a_follow_up_follows_its_readout() -> None:
    kb = build(readout(review_every=7), term(review_every=3650))
    policy = ReviewPolicy(180, dt.date(2026, 3, 1))
    assert NOTE in _texts(
        build_answer_message(kb, "alpha-beta-2026-02-04#agreements", reviews=policy)
    )
    assert NOTE not in _texts(build_answer_message(kb, "tommy-pigott", reviews=policy))
