"""The reply to a question about a period or a set of readouts: the readouts, in order."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout
from bot.render import limits
from bot.render.blocks import Message, context, message, section
from bot.render.catalog_fit import MESSAGE_BYTES, catalog_blocks, json_size
from bot.render.escape import echo
from bot.search.types import MatchResult

NARROW = "name a person, a month or a topic to narrow it"


def build_readout_list(kb: KnowledgeBase, result: MatchResult) -> Message:
    """The readouts the matcher listed, each with its date, place and an Open button."""
    readouts = [r for c in result.candidates if isinstance(r := kb.get(c.target_id), Readout)]
    dates = [r.date for r in readouts]
    order = "oldest first" if dates != sorted(dates, reverse=True) else "newest first"
    count = f"{len(readouts)} readout{'s' if len(readouts) != 1 else ''}"
    intro = f":page_facing_up: {count} for “{echo(result.question)}”, {order}:"
    head = section(intro, verbatim=True)
    hint = context("Open one for its summary, sources and follow-up questions.")
    frame = json_size({"text": intro, "blocks": [head, hint]})
    catalog = catalog_blocks(
        readouts,
        [],
        NARROW,
        max_blocks=limits.MAX_MESSAGE_BLOCKS - 2,
        max_bytes=MESSAGE_BYTES - frame,
        order=order,
    )
    titles = "; ".join(r.title for r in readouts)
    return message(
        f"{count} for “{echo(result.question)}”: {titles}", [head, *catalog.blocks, hint]
    )
