"""Text -> tokens, the same way for questions and for knowledge entries.

Slack markup becomes the text a person sees (`<#C1|bolivia-desk>` -> `bolivia-desk`, a link ->
its label; mentions and `<!here>` go), case and accents fold, control and zero-width characters
go, punctuation splits words, English and Spanish stop words and question words drop, plurals and
a few synonyms fold. Entry ids (`rubio-aramayo-2026-02-04#agreements`) and numbers are kept.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge.synonyms import SynonymGroup
from bot.search.folding import fold
from bot.search.lexicon import CANONICAL, CHAT_WORDS, FILLER_WORDS, POLITE_WORDS, STOP_WORDS
from bot.search.markup import Reference, replace_references
from bot.search.synonyms import EMPTY, SynonymTable, table_for

MAX_CHARS = 2000
"""Longer text is cut here: no question needs more, and time stays bounded."""
MAX_TOKENS = 24

_EMOJI = re.compile(r":[a-z0-9_+'-]+:", re.IGNORECASE)
_COUNTRY = re.compile(
    r"\b(?:[Uu]\.[Ss]\.(?:[Aa]\.)?|USA\b|US\b|(?<=[Tt][Hh][Ee] )[Uu][Ss]\b"
    r"|[Ee][Ee]\.?\s?[Uu][Uu]\b\.?)"
)
"""U.S., USA, US (capitals: lower-case 'us' is a pronoun), 'the us' (never a pronoun) and the
Spanish EE.UU., all as one word."""
_WORD = re.compile(r"[^\W_]+")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A question reduced to what matters for matching."""

    text: str
    """The tokens joined by spaces, e.g. 'rubio aramayo'."""
    tokens: tuple[str, ...]
    ids: tuple[str, ...]
    """Strings shaped like entry ids (`a-b-2026`, `x#y`), exactly as written, lower case."""
    phrase: str = ""
    """Every word as typed, folded, stop words kept: for exact title and alias hits."""
    optional: tuple[str, ...] = ()
    """Words from channel names (`<#C1|bolivia-desk>`): they help when they match, never hurt."""


def strip_markup(text: str, channels: list[str] | None = None) -> str:
    """Slack message markup -> the words a reader sees. Channel names are put in `channels`
    when it is given, else left in the text."""

    def words_of(ref: Reference) -> str:
        if ref.kind == "user":
            return " "
        if ref.kind == "channel":
            if channels is None:
                return f" {ref.label or ''} "
            channels.append(ref.label or "")
            return " "
        return f" {_label(ref.label)} "

    text = _EMOJI.sub(" ", replace_references(text, words_of))
    return html.unescape(text)


def _label(label: str | None) -> str:
    """A special mention's or link's label; none for an unlabelled one or a user group."""
    return "" if label is None or label.startswith("@") else label


def stem(token: str) -> str:
    """Plural -> singular, roughly, for English and Spanish; the same rule on both sides.

    Hand-written on purpose, after measuring: stemming every word with Snowball instead
    (English, Spanish, or both in turn) answered fewer blind-set-A questions (0.468-0.473 against
    0.493) and gave more wrong answers on the tuned and held-out sets (up to 4 and 2, against 1
    and 1). Snowball does serve where it measured better: the inflections of synonym forms
    (`firmaron` for `firmar`, `volvió` for `volver`; synonyms.py)."""
    if len(token) <= 4 or token.isdigit():
        return token
    if token.endswith("iones") or token.endswith(("dores", "ales")):
        return token[:-2]
    if token.endswith("ies") and len(token) > 5:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
"""Zero-width and direction marks: they hide inside words, as fold() knows."""


def lower_words(text: str) -> list[str]:
    """Lower-case words of `text`, accents kept, nothing removed (how synonym forms are cut)."""
    return _WORD.findall(_INVISIBLE.sub("", unicodedata.normalize("NFC", text.casefold())))


def synonym_table(groups: tuple[SynonymGroup, ...]) -> SynonymTable:
    """The compiled synonyms of a knowledge base (shared by every index with equal groups)."""
    return table_for(groups, lower_words, _is_stop_word) if groups else EMPTY


def _is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


def words(text: str, synonyms: SynonymTable = EMPTY) -> list[str]:
    """Folded, stemmed, canonical words of `text`, synonyms read as their meaning, stop words
    and question words removed."""
    text = synonyms.rewrite_letters(_COUNTRY.sub(" usa ", text))
    if synonyms.phrases:
        found = synonyms.rewrite(lower_words(text))
    else:
        # In ASCII text fold() would only turn control characters into spaces, and they split
        # words anyway: casefold alone gives the same words, faster.
        found = _WORD.findall(text.casefold() if text.isascii() else fold(text))
    return [word for word in map(_word, found) if word is not None]


@lru_cache(maxsize=1 << 18)
def _word(raw: str) -> str | None:
    """One folded word as indexed, or None when it carries no topic. Cached: an index build
    sees each distinct word many times, and equal words come back as one shared string."""
    if raw in STOP_WORDS or raw in FILLER_WORDS or raw in CHAT_WORDS:
        return None
    word = stem(raw)
    word = CANONICAL.get(word, word)
    if word in FILLER_WORDS or (len(word) == 1 and not word.isdigit()):
        return None
    return word


def phrase(text: str) -> str:
    """Folded words with nothing removed but greetings and thanks around them: 'Hi, did they
    sign anything? Thanks' -> 'did they sign anything'."""
    found = _WORD.findall(fold(text[:MAX_CHARS]))
    start, end = 0, len(found)
    while start < end and found[start] in POLITE_WORDS:
        start += 1
    while end > start and found[end - 1] in POLITE_WORDS:
        end -= 1
    return " ".join(found[start:end])


def normalize(question: str, synonyms: SynonymTable = EMPTY) -> Normalized:
    """The question's tokens (at most MAX_TOKENS, in order, repeats dropped) and id-like strings."""
    channels: list[str] = []
    plain = strip_markup(question[: MAX_CHARS * 2], channels)[:MAX_CHARS]
    ids = tuple(dict.fromkeys(m for m in _ID.findall(fold(plain)) if "-" in m or "#" in m))
    tokens = tuple(dict.fromkeys(words(plain, synonyms)))[:MAX_TOKENS]
    channel_words = words(" ".join(channels), synonyms)
    optional = tuple(t for t in dict.fromkeys(channel_words) if t not in tokens)
    return Normalized(" ".join(tokens), tokens, ids, phrase(plain), optional[:MAX_TOKENS])
