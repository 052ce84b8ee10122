"""Questions about a period or a set ('readouts from February 2026', 'every meeting with
Aramayo'): the readouts that fit, newest first (oldest first when asked)."""

from __future__ import annotations

import datetime as dt

from bot.search.asked import Asked
from bot.search.entities import dated
from bot.search.index import SearchIndex
from bot.search.scoring import Scored
from bot.search.timeframe import Intent, Timeframe
from bot.search.types import Decision

LISTED_SCORE = 90.0
"""The score shown for a readout listed because it fits the period or set asked about."""
POOL = 200
"""At most this many readouts are checked for a list, however large the knowledge base."""
TOPIC_SHARE = 0.5
"""With words beyond time and people, a readout is listed when it scores at least this share of
the best readout's score."""

Verdict = tuple[Decision, list[Scored], list[int]]


def list_readouts(
    index: SearchIndex, scored: list[Scored], intent: Intent, asked: Asked
) -> Verdict | None:
    """The readouts the question asks for: a list of two or more, one answer, or None when no
    readout fits (the question is then matched as any other)."""
    fitting = [i for i in _pool(index, scored, asked) if _fits(index, i, asked)]
    best: dict[int, float] = {}
    for item in scored:
        family = index.parents[item.index]
        family = item.index if family is None else family
        best[family] = max(best.get(family, 0.0), item.score)
    topical = _topic_words(index, intent, asked)
    if topical and best:
        top = max((best.get(i, 0.0) for i in fitting), default=0.0)
        fitting = [i for i in fitting if best.get(i, 0.0) >= top * TOPIC_SHARE and top > 0]
    if not fitting:
        return None
    fitting.sort(key=lambda i: index.targets[i].date or dt.date.min, reverse=not asked.oldest)
    ranked = [Scored(i, LISTED_SCORE, "date", "listed") for i in fitting]
    if len(fitting) == 1:
        return Decision.ANSWER, ranked, []
    return Decision.LIST, ranked, []


def _pool(index: SearchIndex, scored: list[Scored], asked: Asked) -> list[int]:
    """The readouts worth checking, at most POOL of them, found the cheapest way the question
    allows: by its dates, by the people it names, by what it matched, or the newest."""
    if asked.dates:
        found: dict[int, None] = {}
        for day in asked.dates:
            span = Timeframe(day.year, day.month, day.day, ())
            found.update(dict.fromkeys(index.readouts_in(span, POOL)))
        return list(found)[:POOL]
    if asked.persons:
        meetings = [set(index.meetings_of.get(p, ())) for p in asked.persons]
        return sorted(set.intersection(*meetings))[:POOL]
    if asked.countries or _families(index, scored):
        return _families(index, scored)[:POOL]
    return index.newest_readouts(POOL)


def _families(index: SearchIndex, scored: list[Scored]) -> list[int]:
    found: dict[int, None] = {}
    for item in scored:
        parent = index.parents[item.index]
        position = item.index if parent is None else parent
        if index.targets[position].kind == "readout":
            found[position] = None
    return list(found)


def _fits(index: SearchIndex, position: int, asked: Asked) -> bool:
    target = index.targets[position]
    if not asked.countries <= target.countries or not asked.persons <= index.persons[position]:
        return False
    if not asked.dates or target.date is None:
        return True
    own = dated(target.date)
    return any(own.agrees(d.year, d.month, d.day) for d in asked.dates)


def _topic_words(index: SearchIndex, intent: Intent, asked: Asked) -> bool:
    """True when the question has words beyond its time, people and the readouts it asks for."""
    time_words = set(intent.timeframe.tokens) if intent.timeframe else set()
    people = set(index.people)
    return any(t not in time_words and t not in people and not t.isdigit() for t in intent.tokens)
