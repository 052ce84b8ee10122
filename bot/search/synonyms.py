"""The synonyms file compiled for matching: every form, folded, mapped to its meaning's words.

Questions and entries are read through the same table, so `FM`, `canciller` and `foreign
minister` become the same words on both sides. Forms are matched on folded words before stop
words go (`secretary of state`), longest first; a one-word form also matches its inflections
(`firmaron` for `firmar`, `deals` for `deal`) through the Snowball stemmers of both languages; a
single capital letter (`S`, `D`) matches only as typed, standing on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from bot.knowledge.synonyms import SynonymGroup
from bot.search.folding import fold

_ENGLISH = snowballstemmer.stemmer("english")
_SPANISH = snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=1 << 16)
def stems(word: str) -> tuple[str, ...]:
    """The word's English and Spanish Snowball stems that differ from it (its inflections'
    common form), for looking up one-word synonyms. `word` is lower case with its accents: the
    Spanish stemmer needs them (`volvió`), and a past tense typed without its accent (`volvio`,
    `firmo`) is also read with it."""
    found = [_ENGLISH.stemWord(word), _SPANISH.stemWord(word)]
    if word.endswith("io") or word.endswith("o"):
        found.append(_SPANISH.stemWord(word[:-1] + "ó"))
    plain = fold(word)
    return tuple(dict.fromkeys(fold(s) for s in found if fold(s) != plain and len(s) >= 3))


@dataclass(frozen=True, eq=False)
class SynonymTable:
    """Compiled synonyms; EMPTY when the knowledge base has no synonyms file. Compared and
    hashed by identity: `table_for` gives equal groups the same table."""

    groups: tuple[SynonymGroup, ...] = ()
    letters: dict[str, str] = field(default_factory=dict)
    """A single capital letter -> the meaning's text, replaced in the raw question."""
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    """Folded words of a form (several words, or one) -> the meaning's folded words."""
    by_stem: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A one-word form's stem -> the meaning's folded words (inflections of the form)."""
    longest: int = 0
    related: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """A meaning's folded words -> the folded words of meanings close to it."""
    letter_pattern: re.Pattern[str] | None = None

    def rewrite_letters(self, text: str) -> str:
        """`S met the FM` -> `secretary of state met the FM`; `U.S.`, `D.C.`, `Rubio's` stay."""
        if self.letter_pattern is None:
            return text
        return self.letter_pattern.sub(lambda m: f" {self.letters[m.group(0)]} ", text)

    def rewrite(self, lowered: Sequence[str]) -> list[str]:
        """Lower-case words (accents kept) -> folded words, every form replaced by its
        meaning's words, the longest form first."""
        folded = [fold(word) for word in lowered]
        if not self.phrases:
            return folded
        out: list[str] = []
        position, count = 0, len(folded)
        while position < count:
            for size in range(min(self.longest, count - position), 0, -1):
                meaning = self.phrases.get(tuple(folded[position : position + size]))
                if meaning is not None:
                    out.extend(meaning)
                    position += size
                    break
            else:
                meaning = self._inflected(lowered[position], folded[position])
                out.extend(meaning if meaning is not None else (folded[position],))
                position += 1
        return out

    def _inflected(self, lowered: str, folded: str) -> tuple[str, ...] | None:
        """The meaning of an inflection of a one-word form: `firmaron` (firmar), `deals`,
        `MOUs`."""
        for stem in stems(lowered):
            found = self.by_stem.get(stem)
            if found is not None:
                return found
        if folded.endswith("s") and len(folded) > 3:
            return self.phrases.get((folded[:-1],))
        return None


EMPTY = SynonymTable()


@lru_cache(maxsize=8)
def table_for(
    groups: tuple[SynonymGroup, ...],
    split: Callable[[str], list[str]],
    is_word: Callable[[str], bool],
) -> SynonymTable:
    """The compiled table of `groups`, shared by every index built from equal groups."""
    return compile_synonyms(groups, split, is_word)


def compile_synonyms(
    groups: Sequence[SynonymGroup],
    split: Callable[[str], list[str]],
    is_word: Callable[[str], bool] = lambda word: False,
) -> SynonymTable:
    """The table for `groups`; `split` cuts a text into lower-case words (accents kept) the way
    questions are cut; `is_word` tells an everyday word (`un`, `us`): a form in capitals that is
    one in lower case (UN) is matched only in capitals, as a single letter is."""
    if not groups:
        return EMPTY
    letters: dict[str, str] = {}
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    by_stem: dict[str, tuple[str, ...]] = {}
    related: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in groups:
        meaning = tuple(fold(w) for w in split(group.means))
        if not meaning:
            continue
        if len(meaning) > 1:  # written out, the meaning is read as itself, in one piece
            phrases.setdefault(meaning, meaning)
        for form in group.forms:
            if form.isalpha() and form.isupper() and (len(form) == 1 or is_word(form.lower())):
                letters[form] = group.means  # S, D; UN (not Spanish 'un'): only as typed
                continue
            lowered = split(form)
            words = tuple(fold(w) for w in lowered)
            if not words or words == meaning:
                continue
            phrases.setdefault(words, meaning)
            if len(words) == 1:
                for stem in (words[0], *stems(lowered[0])):
                    by_stem.setdefault(stem, meaning)
        if group.related:
            related[meaning] = tuple(
                tuple(fold(w) for w in split(r)) for r in group.related if split(r)
            )
    pattern = None
    if letters:
        alternatives = "|".join(sorted(letters, key=len, reverse=True))
        # On its own: not after a letter, digit, '.' or apostrophe (U.S, RUBIO'S), not before a
        # letter or digit, nor before '.' and a letter (D.C.); "D's meeting" is D's.
        pattern = re.compile(rf"(?<![\w.'’])(?:{alternatives})(?!\w)(?!\.\w)")
    longest = max((len(k) for k in phrases), default=0)
    return SynonymTable(tuple(groups), letters, phrases, by_stem, longest, related, pattern)
