"""The search index: built once per KnowledgeBase, read-only afterwards.

Every entry and every follow-up is a Target (targets.py) with the fields that name it (title,
aliases, tags, the follow-up's question), words that describe it without naming it (people, the
parent readout) and light text (summary, key points, answer). Targets are numbered newest readout
first, each followed by its follow-ups, then terms A to Z, so every posting list is already in
recency order. A build given the previous index reuses the targets of the entries it shares with
it, so a reload after one edit normalises the words of that one entry only.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import threading
from array import array
from collections.abc import Iterator

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout, Term
from bot.search.folding import fold
from bot.search.general import warm_up
from bot.search.lexicon import RANKS
from bot.search.normalize import synonym_table, words
from bot.search.synonyms import SynonymTable
from bot.search.targets import Field, Key, Target, entry_targets, exact_key, title_forms
from bot.search.timeframe import Timeframe
from bot.search.vocabulary import Vocabulary

__all__ = ["Field", "Key", "SearchIndex", "Target", "exact_key", "index_for", "title_forms"]

COMMON = 1000
COMMON_SHARE = 50
"""A word naming more than COMMON targets, or more than one in COMMON_SHARE (at least 32), is
common: it also gets a set, to test membership instead of walking its postings."""

Entry = Readout | Term
ByEntry = dict[int, tuple[Entry, tuple[Target, ...]]]
"""Each entry's targets by id(entry), in index order; the entry is kept with them, so while they
are kept its id cannot be given to another object."""


class SearchIndex:
    """Targets, an inverted index over their naming words, exact keys and readout dates."""

    def __init__(self, kb: KnowledgeBase, previous: SearchIndex | None = None) -> None:
        """Build the index of `kb`, reusing the targets `previous` derived from the same entries
        (the same objects: entries are immutable)."""
        with _collection_paused():
            self.synonyms: SynonymTable = synonym_table(kb.synonyms)
            """How questions and entries read the knowledge base's synonyms file."""
            reusable = previous is not None and previous.synonyms is self.synonyms
            self.by_entry: ByEntry = _targets_of(
                kb, previous.by_entry if previous is not None and reusable else {}, self.synonyms
            )
            self.targets = [t for _, targets in self.by_entry.values() for t in targets]
            self.parents: list[int | None] = []
            """The position of a follow-up's readout; None for readouts and terms."""
            self.children: list[tuple[int, ...]] = []
            """The positions of a readout's follow-ups."""
            for _, targets in self.by_entry.values():
                first = len(self.parents)
                self.parents += [None, *[first] * (len(targets) - 1)]
                self.children += [tuple(range(first + 1, first + len(targets)))]
                self.children += [()] * (len(targets) - 1)
            postings, tagged, exact = _inverted(self.targets)
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
            self.text_postings = _text_postings(self.targets, postings)
            """Words only the text of targets has (summaries, details, answers) -> those targets:
            how a question about a fact finds its entry; kept only for words few targets use."""
            df = {token: len(found) for token, found in postings.items()}
            for token, found in self.text_postings.items():
                df[token] = df.get(token, 0) + len(found)
            self.vocabulary = Vocabulary(df, len(self.targets), _related(self.synonyms))
            warm_up()  # the word lists load on first use: not on a question's time
            totals = self.vocabulary.totals
            self.totals = [totals([f.tokens for f in t.fields]) for t in self.targets]
            """The summed weight of each field's words, by target."""
            self.by_id = {target.id: index for index, target in enumerate(self.targets)}
            self.people = _people(kb)
            """A word of a person's name (one person's only) -> that person's number."""
            self.roles = _roles(kb, self.targets, self.parents)
            """A word of participants' roles that some meetings' roles have and others lack
            ('deputy') -> the readouts and follow-ups of the meetings that have it."""
            self.persons = [
                frozenset(self.people[w] for w in t.mentions if w in self.people)
                for t in self.targets
            ]
            """The people each target involves (numbers from `people`)."""
            self.meetings_of: dict[int, tuple[int, ...]] = {}
            """A person's number -> the readouts they took part in, newest first."""
            for position, target in enumerate(self.targets):
                if target.kind == "readout":
                    for person in self.persons[position]:
                        self.meetings_of[person] = (*self.meetings_of.get(person, ()), position)
            dated = sorted(
                (t.date, i) for i, t in enumerate(self.targets) if t.kind == "readout" and t.date
            )
            self._dates = [d for d, _ in dated]
            self._dated = [i for _, i in dated]

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


def _targets_of(kb: KnowledgeBase, known: ByEntry, synonyms: SynonymTable) -> ByEntry:
    """The targets of every entry of `kb`, newest readout first, then terms A to Z: those in
    `known` for the same entry object, the others derived now."""
    found: ByEntry = {}
    entries: tuple[Entry, ...] = (*kb.readouts, *kb.terms)
    for entry in entries:
        cached = known.get(id(entry))
        found[id(entry)] = (
            cached
            if cached is not None and cached[0] is entry
            else (entry, entry_targets(entry, synonyms))
        )
    return found


