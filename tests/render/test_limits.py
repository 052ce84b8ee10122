"""Cutting text at a word boundary, with a link to the rest."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.render.escape import escape_mrkdwn
from bot.render.limits import ELLIPSIS, cap_blocks, truncate


def test_short_text_is_unchanged() -> None:
    assert truncate("short", 10, more=" <u|more>") == "short"


def test_cut_at_a_word_with_the_link_at_the_end() -> None:
    text = "one two three four five six"
    cut = truncate(text, 20, more=" <u|m>")
    assert cut == "one two three" + ELLIPSIS + " <u|m>"
    assert len(cut) <= 20


def test_never_splits_an_escaped_entity() -> None:
    text = escape_mrkdwn("a" * 10 + "&" * 20)
    cut = truncate(text, 25)
    assert not cut.rstrip(ELLIPSIS).endswith(("&", "&a", "&am", "&amp"))


@given(st.text(), st.integers(min_value=0, max_value=200))
def test_never_longer_than_the_limit(text: str, limit: int) -> None:
    assert len(truncate(text, limit)) <= limit
    assert len(truncate(text, limit + 30, more=" <https://x|more>")) <= limit + 30


def test_cap_blocks_ends_with_a_note() -> None:
    blocks = [{"n": i} for i in range(60)]
    capped = cap_blocks(blocks, 50, {"note": True})
    assert len(capped) == 50
    assert capped[-1] == {"note": True}
    assert capped[0] == {"n": 0}
