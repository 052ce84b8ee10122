"""Countries and dates a text names: what lets a question veto an entry that contradicts it.

"Rubio's meeting with the Colombian foreign minister" is not the Bolivia readout, however many
words they share. Country names in English and Spanish come from pycountry (ISO 3166), with
their demonyms derived by the usual endings (Bolivia: Bolivian, boliviano; Chile: Chilean,
chileno); people come from the knowledge base itself (index.py); dates from the text.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from bot.search.folding import fold
from bot.search.lexicon import MONTHS

HOME = "US"
"""The country every entry involves; naming it vetoes nothing."""
MAX_NAME_WORDS = 4
ORDINARY_WORDS = frozenset(
    [
        "reunion",
        "chad",
        "jordan",
        "turkey",
        "georgia",
        "jersey",
        "guinea",
        "niger",
        "christmas",
        "cook",
        "man",
        "guernsey",
        "dominica",
        "grenada",
    ]
)
"""Country names that are also everyday words ('reunión' is Spanish for meeting): not read as
countries, so they never veto."""


def _demonyms(name: str) -> set[str]:
    """The usual English and Spanish demonyms of a one-word country name, by its ending:
    Bolivia -> bolivian, boliviano; Mexico -> mexican, mexicano; Chile -> chilean, chileno;
    Peru -> peruvian, peruano; Brazil -> brazilian; Paraguay -> paraguayan, paraguayo."""
    stem = name[:-1]
    found: set[str] = set()
    if name.endswith("a"):  # Bolivia, Colombia, Argentina, China, Cuba
        found |= {name + "n", name + "no", name + "na", stem + "ian", stem + "ine", stem + "o"}
        found |= {stem + "ese"}
    elif name.endswith("o"):  # Mexico, Morocco
        found |= {stem + "an", stem + "ano", stem + "ana"}
    elif name.endswith("e"):  # Chile
        found |= {stem + "ean", stem + "eno", stem + "ena"}
    elif name.endswith("u"):  # Peru
        found |= {name + "vian", name + "ano", name + "ana"}
    elif name[-1] not in "aeiou":  # Brazil, Ecuador, Paraguay, Japan, Brasil
        found |= {name + "ian", name + "an", name + "o", name + "a", name + "ese", name + "eno"}
        found |= {name + "i"}
    return {d for d in found if len(d) >= 5}


@lru_cache(maxsize=4)
def country_names(split: Callable[[str], list[str]]) -> dict[tuple[str, ...], str]:
    """Every country's names and demonyms, as `split` cuts them into words -> ISO alpha-2."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    names: dict[tuple[str, ...], str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        english = {
            str(getattr(country, key))
            for key in ("name", "common_name", "official_name")
            if getattr(country, key, None)
        }
        texts = english | {spanish.gettext(str(country.name))}
        for text in texts:
            for part in (text, text.split(",")[0]):
                words = tuple(split(part))
                if words and words[-1] in ORDINARY_WORDS:
                    continue
                if 0 < len(words) <= MAX_NAME_WORDS:
                    names.setdefault(words, code)
                if len(words) == 1:
                    for demonym in _demonyms(words[0]):
                        names.setdefault((demonym,), code)
    return names


