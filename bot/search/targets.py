"""Targets: each entry and follow-up as the matcher sees it, derived from that one entry alone.

Normalising the words of titles, aliases, tags, questions, people and summaries is most of the
cost of an index build. None of it depends on the rest of the knowledge base, so a target carries
no position or weight: the index keeps the targets by entry (entries are immutable) and a rebuild
after a reload derives them again only for entries that changed (index.py); positions, word
weights and posting lists are the index's own and rebuilt each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.knowledge.models import Readout, Term
from bot.search.entities import (
    DateMention,
    by_first_word,
    countries_among,
    date_mentions,
    dated,
    offices_in,
)
from bot.search.lexicon import MONTHS
from bot.search.normalize import words
from bot.search.synonyms import EMPTY, SynonymTable

Key = tuple[str, ...]
SHORT = 80
"""Texts up to this long (names, tags, roles) are normalised through a bounded cache."""


@dataclass(frozen=True, slots=True)
class Field:
    """One way a target is named: 'title', 'alias', 'tag' or 'question'."""

    name: str
    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Target:
    """An entry or a follow-up, wherever it stands in an index (several indexes may share it)."""

    id: str
    title: str
    kind: str
    date: dt.date | None
    fields: tuple[Field, ...]
    context: tuple[str, ...]
    """Words that describe the target without naming it: people, the parent readout's names."""
    light: tuple[str, ...]
    """Summary, key points or answer words: matched, but lightly."""
    named_by: tuple[str, ...]
    """Every word of its fields, once: its posting lists."""
    tag_only: tuple[str, ...]
    """Words of its tags that no other field has."""
    exact: tuple[int, ...]
    """Hashes of the exact keys of its fields other than tags, once each."""
    countries: frozenset[str] = frozenset()
    """Countries it names anywhere (ISO codes): a question naming another one cannot get it."""
    about: frozenset[str] = frozenset()
    """Countries its names are about ('Bolivia's lithium'): a question naming only others cannot
    get it, even when its text mentions them."""
    offices: frozenset[str] = frozenset()
    """What the offices it names are for ('state' for the Secretary of State)."""
    dates: tuple[DateMention, ...] = ()
    """Dates it names (a readout's own date first): a question naming another cannot get it."""
    mentions: frozenset[str] = frozenset()
    """Words where the people it involves are looked for (index.py knows who is a person)."""
    person: bool = False
    """A term about a person: what "who is …" asks for."""


def title_forms(title: str) -> list[str]:
    """A title and the shorter names inside it: 'FORGE (Forum on Resource Geostrategic
    Engagement)' also names 'FORGE' and 'Forum on …'; 'Tommy Pigott, State Department …' also
    'Tommy Pigott'."""
    forms = [title]
    core, _, rest = title.partition(" (")
    inner = rest.rsplit(")", 1)[0] if rest else ""
    forms += [core, core.split(", ")[0], inner]
    return [form for form in dict.fromkeys(forms) if form.strip()]


def exact_key(tokens: Iterable[str]) -> Key:
    """Word order and repeats do not matter for an exact hit."""
    return tuple(sorted(set(tokens)))


