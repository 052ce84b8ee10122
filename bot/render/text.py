"""Block Kit rendered as terminal text, for the local console and `readout ask`.

Buttons are numbered in the order they appear (`[1] Share in channel`) so the console can let a
person "click" one by typing its number; `buttons()` returns them in the same order. How the text
is laid out (width, bold, short links) is terminal.py's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from bot.knowledge.models import Source
from bot.render.escape import unescape_mrkdwn
from bot.render.sources import ALSO
from bot.render.terminal import (
    BOLD_OFF,
    BOLD_ON,
    PLAIN,
    Terminal,
    compact_sources,
    finish,
    short_url,
)
from bot.search.markup import Reference, replace_references

_EMOJI = re.compile(r":([a-z0-9_+-]+):")
_EMOJI_TEXT = {"page_facing_up": "▸", "mag": "?", "thinking_face": "?", "grey_question": "?"}
_BOLD = re.compile(r"(?<![\w*])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^\s_](?:[^_\n]*[^\s_])?)_(?![\w_])")
_CODE = re.compile(r"```\n?(.*?)\n?```|`([^`\n]+)`", re.DOTALL)


def _date(ref: Reference) -> str | None:
    """`<!date^…|fallback>` as its fallback text."""
    return ref.label if ref.kind == "special" and ref.target == "date" else None


def mrkdwn_to_text(text: str, terminal: Terminal = PLAIN) -> str:
    """Slack mrkdwn as readable text: links become `label (url)`, *bold* and `code` lose their
    marks (kept as bold marks for a styled terminal), and so does _italic_; entities are
    decoded."""
    text = text.replace(BOLD_ON, "").replace(BOLD_OFF, "")
    text = replace_references(text, _date)
    on, off = (BOLD_ON, BOLD_OFF) if terminal.styled else ("", "")
    text = _CODE.sub(lambda m: f"{on}{m.group(1) or m.group(2)}{off}", text)
    text = _BOLD.sub(rf"{on}\1{off}", text)
    text = _ITALIC.sub(r"\1", text)

    def shown(ref: Reference) -> str | None:
        if ref.kind == "link" and ref.label is not None:
            url = unescape_mrkdwn(ref.target)
            return f"{ref.label} ({short_url(url) if terminal.short_links else url})"
        if ref.kind == "link" and ref.target.startswith(("http://", "https://")):
            return ref.target
        if ref.kind == "user" and ref.label is None:
            return f"@{ref.target}"
        return None

    text = replace_references(text, shown)
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


def render_text(
    message: Mapping[str, Any], terminal: Terminal = PLAIN, *, sources: Sequence[Source] = ()
) -> str:
    """A message or view as lines of text; without blocks, its `text`.

    Given the answer's `sources` (all of them), its "Also:" line of further sources becomes a
    compact list of the first few, saying how many more there are.
    """
    blocks: list[dict[str, Any]] = message.get("blocks") or []
    if not blocks:
        return finish(mrkdwn_to_text(str(message.get("text", "")), terminal), terminal)
    lines: list[str] = []
    number = 0
    width = terminal.width or 100
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            lines.extend(["", title, "=" * min(len(title), width)])
        elif kind == "section":
            if "text" in block:
                lines.append(mrkdwn_to_text(block["text"]["text"], terminal))
            for field in block.get("fields", ()):
                lines.append(mrkdwn_to_text(field["text"], terminal).replace("\n", ": ", 1))
            accessory = block.get("accessory")
            if isinstance(accessory, dict) and accessory.get("type") == "button":
                number += 1
                lines[-1] += f"  [{number}] {accessory['text']['text']}"
        elif kind == "context":
            texts = [str(e.get("text", "")) for e in block.get("elements", ())]
            if sources and texts and texts[0].startswith(ALSO):
                lines.extend(compact_sources(sources[1:]))
                continue
            lines.append("  " + " | ".join(mrkdwn_to_text(t, terminal) for t in texts))
        elif kind == "actions":
            labels = []
            for element in block.get("elements", ()):
                if element.get("type") == "button":
                    number += 1
                    labels.append(f"[{number}] {element['text']['text']}")
            row = "  " + "  ".join(labels)
            fits = terminal.width is None or len(row) <= terminal.width
            lines.extend([row] if fits else [f"  {label}" for label in labels])
        elif kind == "divider":
            lines.append("-" * min(40, width))
    return finish("\n".join(lines).strip("\n"), terminal)
