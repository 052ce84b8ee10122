"""Block Kit rendered as terminal text, for the local console and `readout ask`.

Buttons are numbered in the order they appear (`[1] Share in channel`) so the console can let a
person "click" one by typing its number; `buttons()` returns them in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.render.escape import unescape_mrkdwn

_LINK = re.compile(r"<([^<>|]+)\|([^<>]*)>")
_BARE = re.compile(r"<(https?://[^<>|]+)>")
_DATE = re.compile(r"<!date\^\d+\^[^|>]*\|([^>]*)>")
_USER = re.compile(r"<@([UW][A-Z0-9]+)>")
_EMOJI = re.compile(r":([a-z0-9_+-]+):")
_EMOJI_TEXT = {"page_facing_up": "▸", "mag": "?", "thinking_face": "?", "grey_question": "?"}
_BOLD = re.compile(r"(?<![\w*])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?![\w*])")


def mrkdwn_to_text(text: str) -> str:
    """Slack mrkdwn as readable text: links become `label (url)`, *bold* loses its asterisks,
    entities are decoded."""
    text = _DATE.sub(r"\1", text)
    text = _BOLD.sub(r"\1", text)
    text = _LINK.sub(lambda m: f"{m.group(2)} ({unescape_mrkdwn(m.group(1))})", text)
    text = _BARE.sub(r"\1", text)
    text = _USER.sub(r"@\1", text)
    text = _EMOJI.sub(lambda m: _EMOJI_TEXT.get(m.group(1), m.group(0)), text)
    return unescape_mrkdwn(text)


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every button in `blocks`, in reading order."""
    return list(_buttons(blocks))


def _buttons(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") == "button":
            yield accessory
        for element in block.get("elements", ()):
            if element.get("type") == "button":
                yield element


def render_text(message: dict[str, Any], *, width: int = 100) -> str:
    """A message or view as lines of text; without blocks, its `text`."""
    blocks: list[dict[str, Any]] = message.get("blocks") or []
    if not blocks:
        return mrkdwn_to_text(str(message.get("text", "")))
    lines: list[str] = []
    number = 0
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            lines.extend(["", title, "=" * min(len(title), width)])
        elif kind == "section":
            if "text" in block:
                lines.append(mrkdwn_to_text(block["text"]["text"]))
            for field in block.get("fields", ()):
                lines.append(mrkdwn_to_text(field["text"]).replace("\n", ": ", 1))
            accessory = block.get("accessory")
            if isinstance(accessory, dict) and accessory.get("type") == "button":
                number += 1
                lines[-1] += f"  [{number}] {accessory['text']['text']}"
        elif kind == "context":
            parts = [mrkdwn_to_text(e.get("text", "")) for e in block.get("elements", ())]
            lines.append("  " + " | ".join(parts))
        elif kind == "actions":
            labels = []
            for element in block.get("elements", ()):
                if element.get("type") == "button":
                    number += 1
                    labels.append(f"[{number}] {element['text']['text']}")
            lines.append("  " + "  ".join(labels))
        elif kind == "divider":
            lines.append("-" * min(40, width))
    return "\n".join(lines).strip("\n")
