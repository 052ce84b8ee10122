"""How common a word is in everyday English or Spanish, from wordfreq's frequency lists.

A question's word that no entry uses is evidence that the question is about something else, but
only when the word is rare: "Blinken" or "Quirno" says another person; "come" or "name" says
nothing. (Knowledge-base frequencies cannot tell them apart: both are simply absent.)
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

RARE_ZIPF = 3.0
"""Zipf frequency (log10 of occurrences per billion words) at or under which a word is rare."""
COMMON_ZIPF = 5.5
"""At or over this, a word is as common as words get (come, name, good)."""


@lru_cache(maxsize=1 << 16)
def commonness(word: str) -> float:
    """0 for a rare word (or a name nobody uses), rising to 1 for the commonest words, by the
    larger of its English and Spanish frequencies."""
    zipf = max(zipf_frequency(word, "en"), zipf_frequency(word, "es"))
    return min(max((zipf - RARE_ZIPF) / (COMMON_ZIPF - RARE_ZIPF), 0.0), 1.0)


def warm_up() -> None:
    """Load the English and Spanish word lists now (the first lookup takes about a second)."""
    zipf_frequency("readout", "en")
    zipf_frequency("readout", "es")
