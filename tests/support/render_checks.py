"""Checks every rendered message must pass: Slack's own models, the limits, and no live markup."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.render import limits

VIEW_BYTES = 250_000
"""views.publish answers `view_too_large` above 250 kB of view JSON (Slack's method reference)."""

# Markup Readout itself writes: its links to http(s) sources, <@U…> for "shared by", and dates.
_OWN_MARKUP = re.compile(
    r"<https?://[^\s<>|]+\|[^<>]*>|<@U[A-Z0-9]+>|<!date\^\d+\^[^|<>]+\|[^<>]*>"
)


def assert_no_live_markup(text: str, *, allow_users: tuple[str, ...] = ()) -> None:
    """No `<…>` in `text` except Readout's own links, allowed user mentions and dates."""
    leftover = _OWN_MARKUP.sub("", text)
    assert "<" not in leftover, text
    assert ">" not in leftover, text
    for user in re.findall(r"<@(U[A-Z0-9]+)>", text):
        assert user in allow_users, text
    for url in re.findall(r"<(https?://[^|>]+)\|", text):
        assert "evil" not in url, text


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn string in `blocks`."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return found


def check_blocks(blocks: list[dict[str, Any]], max_blocks: int) -> None:
    assert 0 < len(blocks) <= max_blocks
    action_ids: list[str] = []
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        assert parsed.to_dict() == block  # Slack's model accepts it, unchanged
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= limits.HEADER_TEXT
        if block["type"] == "section" and "text" in block:
            assert 0 < len(block["text"]["text"]) <= limits.SECTION_TEXT
        if block["type"] == "actions":
            assert 0 < len(block["elements"]) <= limits.ACTIONS_ELEMENTS
        elements = [
            *block.get("elements", ()),
            *([block["accessory"]] if "accessory" in block else []),
        ]
        for element in elements:
            if element.get("type") == "button":
                assert len(element["text"]["text"]) <= limits.BUTTON_TEXT
                assert len(element["value"]) <= 2000
                action_ids.append(element["action_id"])
    assert len(action_ids) == len(set(action_ids)), action_ids


def check_message(message: Mapping[str, Any], *, allow_users: tuple[str, ...] = ()) -> None:
    """A message: a plain-text fallback, valid blocks within Slack's limits, no live markup."""
    assert set(message) == {"text", "blocks"}
    assert message["text"].strip()
    assert len(message["text"]) <= limits.FALLBACK_TEXT
    check_blocks(message["blocks"], limits.MAX_MESSAGE_BLOCKS)
    for text in [message["text"], *texts(message["blocks"])]:
        assert_no_live_markup(text, allow_users=allow_users)


def json_size(payload: Mapping[str, Any]) -> int:
    """Bytes of `payload` as slack_sdk sends it."""
    return len(json.dumps(payload).encode())


def check_view(view: dict[str, Any]) -> None:
    """A view: Slack's model accepts it, within Slack's limits (250 kB too), no live markup."""
    assert View(**view).to_dict() is not None
    assert json_size(view) <= VIEW_BYTES
    check_blocks(view["blocks"], limits.MAX_VIEW_BLOCKS)
    for text in texts(view["blocks"]):
        assert_no_live_markup(text)
