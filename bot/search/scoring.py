"""Score targets against a question, 0 to 100, and say what matched.

A target's score blends two things. Coverage: how much of the question (rare words weigh more)
the target accounts for, through its names, its context (people, parent readout; slightly less)
or its summary (half). Best field: for the single name that fits best (a title, an alias, a tag,
a follow-up question, or the readout's date), how much of the question it covers times how much
of that name the question covers, so a long title half-mentioned scores below a short alias
fully typed.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.search.index import Field, SearchIndex, Target
from bot.search.lexicon import PARTICIPANT_TOKENS
from bot.search.timeframe import Timeframe

COVERAGE_SHARE = 0.55
CONTEXT_SIMILARITY = 0.9
LIGHT_SIMILARITY = 0.5
FIELD_FACTORS = {"title": 1.0, "alias": 1.0, "question": 1.0, "tag": 0.8, "date": 0.8}
UNANCHORED = 0.9
"""A follow-up scores this share when nothing of its readout (people, names, date) is named:
"did they talk about ambassadors" is nearer the term on ambassadors than one meeting's answer."""
SPELLING_CUTOFF = 85.0
MAX_EDITS = 2
"""A name within MAX_EDITS typos and SPELLING_CUTOFF (rapidfuzz ratio) of the whole question
counts as matched as a whole."""
MAX_TYPO_LOOKUPS = 6
"""Unknown words looked up as typos per question; the rest stay unknown (long text stays fast)."""


@dataclass(frozen=True, slots=True)
class Scored:
    index: int
    score: float
    field: str
    matched: str
    own: float = 1.0
    """How much of the question a follow-up's own question and aliases account for, beyond its
    readout's names (1 for entries): a follow-up answers only when it is asked its own thing."""


@dataclass(frozen=True, slots=True)
class Query:
    """A question's words prepared once: weights, and the known words each may stand for."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    expansions: tuple[dict[str, float], ...]
    reverse: dict[str, tuple[tuple[int, float], ...]]
    timeframe: Timeframe | None
    time_positions: tuple[int, ...]
    required: int
    """Tokens before this position are the question's; the rest are optional (channel names)."""
    text: str
    """The question's own words, sorted, for whole-name spelling comparisons."""
    known: frozenset[str]
    """Every word `reverse` maps, to intersect with a target's words at C speed."""
    strangers: int
    """The question's own words that stand for no word of the knowledge base ('password')."""


def prepare(
    index: SearchIndex,
    required: tuple[str, ...],
    timeframe: Timeframe | None,
    optional: tuple[str, ...] = (),
) -> Query:
    """The question's words with their weights and the known words each may stand for."""
    tokens = required + tuple(t for t in optional if t not in required)
    vocabulary = index.vocabulary
    unknown = [t for t in tokens if vocabulary.needs_typo_lookup(t)]
    looked_up = set(unknown[:MAX_TYPO_LOOKUPS])
    expansions = tuple(vocabulary.expand(t, typos=t in looked_up) for t in tokens)
    weights = []
    for found in expansions:
        known = [(sim, word) for word, sim in found.items() if word in vocabulary]
        weights.append(
            vocabulary.idf(max(known)[1]) if known else vocabulary.unknown(found_word(found))
        )
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
        len(required),
        " ".join(sorted(required)),
        frozenset(reverse),
        sum(not any(w in vocabulary for w in found) for found in expansions[: len(required)]),
    )


def found_word(found: dict[str, float]) -> str:
    """The question's own word among its expansions (the first, similarity 1)."""
    return next(iter(found))


