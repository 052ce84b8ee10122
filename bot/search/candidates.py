"""The first pass: which targets are worth scoring in full (scoring.py) for a question.

Rare words walk their posting lists; common words (see index.COMMON) only add weight to targets
found that way, or, when every word of the question is common, are intersected newest first. A
word that is only a tag of a target weighs less, as in scoring. The best few readouts bring their
follow-ups along, and a timeframe brings the readouts dated inside it.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from bot.search.index import SearchIndex
from bot.search.scoring import FIELD_FACTORS, Query

TEXT_FACTOR = 0.5
"""A word found only in a target's text counts this much towards gathering it."""
POSTINGS_CAP = 2000
"""At most this many targets are gathered from one word or one intersection."""
WALK_LIMIT = 8 * POSTINGS_CAP
"""How far down a common word's posting list an intersection looks."""


def gather(index: SearchIndex, query: Query, limit: int) -> list[int]:
    """Targets worth scoring, best first (see the module docstring)."""
    rough: dict[int, float] = {}
    common: list[tuple[str, float, int]] = []
    tag_factor = FIELD_FACTORS["tag"]
    rare_words = False
    for position, found in enumerate(query.expansions):
        known = [(sim, word) for word, sim in found.items() if word in index.postings]
        rare_words = rare_words or bool(known and max(known)[1] not in index.common)
        for word, sim in found.items():
            gain = query.weights[position] * sim
            if word in index.common:
                common.append((word, gain, position))
                continue
            tag_only = index.tag_only.get(word, frozenset())
            for target in index.postings.get(word, ()):
                weak = tag_factor if target in tag_only else 1.0
                rough[target] = rough.get(target, 0.0) + gain * weak
            for target in index.text_postings.get(word, ()):
                rough[target] = rough.get(target, 0.0) + gain * TEXT_FACTOR
    if common and not rare_words:
        shared, walked = _shared(index, common)
        if not rough:
            shared = shared or list(walked[:POSTINGS_CAP])
        if not rough or len(shared) <= POSTINGS_CAP:
            for target in shared:
                rough.setdefault(target, 0.0)
    for word, gain, _ in common:
        members, tag_only = index.common[word], index.tag_only.get(word, frozenset())
        for target in [t for t in rough if t in members]:
            rough[target] += gain * (tag_factor if target in tag_only else 1.0)
    best = heapq.nlargest(limit, rough, key=lambda i: (rough[i], -i))
    chosen = dict.fromkeys(best)
    for target in best[: max(limit // 4, 1)]:
        chosen.update(dict.fromkeys(index.children[target]))
    if query.timeframe is not None:
        chosen.update(dict.fromkeys(index.readouts_in(query.timeframe, limit)))
    return list(chosen)


def _shared(
    index: SearchIndex, common: list[tuple[str, float, int]]
) -> tuple[list[int], Sequence[int]]:
    """Up to POSTINGS_CAP + 1 targets, newest first, named with every common word of the question
    (any spelling of each), found by walking the shortest posting list; and that list."""
    by_position: dict[int, list[str]] = {}
    for word, _, position in common:
        by_position.setdefault(position, []).append(word)
    groups = sorted(by_position.values(), key=lambda ws: sum(len(index.common[w]) for w in ws))
    first = groups[0]
    walk = (
        index.postings[first[0]]
        if len(first) == 1
        else sorted(frozenset().union(*(index.common[w] for w in first)))
    )
    others = [[index.common[w] for w in words] for words in groups[1:]]
    found: list[int] = []
    for target in walk[:WALK_LIMIT]:
        if all(any(target in s for s in sets) for sets in others):
            found.append(target)
            if len(found) > POSTINGS_CAP:
                break
    return found, walk
