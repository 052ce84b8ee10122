"""The answer message: one entry or follow-up, with its sources, as Block Kit."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.base import FollowUpRef, KnowledgeBase, Target
from bot.knowledge.freshness import ReviewPolicy, review_date
from bot.knowledge.models import Readout
from bot.render import limits
from bot.render.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    fields,
    format_date,
    header,
    message,
    section,
    target_buttons,
)
from bot.render.escape import echo, escape_mrkdwn, mention
from bot.render.ids import ACTION_ANSWER, ACTION_SHARE, ButtonValue, action_id
from bot.render.sources import attribution_line, more_link, sources_line, sources_of
from bot.search.types import MatchResult

EXACT_SCORE = 100.0
TERM_DETAILS = 1200
"""A term's details are cut here (readouts show key points instead; the source has the rest)."""


@dataclass(frozen=True)
class _Asked:
    """How the question reached this answer, for the fuzzy-match note and the share button."""

    question: str | None
    matched: str | None = None
    field: str | None = None
    score: float | None = None


def build_answer_message(
    kb: KnowledgeBase,
    target_id: str,
    *,
    result: MatchResult | None = None,
    question: str | None = None,
    via: ButtonValue | None = None,
    shared_by: str | None = None,
    offer_share: bool = False,
    fuzzy_below: float = EXACT_SCORE,
    reviews: ReviewPolicy | None = None,
) -> Message:
    """The answer for `target_id` (an entry id or `readout-id#follow-up-id`).

    `result` or `via` (a clicked button's value) say how the question matched, shown as a small
    note when the score is under `fuzzy_below`. `offer_share` adds "Share in channel" (for
    ephemeral answers); `shared_by` (a user id) marks a shared copy. With `reviews`, an entry
    past its review date says so.
    """
    target = kb.resolve(target_id)
    if target is None:
        return build_gone(target_id)
    asked = _asked(target_id, result, question, via)
    blocks: list[Block] = []
    sharer = mention(shared_by)
    if sharer:
        about = f" to “{echo(asked.question)}”" if asked.question else ""
        blocks.append(context(f"{sharer} shared this answer{about}", verbatim=True))
    blocks.append(header(target.title))
    blocks.extend(_body(kb, target))
    blocks.extend(_attribution(target, reviews))
    if asked.score is not None and asked.score < fuzzy_below and asked.matched:
        blocks.append(context(_fuzzy_note(asked), verbatim=True))
    blocks.extend(_navigation(kb, target, result, asked.question, shared=shared_by is not None))
    if offer_share:
        value = ButtonValue(target.id, asked.question, asked.matched, asked.field, asked.score)
        share = button("Share in channel", action_id(ACTION_SHARE, 0), value, style="primary")
        blocks.extend(actions([share]))
    note = context("This answer was shortened to fit in Slack; see the source for the rest.")
    blocks = limits.cap_blocks(blocks, limits.MAX_MESSAGE_BLOCKS, note)
    return message(_fallback(target), blocks)


def build_gone(target_id: str) -> Message:
    """A button pointed at an entry that a reload removed."""
    text = (
        f"“{echo(target_id)}” is no longer in the knowledge base. "
        "Try `/readout list` to see what it covers now."
    )
    return message(text, [section(text, verbatim=True)])


def _asked(
    target_id: str, result: MatchResult | None, question: str | None, via: ButtonValue | None
) -> _Asked:
    if via is not None:
        return _Asked(question or via.question, via.matched, via.field, via.score)
    if result is not None:
        best = next((c for c in result.candidates if c.target_id == target_id), None)
        if best is not None:
            return _Asked(question or result.question, best.matched, best.field, best.score)
        return _Asked(question or result.question)
    return _Asked(question)