def score(index: SearchIndex, position: int, query: Query) -> Scored:
    """One target's score and the field that matched best."""
    target = index.targets[position]
    weights, reverse = query.weights, query.reverse
    best = [0.0] * len(query.tokens)
    idf = index.vocabulary.idf
    matches: list[tuple[Field, dict[int, float], float]] = []
    named = query.known.intersection(target.named_by)
    parent = index.parents[position]
    parent_names = frozenset(index.targets[parent].named_by) if parent is not None else None
    own_hits: dict[int, float] = {}
    for field, field_total in zip(target.fields, index.totals[position], strict=True):
        if named.isdisjoint(field.tokens):
            continue
        hit: dict[int, float] = {}
        field_matched = 0.0
        for word in field.tokens:
            pairs = reverse.get(word)
            if not pairs:
                continue
            strongest = 0.0
            own = (
                parent_names is not None
                and word not in parent_names
                and word not in PARTICIPANT_TOKENS
            )
            for where, sim in pairs:
                strongest = max(strongest, sim)
                if sim > hit.get(where, 0.0):
                    hit[where] = sim
                if own and sim > own_hits.get(where, 0.0):
                    own_hits[where] = sim
            field_matched += idf(word) * strongest
        if hit:
            matches.append((field, hit, field_matched / field_total if field_total else 0.0))
            for where, sim in hit.items():
                best[where] = max(best[where], sim)
    around = [0.0] * len(query.tokens)
    _soft(around, target.context, query, CONTEXT_SIMILARITY)
    best = list(map(max, best, around))
    _soft(best, target.light, query, LIGHT_SIMILARITY)
    in_time = bool(query.timeframe and target.date and query.timeframe.contains(target.date))
    if in_time:
        for where in query.time_positions:
            best[where] = 1.0
    counted = [w if i < query.required or best[i] else 0.0 for i, w in enumerate(weights)]
    total = sum(counted) or 1.0
    top, top_field, top_text = 0.0, "", ""
    spelled = 0.0
    # A follow-up is named by its question together with its readout ("did Rubio and Aramayo
    # sign anything"), so the readout's names count towards how much of the question it covers.
    named_with = (
        {i: sim for i, sim in enumerate(around) if sim} if target.kind == "follow-up" else None
    )
    for field, hit, field_covered in matches:
        if named_with:
            covered = sum(counted[i] * max(sim, named_with.get(i, 0.0)) for i, sim in hit.items())
            covered += sum(counted[i] * sim for i, sim in named_with.items() if i not in hit)
        else:
            covered = sum([counted[i] * sim for i, sim in hit.items()])
        covered /= total
        fit = covered * field_covered
        similar = _similar(query.text, field)
        spelled = max(spelled, similar)
        fit = max(fit, similar) * FIELD_FACTORS[field.name]
        if fit > top:
            top, top_field, top_text = fit, field.name, field.text
    if in_time and target.kind == "readout":
        fit = sum(counted[i] for i in query.time_positions) / total * FIELD_FACTORS["date"]
        if fit > top and query.timeframe is not None:
            top, top_field, top_text = fit, "date", query.timeframe.label
    coverage = max(sum(map(operator.mul, counted, best)) / total, spelled)
    value = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * top)
    if named_with is not None and not named_with:
        value *= UNANCHORED  # a follow-up of a meeting the question does not name
    if not top_field and coverage:
        top_field, top_text = _described_by(target, query, best)
    own_share = (
        sum(counted[i] * sim for i, sim in own_hits.items()) / total if parent_names else 1.0
    )
    return Scored(position, round(value, 1), top_field, top_text, own_share)


def _similar(text: str, field: Field) -> float:
    """Whole-name spelling similarity (rapidfuzz ratio, 0 to 1) when it is close, else 0: it
    catches typos in short words ('rodrigo pas') that word lookup leaves alone."""
    tokens = field.tokens
    if not text or abs(len(text) - sum(map(len, tokens)) - max(len(tokens) - 1, 0)) > MAX_EDITS:
        return 0.0  # the lengths alone differ by more edits than allowed
    name = " ".join(sorted(tokens))
    if Levenshtein.distance(text, name, score_cutoff=MAX_EDITS) > MAX_EDITS:
        return 0.0
    return float(fuzz.ratio(text, name, score_cutoff=SPELLING_CUTOFF)) / 100


def _soft(best: list[float], words: tuple[str, ...], query: Query, factor: float) -> None:
    """Raise `best` for the question's words found among `words`, by `factor`."""
    for word in query.known.intersection(words):
        for where, sim in query.reverse[word]:
            best[where] = max(best[where], sim * factor)


def _described_by(target: Target, query: Query, best: list[float]) -> tuple[str, str]:
    matched = " ".join(t for t, b in zip(query.tokens, best, strict=True) if b)
    in_context = not query.known.isdisjoint(target.context)
    return ("context" if in_context else "summary"), matched
