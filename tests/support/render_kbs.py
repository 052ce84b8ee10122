"""Hand-built knowledge bases for the render tests: a small one and a hostile one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import EntryFile

LOADED_AT = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
SOURCE = {
    "title": "Secretary meets Minister",
    "url": "https://www.state.gov/readout-alpha",
    "publisher": "U.S. Department of State",
    "published": "2026-02-04",
}


def readout(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "alpha-beta-2026-02-04",
        "kind": "readout",
        "title": "Secretary Alpha meets Minister Beta",
        "summary": "They discussed *trade* and security.",
        "date": "2026-02-04",
        "location": "Washington, D.C.",
        "participants": [
            {"name": "Ann Alpha", "role": "Secretary of State"},
            {"name": "Bob Beta", "role": "Foreign Minister"},
        ],
        "attributed_to": "Principal Deputy Spokesperson Tommy Pigott",
        "key_points": ["Trade was discussed.", "No agreement was signed."],
        "follow_ups": [
            {
                "id": "agreements",
                "question": "Were any agreements signed?",
                "answer": "No agreement was signed.",
            }
        ],
        "tags": ["bolivia"],
        "related": ["tommy-pigott"],
        "sources": [SOURCE],
        "reviewed": "2026-02-10",
    }
    data.update(changes)
    return data


def term(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "tommy-pigott",
        "kind": "term",
        "category": "person",
        "title": "Tommy Pigott",
        "summary": "Principal Deputy Spokesperson of the State Department.",
        "tags": ["people"],
        "related": ["alpha-beta-2026-02-04"],
        "sources": [{**SOURCE, "title": "Press briefing", "url": "https://www.state.gov/brief"}],
        "reviewed": "2026-02-10",
    }
    data.update(changes)
    return data


def build(*entries: dict[str, Any]) -> KnowledgeBase:
    return KnowledgeBase([EntryFile.model_validate(e).root for e in entries], loaded_at=LOADED_AT)


def small_kb() -> KnowledgeBase:
    return build(readout(), term())


HOSTILE = "<!channel> <@U123> <#C1|general> <https://evil.example|click me> & <!here>"


def hostile_kb() -> KnowledgeBase:
    """Every free-text field carries markup that would ping, broadcast or disguise a link."""
    follow_up = {
        "id": "agreements",
        "question": f"Q {HOSTILE}"[:140],
        "answer": f"A {HOSTILE}",
        "sources": [{**SOURCE, "title": f"S {HOSTILE}", "publisher": "P <!everyone>"}],
    }
    return build(
        readout(
            title=f"T {HOSTILE}"[:140],
            summary=f"S {HOSTILE}",
            location="<!here>",
            participants=[{"name": "<@U999>", "role": "<!channel>"}],
            attributed_to="<@U1> <!subteam^S1>",
            key_points=[HOSTILE],
            follow_ups=[follow_up],
            sources=[{**SOURCE, "title": HOSTILE, "publisher": "<!channel>"}],
            tags=["bolivia"],
        ),
        term(title="<!here> person", summary=HOSTILE, details=HOSTILE),
    )