def _roles(
    kb: KnowledgeBase, targets: list[Target], parents: list[int | None]
) -> dict[str, frozenset[int]]:
    ranks = {r.id: {w for p in r.participants for w in words(p.role)} & RANKS for r in kb.readouts}
    meetings: dict[str, set[int]] = {}
    for position, target in enumerate(targets):
        parent = parents[position]
        for word in ranks.get(targets[parent].id if parent is not None else target.id, ()):
            meetings.setdefault(word, set()).add(position)
    readouts = sum(1 for t in targets if t.kind == "readout")
    return {
        word: frozenset(found)
        for word, found in meetings.items()
        if sum(1 for i in found if targets[i].kind == "readout") < readouts
    }


def _people(kb: KnowledgeBase) -> dict[str, int]:
    """Words naming one person of the knowledge base (readouts' participants and `person`
    terms) -> a number per person. Two names are one person when one holds the other's words
    ('Rodrigo Paz' in 'Rodrigo Paz Pereira') or they share two words; a word two people share
    ('Marco' Rubio, 'Marco' Antonio Calderón) names neither."""
    names = [p.name for r in kb.readouts for p in r.participants]
    names += [title_forms(t.title)[-1] for t in kb.terms if t.category == "person"]
    people: list[set[str]] = []
    by_word: dict[str, set[int]] = {}
    alone: dict[str, set[int]] = {}  # word -> the people that word alone names so far
    for name in dict.fromkeys(names):
        found = {w for w in words(name) if len(w) >= 3 and not w.isdigit()}
        if not found:
            continue
        same = sorted(
            n
            for n in _may_be_the_same(found, by_word, alone)
            if found <= people[n] or people[n] <= found or len(found & people[n]) >= 2
        )
        number = same[0] if same else len(people)
        if same:
            if len(people[number]) == 1:
                alone[next(iter(people[number]))].discard(number)
            people[number] |= found
        else:
            people.append(set(found))
        if len(people[number]) == 1:
            alone.setdefault(next(iter(found)), set()).add(number)
        for word in found:
            by_word.setdefault(word, set()).add(number)
    return {word: next(iter(n)) for word, n in by_word.items() if len(n) == 1}


def _may_be_the_same(
    found: set[str], by_word: dict[str, set[int]], alone: dict[str, set[int]]
) -> set[int]:
    """The people a name with the words `found` may be: everyone with its word (a one-word
    name), else those sharing two of its words or named by one of them alone.

    Not everyone sharing one word: at 100,000 entries a common first name is shared by
    thousands, and reading them all for every name made the index build quadratic (67 s and
    951 MiB at 100,000 entries). Here only the smaller sets are read; the largest is probed."""
    sets = sorted((by_word.get(w, set()) for w in found), key=len)
    if len(sets) == 1:
        return set(sets[0])
    twice = {n for i, s in enumerate(sets[:-1]) for n in s if any(n in t for t in sets[i + 1 :])}
    return twice | {n for w in found for n in alone.get(w, ())}


TEXT_SHARE = 20
TEXT_CAP = 200
"""A word in the text of more than one in TEXT_SHARE targets (and at least 8), or of more than
TEXT_CAP, is too common to find entries by; their names still do."""


def _text_postings(targets: list[Target], postings: dict[str, list[int]]) -> dict[str, array[int]]:
    found: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        named = set(target.named_by)
        for token in target.light:
            if token not in named:
                found.setdefault(token, []).append(index)
    cap = min(max(8, len(targets) // TEXT_SHARE), TEXT_CAP)
    return {
        token: array("i", where)
        for token, where in found.items()
        if len(where) <= cap and token not in postings
    }


def _related(synonyms: SynonymTable) -> dict[str, tuple[str, ...]]:
    """One-word meanings and the one-word meanings close to them, as indexed words."""
    related: dict[str, tuple[str, ...]] = {}
    for meaning, others in synonyms.related.items():
        word = words(" ".join(meaning))
        close = [found[0] for other in others if len(found := words(" ".join(other))) == 1]
        if len(word) == 1 and close:
            related[word[0]] = tuple(close)
    return related


def _inverted(
    targets: list[Target],
) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[int, list[int]]]:
    """Posting lists by word, the same for words only a tag names, and by exact-key hash."""
    postings: dict[str, list[int]] = {}
    tagged: dict[str, list[int]] = {}
    exact: dict[int, list[int]] = {}
    for index, target in enumerate(targets):
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
    set off walks the whole heap again (a third of a build's time at 100,000 entries)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_CACHE: list[tuple[KnowledgeBase, SearchIndex]] = []
_CACHE_LOCK = threading.Lock()


def index_for(kb: KnowledgeBase) -> SearchIndex:
    """The index of `kb`, built on first use from the last index used (so a reload redoes only
    the entries that changed); the last two bases' indexes are kept, so a reload (old and new
    base side by side) never builds one twice."""
    with _CACHE_LOCK:
        for position, (known, index) in enumerate(_CACHE):
            if known is kb:
                _CACHE.append(_CACHE.pop(position))
                return index
        previous = _CACHE[-1][1] if _CACHE else None
    index = SearchIndex(kb, previous)
    with _CACHE_LOCK:
        _CACHE.append((kb, index))
        del _CACHE[:-2]
    return index
