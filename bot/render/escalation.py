"""Ask a curator: the button on replies that do not answer, and the card in the curators' channel.

The card shows the question (or, when READOUT_QUESTION_PRIVACY is `none`, only that one was
asked), who asked and where, Readout's nearest entries, and three actions: answer with an entry
(a static select over the knowledge base, or an external select whose type-ahead the matcher
serves when the base has more than STATIC_OPTIONS targets), write an answer, or not in scope.
Once handled, the same card says who handled it and how, with no actions left.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.render import limits
from bot.render.blocks import Block, Message, context, header, message, plain, section
from bot.render.escape import echo, escape_mrkdwn, link, mention

ACTION_ASK = "readout.curators.ask"
ACTION_ENTRY = "readout.curators.entry"
ACTION_WRITE = "readout.curators.write"
ACTION_DECLINE = "readout.curators.decline"
CARD_BLOCK = "readout.escalation."
"""The card's actions block is `readout.escalation.<id>`: every action on it names its
escalation."""
STATIC_OPTIONS = 100
"""Slack's limit on a static select's options: a larger base gets an external select."""
OPTION_VALUE = 150
"""Slack's limit on an option's value (a target id longer than this cannot be offered)."""
QUESTION_IN_VALUE = 1500


@dataclass(frozen=True)
class CuratorOffer:
    """Whether replies that do not answer offer "Ask a curator", and whether the question's text
    goes along (False with READOUT_QUESTION_PRIVACY=none: the asker is told before sending)."""

    keeps_text: bool = True


NOT_PASSED_ON = (
    "Readout is set to keep no question text, so the curators will see that you asked, and "
    "where, but not your question."
)


def ask_curator_blocks(
    question: str, nearest: Sequence[str], origin: str, offer: CuratorOffer
) -> list[Block]:
    """The "Ask a curator" button; its value carries the question (unless it is not to be
    passed on), the nearest entries' ids and what kind of reply it was on."""
    data: dict[str, Any] = {"c": list(nearest[:3]), "r": origin}
    if offer.keeps_text:
        data["q"] = question[:QUESTION_IN_VALUE]
    element: dict[str, Any] = {
        "type": "button",
        "text": plain("🙋 Ask a curator", limits.BUTTON_TEXT),
        "action_id": ACTION_ASK,
        "value": _dumps(data),
    }
    if not offer.keeps_text:
        element["confirm"] = {
            "title": plain("Ask a curator", 100),
            "text": plain(f"{NOT_PASSED_ON} Ask anyway?", 300),
            "confirm": plain("Ask", 30),
            "deny": plain("Cancel", 30),
        }
    return [{"type": "actions", "elements": [element]}]


@dataclass(frozen=True)
class AskValue:
    """What the "Ask a curator" button carried."""

    question: str | None
    nearest: tuple[str, ...]
    origin: str


def read_ask_value(raw: str | None) -> AskValue | None:
    data = _loads(raw)
    if data is None:
        return None
    nearest = tuple(str(c) for c in data.get("c") or () if isinstance(c, str))
    question = data.get("q") if isinstance(data.get("q"), str) else None
    return AskValue(question or None, nearest, str(data.get("r") or ""))


@dataclass(frozen=True)
class Handled:
    """How an escalation was handled, for its card."""

    curator_id: str
    outcome: str
    """`entry`, `reply` or `declined`."""
    target_id: str | None = None
    target_title: str | None = None
    reply: str | None = None
    undelivered: str | None = None
    """Why the outcome could not be delivered to the asker, if it could not."""
    at: dt.datetime | None = None


@dataclass(frozen=True)
class CardFacts:
    """Everything the card shows."""

    escalation_id: str
    question: str | None
    """The text shown; None when it is not passed on (privacy `none`)."""
    asker_id: str
    channel_id: str | None
    surface: str
    permalink: str | None
    nearest: tuple[tuple[str, str, float], ...] = ()
    """(target id, title, score), best first."""
    comment: str | None = None
    handled: Handled | None = None


def build_card(facts: CardFacts, kb: KnowledgeBase) -> Message:
    """The card in the curators' channel: open, with its three actions, or handled."""
    asked = (
        f"“{echo(facts.question)}”"
        if facts.question
        else "_A question was asked; its text is not passed on (READOUT_QUESTION_PRIVACY is "
        "`none`)._"
    )
    blocks: list[Block] = [
        header("Question for the curators"),
        section(asked, verbatim=True),
        context(_who_and_where(facts), verbatim=True),
    ]
    if facts.comment:
        blocks.append(section(f"*What was wrong:* {long_echo(facts.comment, 1000)}", verbatim=True))
    blocks.append(context(_nearest_line(facts.nearest)))
    if facts.handled is None:
        blocks.append(_card_actions(facts, kb))
    else:
        blocks.extend(_handled_blocks(facts.handled))
    who = mention(facts.asker_id) or "someone"
    text = f"Question for the curators from {who}: {echo(facts.question or 'text not kept')}"
    return message(text, blocks)