def _body(kb: KnowledgeBase, target: Target) -> list[Block]:
    more = more_link(sources_of(target))
    if isinstance(target, FollowUpRef):
        readout = target.readout
        origin = f"From the readout of {format_date(readout.date)}: {escape_mrkdwn(readout.title)}"
        return [section(escape_mrkdwn(target.follow_up.answer), more=more), context(origin)]
    blocks = [section(escape_mrkdwn(target.summary), more=more)]
    if isinstance(target, Readout):
        blocks.append(
            fields(
                [
                    f"*Date*\n{format_date(target.date)}",
                    f"*Location*\n{escape_mrkdwn(target.location)}",
                ]
            )
        )
        people = "\n".join(
            f"• {escape_mrkdwn(p.name)}, {escape_mrkdwn(p.role)}" for p in target.participants
        )
        blocks.append(section(f"*Participants*\n{people}", more=more))
        points = "\n".join(f"• {escape_mrkdwn(point)}" for point in target.key_points)
        blocks.append(section(f"*Key points*\n{points}", more=more))
    elif target.details:
        details = limits.truncate(escape_mrkdwn(target.details), TERM_DETAILS, more=more)
        blocks.append(section(details))
    return blocks


def _attribution(target: Target, reviews: ReviewPolicy | None) -> list[Block]:
    readout = target.readout if isinstance(target, FollowUpRef) else target
    attributed = readout.attributed_to if isinstance(readout, Readout) else None
    sources = sources_of(target)
    first = attribution_line(sources[0], attributed_to=attributed)
    if reviews is not None and reviews.overdue(readout):
        overdue = f"Last reviewed on {review_date(readout.reviewed)}, past its review date."
        blocks = [context(first), context(f":warning: {overdue}")]
    else:
        blocks = [context(first, f"Reviewed {format_date(readout.reviewed)}")]
    if len(sources) > 1:
        blocks.append(context(sources_line(sources[1:])))
    return blocks


def _fuzzy_note(asked: _Asked) -> str:
    question = f"“{echo(asked.question)}” " if asked.question else ""
    where = f"{escape_mrkdwn(asked.field)} " if asked.field else ""
    score = f"{asked.score:.0f}" if asked.score is not None else "?"
    return (
        f":mag: Closest match for {question}was the {where}“{escape_mrkdwn(asked.matched or '')}” "
        f"(score {score} of 100)."
    )


def _navigation(
    kb: KnowledgeBase,
    target: Target,
    result: MatchResult | None,
    question: str | None,
    *,
    shared: bool = False,
) -> list[Block]:
    """Follow-up questions, related entries and other readouts, as buttons that answer in place
    (on a `shared` copy, privately: the copy others see stays as it is)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    if isinstance(target, FollowUpRef):
        readout = target.readout
        siblings = [(f"{readout.id}#{f.id}", f.question) for f in readout.follow_ups]
        groups.append(("Back to the readout", [(readout.id, readout.title)]))
        groups.append(("Other questions about this readout", _without(siblings, target.id)))
    elif isinstance(target, Readout):
        follow_ups = [(f"{target.id}#{f.id}", f.question) for f in target.follow_ups]
        groups.append(("Follow-up questions", follow_ups))
    if not isinstance(target, FollowUpRef):
        related = [(e.id, e.title) for e in (kb.get(i) for i in target.related) if e is not None]
        groups.append(("Related", related))
    if result is not None and result.others:
        others = [(e.id, e.title) for e in (kb.get(i) for i in result.others) if e is not None]
        groups.append(("Other readouts on this topic", _without(others, target.id)))
    blocks: list[Block] = []
    count = 0
    for label, targets in groups:
        if not targets:
            continue
        blocks.append(context(f"*{label}*"))
        buttons = target_buttons(
            targets, ACTION_ANSWER, start=count, question=question, shared=shared
        )
        blocks.extend(actions(buttons))
        count += len(buttons)
    return blocks


def _without(targets: list[tuple[str, str]], target_id: str) -> list[tuple[str, str]]:
    return [t for t in targets if t[0] != target_id]


def _fallback(target: Target) -> str:
    body = target.follow_up.answer if isinstance(target, FollowUpRef) else target.summary
    source = sources_of(target)[0]
    return escape_mrkdwn(f"{target.title}: {body} (Source: {source.publisher}, {source.url})")
