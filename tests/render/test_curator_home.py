"""The curators' section of App Home: first in the tab, each item with a button, every echoed
text escaped, and the whole view within Slack's 100 blocks and 250 kB even with the largest
catalogue beneath it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.freshness import Staleness
from bot.knowledge.snapshot import KnowledgeStatus
from bot.render import limits
from bot.render.catalog import build_home_view
from bot.render.catalog_fit import HOME_BYTES
from bot.render.curator_home import ACTION_LINK, ACTION_RELOAD, Waiting, build_curator_section
from bot.store.gap_groups import GapGroup, NearMatch
from tests.render.test_catalog import _long_title_kb
from tests.support.render_checks import assert_no_live_markup, check_blocks, json_size, texts
from tests.support.render_kbs import HOSTILE

AT = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class _Open:
    question: str | None
    asker_id: str
    created_at: dt.datetime


def _section(n: int = 5) -> list[dict[str, object]]:
    waiting = [
        Waiting(
            _Open(f"{HOSTILE} {i}" if i else None, "U0ASKER", AT),
            f"https://example.slack.com/archives/C0CURATORS/p{i}",
        )
        for i in range(n)
    ]
    overdue = [
        Staleness(
            f"e-{i}",
            f"{HOSTILE} {i}",
            dt.date(2025, 1, 1),
            dt.date(2025, 6, 30),
            ("U0OWNER",),
            True,
            159,
        )
        for i in range(n)
    ]
    gaps = [
        GapGroup(
            f"{HOSTILE} {i}",
            3,
            (),
            (("none", 3),),
            (NearMatch("tommy-pigott", "Tommy Pigott", 40.0, 3),),
            AT,
        )
        for i in range(n)
    ]
    status = KnowledgeStatus(Path("knowledge"), 25, "3 readouts", AT, "abc1234+", 2, 0, None, ())
    return build_curator_section(waiting, 12, overdue, gaps, status)


def test_each_item_has_a_button_to_act() -> None:
    blocks: list[Any] = _section()
    assert blocks[0]["text"]["text"] == "For curators"
    accessories = [b["accessory"] for b in blocks if "accessory" in b]
    kinds = [a["action_id"].rsplit(".", 1)[0] for a in accessories]
    assert kinds.count(ACTION_LINK) == 5  # each waiting question: its card
    assert kinds.count("readout.open") == 10  # each overdue entry, each gap's nearest entry
    assert ACTION_RELOAD in [a["action_id"] for a in accessories]
    shown = "\n".join(texts(blocks))
    assert "*Waiting for a curator* (12)" in shown
    assert "revision `abc1234+`" in shown
    assert "<@U0OWNER>" in shown
    for text in texts(blocks):
        assert_no_live_markup(text, allow_users=("U0ASKER", "U0OWNER"))


def test_the_view_stays_within_slacks_limits_with_the_largest_catalogue() -> None:
    above = _section()
    for readouts, terms in ((0, 0), (3, 22), (10, 2_000), (400, 400)):
        view = build_home_view(_long_title_kb(readouts, terms), above)
        assert view["blocks"][: len(above)] == above  # the section comes first, whole
        check_blocks(view["blocks"], limits.MAX_VIEW_BLOCKS)
        assert json_size(view) <= HOME_BYTES
        assert "What Readout knows" in str(view["blocks"])
