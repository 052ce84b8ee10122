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
    context,
    divider,
    header,
    message,
    section,
    slack_date,
)
from bot.render.catalog_fit import HOME_BYTES, MESSAGE_BYTES, catalog_blocks, json_size
from bot.render.escape import echo, escape_mrkdwn
from bot.render.messages import HOW_TO_ASK, example_questions

NARROW = "narrow the list with `/readout list &lt;tag&gt;`"
ASK = "ask `/readout &lt;question&gt;`"
HOME_NARROW = f"list them by tag with `/readout list &lt;tag&gt;` or {ASK}"


def normalize_tag(tag: str) -> str:
    """`#Bolivia ` -> `bolivia`."""
    return tag.strip().lstrip("#").casefold()


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
    narrow = f"{NARROW} or {ASK}"
    _, home_shows_everything = _home_view(kb)
    if home_shows_everything:
        narrow = f"{NARROW}, see everything in Readout's App Home tab, or {ASK}"
    head, tags = header(title), context(_tags_line(kb))
    text = escape_mrkdwn(f"{title}: {len(readouts)} readouts and {len(terms)} terms.")
    frame = json_size({"text": text, "blocks": [head, tags]})
    catalog = catalog_blocks(
        readouts,
        terms,
        narrow,
        max_blocks=limits.MAX_MESSAGE_BLOCKS - 2,
        max_bytes=MESSAGE_BYTES - frame,
    )
    return message(text, [head, *catalog.blocks, tags])


def _unknown_tag(kb: KnowledgeBase, tag: str) -> Message:
    text = f"No entry is tagged “{echo(tag.strip())}”."
    return message(text, [section(text, verbatim=True), context(_tags_line(kb))])


def _tags_line(kb: KnowledgeBase) -> str:
    tags = ", ".join(f"`{escape_mrkdwn(tag)}`" for tag in kb.tags) or "none yet"
    return limits.truncate(f"Tags for `/readout list &lt;tag&gt;`: {tags}", limits.CONTEXT_TEXT)


def build_home_view(kb: KnowledgeBase, above: Sequence[Block] = ()) -> dict[str, Any]:
    """The App Home tab: what Readout knows, how to ask, and when the knowledge was loaded;
    `above` (the curators' section, for admins) comes first, and the catalogue fits in what
    it leaves of the view's blocks and bytes."""
    view, _ = _home_view(kb, above)
    return view


def _home_view(kb: KnowledgeBase, above: Sequence[Block] = ()) -> tuple[dict[str, Any], bool]:
    """The App Home view, within Slack's 100 blocks and HOME_BYTES, and whether it shows
    every readout and term."""
    intro, tail = [*above, *_home_intro(kb)], _home_tail(kb)
    catalog = catalog_blocks(
        kb.readouts,
        kb.terms,
        HOME_NARROW,
        max_blocks=limits.MAX_VIEW_BLOCKS - len(intro) - len(tail),
        max_bytes=HOME_BYTES - json_size({"type": "home", "blocks": [*intro, *tail]}),
    )
    return {"type": "home", "blocks": [*intro, *catalog.blocks, *tail]}, catalog.complete


def _home_intro(kb: KnowledgeBase) -> list[Block]:
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
    return blocks


def _home_tail(kb: KnowledgeBase) -> list[Block]:
    loaded = (
        f"Knowledge base: {escape_mrkdwn(kb.summary_line())}, loaded {slack_date(kb.loaded_at)}."
    )
    return [divider(), context(loaded)]
