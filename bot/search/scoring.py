"""Score targets against a question, 0 to 100, and say what matched.

A target's score blends two things. Coverage: how much of the question (rare words weigh more)
the target accounts for, through its names, its context (people, parent readout; slightly less)
or its summary (half). Best field: for the single name that fits best (a title, an alias, a tag,
a follow-up question, or the readout's date), how much of the question it covers times how much
of that name the question covers, so a long title half-mentioned scores below a short alias
fully typed.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from bot.search.index import SearchIndex, Target
from bot.search.timeframe import Timeframe

COVERAGE_SHARE = 0.55
CONTEXT_SIMILARITY = 0.9
LIGHT_SIMILARITY = 0.5
FIELD_FACTORS = {"title": 1.0, "alias": 1.0, "question": 1.0, "tag": 0.9, "date": 0.9}
POSTINGS_CAP = 4000
"""A word naming more targets than this only adds to targets found through rarer words."""


@dataclass(frozen=True, slots=True)
class Scored:
    index: int
    score: float
    field: str
    matched: str


@dataclass(frozen=True, slots=True)
class Query:
    """A question's words prepared once: weights, and the known words each may stand for."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    expansions: tuple[dict[str, float], ...]
    reverse: dict[str, tuple[tuple[int, float], ...]]
    timeframe: Timeframe | None
    time_positions: tuple[int, ...]

    @property
    def total(self) -> float:
        return sum(self.weights)


def prepare(index: SearchIndex, tokens: tuple[str, ...], timeframe: Timeframe | None) -> Query:
    vocabulary = index.vocabulary
    expansions = tuple(vocabulary.expand(token) for token in tokens)
    weights = []
    for found in expansions:
        known = [(sim, word) for word, sim in found.items() if word in vocabulary]
        weights.append(vocabulary.idf(max(known)[1]) if known else vocabulary.unknown_weight)
    reverse: dict[str, list[tuple[int, float]]] = {}
    for position, found in enumerate(expansions):
        for word, sim in found.items():
            reverse.setdefault(word, []).append((position, sim))
    time_words = set(timeframe.tokens) if timeframe else set()
    positions = tuple(i for i, token in enumerate(tokens) if token in time_words)
    return Query(
        tokens,
        tuple(weights),
        expansions,
        {word: tuple(hits) for word, hits in reverse.items()},
        timeframe,
        positions,
    )


def gather(index: SearchIndex, query: Query, limit: int) -> list[int]:
    """Targets worth scoring: those named with the question's rarer words, best first, plus the
    follow-ups of the best readouts and readouts dated inside the question's timeframe."""
    rough: dict[int, float] = {}
    vocabulary = index.vocabulary
    by_rarity = sorted(
        range(len(query.tokens)),
        key=lambda i: min((vocabulary.df(w) or 10**9) for w in query.expansions[i]),
    )
    for position in by_rarity:
        for word, sim in query.expansions[position].items():
            found = index.postings.get(word, ())
            if len(found) > POSTINGS_CAP and rough:
                continue
            gain = query.weights[position] * sim
            for target in found[:POSTINGS_CAP]:
                rough[target] = rough.get(target, 0.0) + gain
    best = heapq.nlargest(limit, rough, key=lambda i: (rough[i], -i))
    chosen = dict.fromkeys(best)
    for target in best[: max(limit // 4, 1)]:
        chosen.update(dict.fromkeys(index.targets[target].children))
    if query.timeframe is not None:
        chosen.update(dict.fromkeys(index.readouts_in(query.timeframe, limit)))
    return list(chosen)


def score(index: SearchIndex, position: int, query: Query) -> Scored:
    """One target's score and the field that matched best."""
    target = index.targets[position]
    weights, reverse, total = query.weights, query.reverse, query.total
    best = [0.0] * len(query.tokens)
    top, top_field, top_text = 0.0, "", ""
    idf = index.vocabulary.idf
    for field in target.fields:
        hit: dict[int, float] = {}
        field_matched = 0.0
        for word in field.tokens:
            pairs = reverse.get(word)
            if not pairs:
                continue
            strongest = 0.0
            for where, sim in pairs:
                strongest = max(strongest, sim)
                if sim > hit.get(where, 0.0):
                    hit[where] = sim
            field_matched += idf(word) * strongest
        if not hit:
            continue
        covered = sum(weights[i] * sim for i, sim in hit.items()) / total
        fit = covered * field_matched / field.total * FIELD_FACTORS[field.name]
        if fit > top:
            top, top_field, top_text = fit, field.name, field.text
        for where, sim in hit.items():
            best[where] = max(best[where], sim)
    _soft(best, target.context, reverse, CONTEXT_SIMILARITY)
    _soft(best, target.light, reverse, LIGHT_SIMILARITY)
    if query.timeframe and target.date and query.timeframe.contains(target.date):
        for where in query.time_positions:
            best[where] = 1.0
        fit = sum(weights[i] for i in query.time_positions) / total * FIELD_FACTORS["date"]
        if target.kind == "readout" and fit > top:
            top, top_field, top_text = fit, "date", query.timeframe.label
    coverage = sum(w * b for w, b in zip(weights, best, strict=True)) / total
    value = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * top)
    if not top_field and coverage:
        top_field, top_text = _described_by(target, query, best)
    return Scored(position, round(value, 1), top_field, top_text)


def _soft(
    best: list[float],
    words: frozenset[str],
    reverse: dict[str, tuple[tuple[int, float], ...]],
    factor: float,
) -> None:
    for word, pairs in reverse.items():
        if word in words:
            for where, sim in pairs:
                best[where] = max(best[where], sim * factor)


def _described_by(target: Target, query: Query, best: list[float]) -> tuple[str, str]:
    matched = " ".join(t for t, b in zip(query.tokens, best, strict=True) if b)
    in_context = any(w in target.context for w in query.reverse)
    return ("context" if in_context else "summary"), matched
