"""Reading what Slack sends about an escalation: where the asker asked, who clicked, which card,
and the question the card shows; and the escalation as its card describes it."""

from __future__ import annotations

import json
from typing import Any

from bot.render.escalation import Handled, read_card_value
from bot.slack.asker import Asker
from bot.store.escalations import Escalation


def asker_of(
    user_id: str, channel_id: str | None, container: dict[str, Any], message: dict[str, Any]
) -> Asker:
    if container.get("is_ephemeral"):
        return Asker(user_id, channel_id, "ephemeral", None)
    if channel_id and channel_id.startswith("D"):
        return Asker(user_id, channel_id, "dm", None)
    thread = message.get("thread_ts") or container.get("message_ts")
    return Asker(user_id, channel_id, "thread", str(thread) if thread else None)


def handled_of(escalation: Escalation, *, undelivered: str | None = None) -> Handled:
    return Handled(
        curator_id=escalation.handled_by or "",
        outcome=escalation.outcome or "",
        target_id=escalation.target_id,
        reply=escalation.reply,
        undelivered=undelivered,
        at=escalation.handled_at,
    )


def user_of(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def card_question(body: dict[str, Any]) -> str | None:
    """The question the card shows, from its Write an answer button (a select has no value)."""
    for block in (body.get("message") or {}).get("blocks") or ():
        for element in block.get("elements") or ():
            found = read_card_value(element.get("value")) if isinstance(element, dict) else None
            if found is not None:
                return found[1]
    return None


def clicked_card(body: dict[str, Any]) -> tuple[str, str] | None:
    """The card a curator clicked on: its channel and ts."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    ts = container.get("message_ts")
    return (str(channel), str(ts)) if channel and ts else None


def modal_card(raw: object) -> tuple[str, str] | None:
    """The card a "Write an answer" form was opened from (its private_metadata)."""
    try:
        meta = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    if isinstance(meta, dict) and meta.get("cc") and meta.get("ct"):
        return str(meta["cc"]), str(meta["ct"])
    return None


def json_text(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None