def entry_targets(entry: Readout | Term, synonyms: SynonymTable = EMPTY) -> tuple[Target, ...]:
    """The entry's target, then one per follow-up (a readout's, in order)."""

    def _tokens(text: str) -> tuple[str, ...]:
        return _text_tokens(text, synonyms)

    def _field(name: str, text: str) -> Field:
        return Field(name, text, _tokens(text.replace("-", " ") if name == "tag" else text))

    names = _names(entry, _field)
    name_texts = [entry.title, *entry.aliases, *entry.tags]
    details = entry.details or ""
    if isinstance(entry, Term):
        light = _tokens(f"{entry.summary} {details}")
        whole = [*name_texts, entry.summary, details]
        term = _target(entry.id, entry.title, "term", None, names, (), light)
        term = replace(term, person=entry.category == "person")
        return (_about(term, whole, name_texts, date_mentions(" ".join(whole)), light),)
    people = " ".join(f"{p.name} {p.role}" for p in entry.participants)
    context = _tokens(f"{people} {entry.attributed_to} {entry.location}")
    light = _tokens(" ".join((entry.summary, *entry.key_points, details)))
    core = [*name_texts, people, entry.location]
    own_dates = (dated(entry.date), *date_mentions(" ".join(name_texts)))
    readout = _target(entry.id, entry.title, "readout", entry.date, names, context, light)
    found = [_about(readout, core, core, own_dates, context)]
    parent_words = tuple(dict.fromkeys((*context, *(t for f in names for t in f.tokens))))
    for follow_up in entry.follow_ups:
        fields = [_field("question", follow_up.question)]
        fields += [_field("alias", alias) for alias in follow_up.aliases]
        asked = [follow_up.question, *follow_up.aliases]
        answer = _tokens(follow_up.answer)
        target = _target(
            f"{entry.id}#{follow_up.id}", follow_up.question, "follow-up", entry.date,
            fields, parent_words, answer,
        )  # fmt: skip
        dates = (dated(entry.date), *date_mentions(" ".join((*asked, follow_up.answer))))
        texts = [*core, *asked, follow_up.answer]
        found.append(_about(target, texts, core, dates, ()))
    return tuple(found)


def _about(
    target: Target,
    texts: list[str],
    names: list[str],
    dates: tuple[DateMention, ...],
    more: tuple[str, ...],
) -> Target:
    """`target` with the countries and offices named in `texts` (its words and `more`), the
    countries its `names` are about, its `dates`, and where people are looked for."""
    countries = by_first_word(words_of)
    mentions = frozenset((*target.named_by, *target.context, *more))
    named = frozenset((*target.named_by, *target.context)) if target.kind == "readout" else None
    return replace(
        target,
        countries=countries_among(mentions, countries)
        if target.kind == "readout"
        else countries_among(mentions | frozenset(target.light), countries),
        about=countries_among(named or frozenset(target.named_by), countries),
        offices=offices_in(" ".join(texts), words_of),
        dates=tuple(dict.fromkeys(dates)),
        mentions=mentions,
    )


def words_of(text: str) -> list[str]:
    """How country names are cut into words: as any text is, without synonyms."""
    return words(text)


def _target(
    target_id: str,
    title: str,
    kind: str,
    date: dt.date | None,
    fields: list[Field],
    context: tuple[str, ...],
    light: tuple[str, ...],
) -> Target:
    named = [f for f in fields if f.name != "tag"]
    named_words = {t for f in named for t in f.tokens}
    every = tuple(dict.fromkeys(t for f in fields for t in f.tokens))
    exact = tuple(dict.fromkeys(hash(exact_key(f.tokens)) for f in named if f.tokens))
    return Target(
        target_id, title, kind, date, tuple(fields), context, light,
        every, tuple(t for t in every if t not in named_words), exact,
    )  # fmt: skip


def _names(entry: Readout | Term, _field: Callable[[str, str], Field]) -> list[Field]:
    fields = [_field("title", title) for title in title_forms(entry.title)]
    fields = [f for f in fields if f.text == entry.title or not _only_dates(f.tokens)]
    fields += [_field("alias", alias) for alias in entry.aliases]
    fields += [_field("tag", tag) for tag in entry.tags]
    return fields


def _text_tokens(text: str, synonyms: SynonymTable) -> tuple[str, ...]:
    if len(text) <= SHORT:
        return _short_tokens(text, synonyms)
    return tuple(dict.fromkeys(words(text, synonyms)))


@lru_cache(maxsize=1 << 16)
def _short_tokens(text: str, synonyms: SynonymTable) -> tuple[str, ...]:
    """Tags, roles, places and many names recur across entries: each is normalised once."""
    return tuple(dict.fromkeys(words(text, synonyms)))


def _only_dates(tokens: tuple[str, ...]) -> bool:
    """'(Feb 4, 2026)' in a title dates it; it does not name it."""
    return all(token.isdigit() or token in MONTHS for token in tokens)
