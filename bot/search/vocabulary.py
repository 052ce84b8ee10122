"""The words entries are named with: how rare each is, and which of them a typo stands for.

Rare words weigh more (inverse document frequency). A word the index does not know is looked up
among known words of about its length that share its first two or last three letters, scored with
rapidfuzz, so a typo costs a few rapidfuzz calls over a few hundred words even with 100,000
entries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.search.general import commonness

RELATED_SIMILARITY = 0.85
"""How much a related meaning (synonyms file: `related`) counts, against 1 for the word itself."""

MIN_FUZZY_LENGTH = 4
FUZZY_CUTOFF = 80.0
"""rapidfuzz ratio (0-100) a known word needs to stand in for an unknown one."""
MAX_FUZZY = 3
BAND = 4
"""Known words are grouped by their first two (or last three) letters and length // BAND."""
CLOSE = 0.85
UNKNOWN_DISCOUNT = 0.85
"""How much of an unknown word's weight its everyday commonness takes away (general.py)."""


def max_typo_edits(word: str) -> int:
    """Slips of the finger a word of this length may carry and still be read as a typo: one in a
    short word, two in a longer one (a swap of two letters counts as one). A word that needs
    more is another word: 'capital' is not a typo of 'capitalism'."""
    return 1 if len(word) <= 5 else 2


class Vocabulary:
    """Document frequencies of naming words, and typo lookup over them."""

    def __init__(
        self, df: Mapping[str, int], targets: int, related: Mapping[str, tuple[str, ...]] = {}
    ) -> None:
        self._df = dict(df)
        self._related = dict(related)
        n = max(targets, 1)
        self.unknown_weight = math.log(1 + n)
        self._idf = {word: math.log(1 + n / count) for word, count in self._df.items()}
        buckets: dict[tuple[str, int], list[str]] = {}
        for word in self._df:
            if len(word) >= MIN_FUZZY_LENGTH and not word.isdigit():
                band = len(word) // BAND
                buckets.setdefault((word[:2], band), []).append(word)
                buckets.setdefault(("-" + word[-3:], band), []).append(word)
        self._buckets = {key: tuple(words) for key, words in buckets.items()}

    def __contains__(self, word: object) -> bool:
        return word in self._df

    def df(self, word: str) -> int:
        """How many targets are named with `word`."""
        return self._df.get(word, 0)

    def idf(self, word: str) -> float:
        """The weight of `word`: high for rare words, and for words no entry is named with."""
        return self._idf.get(word, self.unknown_weight)

    def unknown(self, word: str) -> float:
        """The weight of a word no entry uses: the highest there is when the word is rare in
        everyday language (a name: 'Blinken'), much less when it is common ('come', 'name')."""
        return self.unknown_weight * (1.0 - UNKNOWN_DISCOUNT * commonness(word))

    def totals(self, names: Iterable[tuple[str, ...]]) -> tuple[float, ...]:
        """The summed weight of the words of each name; every word must be known."""
        weight = self._idf.__getitem__
        return tuple([sum(map(weight, words)) for words in names])

    def needs_typo_lookup(self, word: str) -> bool:
        return word not in self._df and len(word) >= MIN_FUZZY_LENGTH and not word.isdigit()

    def expand(self, word: str, *, typos: bool = True) -> dict[str, float]:
        """Known words `word` may stand for, with a similarity from 0 to 1; always itself.
        With `typos` False, unknown words are not looked up (to bound the time of long text)."""
        found = {word: 1.0}
        if typos and self.needs_typo_lookup(word):
            found.update(self._typos(word))
        for other in self._related.get(word, ()):
            if other in self._df:
                found.setdefault(other, RELATED_SIMILARITY)
        return found

    def _typos(self, word: str) -> dict[str, float]:
        """Known words within FUZZY_CUTOFF: first among those starting with the same two letters,
        then (unless one of those is already close) among those ending with the same three."""
        found: dict[str, float] = {}
        edits = max_typo_edits(word)
        bands = range((len(word) - 2) // BAND, (len(word) + 2) // BAND + 1)
        for key in (word[:2], "-" + word[-3:]):
            if found and max(found.values()) >= CLOSE:
                break
            for band in bands:
                choices = self._buckets.get((key, band))
                if not choices:
                    continue
                for choice, score, _ in process.extract(
                    word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=MAX_FUZZY
                ):
                    if OSA.distance(word, choice, score_cutoff=edits) <= edits:
                        found[choice] = score / 100
        return dict(sorted(found.items(), key=lambda item: -item[1])[:MAX_FUZZY])
