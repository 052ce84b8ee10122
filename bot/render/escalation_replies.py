"""What an escalation sends to people: the asker's "sent to the curators" and outcome, the
curator's "Write an answer" modal, and the note to a curator who comes second."""

from __future__ import annotations

import json
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import ReviewPolicy
from bot.render.answer import build_answer_message
from bot.render.blocks import Block, Message, context, message, plain, section
from bot.render.escalation import NOT_PASSED_ON, Handled, long_echo
from bot.render.escape import echo, escape_mrkdwn, mention
from bot.render.messages import LIST_HINT

VIEW_WRITE = "readout.curators.reply"
"""callback_id of the "Write an answer" modal."""
REPLY_BLOCK = "curator_reply"
REPLY_ACTION = "text"
REPLY_CHARS = 3000
WHERE = {
    "thread": "here in this thread",
    "dm": "here",
    "ephemeral": "in this channel, in a message only you see",
}


def _about(question: str | None) -> str:
    return f" “{echo(question)}”" if question else ""


def build_sent_to_curators(surface: str, question: str | None, keeps_text: bool) -> Message:
    """The asker's side: their question went to the curators, and where the answer comes."""
    where = WHERE.get(surface, "here")
    text = f":incoming_envelope: Your question{_about(question)} went to the curators."
    lines = [text, f"Their answer will come {where}."]
    if not keeps_text:
        lines.append(NOT_PASSED_ON)
    return message(" ".join(lines), [section(" ".join(lines), verbatim=True)])


def build_already_asked(surface: str) -> Message:
    text = (
        f"You have already asked the curators about this; their answer will come "
        f"{WHERE.get(surface, 'here')}."
    )
    return message(text, [context(text)])


def build_not_passed_on(reason: str) -> Message:
    text = (
        f"Sorry, Readout could not pass your question on to the curators just now ({reason}). "
        "Please try again in a few minutes."
    )
    return message(text, [section(escape_mrkdwn(text))])


def build_entry_reply(
    kb: KnowledgeBase,
    target_id: str,
    curator_id: str,
    question: str | None,
    reviews: ReviewPolicy | None = None,
) -> Message:
    """The asker gets the entry a curator picked, saying who picked it."""
    who = mention(curator_id) or "A curator"
    intro = f":speech_balloon: {who}, a curator, answered your question{_about(question)} with:"
    answer = build_answer_message(kb, target_id, question=question, reviews=reviews)
    blocks = [context(intro, verbatim=True), *answer["blocks"]][:50]
    return message(f"A curator answered your question. {answer['text']}", blocks)


def build_text_reply(curator_id: str, reply: str, question: str | None) -> Message:
    """The curator's own words, marked as such: not a sourced entry of the knowledge base."""
    who = mention(curator_id) or "A curator"
    blocks: list[Block] = [
        context(
            f":speech_balloon: *A curator's reply* from {who} to your question{_about(question)}",
            verbatim=True,
        ),
        section(long_echo(reply, REPLY_CHARS), verbatim=True),
        context(
            "This is the curator's own answer, not a sourced entry of Readout's knowledge base."
        ),
    ]
    return message(f"A curator's reply: {long_echo(reply, 2000)}", blocks)


def build_declined(question: str | None) -> Message:
    text = (
        f":wave: The curators looked at your question{_about(question)}: it is outside what "
        "Readout's knowledge base covers, so they have no answer to add there. Thank you for "
        "asking; it helps them see what people need."
    )
    return message(text, [section(text, verbatim=True), context(LIST_HINT)])


def build_already_handled(handled: Handled) -> Message:
    """The ephemeral note to a curator who acts on an escalation another curator handled."""
    who = mention(handled.curator_id) or "Another curator"
    how = {
        "entry": "answered it with an entry",
        "reply": "wrote an answer",
        "declined": "marked it not in scope",
    }.get(handled.outcome, "handled it")
    text = f"{who} already {how}; nothing more was sent to the asker."
    return message(text, [context(text)])


def build_lost_reply(handled: Handled, reply: str) -> Message:
    """A curator's written answer that came second: it is shown back so it is not lost."""
    first = build_already_handled(handled)
    text = f"{first['text']} Your answer, so it is not lost:"
    return message(
        text, [context(text), section(f">{long_echo(reply, REPLY_CHARS)}", verbatim=True)]
    )


def build_write_modal(
    escalation_id: str, question: str | None, card: tuple[str, str] | None = None
) -> dict[str, Any]:
    """The curator's "Write an answer" form; the escalation, the question shown and the card
    (channel, ts) ride in private_metadata."""
    meta: dict[str, str] = {"e": escalation_id}
    if card is not None:
        meta["cc"], meta["ct"] = card
    if question:
        meta["q"] = question[:2000]
    asked = f"“{echo(question)}”" if question else "_(the question's text is not passed on)_"
    return {
        "type": "modal",
        "callback_id": VIEW_WRITE,
        "private_metadata": json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
        "title": plain("Answer the question", 24),
        "submit": plain("Send", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(f"*Question:* {asked}", verbatim=True),
            {
                "type": "input",
                "block_id": REPLY_BLOCK,
                "label": plain("Your answer", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": REPLY_ACTION,
                    "multiline": True,
                    "max_length": REPLY_CHARS,
                },
                "hint": plain(
                    "The asker gets it as a curator's reply with your name, not as a sourced "
                    "entry. It is saved as a draft entry for review (readout drafts).",
                    2000,
                ),
            },
        ],
    }
