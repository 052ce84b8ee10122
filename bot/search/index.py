"""The search index: built once per KnowledgeBase, read-only afterwards.

Every entry and every follow-up is a Target with the fields that name it (title, aliases, tags,
the follow-up's question), words that describe it without naming it (people, the parent readout)
and light text (summary, key points, answer). Targets are numbered newest readout first, each
followed by its follow-ups, then terms A to Z, so every posting list is already in recency order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout, Term
from bot.search.lexicon import MONTHS
from bot.search.normalize import fold, words
from bot.search.timeframe import Timeframe
from bot.search.vocabulary import Vocabulary

Key = tuple[str, ...]
COMMON = 1000
COMMON_SHARE = 50
"""A word naming more than COMMON targets, or more than one in COMMON_SHARE (at least 32), is
common: it also gets a set, to test membership instead of walking its postings."""


@dataclass(slots=True)
class Field:
    """One way a target is named: 'title', 'alias', 'tag' or 'question'."""

    name: str
    text: str
    tokens: tuple[str, ...]
    total: float = 0.0
    """The summed weight of its words; set once, when the index is built."""


@dataclass(frozen=True, slots=True)
class Target:
    """An entry or a follow-up, as the matcher sees it."""

    id: str
    title: str
    kind: str
    date: dt.date | None
    fields: tuple[Field, ...]
    context: tuple[str, ...]
    """Words that describe the target without naming it: people, the parent readout's names."""
    light: tuple[str, ...]
    """Summary, key points or answer words: matched, but lightly."""
    parent: int | None
    children: tuple[int, ...]


def title_forms(title: str) -> list[str]:
    """A title and the shorter names inside it: 'FORGE (Forum on Resource Geostrategic
    Engagement)' also names 'FORGE' and 'Forum on …'; 'Tommy Pigott, State Department …' also
    'Tommy Pigott'."""
    forms = [title]
    core, _, rest = title.partition(" (")
    inner = rest.rsplit(")", 1)[0] if rest else ""
    forms += [core, core.split(", ")[0], inner]
    return [form for form in dict.fromkeys(forms) if form.strip()]


def _only_dates(tokens: tuple[str, ...]) -> bool:
    """'(Feb 4, 2026)' in a title dates it; it does not name it."""
    return all(token.isdigit() or token in MONTHS for token in tokens)


def exact_key(tokens: Iterable[str]) -> Key:
    """Word order and repeats do not matter for an exact hit."""
    return tuple(sorted(set(tokens)))


class SearchIndex:
    """Targets, an inverted index over their naming words, exact keys and readout dates."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.targets: list[Target] = []
        for readout in kb.readouts:
            self._add_readout(readout)
        for term in kb.terms:
            self._add_term(term)
        self.by_id = {target.id: index for index, target in enumerate(self.targets)}
        postings: dict[str, list[int]] = {}
        exact: dict[int, list[int]] = {}
        tagged: dict[str, list[int]] = {}
        for index, target in enumerate(self.targets):
            named = {t for f in target.fields if f.name != "tag" for t in f.tokens}
            for token in {t for f in target.fields for t in f.tokens}:
                postings.setdefault(token, []).append(index)
                if token not in named:
                    tagged.setdefault(token, []).append(index)
            for field in target.fields:
                if field.name != "tag" and field.tokens:
                    bucket = exact.setdefault(hash(exact_key(field.tokens)), [])
                    if not bucket or bucket[-1] != index:
                        bucket.append(index)
        self.postings = {token: tuple(found) for token, found in postings.items()}
        common = min(COMMON, max(32, len(self.targets) // COMMON_SHARE))
        self.common = {
            token: frozenset(found) for token, found in postings.items() if len(found) > common
        }
        self.tag_only = {token: frozenset(found) for token, found in tagged.items()}
        """Targets that have a word only as a tag: a weaker sign than a name (FIELD_FACTORS)."""
        self._exact = {
            key: found[0] if len(found) == 1 else tuple(found) for key, found in exact.items()
        }
        df = Counter({token: len(found) for token, found in postings.items()})
        self.vocabulary = Vocabulary(df, len(self.targets))
        dated = sorted(
            (t.date, i) for i, t in enumerate(self.targets) if t.kind == "readout" and t.date
        )
        self._dates = [d for d, _ in dated]
        self._dated = [i for _, i in dated]
        for target in self.targets:
            for field in target.fields:
                field.total = sum(self.vocabulary.idf(t) for t in field.tokens)

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(words(text)))

    def _field(self, name: str, text: str) -> Field:
        return Field(name, text, self._tokens(text.replace("-", " ") if name == "tag" else text))

    def _names(self, entry: Readout | Term) -> list[Field]:
        fields = [self._field("title", title) for title in title_forms(entry.title)]
        fields = [f for f in fields if f.text == entry.title or not _only_dates(f.tokens)]
        fields += [self._field("alias", alias) for alias in entry.aliases]
        fields += [self._field("tag", tag) for tag in entry.tags]
        return fields

    def _add_readout(self, readout: Readout) -> None:
        index = len(self.targets)
        names = self._names(readout)
        people = " ".join(f"{p.name} {p.role}" for p in readout.participants)
        about = f"{people} {readout.attributed_to} {readout.location}"
        context = self._tokens(about)
        light = self._tokens(" ".join((readout.summary, *readout.key_points)))
        children = tuple(range(index + 1, index + 1 + len(readout.follow_ups)))
        self.targets.append(
            Target(
                readout.id, readout.title, "readout", readout.date, tuple(names),
                context, light, None, children,
            )
        )  # fmt: skip
        parent_words = tuple(dict.fromkeys((*context, *(t for f in names for t in f.tokens))))
        for follow_up in readout.follow_ups:
            fields = [self._field("question", follow_up.question)]
            fields += [self._field("alias", alias) for alias in follow_up.aliases]
            self.targets.append(
                Target(
                    f"{readout.id}#{follow_up.id}", follow_up.question, "follow-up",
                    readout.date, tuple(fields), parent_words,
                    self._tokens(follow_up.answer), index, (),
                )
            )  # fmt: skip

    def _add_term(self, term: Term) -> None:
        light = self._tokens(term.summary)
        self.targets.append(
            Target(
                term.id, term.title, "term", None, tuple(self._names(term)),
                (), light, None, (),
            )
        )  # fmt: skip

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


_CACHE: list[tuple[KnowledgeBase, SearchIndex]] = []


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The index of `kb`, built on first use; the last two bases' indexes are kept, so a reload
    (old and new base side by side) never builds one twice."""
    for known, index in _CACHE:
        if known is kb:
            return index
    index = SearchIndex(kb)
    _CACHE.append((kb, index))
    del _CACHE[:-2]
    return index
