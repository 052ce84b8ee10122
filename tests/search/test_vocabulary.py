"""Typo lookup: slips of the finger find the word meant; a different word is not a typo."""

from __future__ import annotations

from bot.search.vocabulary import Vocabulary

KNOWN = {"pigott": 1, "aramayo": 2, "capitalism": 1, "bolivia": 9, "rubio": 3}


def test_slips_of_the_finger_find_the_word_meant() -> None:
    vocabulary = Vocabulary(KNOWN, targets=20)
    assert "pigott" in vocabulary.expand("piggot")  # two slips in a six-letter word
    assert "aramayo" in vocabulary.expand("aramyo")  # a dropped letter
    assert "bolivia" in vocabulary.expand("bolvia")
    assert "rubio" in vocabulary.expand("rubi")  # a short word: one slip


def test_a_shorter_word_is_not_a_typo_of_a_longer_one() -> None:
    vocabulary = Vocabulary(KNOWN, targets=20)
    assert vocabulary.expand("capital") == {"capital": 1.0}  # three letters short of capitalism
