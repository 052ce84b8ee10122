"""Block Kit primitives as plain dictionaries, each cut to Slack's limits as it is built, and
`message`, which every message Readout builds goes through.

Text passed to `mrkdwn`, `section` and `context` must already be escaped (see escape.py); text
passed to `plain`, `header` and `button` is plain text, which Slack never parses for markup.
Pass `verbatim=True` when the text repeats a person's words (escape.echo): Slack then leaves a
bare URL or #channel in them as typed; Readout's own `<url|label>` links still work.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypedDict

from bot.render import limits
from bot.render.ids import ButtonValue, action_id, encode_value

Block = dict[str, Any]


class Message(TypedDict):
    """A Slack message body: the plain `text` fallback and its blocks."""

    text: str
    blocks: list[Block]


def message(text: str, blocks: list[Block]) -> Message:
    """A message whose top-level `text` (already escaped) is cut to limits.FALLBACK_TEXT."""
    return {"text": limits.truncate(text, limits.FALLBACK_TEXT), "blocks": blocks}


def plain(text: str, limit: int = limits.SECTION_TEXT) -> dict[str, Any]:
    return {"type": "plain_text", "text": limits.truncate(text, limit) or " ", "emoji": True}


def mrkdwn(text: str, limit: int = limits.SECTION_TEXT, *, verbatim: bool = False) -> Block:
    obj: Block = {"type": "mrkdwn", "text": limits.truncate(text, limit) or " "}
    if verbatim:
        obj["verbatim"] = True
    return obj


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, limits.HEADER_TEXT)}


def section(
    text: str, *, accessory: Block | None = None, more: str = "", verbatim: bool = False
) -> Block:
    """A mrkdwn section; over-long text is cut at a word and ends with `more` (a link)."""
    block: Block = {
        "type": "section",
        "text": mrkdwn(limits.truncate(text, limits.SECTION_TEXT, more=more), verbatim=verbatim),
    }
    if accessory is not None:
        block["accessory"] = accessory
    return block


def fields(items: list[str]) -> Block:
    """A section of up to ten short mrkdwn fields shown in two columns."""
    return {
        "type": "section",
        "fields": [mrkdwn(item, limits.SECTION_FIELD) for item in items[: limits.SECTION_FIELDS]],
    }


def context(*texts: str, verbatim: bool = False) -> Block:
    """A line of small mrkdwn text; at most ten elements."""
    kept = [t for t in texts if t][: limits.CONTEXT_ELEMENTS]
    elements = [mrkdwn(t, limits.CONTEXT_TEXT, verbatim=verbatim) for t in kept]
    return {"type": "context", "elements": elements}


def divider() -> Block:
    return {"type": "divider"}


Style = Literal["primary", "danger"]


def button(
    text: str, action: str, value: ButtonValue, *, style: Style | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT),
        "action_id": action,
        "value": encode_value(value),
    }
    if style is not None:
        element["style"] = style
    return element


def actions(buttons: list[dict[str, Any]]) -> list[Block]:
    """Buttons in as many actions blocks as needed (25 per block)."""
    size = limits.ACTIONS_ELEMENTS
    return [
        {"type": "actions", "elements": buttons[i : i + size]} for i in range(0, len(buttons), size)
    ]


def target_buttons(
    targets: list[tuple[str, str]],
    base: str,
    *,
    start: int = 0,
    question: str | None = None,
    shared: bool = False,
) -> list[dict[str, Any]]:
    """One button per (target id, label), numbered from `start` so action ids stay unique;
    `shared` marks buttons on a copy others see."""
    return [
        button(
            label, action_id(base, start + n), ButtonValue(target, question=question, shared=shared)
        )
        for n, (target, label) in enumerate(targets)
    ]


def format_date(day: dt.date) -> str:
    """`February 4, 2026`."""
    return f"{day:%B} {day.day}, {day.year}"


def slack_date(moment: dt.datetime) -> str:
    """A `<!date^…>` token: Slack shows it in each reader's own time zone, with a UTC fallback."""
    stamp = int(moment.timestamp())
    fallback = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{stamp}^{{date_short_pretty}} at {{time}}|{fallback}>"
