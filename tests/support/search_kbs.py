"""Small hand-built knowledge bases for matcher tests, and the bundled one."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import FollowUp, Participant, Readout, Source, Term

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "knowledge"
_SOURCE = Source.model_validate(
    {"title": "A page", "url": "https://example.org/page", "publisher": "Example"}
)


@cache
def bundled() -> KnowledgeBase:
    """The knowledge base shipped under knowledge/ (loaded once per test run)."""
    return load_knowledge(BUNDLED_DIR)


def term(
    entry_id: str,
    title: str,
    *,
    aliases: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    summary: str = "A short definition.",
) -> Term:
    return Term(
        id=entry_id,
        kind="term",
        category="concept",
        title=title,
        aliases=aliases,
        summary=summary,
        tags=tags,
        sources=(_SOURCE,),
        reviewed=dt.date(2026, 1, 1),
    )


def follow_up(fu_id: str, question: str, *aliases: str) -> FollowUp:
    return FollowUp(id=fu_id, question=question, aliases=aliases, answer="An answer.")


def readout(
    entry_id: str,
    title: str,
    date: str,
    *,
    aliases: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    follow_ups: tuple[FollowUp, ...] = (),
    people: tuple[str, ...] = ("Ana Example",),
) -> Readout:
    return Readout(
        id=entry_id,
        kind="readout",
        title=title,
        aliases=aliases,
        summary="They met and talked.",
        tags=tags,
        sources=(_SOURCE,),
        reviewed=dt.date(2026, 1, 1),
        date=dt.date.fromisoformat(date),
        location="Washington, D.C.",
        participants=tuple(Participant(name=p, role="Official") for p in people),
        attributed_to="Office of the Spokesperson",
        key_points=("They talked.",),
        follow_ups=follow_ups,
    )


def kb(*entries: Term | Readout) -> KnowledgeBase:
    return KnowledgeBase(entries)
