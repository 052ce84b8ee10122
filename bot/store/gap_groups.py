"""The curators' to-do list made from logged gaps: `top_gaps` groups near-duplicate questions
(rapidfuzz on their topics, the normalised forms minus 'what is the') and counts them, so the
most asked come first with the entries they nearly matched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz, process

from bot.store.db import Database, utc, utc_now
from bot.store.gaps import CANDIDATES_KEPT
from bot.store.schema import gaps

SIMILARITY = 85.0
"""token_sort_ratio at or above which two normalised questions count as the same question."""
MAX_ROWS = 50_000
_QUESTION_WORDS = re.compile(
    r"^(what|who|where|when|which|how)\s+(is|are|was|were|does|did)\s+(the\s+|a\s+|an\s+)?"
    r"|^(what's|who's|whats|whos|qué es|que es|quién es|quien es|cuál es|cual es)\s+"
    r"(el\s+|la\s+|los\s+|las\s+|the\s+)?",
    re.IGNORECASE,
)


def topic_of(question: str) -> str:
    """The question without its opening 'what is the' / 'quién es', and trailing punctuation."""
    text = " ".join(question.split()).lstrip("¿¡ ")
    return _QUESTION_WORDS.sub("", text).rstrip("?!. ").strip() or text


@dataclass(frozen=True)
class NearMatch:
    target_id: str
    title: str
    best: float
    times: int


@dataclass(frozen=True)
class GapGroup:
    """Near-duplicate questions counted together."""

    label: str
    """The most asked wording, or a description when questions are hashed or not stored."""
    count: int
    variants: tuple[tuple[str, int], ...]
    """Wordings as asked, most asked first (empty when questions are not stored)."""
    reasons: tuple[tuple[str, int], ...]
    near: tuple[NearMatch, ...]
    last_asked: dt.datetime


class _Acc:
    """Running totals for one group while rows are read."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.topic = topic_of(key)
        self.count = 0
        self.wordings: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.near: dict[str, list[Any]] = {}
        self.last = dt.datetime.min.replace(tzinfo=dt.UTC)

    def add(self, row: Any) -> None:
        self.count += 1
        if row.question:
            self.wordings[" ".join(row.question.split())] += 1
        self.reasons[row.reason] += 1
        self.last = max(self.last, utc(row.asked_at))
        for cand in row.candidates or ():
            slot = self.near.setdefault(cand["id"], [cand.get("title", ""), 0.0, 0])
            slot[1] = max(slot[1], float(cand.get("score", 0.0)))
            slot[2] += 1

    def merge(self, other: _Acc) -> None:
        self.count += other.count
        self.wordings.update(other.wordings)
        self.reasons.update(other.reasons)
        self.last = max(self.last, other.last)
        for target, (title, best, times) in other.near.items():
            slot = self.near.setdefault(target, [title, 0.0, 0])
            slot[1] = max(slot[1], best)
            slot[2] += times

    def group(self) -> GapGroup:
        if self.wordings:
            label = self.wordings.most_common(1)[0][0]
        elif self.key.startswith("#"):
            label = f"(question stored as hash {self.key[1:9]})"
        else:
            label = "(questions not stored)"
        near = sorted(
            (NearMatch(t, str(v[0]), round(v[1], 1), v[2]) for t, v in self.near.items()),
            key=lambda n: (-n.times, -n.best, n.target_id),
        )
        return GapGroup(
            label=label,
            count=self.count,
            variants=tuple(self.wordings.most_common()),
            reasons=tuple(sorted(self.reasons.items(), key=lambda r: (-r[1], r[0]))),
            near=tuple(near[:CANDIDATES_KEPT]),
            last_asked=self.last,
        )


def _key(row: Any) -> str:
    if row.normalized or row.question:
        return str(row.normalized or " ".join(row.question.casefold().split()))
    if row.question_hash:
        return f"#{row.question_hash}"
    return f"~{row.top_target or ''}"


def group_rows(rows: Iterable[Any], similarity: float = SIMILARITY) -> list[GapGroup]:
    """Count exact normalised forms, then each form joins the most asked group whose topic
    (the question minus 'what is the') is similar enough, or starts its own."""
    forms: dict[str, _Acc] = {}
    for row in rows:
        key = _key(row)
        forms.setdefault(key, _Acc(key)).add(row)
    ordered = sorted(forms.values(), key=lambda a: (-a.count, -a.last.timestamp(), a.key))
    groups: list[_Acc] = []
    for n, lead in enumerate(near_duplicates([acc.key for acc in ordered], similarity)):
        if lead == n:
            groups.append(ordered[n])
        else:
            ordered[lead].merge(ordered[n])
    result = [g.group() for g in groups]
    return sorted(result, key=lambda g: (-g.count, -g.last_asked.timestamp(), g.label))


def near_duplicates(keys: Sequence[str], similarity: float = SIMILARITY) -> list[int]:
    """For keys (normalised questions) in order of precedence, the index of the key whose group
    each one joins (its own index when it leads a group): the most similar earlier leader whose
    topic (`topic_of`) is similar enough. A key starting with `#` (a hash) or `~` (no text)
    groups only with itself."""
    leads: list[int] = []
    text_leads: list[int] = []
    topics: list[str] = []
    for n, key in enumerate(keys):
        if key[:1] in ("#", "~"):
            leads.append(n)
            continue
        topic = topic_of(key)
        found = process.extractOne(
            topic, topics, scorer=fuzz.token_sort_ratio, score_cutoff=similarity
        )
        if found is None:
            leads.append(n)
            text_leads.append(n)
            topics.append(topic)
        else:
            leads.append(text_leads[found[2]])
    return leads


def top_gaps(
    db: Database,
    *,
    days: int | None = None,
    limit: int = 20,
    now: dt.datetime | None = None,
    similarity: float = SIMILARITY,
) -> list[GapGroup]:
    """The most asked poorly answered questions over the last `days` days (all when None)."""
    query = sa.select(
        gaps.c.asked_at,
        gaps.c.reason,
        gaps.c.question,
        gaps.c.question_hash,
        gaps.c.normalized,
        gaps.c.top_target,
        gaps.c.candidates,
    )
    if days:
        query = query.where(gaps.c.asked_at >= (now or utc_now()) - dt.timedelta(days=days))
    query = query.order_by(gaps.c.asked_at.desc()).limit(MAX_ROWS)
    with db.begin() as conn:
        rows = conn.execute(query).all()
    return group_rows(rows, similarity)[:limit]
