"""What Readout knows: `/readout list [tag]` and the App Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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

NARROW = "narrow the list with `/readout list &lt;tag&gt;`"
ASK = "ask `/readout &lt;question&gt;`"
HOME_NARROW = f"list them by tag with `/readout list &lt;tag&gt;` or {ASK}"


def normalize_tag(tag: str) -> str:
    """`#Bolivia ` -> `bolivia`."""
    return tag.strip().lstrip("#").casefold()


@dataclass(frozen=True)
class CatalogFit:
    """How many of the newest readouts and the first terms A to Z fit in a block budget."""

    readouts: int
    terms: int
    complete: bool


def fit_catalog(readouts: int, terms: int, budget: int) -> CatalogFit:
    """Everything if it fits; otherwise one block for the closing note, and readouts get
    what they need up to half the room (more if terms need less), terms the rest."""
    per_block = limits.ACTIONS_ELEMENTS
    term_blocks = -(-terms // per_block)
    headings = (readouts > 0) + (terms > 0)
    if headings + readouts + term_blocks <= budget:
        return CatalogFit(readouts, terms, complete=True)
    room = max(0, budget - headings - 1)
    readout_room = min(readouts, max(room // 2, room - term_blocks))
    shown_terms = min(terms, (room - readout_room) * per_block)
    return CatalogFit(readout_room, shown_terms, complete=False)


def catalog_blocks(
    readouts: Sequence[Readout], terms: Sequence[Term], budget: int, narrow: str
) -> list[Block]:
    """Readouts newest first (a line and an Open button each), then terms A to Z as buttons,
    in at most `budget` blocks; an empty group is left out, and when entries do not fit, a
    closing line counts them and says how to `narrow` the list."""
    if not readouts and not terms:
        return [context("Nothing yet: the knowledge base has no readouts or terms.")]
    fit = fit_catalog(len(readouts), len(terms), budget)
    blocks: list[Block] = []
    if fit.readouts:
        blocks.append(context(f"*Readouts*, newest first ({len(readouts):,})"))
    for n, readout in enumerate(readouts[: fit.readouts]):
        line = (
            f"*{escape_mrkdwn(readout.title)}*\n"
            f"{format_date(readout.date)} · {escape_mrkdwn(readout.location)}"
        )
        open_button = button("Open", action_id(ACTION_OPEN, n), ButtonValue(readout.id))
        blocks.append(section(line, accessory=open_button))
    if fit.terms:
        blocks.append(context(f"*Terms*, A to Z ({len(terms):,})"))
        shown = [(t.id, t.title) for t in terms[: fit.terms]]
        blocks.extend(actions(target_buttons(shown, ACTION_OPEN, start=fit.readouts)))
    if not fit.complete:
        hidden = [
            _count(len(readouts) - fit.readouts, "older readout"),
            _count(len(terms) - fit.terms, "term"),
        ]
        not_shown = " and ".join(part for part in hidden if part)
        blocks.append(context(f"{not_shown} not shown: {narrow}."))
    return blocks


def _count(n: int, noun: str) -> str:
    if n == 0:
        return ""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


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
    if _home_fit(kb).complete:
        narrow = f"{NARROW}, see everything in Readout's App Home tab, or {ASK}"
    blocks: list[Block] = [header(title)]
    blocks.extend(catalog_blocks(readouts, terms, limits.MAX_MESSAGE_BLOCKS - 2, narrow))
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
    intro, tail = _home_intro(kb), _home_tail(kb)
    budget = limits.MAX_VIEW_BLOCKS - len(intro) - len(tail)
    blocks = [*intro, *catalog_blocks(kb.readouts, kb.terms, budget, HOME_NARROW), *tail]
    return {"type": "home", "blocks": blocks}


def _home_fit(kb: KnowledgeBase) -> CatalogFit:
    budget = limits.MAX_VIEW_BLOCKS - len(_home_intro(kb)) - len(_home_tail(kb))
    return fit_catalog(len(kb.readouts), len(kb.terms), budget)


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
