"""What Readout knows: `/readout list [tag]` and the App Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout, Term
from bot.render import limits
from bot.render.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    divider,
    format_date,
    header,
    section,
    slack_date,
    target_buttons,
)
from bot.render.escape import escape_mrkdwn
from bot.render.ids import ACTION_OPEN, ButtonValue, action_id
from bot.render.messages import HOW_TO_ASK, example_questions


def normalize_tag(tag: str) -> str:
    """`#Bolivia ` -> `bolivia`."""
    return tag.strip().lstrip("#").casefold()


def catalog_blocks(readouts: Sequence[Readout], terms: Sequence[Term], budget: int) -> list[Block]:
    """Readouts newest first (a line and an Open button each), then terms A to Z as buttons,
    in at most `budget` blocks; what does not fit is counted in a closing line."""
    term_blocks = actions(
        target_buttons([(t.id, t.title) for t in terms], ACTION_OPEN, start=len(readouts))
    )
    fixed = 2 + len(term_blocks) + 1
    room = max(0, budget - fixed)
    shown = list(readouts[:room])
    blocks: list[Block] = [context(f"*Readouts*, newest first ({len(readouts)})")]
    for n, readout in enumerate(shown):
        line = (
            f"*{escape_mrkdwn(readout.title)}*\n"
            f"{format_date(readout.date)} · {escape_mrkdwn(readout.location)}"
        )
        open_button = button("Open", action_id(ACTION_OPEN, n), ButtonValue(readout.id))
        blocks.append(section(line, accessory=open_button))
    if len(shown) < len(readouts):
        blocks.append(context(f"…and {len(readouts) - len(shown)} older readouts."))
    if terms:
        blocks.append(context(f"*Terms*, A to Z ({len(terms)})"))
        blocks.extend(term_blocks)
    return blocks[:budget]


def build_list(kb: KnowledgeBase, tag: str | None = None) -> Message:
    """Readouts newest first, then terms A to Z, each a button that opens it; `tag` filters."""
    readouts: Sequence[Readout] = kb.readouts
    terms: Sequence[Term] = kb.terms
    title = "What Readout knows"
    if tag:
        wanted = normalize_tag(tag)
        if wanted not in kb.tags:
            return _unknown_tag(kb, tag)
        readouts = [r for r in readouts if wanted in r.tags]
        terms = [t for t in terms if wanted in t.tags]
        title = f"Tagged {wanted}"
    blocks: list[Block] = [header(title)]
    blocks.extend(catalog_blocks(readouts, terms, limits.MAX_MESSAGE_BLOCKS - 2))
    blocks.append(context(_tags_line(kb)))
    text = f"{title}: {len(readouts)} readouts and {len(terms)} terms."
    return {"text": escape_mrkdwn(text), "blocks": blocks}


def _unknown_tag(kb: KnowledgeBase, tag: str) -> Message:
    text = f"No entry is tagged “{escape_mrkdwn(tag.strip())}”."
    return {"text": text, "blocks": [section(text), context(_tags_line(kb))]}


def _tags_line(kb: KnowledgeBase) -> str:
    tags = ", ".join(f"`{escape_mrkdwn(tag)}`" for tag in kb.tags) or "none yet"
    return limits.truncate(f"Tags for `/readout list &lt;tag&gt;`: {tags}", limits.CONTEXT_TEXT)


def build_home_view(kb: KnowledgeBase) -> dict[str, Any]:
    """The App Home tab: what Readout knows, how to ask, and when the knowledge was loaded."""
    examples = "\n".join(f"• `/readout {escape_mrkdwn(q)}`" for _, q in example_questions(kb))
    blocks: list[Block] = [
        header("Readout"),
        section(
            "I answer questions from a curated knowledge base of official meeting readouts and "
            "term definitions, and cite the source of every answer."
        ),
        section(f"*How to ask*\n{HOW_TO_ASK}"),
    ]
    if examples:
        blocks.append(section(f"*For example*\n{examples}"))
    blocks.append(divider())
    blocks.append(header("What Readout knows"))
    tail = [
        divider(),
        context(
            f"Knowledge base: {escape_mrkdwn(kb.summary_line())}, "
            f"loaded {slack_date(kb.loaded_at)}."
        ),
    ]
    budget = limits.MAX_VIEW_BLOCKS - len(blocks) - len(tail)
    blocks.extend(catalog_blocks(kb.readouts, kb.terms, budget))
    blocks.extend(tail)
    return {"type": "home", "blocks": blocks}
