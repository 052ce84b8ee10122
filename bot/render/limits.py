"""Slack's Block Kit limits, and cutting text to fit them at a word boundary."""

from __future__ import annotations

from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
SECTION_TEXT = 3000
SECTION_FIELD = 2000
SECTION_FIELDS = 10
HEADER_TEXT = 150
BUTTON_TEXT = 75
ACTIONS_ELEMENTS = 25
CONTEXT_ELEMENTS = 10
CONTEXT_TEXT = 3000
FALLBACK_TEXT = 3000
"""Our cap on a message's top-level `text` (the notification and screen-reader fallback);
`blocks.message` enforces it on every message Readout builds."""
ECHO_TEXT = 200
"""A person's text repeated in a reply ("does not cover …", "you asked …") is cut to this."""

ELLIPSIS = "…"


def truncate(text: str, limit: int, *, more: str = "") -> str:
    """`text` cut to at most `limit` characters at a word boundary, ending with `…` + `more`.

    `more` (e.g. " <url|Read the full source>") is appended only when something was cut. The cut
    never splits an escaped entity such as `&amp;`, since entities contain no spaces.
    """
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS) - len(more)
    if room <= 0:
        return text[: max(0, limit - len(ELLIPSIS))] + ELLIPSIS if limit > 0 else ""
    cut = text[: room + 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    head = cut[:space] if space > room // 2 else text[:room]
    head = _drop_partial_entity(head.rstrip(" \n,:")).rstrip(" \n,:")
    return head + ELLIPSIS + more


def _drop_partial_entity(text: str) -> str:
    amp = text.rfind("&", max(0, len(text) - 5))
    if amp != -1 and ";" not in text[amp:]:
        return text[:amp]
    return text


def cap_blocks(
    blocks: list[dict[str, Any]], limit: int, note: dict[str, Any]
) -> list[dict[str, Any]]:
    """At most `limit` blocks: when there are more, keep the first and end with `note`."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], note]
