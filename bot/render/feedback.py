"""👍 / 👎 under every answer, and the small modal a 👎 opens to ask, optionally, what was wrong."""

from __future__ import annotations

import json
from typing import Any

from bot.render import limits
from bot.render.blocks import Block, Message, actions, button, context, message, plain, section
from bot.render.escalation import CuratorOffer
from bot.render.ids import ButtonValue, action_id

ACTION_VOTE_UP = "readout.vote.up"
ACTION_VOTE_DOWN = "readout.vote.down"
VIEW_FEEDBACK = "readout.feedback"
"""callback_id of the 👎 modal."""
COMMENT_BLOCK = "what_was_wrong"
COMMENT_ACTION = "comment"
ASK_BLOCK = "ask_curator"
ASK_ACTION = "ask"
ASK_OPTION = "ask"


def feedback_buttons(target_id: str, question: str | None) -> list[Block]:
    """👍 / 👎 under an answer; each button remembers the entry and the question."""
    value = ButtonValue(target_id, question=question)
    return actions(
        [
            button("👍 Helpful", action_id(ACTION_VOTE_UP, 0), value),
            button("👎 Not helpful", action_id(ACTION_VOTE_DOWN, 0), value),
        ]
    )


def with_feedback(answer: Message, target_id: str, question: str | None) -> Message:
    """`answer` with the 👍 / 👎 buttons added at the end (within Slack's 50 blocks)."""
    blocks = list(answer["blocks"])[: limits.MAX_MESSAGE_BLOCKS - 1]
    return message(answer["text"], blocks + feedback_buttons(target_id, question))


def build_feedback_modal(
    metadata: dict[str, str], curators: CuratorOffer | None = None
) -> dict[str, Any]:
    """The 👎 modal: one optional comment; `metadata` (entry, question, answer) rides along.
    With `curators`, a box to tick to ask a curator as well."""
    raw = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    while len(raw) > 3000 and metadata.get("q"):  # Slack's private_metadata limit
        metadata = {**metadata, "q": metadata["q"][: len(metadata["q"]) // 2]}
        raw = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    return {
        "type": "modal",
        "callback_id": VIEW_FEEDBACK,
        "private_metadata": raw,
        "title": plain("Not helpful", 24),
        "submit": plain("Send", 24),
        "close": plain("Skip", 24),
        "blocks": [
            section("Thanks — your 👎 is recorded. What was wrong? (optional)"),
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "optional": True,
                "label": plain("What was wrong", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_ACTION,
                    "multiline": True,
                    "max_length": 2000,
                    "placeholder": plain("Out of date, wrong entry, missing a source…", 150),
                },
            },
            *_ask_curator_input(curators),
        ],
    }


def _ask_curator_input(curators: CuratorOffer | None) -> list[Block]:
    if curators is None:
        return []
    description = (
        "They see your question and comment; the answer comes where you asked."
        if curators.keeps_text
        else "They will see that you asked, not your question (privacy setting)."
    )
    option = {
        "text": plain("🙋 Ask a curator about it", 75),
        "description": plain(description, 75),
        "value": ASK_OPTION,
    }
    return [
        {
            "type": "input",
            "block_id": ASK_BLOCK,
            "optional": True,
            "label": plain("Ask a curator", 2000),
            "element": {"type": "checkboxes", "action_id": ASK_ACTION, "options": [option]},
        }
    ]


def build_vote_thanks(up: bool) -> Message:
    text = "Thanks — glad it helped." if up else "Thanks — noted; the curators will look at it."
    return message(text, [context(text)])