def _who_and_where(facts: CardFacts) -> str:
    who = mention(facts.asker_id) or "Someone"
    channel = channel_link(facts.channel_id)
    where = {
        "thread": f"in a thread in {channel}",
        "dm": "in a direct message with Readout",
        "ephemeral": f"with /readout in {channel} (only they saw Readout's reply)",
    }.get(facts.surface, "")
    seen = f" · {link(facts.permalink, 'see the message')}" if facts.permalink else ""
    return f"Asked by {who} {where}{seen}".rstrip()


def channel_link(channel_id: str | None) -> str:
    """`<#C123>` for a real-looking channel id (Slack shows its name), else `a channel`."""
    if channel_id and re.fullmatch(r"[CG][A-Z0-9]{2,20}", channel_id):
        return f"<#{channel_id}>"
    return "a channel"


def long_echo(text: str, limit: int) -> str:
    """A person's longer text (a comment, a curator's answer) repeated: cut, then escaped."""
    return escape_mrkdwn(limits.truncate(text, limit))


def _nearest_line(nearest: Iterable[tuple[str, str, float]]) -> str:
    items = [
        f"{escape_mrkdwn(title)} (`{escape_mrkdwn(tid)}`, {score:.0f})"
        for tid, title, score in nearest
    ]
    if not items:
        return "*Readout's nearest entries:* none came close."
    return limits.truncate("*Readout's nearest entries:* " + "; ".join(items), limits.CONTEXT_TEXT)


def _card_actions(facts: CardFacts, kb: KnowledgeBase) -> Block:
    value = {"e": facts.escalation_id}
    if facts.question:
        value["q"] = facts.question[:QUESTION_IN_VALUE]
    return {
        "type": "actions",
        "block_id": f"{CARD_BLOCK}{facts.escalation_id}",
        "elements": [
            entry_select(kb),
            _button("✍️ Write an answer", ACTION_WRITE, value, style="primary"),
            _button("Not in scope", ACTION_DECLINE, value),
        ],
    }


def entry_select(kb: KnowledgeBase) -> dict[str, Any]:
    """A static select over every target when they fit in one; else an external select whose
    options Readout serves as the curator types (`search_options`)."""
    options = all_options(kb)
    placeholder = plain("Answer with an entry…", 150)
    if options is not None:
        return {
            "type": "static_select",
            "action_id": ACTION_ENTRY,
            "placeholder": placeholder,
            "options": options,
        }
    return {
        "type": "external_select",
        "action_id": ACTION_ENTRY,
        "placeholder": placeholder,
        "min_query_length": 2,
    }


def all_options(kb: KnowledgeBase) -> list[dict[str, Any]] | None:
    """One option per entry and follow-up, or None when there are more than STATIC_OPTIONS."""
    targets = [(e.id, e.title) for e in kb] + [(t, r.title) for t, r in kb.follow_ups.items()]
    if len(targets) > STATIC_OPTIONS:
        return None
    return options(targets)


def options(targets: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Select options for (target id, title) pairs whose id Slack can carry, at most 100."""
    return [
        {"text": plain(title, limits.BUTTON_TEXT), "value": target}
        for target, title in targets
        if len(target) <= OPTION_VALUE
    ][:STATIC_OPTIONS]


def _handled_blocks(handled: Handled) -> list[Block]:
    who = mention(handled.curator_id) or "A curator"
    if handled.outcome == "entry":
        title = escape_mrkdwn(handled.target_title or handled.target_id or "an entry")
        line = f"✅ {who} answered with *{title}* (`{escape_mrkdwn(handled.target_id or '')}`)."
    elif handled.outcome == "reply":
        line = f"✍️ {who} wrote an answer:"
    else:
        line = f"🙅 {who} marked it not in scope; the asker was told politely."
    blocks = [section(line)]
    if handled.outcome == "reply" and handled.reply:
        blocks.append(section(f">{long_echo(handled.reply, 2500)}", verbatim=True))
        blocks.append(context("Saved as a draft entry: `readout drafts --yaml`."))
    if handled.undelivered:
        blocks.append(
            context(
                f"⚠️ It could not be delivered to the asker ({escape_mrkdwn(handled.undelivered)})."
            )
        )
    return blocks


def _button(text: str, action: str, value: dict[str, str], *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT),
        "action_id": action,
        "value": _dumps(value),
    }
    if style:
        element["style"] = style
    return element


def read_card_value(raw: str | None) -> tuple[str, str | None] | None:
    """(escalation id, question shown) from a card button's value, or None when not ours."""
    data = _loads(raw)
    if data is None or not isinstance(data.get("e"), str):
        return None
    question = data.get("q")
    return data["e"], question if isinstance(question, str) and question else None


def _dumps(data: dict[str, Any]) -> str:
    """Compact JSON with `<`, `>`, `&` escaped, as button values are (ids.py)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _loads(raw: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(raw or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
