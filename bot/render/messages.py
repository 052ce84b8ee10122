"""Replies to a question, in three honest tiers: the answer; "not sure I understood — did you
mean …"; or "not covered" with the nearest topics. A question about a period or a set gets the
list of readouts. And the help message."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import ReviewPolicy
from bot.render.answer import EXACT_SCORE, build_answer_message
from bot.render.blocks import Block, Message, actions, button, context, header, message, section
from bot.render.escalation import CuratorOffer, ask_curator_blocks
from bot.render.escape import echo, escape_mrkdwn
from bot.render.ids import (
    ACTION_ANSWER,
    PICK_NEAREST,
    PICK_SUGGESTION,
    ButtonValue,
    action_id,
)
from bot.render.readout_list import build_readout_list
from bot.search.types import Candidate, Decision, MatchResult

MAX_SUGGESTIONS = 3
LIST_HINT = "Try `/readout list` to see everything Readout knows, or `/readout help`."


def build_reply(
    kb: KnowledgeBase,
    result: MatchResult,
    *,
    offer_share: bool = False,
    fuzzy_below: float = EXACT_SCORE,
    reviews: ReviewPolicy | None = None,
    curators: CuratorOffer | None = None,
) -> Message:
    """The message for a matcher verdict: an answer, a list of readouts, a "did you mean", or
    "not covered"; with `curators`, the last two offer "Ask a curator"."""
    answer = result.answer
    if answer is not None:
        return build_answer_message(
            kb,
            answer.target_id,
            result=result,
            offer_share=offer_share,
            fuzzy_below=fuzzy_below,
            reviews=reviews,
        )
    if result.decision is Decision.LIST and result.candidates:
        return build_readout_list(kb, result)
    if result.decision is Decision.AMBIGUOUS and result.candidates:
        return build_did_you_mean(result, curators)
    return build_not_covered(kb, result, curators)


def _suggestion_buttons(result: MatchResult) -> list[Block]:
    picked = PICK_SUGGESTION if result.decision is Decision.AMBIGUOUS else PICK_NEAREST
    return [
        button(c.title, action_id(ACTION_ANSWER, n), _value(result.question, c, picked))
        for n, c in enumerate(result.candidates[:MAX_SUGGESTIONS])
    ]


def _value(question: str, candidate: Candidate, picked: str) -> ButtonValue:
    return ButtonValue(
        candidate.target_id,
        question,
        candidate.matched,
        candidate.field,
        candidate.score,
        picked=picked,
    )


def _ask(result: MatchResult, curators: CuratorOffer | None) -> list[Block]:
    if curators is None:
        return []
    nearest = [c.target_id for c in result.candidates[:MAX_SUGGESTIONS]]
    return ask_curator_blocks(result.question, nearest, result.decision.value, curators)


def build_did_you_mean(result: MatchResult, curators: CuratorOffer | None = None) -> Message:
    """Not sure: up to three buttons, the best first; a click answers with that entry."""
    titles = [escape_mrkdwn(c.title) for c in result.candidates[:MAX_SUGGESTIONS]]
    asked = echo(result.question)
    blocks = [
        section(
            f":thinking_face: *Not sure I understood* “{asked}” — did you mean…", verbatim=True
        ),
        *actions(_suggestion_buttons(result)),
        context(LIST_HINT),
        *_ask(result, curators),
    ]
    return message(f"Not sure I understood. Did you mean: {' / '.join(titles)}", blocks)


def build_not_covered(
    kb: KnowledgeBase, result: MatchResult, curators: CuratorOffer | None = None
) -> Message:
    """Says plainly that the knowledge base does not cover it, and what is nearest."""
    text = f"The knowledge base does not cover “{echo(result.question)}”."
    blocks: list[Block] = [section(f":grey_question: {text}", verbatim=True)]
    if result.candidates:
        blocks.append(context("*Nearest topics*"))
        blocks.extend(actions(_suggestion_buttons(result)))
    elif kb.tags:
        topics = ", ".join(f"`{escape_mrkdwn(tag)}`" for tag in kb.tags)
        blocks.append(context(f"Topics it covers: {topics}"))
    blocks.append(context(LIST_HINT))
    blocks.extend(_ask(result, curators))
    return message(f"{text} {LIST_HINT}", blocks)


def example_questions(kb: KnowledgeBase, limit: int = 4) -> list[tuple[str, str]]:
    """(target id, question) pairs from the knowledge base: the first follow-up of the newest
    readouts, then a person and a concept asked by name."""
    examples = [
        (f"{r.id}#{r.follow_ups[0].id}", r.follow_ups[0].question)
        for r in kb.readouts
        if r.follow_ups
    ][: max(1, limit - 2)]
    person = next((t for t in kb.terms if t.category == "person"), None)
    other = next((t for t in kb.terms if t.category != "person"), None)
    if person is not None:
        examples.append((person.id, f"Who is {short_name(person.title)}?"))
    if other is not None:
        examples.append((other.id, f"What is {short_name(other.title)}?"))
    return examples[:limit]


def short_name(title: str) -> str:
    """`Tommy Pigott, State Department …` -> `Tommy Pigott`; `FORGE (Forum …)` -> `FORGE`."""
    return title.split(",")[0].split(" (")[0].strip() or title


HOW_TO_ASK = (
    "• `/readout &lt;question&gt;`: an answer only you see, with a button to share it\n"
    "• `@Readout &lt;question&gt;` in a channel: the answer in a thread\n"
    "• A direct message to Readout: the answer right there\n"
    "• `/readout list [tag]`: everything Readout knows, readouts newest first, then terms A to Z"
)


def build_help(kb: KnowledgeBase) -> Message:
    """How to ask, with example questions taken from the knowledge base (as buttons)."""
    examples = example_questions(kb)
    lines = "\n".join(f"• `/readout {escape_mrkdwn(q)}`" for _, q in examples)
    blocks: list[Block] = [
        header("Ask Readout"),
        section(
            "Readout answers questions from a curated knowledge base of official meeting "
            "readouts and term definitions, and cites the source of every answer.\n\n"
            f"*How to ask*\n{HOW_TO_ASK}"
        ),
    ]
    if examples:
        blocks.append(section(f"*Try*\n{lines}"))
        buttons = [
            button(q, action_id(ACTION_ANSWER, n), ButtonValue(target, question=q))
            for n, (target, q) in enumerate(examples)
        ]
        blocks.extend(actions(buttons))
    if kb.tags:
        tags = ", ".join(f"`{escape_mrkdwn(tag)}`" for tag in kb.tags)
        blocks.append(context(f"Tags for `/readout list &lt;tag&gt;`: {tags}"))
    return message("How to ask Readout: /readout &lt;question&gt;, @Readout, or a DM.", blocks)
