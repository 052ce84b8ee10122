"""The search index: built once per KnowledgeBase, read-only afterwards.

Every entry and every follow-up is a Target with the fields that name it (title, aliases, tags,
the follow-up's question), words that describe it without naming it (people, the parent readout)
and light text (summary, key points, answer). Targets are numbered newest readout first, each
followed by its follow-ups, then terms A to Z, so every posting list is already in recency order.
A build given the previous index reuses the parts of the entries it shares with it (targets.py),
so a reload after one edit normalises the words of that one entry only.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout, Term
from bot.search.normalize import fold
from bot.search.targets import Field, Key, TargetParts, entry_parts, exact_key, title_forms
from bot.search.timeframe import Timeframe
from bot.search.vocabulary import Vocabulary

__all__ = ["Field", "Key", "SearchIndex", "Target", "exact_key", "index_for", "title_forms"]

COMMON = 1000
COMMON_SHARE = 50
"""A word naming more than COMMON targets, or more than one in COMMON_SHARE (at least 32), is
common: it also gets a set, to test membership instead of walking its postings."""

Entry = Readout | Term
Parts = dict[int, tuple[Entry, tuple[TargetParts, ...]]]
"""Each entry's parts by id(entry), in index order; the entry is kept with them, so while they
are kept its id cannot be given to another object."""


@dataclass(frozen=True, slots=True)
class Target:
    """An entry or a follow-up, as the matcher sees it."""

    id: str
    title: str
    kind: str
    date: dt.date | None
    fields: tuple[Field, ...]
    totals: tuple[float, ...]
    """The summed weight of each field's words, in this index."""
    context: tuple[str, ...]
    """Words that describe the target without naming it: people, the parent readout's names."""
    light: tuple[str, ...]
    """Summary, key points or answer words: matched, but lightly."""
    parent: int | None
    children: tuple[int, ...]


class SearchIndex:
    """Targets, an inverted index over their naming words, exact keys and readout dates."""

    def __init__(self, kb: KnowledgeBase, previous: SearchIndex | None = None) -> None:
        """Build the index of `kb`, reusing the parts `previous` derived from the same entries
        (the same objects: entries are immutable)."""
        with _collection_paused():
            self.parts: Parts = _parts_of(kb, previous.parts if previous is not None else {})
            flat = [target for _, parts in self.parts.values() for target in parts]
            postings, tagged, exact = _inverted(flat)
            self.postings = {token: tuple(found) for token, found in postings.items()}
            common = min(COMMON, max(32, len(flat) // COMMON_SHARE))
            self.common = {
                token: frozenset(found) for token, found in postings.items() if len(found) > common
            }
            self.tag_only = {token: frozenset(found) for token, found in tagged.items()}
            """Targets that have a word only as a tag: a weaker sign than a name (FIELD_FACTORS)."""
            self._exact = {
                key: found[0] if len(found) == 1 else tuple(found) for key, found in exact.items()
            }
            df = {token: len(found) for token, found in postings.items()}
            self.vocabulary = Vocabulary(df, len(flat))
            self.targets = self._targets(self.parts.values())
        self.by_id = {target.id: index for index, target in enumerate(self.targets)}
        dated = sorted(
            (t.date, i) for i, t in enumerate(self.targets) if t.kind == "readout" and t.date
        )
        self._dates = [d for d, _ in dated]
        self._dated = [i for _, i in dated]

    def _targets(self, entries: Iterable[tuple[Entry, tuple[TargetParts, ...]]]) -> list[Target]:
        """Each entry's target, then its follow-ups', with positions and this index's weights."""
        total = self.vocabulary.total
        targets: list[Target] = []
        for _, parts in entries:
            first = len(targets)
            children = tuple(range(first + 1, first + len(parts)))
            for n, p in enumerate(parts):
                targets.append(
                    Target(
                        p.id, p.title, p.kind, p.date, p.fields,
                        tuple(total(f.tokens) for f in p.fields), p.context, p.light,
                        first if n else None, () if n else children,
                    )
                )  # fmt: skip
        return targets

    def exact(self, key: Key) -> tuple[int, ...]:
        """Targets that may have a name with exactly these words (compare to be sure: the
        index keeps only a hash of each key), newest first."""
        found = self._exact.get(hash(key), ())
        return (found,) if isinstance(found, int) else found

    def lookup_id(self, text: str) -> int | None:
        """The target whose id is `text` (case and accents folded), or None."""
        return self.by_id.get(fold(text).strip())

    def readouts_in(self, timeframe: Timeframe, limit: int) -> list[int]:
        """Readouts dated inside `timeframe`, newest first, at most `limit`."""
        if not self._dates:
            return []
        first, last = self._dates[0].year, self._dates[-1].year
        years = [timeframe.year] if timeframe.year else range(last, first - 1, -1)
        found: list[int] = []
        for year in years:
            span = timeframe.span(year)
            if span is None:
                continue
            lo = bisect.bisect_left(self._dates, span[0])
            hi = bisect.bisect_right(self._dates, span[1])
            found.extend(reversed(self._dated[lo:hi]))
            if len(found) >= limit:
                break
        return sorted(found[:limit])

    def newest_readouts(self, limit: int) -> list[int]:
        """The newest readouts, newest first."""
        return sorted(self._dated[-limit:]) if limit > 0 else []


def _parts_of(kb: KnowledgeBase, known: Parts) -> Parts:
    """The parts of every entry of `kb`, newest readout first, then terms A to Z: those in
    `known` for the same entry object, the others derived now."""
    found: Parts = {}
    entries: tuple[Entry, ...] = (*kb.readouts, *kb.terms)
    for entry in entries:
        cached = known.get(id(entry))
        found[id(entry)] = (
            cached if cached is not None and cached[0] is entry else (entry, entry_parts(entry))
        )
    return found


def _inverted(
    flat: list[TargetParts],
) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[int, list[int]]]:
    """Posting lists by word, the same for words only a tag names, and by exact-key hash."""
    postings: dict[str, list[int]] = {}
    tagged: dict[str, list[int]] = {}
    exact: dict[int, list[int]] = {}
    for index, target in enumerate(flat):
        for token in target.named_by:
            found = postings.get(token)
            if found is None:
                postings[token] = [index]
            else:
                found.append(index)
        for token in target.tag_only:
            tagged.setdefault(token, []).append(index)
        for key in target.exact:
            exact.setdefault(key, []).append(index)
    return postings, tagged, exact


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while an index is built: the build makes hundreds of thousands
    of small containers that all live as long as the index, and each collection the allocations
    set off walks the whole heap again (half of a rebuild's time at 100,000 entries)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_CACHE: list[tuple[KnowledgeBase, SearchIndex]] = []


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The index of `kb`, built on first use from the last index used (so a reload redoes only
    the entries that changed); the last two bases' indexes are kept, so a reload (old and new
    base side by side) never builds one twice."""
    for position, (known, index) in enumerate(_CACHE):
        if known is kb:
            _CACHE.append(_CACHE.pop(position))
            return index
    index = SearchIndex(kb, previous=_CACHE[-1][1] if _CACHE else None)
    _CACHE.append((kb, index))
    del _CACHE[:-2]
    return index