@lru_cache(maxsize=4)
def by_first_word(
    split: Callable[[str], list[str]],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """country_names(split) by the first word of each name."""
    found: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, code in country_names(split).items():
        found.setdefault(words[0], []).append((words, code))
    return {first: tuple(items) for first, items in found.items()}


def countries_among(
    words: frozenset[str], by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
) -> frozenset[str]:
    """The countries named by words of a set (a name of several words when all are there):
    for entries, whose words are already indexed as sets; home country aside. `by_first` is
    `by_first_word(split)`."""
    found = {
        code
        for word in words
        for name, code in by_first.get(word, ())
        if len(name) == 1 or words.issuperset(name)
    }
    found.discard(HOME)
    return frozenset(found)


def countries_in(words: Sequence[str], names: dict[tuple[str, ...], str]) -> frozenset[str]:
    """The countries `words` name (any of their names or demonyms), the home country aside."""
    found: set[str] = set()
    count = len(words)
    for start in range(count):
        for size in range(min(MAX_NAME_WORDS, count - start), 0, -1):
            code = names.get(tuple(words[start : start + size]))
            if code is not None:
                found.add(code)
                break
    found.discard(HOME)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date a text names, as precisely as it names it."""

    year: int | None
    month: int | None
    day: int | None

    def agrees(self, year: int | None, month: int | None, day: int | None) -> bool:
        """True when nothing the two both name differs."""
        return all(
            a is None or b is None or a == b
            for a, b in ((self.year, year), (self.month, month), (self.day, day))
        )


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SHORT_MONTH = r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_SPANISH_MONTH = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre"
)
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and|y)\s*\d{{1,2}})?\s+(?:de\s+)?)?"
    rf"(?P<month>{_MONTH}|{_SHORT_MONTH}|{_SPANISH_MONTH})(?![a-z])\.?"
    rf"(?:\s+(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:\s*(?:-|–)\s*\d{{1,2}}(?!\d))?)?"
    rf"(?:,?\s+(?:de\s+|del\s+)?(?P<y1>(?:19|20)\d\d)(?!\d))?"
    rf"|\b(?P<y2>(?:19|20)\d\d)\b"
)
_SPANISH_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        start=1,
    )
}


def _month(word: str) -> int:
    if word in MONTHS:
        return MONTHS[word]
    if word == "setiembre":
        return 9
    if word in _SPANISH_MONTHS:
        return _SPANISH_MONTHS[word]
    return next(number for name, number in MONTHS.items() if name.startswith(word[:3]))


def _lower(text: str) -> str:
    """Lower case without accents, for the patterns here (most entry text is ASCII: cheap)."""
    return text.casefold() if text.isascii() else fold(text)


def date_mentions(text: str) -> tuple[DateMention, ...]:
    """Every date named in `text`: 'February 5, 2026', '5 de febrero', 'December 2025', '2008'."""
    found: list[DateMention] = []
    for match in _DATE.finditer(_lower(text)):
        if match.group("y2"):
            found.append(DateMention(int(match.group("y2")), None, None))
            continue
        day_text = match.group("d1") or match.group("d2")
        day = int(day_text) if day_text and 1 <= int(day_text) <= 31 else None
        year = int(match.group("y1")) if match.group("y1") else None
        if match.group("month") == "may" and day is None and year is None:
            continue  # 'may' alone is the verb
        found.append(DateMention(year, _month(match.group("month")), day))
    return tuple(dict.fromkeys(found))


def dated(day: dt.date) -> DateMention:
    return DateMention(day.year, day.month, day.day)


def contradicts(asked: Iterable[DateMention], named: Sequence[DateMention]) -> bool:
    """True when the question names a date and the target names none that agrees with it."""
    return any(not any(m.agrees(a.year, a.month, a.day) for m in named) for a in asked)


_OFFICE = re.compile(
    r"\b(?:secretary|secretaria|secretario|department|departamento|ministry|ministerio|minister"
    r"|ministro|ministra)\s+(?:of\s+(?:the\s+)?|de\s+(?:la\s+|el\s+|los\s+)?)([a-z]+)"
)
"""'Secretary of Defense', 'Ministry of Mining', 'ministro de Economía': the office's domain."""
_NOT_A_DOMAIN = frozenset({"foreign", "relaciones", "exteriores", "bolivia", "united", "estado"})
"""Words after 'minister of' that name the country or a second word, not what the office is
for ('Minister of Foreign Affairs' is about foreign affairs: 'affairs' names it)."""


def offices_in(text: str, split: Callable[[str], list[str]]) -> frozenset[str]:
    """The domains of the offices `text` names ('defense' in 'Deputy Secretary of Defense'),
    as `split` reads words; 'Secretary of State' gives 'state'."""
    found: set[str] = set()
    for word in _OFFICE.findall(_lower(text)):
        if word in _NOT_A_DOMAIN:
            continue
        found.update(split(word))
    return frozenset(found)
