"""What Readout says to each kind of input, as pure functions shared by Slack and the console.

Listeners read a payload, call one of these and make one Slack call with the result; the console
prints the same messages, so what you see locally is what Slack shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import ReviewPolicy
from bot.render.answer import build_answer_message
from bot.render.blocks import Message
from bot.render.catalog import build_list
from bot.render.escalation import CuratorOffer
from bot.render.feedback import with_feedback
from bot.render.ids import ACTION_ANSWER, ACTION_OPEN, ACTION_SHARE, action_base, decode_value
from bot.render.messages import build_help, build_reply
from bot.search.types import MatchResult
from bot.slack.cache import ReplyCache
from bot.slack.deps import Knowledge
from bot.slack.incoming import Command, parse_command

ClickMode = Literal["replace", "new", "dm", "in_channel"]
"""Replace the clicked message; a new message only the clicker sees (ephemeral); a new message
in the clicker's DM with Readout (it stays there); or a post in the channel for everyone."""
ClickedOn = Literal["ephemeral", "dm", "channel", "home"]
"""Where the clicked button was: the clicker's own ephemeral reply, a message in a DM with
Readout, a message in a channel that others see too, or the App Home tab."""


@dataclass(frozen=True)
class Answered:
    """A reply and, when a question was matched, the matcher's verdict."""

    message: Message
    result: MatchResult | None = None


@dataclass(frozen=True)
class Click:
    """The reply to a button: `replace` the message, show a `new` one, or post `in_channel`."""

    message: Message
    mode: ClickMode


@dataclass(frozen=True)
class ReplyStyle:
    """How replies to questions and commands are built, the same for every input on a surface.

    `fuzzy_below`: an answer matched with a score under it notes how it matched. `feedback`: an
    answer carries 👍 / 👎 buttons. `reviews`: an answer from an entry past its review date says
    so. `curators`: a reply that does not answer offers "Ask a curator". Frozen, so hashable: it
    is part of a reply cache key.
    """

    fuzzy_below: float = 100.0
    feedback: bool = False
    reviews: ReviewPolicy | None = None
    curators: CuratorOffer | None = None


def answer_question(
    knowledge: Knowledge,
    question: str,
    *,
    style: ReplyStyle = ReplyStyle(),
    offer_share: bool = False,
    cache: ReplyCache[Answered] | None = None,
) -> Answered:
    """Match `question` (plain text) and build the reply in `style`; an empty question gets
    the help.

    With a `cache`, a question already answered from the same knowledge base is not redone.
    """
    if cache is not None:
        key = ("question", question, offer_share, style)
        return cache.get_or_build(
            knowledge.kb,
            key,
            lambda: answer_question(knowledge, question, style=style, offer_share=offer_share),
        )
    if not question.strip():
        return Answered(build_help(knowledge.kb))
    result = knowledge.matcher.match(question)
    message = build_reply(
        knowledge.kb,
        result,
        offer_share=offer_share,
        fuzzy_below=style.fuzzy_below,
        reviews=style.reviews,
        curators=style.curators,
    )
    if style.feedback and result.answer is not None:
        message = with_feedback(message, result.answer.target_id, question)
    return Answered(message, result)


def answer_conversation(
    knowledge: Knowledge,
    text: str,
    *,
    style: ReplyStyle = ReplyStyle(),
    cache: ReplyCache[Answered] | None = None,
) -> Answered:
    """A mention or a direct message: `help` and `list [tag]` work as they do after /readout;
    anything else is a question (answered for everyone who sees it: no share button)."""
    command = parse_command(text)
    if command.kind in ("help", "list"):  # as after /readout, from the same cache
        # help and list use neither reviews nor curators, and are cached without them
        plain = ReplyStyle(fuzzy_below=style.fuzzy_below, feedback=style.feedback)
        return answer_command(knowledge, command, style=plain, cache=cache)
    return answer_question(knowledge, text, style=style, cache=cache)


def answer_command(
    knowledge: Knowledge,
    command: Command,
    *,
    style: ReplyStyle = ReplyStyle(),
    cache: ReplyCache[Answered] | None = None,
) -> Answered:
    """`/readout` help, list or question; the answer is ephemeral, so it offers sharing.

    With a `cache`, a command already answered from the same knowledge base is not redone.
    """
    if cache is not None:
        return cache.get_or_build(
            knowledge.kb,
            ("command", command, style),
            lambda: answer_command(knowledge, command, style=style),
        )
    if command.kind == "help":
        return Answered(build_help(knowledge.kb))
    if command.kind == "list":
        return Answered(build_list(knowledge.kb, command.argument or None))
    return answer_question(knowledge, command.argument, style=style, offer_share=True)


def answer_click(
    kb: KnowledgeBase,
    action_id: str,
    raw_value: str | None,
    *,
    user_id: str | None,
    clicked_on: ClickedOn,
    fuzzy_below: float = 100.0,
    feedback: bool = False,
    reviews: ReviewPolicy | None = None,
) -> Click | None:
    """The reply to one of Readout's buttons; None when the button is not ours.

    A follow-up or "did you mean" button replaces a message only the clicker sees (their
    ephemeral reply, or Readout's reply in their DM); on a message others see too (a thread
    reply, a shared answer) it answers the clicker alone, in a new ephemeral message with "Share
    in channel", and leaves the message everyone sees as it was. With `feedback`, the answer
    shown carries 👍 / 👎 buttons.
    """
    value = decode_value(raw_value)
    if value is None:
        return None
    base = action_base(action_id)
    if value.shared:  # a copy shared for others, whatever conversation it is in (a DM of two)
        clicked_on = "channel"
    if base == ACTION_SHARE:
        shared = build_answer_message(
            kb,
            value.target,
            via=value,
            shared_by=user_id,
            fuzzy_below=fuzzy_below,
            reviews=reviews,
        )
        click = Click(shared, "in_channel")
    elif base in {ACTION_ANSWER, ACTION_OPEN}:
        private = clicked_on in ("ephemeral", "dm")
        share = clicked_on in ("ephemeral", "channel")  # the answer is the clicker's alone
        message = build_answer_message(
            kb,
            value.target,
            via=value,
            offer_share=share,
            fuzzy_below=fuzzy_below,
            reviews=reviews,
        )
        mode: ClickMode = "replace" if base == ACTION_ANSWER and private else "new"
        if mode == "new" and clicked_on == "dm":
            mode = "dm"  # an ephemeral message in a DM would vanish when Slack reloads
        click = Click(message, mode)
    else:
        return None
    if feedback and kb.resolve(value.target) is not None:
        click = Click(with_feedback(click.message, value.target, value.question), click.mode)
    return click
