"""Fitting the catalog (readouts newest first, then terms A to Z) within Slack's limits: blocks
per message or view, and bytes of JSON, with a closing note saying what was left out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.models import Readout, Term
from bot.render import limits
from bot.render.blocks import (
    Block,
    actions,
    button,
    context,
    format_date,
    section,
    target_buttons,
)
from bot.render.escape import escape_mrkdwn
from bot.render.ids import ACTION_OPEN, ButtonValue, action_id

HOME_BYTES = 200_000
"""App Home's JSON stays a fifth below 250 kB: views.publish answers `view_too_large` when "the
provided view is greater than 250kb" (Slack's method reference, views.publish errors)."""
MESSAGE_BYTES = 12_000
"""Slack publishes no size limit for a message's blocks: chat.postMessage answers
`msg_blocks_too_long` with no number, reported from about 12,000 characters of block text
(slackapi/bolt-js#2509, #2867). The JSON holds that text and more, so 12,000 bytes of JSON
keep the text below it with the blocks' own JSON as the margin."""

_SEPARATOR = len(", ")
_ACTIONS_BLOCK = len(json.dumps(actions([{}])[0])) - len("{}")
"""What an actions block adds around its buttons (its JSON with an empty element list)."""


def json_size(value: object) -> int:
    """Bytes of `value` as slack_sdk sends it (`json.dumps` defaults: ASCII, `, ` and `: `)."""
    return len(json.dumps(value).encode())


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


@dataclass(frozen=True)
class Catalog:
    """The catalog's blocks, and whether they show every readout and term."""

    blocks: list[Block]
    complete: bool


def catalog_blocks(
    readouts: Sequence[Readout],
    terms: Sequence[Term],
    narrow: str,
    *,
    max_blocks: int,
    max_bytes: int,
    order: str = "newest first",
) -> Catalog:
    """Readouts newest first (a line and an Open button each), then terms A to Z as buttons,
    in at most `max_blocks` blocks that add at most `max_bytes` to the JSON of the block list
    they join. An empty group is left out; what does not fit is dropped from the end and
    counted in a closing line that says how to `narrow` the list."""
    if not readouts and not terms:
        nothing = context("Nothing yet: the knowledge base has no readouts or terms.")
        return Catalog([nothing], complete=True)
    fit = fit_catalog(len(readouts), len(terms), max_blocks)
    readouts_heading = context(f"*Readouts*, {order} ({len(readouts):,})")
    sections = [_readout_section(n, readout) for n, readout in enumerate(readouts[: fit.readouts])]
    terms_heading = context(f"*Terms*, A to Z ({len(terms):,})")
    shown = [(t.id, t.title) for t in terms[: fit.terms]]
    buttons = target_buttons(shown, ACTION_OPEN, start=fit.readouts)
    costs = _entry_costs(readouts_heading, sections, terms_heading, buttons)
    if fit.complete and sum(costs) <= max_bytes:
        count = len(costs)
    else:
        longest_note = _closing_note(len(readouts), len(terms), narrow)
        count = _leading_fit(costs, max_bytes - json_size(longest_note) - _SEPARATOR)
    shown_readouts = min(count, len(sections))
    shown_terms = count - shown_readouts
    blocks: list[Block] = []
    if shown_readouts:
        blocks.extend([readouts_heading, *sections[:shown_readouts]])
    if shown_terms:
        blocks.extend([terms_heading, *actions(buttons[:shown_terms])])
    hidden_readouts, hidden_terms = len(readouts) - shown_readouts, len(terms) - shown_terms
    if hidden_readouts or hidden_terms:
        blocks.append(_closing_note(hidden_readouts, hidden_terms, narrow))
    return Catalog(blocks, complete=not (hidden_readouts or hidden_terms))


def _readout_section(n: int, readout: Readout) -> Block:
    line = (
        f"*{escape_mrkdwn(readout.title)}*\n"
        f"{format_date(readout.date)} · {escape_mrkdwn(readout.location)}"
    )
    return section(
        line, accessory=button("Open", action_id(ACTION_OPEN, n), ButtonValue(readout.id))
    )


def _entry_costs(
    readouts_heading: Block, sections: list[Block], terms_heading: Block, buttons: list[Block]
) -> list[int]:
    """An upper bound on the bytes each entry adds to the JSON, in the order shown: its own JSON
    and a `, `, plus its group's heading for the first entry of a group, plus a new actions
    block for every 25th button (json.dumps writes a list as its items joined by `, `)."""
    costs = [json_size(block) + _SEPARATOR for block in sections]
    if costs:
        costs[0] += json_size(readouts_heading) + _SEPARATOR
    for n, element in enumerate(buttons):
        cost = json_size(element) + _SEPARATOR
        if n == 0:
            cost += json_size(terms_heading) + _SEPARATOR
        if n % limits.ACTIONS_ELEMENTS == 0:
            cost += _ACTIONS_BLOCK + _SEPARATOR
        costs.append(cost)
    return costs


def _leading_fit(costs: list[int], room: int) -> int:
    """How many entries from the first fit in `room` bytes."""
    used = 0
    for n, cost in enumerate(costs):
        used += cost
        if used > room:
            return n
    return len(costs)


def _closing_note(hidden_readouts: int, hidden_terms: int, narrow: str) -> Block:
    """`1,125 terms not shown: <narrow>.`; the more hidden, the longer the note."""
    hidden = [_count(hidden_readouts, "older readout"), _count(hidden_terms, "term")]
    not_shown = " and ".join(part for part in hidden if part)
    return context(f"{not_shown} not shown: {narrow}.")


def _count(n: int, noun: str) -> str:
    if n == 0:
        return ""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
