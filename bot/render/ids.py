"""Action ids of Readout's buttons and the value each button carries.

A button's value is compact JSON naming the target (an entry id or `readout-id#follow-up-id`) and,
when known, the question asked and what it matched, so a click can rebuild the same answer from
the knowledge base current at click time. Action ids carry a numeric suffix because Slack wants
them unique within a block; listeners match the prefix with `action_pattern`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

ACTION_ANSWER = "readout.answer"
"""Replace the message with the answer (did-you-mean, follow-up and related buttons)."""
ACTION_OPEN = "readout.open"
"""Show the answer as a new message, keeping the list it was opened from."""
ACTION_SHARE = "readout.share"
"""Post the answer in the channel for everyone, noting who shared it."""

VALUE_LIMIT = 2000
"""Slack's limit on a button's value."""


def action_id(base: str, index: int) -> str:
    """`readout.answer.3`: unique within a message, matched by `action_pattern(base)`."""
    return f"{base}.{index}"


def action_pattern(base: str) -> re.Pattern[str]:
    """Matches `base` and `base.<n>`; give it to Bolt's `app.action(...)`."""
    return re.compile(rf"^{re.escape(base)}(?:\.\d+)?$")


def action_base(action: str) -> str:
    """`readout.answer.3` -> `readout.answer`."""
    head, _, tail = action.rpartition(".")
    return head if tail.isdigit() else action


@dataclass(frozen=True)
class ButtonValue:
    """What a button remembers: the target to show and how the question matched it."""

    target: str
    question: str | None = None
    matched: str | None = None
    field: str | None = None
    score: float | None = None
    shared: bool = False
    """The button is on a copy shared for others to see: a click must not rewrite it."""
    picked: str | None = None
    """On a choice Readout offered because it was unsure: PICK_SUGGESTION ("did you mean") or
    PICK_NEAREST (a nearest topic); a click on it is learned from (issue 10's click learning).
    Follow-up, related and catalogue buttons carry none."""


PICK_SUGGESTION = "s"
PICK_NEAREST = "n"


def encode_value(value: ButtonValue) -> str:
    """Compact JSON within Slack's 2000-character limit; the question is shortened to fit."""
    data: dict[str, Any] = {"t": value.target}
    if value.question:
        data["q"] = value.question
    if value.matched:
        data["m"] = value.matched
    if value.field:
        data["f"] = value.field
    if value.score is not None:
        data["s"] = round(value.score, 1)
    if value.shared:
        data["p"] = 1
    if value.picked:
        data["k"] = value.picked
    text = _dumps(data)
    while len(text) > VALUE_LIMIT and (data.get("q") or data.get("m")):
        key = "m" if len(data.get("m", "")) > len(data.get("q", "")) else "q"
        data[key] = data[key][: max(0, len(data[key]) - (len(text) - VALUE_LIMIT) - 1)]
        if not data[key]:
            del data[key]
        text = _dumps(data)
    return text


def decode_value(raw: str | None) -> ButtonValue | None:
    """The ButtonValue in `raw`, or None when it is not one of ours."""
    try:
        data = json.loads(raw or "")
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), str) or not data["t"]:
        return None
    score = data.get("s")
    return ButtonValue(
        target=data["t"],
        question=_str_or_none(data.get("q")),
        matched=_str_or_none(data.get("m")),
        field=_str_or_none(data.get("f")),
        score=float(score) if isinstance(score, int | float) else None,
        shared=data.get("p") == 1,
        picked=data["k"] if data.get("k") in (PICK_SUGGESTION, PICK_NEAREST) else None,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _dumps(data: dict[str, Any]) -> str:
    """JSON with `<`, `>` and `&` written as \\u escapes: a question carried in a button's value
    is inert markup wherever Slack echoes it (json.loads reads it back as typed)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
