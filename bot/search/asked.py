"""What a question names and asks for beyond its words: the countries, people and dates it
names (which veto entries that contradict them), and whether it asks for a list of readouts, for
who took part in a meeting, or for the oldest first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from bot.search.entities import (
    DateMention,
    countries_in,
    country_names,
    date_mentions,
    offices_in,
)
from bot.search.folding import fold
from bot.search.index import SearchIndex
from bot.search.lexicon import (
    ARTICLES,
    LIST_WORDS,
    MEETING_WORDS,
    OLDEST_WORDS,
    PARTICIPANT_WORDS,
    PERIOD_WORDS,
)
from bot.search.normalize import Normalized, words

_NUMERIC_DATE = re.compile(r"(?<![\d/])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/])")
"""4/2 as staff write dates: month first."""
_ORDINAL_DAY = re.compile(r"\bthe\s+(3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b")
"""'on the 5th': a day of an unnamed month."""


@dataclass(frozen=True)
class Asked:
    countries: frozenset[str] = frozenset()
    """Countries the question names (ISO codes), the home country aside."""
    offices: frozenset[str] = frozenset()
    """What the offices the question names are for ('defense': Secretary of Defense)."""
    persons: frozenset[int] = frozenset()
    """People of the knowledge base the question names (SearchIndex.people numbers)."""
    roles: tuple[str, ...] = ()
    """Words of participants' roles the question names that tell meetings apart ('deputy')."""
    dates: tuple[DateMention, ...] = ()
    listing: bool = False
    """It asks for readouts in the plural: 'readouts from February', 'every meeting with X'."""
    participants: bool = False
    """It asks who took part: 'who attended', 'who was in the room', 'quiénes participaron'."""
    oldest: bool = False
    who: bool = False
    """It asks who someone is: 'who is …', 'who's …', 'quién es …'."""


def read_asked(question: str, normalized: Normalized, index: SearchIndex) -> Asked:
    """What `question` names and asks for (see the module docstring)."""
    said = normalized.phrase.split()
    said_set = set(said)
    places = {word for word, before in zip(said[1:], said, strict=False) if before in ARTICLES}
    persons = frozenset(
        index.people[token]
        for token in normalized.tokens
        if token in index.people and token not in places
    )
    folded = fold(question[:2000])
    dates = list(date_mentions(folded))
    dates += [DateMention(None, int(m), int(d)) for m, d in _NUMERIC_DATE.findall(folded)]
    dates += [DateMention(None, None, int(d)) for d in _ORDINAL_DAY.findall(folded)]
    meeting = bool(said_set & MEETING_WORDS)
    return Asked(
        roles=tuple(t for t in normalized.tokens if t in index.roles),
        countries=countries_in(normalized.tokens, country_names(words)),
        offices=offices_in(index.synonyms.rewrite_letters(question[:2000]), words),
        persons=persons,
        dates=tuple(dict.fromkeys(dates)),
        listing=(bool(said_set & LIST_WORDS) and meeting) or bool(said_set & _PLURAL_MEETINGS),
        participants=_asks_participants(said),
        oldest=_asks_oldest(said),
        who=" ".join(said[:2]) in WHO_IS or (bool(said) and said[0] in WHO_IS),
    )


def _asks_oldest(said: list[str]) -> bool:
    return any(w in OLDEST_WORDS and n not in PERIOD_WORDS for w, n in pairwise([*said, ""]))


WHO_IS = frozenset({"who is", "whos", "who s", "quien es", "who was", "quien era"})

_PLURAL_MEETINGS = frozenset({"readouts", "meetings", "reuniones", "comunicados", "bilats"})


def _asks_participants(said: list[str]) -> bool:
    """'who attended', 'who was in the room', or who someone met ('who did rubio meet')."""
    text = f" {' '.join(said)} "
    if any(f" {phrase} " in text for phrase in PARTICIPANT_WORDS):
        return True
    return bool({"who", "quien", "quienes"} & set(said) and _SAW & set(said))


_SAW = frozenset({"meet", "met", "see", "saw", "sat", "sit", "reunio", "vio"})
