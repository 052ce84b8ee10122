"""Block Kit for admins: `/readout reload`, `status` and `gaps`, the refusal everyone else gets,
and the reload-failure post for READOUT_ADMIN_CHANNEL. Every file name, problem and question is
escaped. (The 👍 / 👎 buttons and modal are in feedback.py.)

What the store reports arrives as plain data described by the Protocols below, so rendering
never imports bot.store (or SQLAlchemy) and is tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.errors import Problem
from bot.knowledge.snapshot import KnowledgeStatus, ReloadResult
from bot.render import limits
from bot.render.blocks import Block, Message, context, header, message, section
from bot.render.escape import echo, escape_mrkdwn

PROBLEMS_SHOWN = 20


class StoreHealth(Protocol):
    """What `/readout status` shows of the database (bot.store's RecorderStats fits)."""

    @property
    def database_ok(self) -> bool: ...
    @property
    def written(self) -> int: ...
    @property
    def queued(self) -> int: ...
    @property
    def dropped(self) -> int: ...
    @property
    def failures(self) -> int: ...
    @property
    def local_claims(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...


class ReplyHealth(Protocol):
    """What `/readout status` shows of replies sent after acknowledging, counted by the process
    that answers (bot.slack's ReplyStats fits)."""

    @property
    def done(self) -> int: ...
    @property
    def undelivered(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def deadline(self) -> float: ...


class NearEntry(Protocol):
    """An entry a group of questions nearly matched, with its best score."""

    @property
    def target_id(self) -> str: ...
    @property
    def best(self) -> float: ...


class QuestionGroup(Protocol):
    """Near-duplicate questions counted together (bot.store's GapGroup fits)."""

    @property
    def label(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def reasons(self) -> Sequence[tuple[str, int]]: ...
    @property
    def near(self) -> Sequence[NearEntry]: ...
    @property
    def last_asked(self) -> dt.datetime: ...


class LearnedChoice(Protocol):
    """An entry people (or a curator) chose for near-duplicate questions (bot.store's
    LearnedAlias fits)."""

    @property
    def target_id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def people(self) -> int: ...
    @property
    def by_curator(self) -> bool: ...


def build_admin_only(name: str) -> Message:
    text = (
        f"Sorry, `/readout {escape_mrkdwn(name)}` is for Readout's admins. Nothing was changed; "
        "ask an admin of this workspace's Readout if you need it."
    )
    return message(text, [section(text)])


def _problem_lines(problems: Sequence[Problem]) -> str:
    lines = [f"• `{escape_mrkdwn(str(p))}`" for p in problems[:PROBLEMS_SHOWN]]
    if len(problems) > PROBLEMS_SHOWN:
        lines.append(f"…and {len(problems) - PROBLEMS_SHOWN} more (see the bot's log).")
    return "\n".join(lines)


def build_reload(result: ReloadResult[object]) -> Message:
    """The reply to `/readout reload`."""
    summary = escape_mrkdwn(result.summary())
    if result.ok:
        text = f"✅ Knowledge base {summary}."
        return message(text, [section(text)])
    text = f"⚠️ The knowledge base was not changed: {summary}."
    return message(text, [section(text), section(_problem_lines(result.problems))])


def build_reload_failure_alert(result: ReloadResult[object], root: str) -> Message:
    """Posted to READOUT_ADMIN_CHANNEL when a change under knowledge/ fails validation."""
    where = escape_mrkdwn(root)
    text = f"⚠️ A change in `{where}` does not validate; Readout keeps serving the last good base."
    return message(
        text,
        [
            section(text),
            section(_problem_lines(result.problems)),
            context(escape_mrkdwn(result.summary())),
        ],
    )


def build_status(
    knowledge: KnowledgeStatus,
    store: StoreHealth,
    replies: ReplyHealth | None = None,
    *,
    open_escalations: int | None = None,
) -> Message:
    """The reply to `/readout status`: what is served, the last failed load, the database, the
    replies this process could not deliver and, with a curators' channel, open escalations."""
    revision = f" at revision `{escape_mrkdwn(knowledge.revision)}`" if knowledge.revision else ""
    loaded = f"{knowledge.loaded_at:%Y-%m-%d %H:%M:%S} UTC"
    lines = [
        f"*Knowledge:* {knowledge.entries} entries ({escape_mrkdwn(knowledge.summary)}) from "
        f"`{escape_mrkdwn(str(knowledge.root))}`{revision}, loaded {loaded}; "
        f"{knowledge.reloads} reloads, {knowledge.failures} failed.",
    ]
    blocks: list[Block] = [header("Readout status"), section(lines[0])]
    if knowledge.last_failure_at is not None:
        state = "⚠️ *Last load failed*" if knowledge.failing else "Last failed load (since fixed)"
        when = f"{knowledge.last_failure_at:%Y-%m-%d %H:%M:%S} UTC"
        blocks.append(section(f"{state}, {when}:\n{_problem_lines(knowledge.last_problems)}"))
        lines.append(f"{state}, {when}.")
    db = "✅ reachable" if store.database_ok else "⚠️ unavailable"
    error = f"; last error: {echo(store.last_error)}" if store.last_error else ""
    store_line = (
        f"*Database:* {db}; {_count(store.written, 'record')} written, {store.queued} waiting, "
        f"{store.dropped} dropped, {_count(store.failures, 'failed attempt')}, "
        f"{_count(store.local_claims, 'event')} de-duplicated without it{error}."
    )
    blocks.append(section(store_line, verbatim=True))  # a driver's error may quote a value
    lines.append(store_line)
    if replies is not None:
        replies_line = _replies_line(replies)
        blocks.append(section(replies_line))
        lines.append(replies_line)
    if open_escalations is not None:
        waiting = _count(open_escalations, "question")
        asked = f"*Asked of the curators:* {waiting} waiting for an answer."
        blocks.append(section(asked))
        lines.append(asked)
    return message("\n".join(lines), blocks)


def _replies_line(replies: ReplyHealth) -> str:
    mark = "⚠️ " if replies.undelivered else ""
    return (
        f"*Replies* sent after acknowledging, by this worker since it started: "
        f"{replies.done} done, {mark}*{replies.undelivered} undelivered* (failed, or still "
        f"failing after {replies.deadline:g} s of retries; each is in the log), "
        f"{replies.pending} in progress."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def build_gaps(
    groups: Sequence[QuestionGroup], days: int, learned: Sequence[LearnedChoice] = ()
) -> Message:
    """The reply to `/readout gaps`: the curators' to-do list, most asked first, then the
    aliases learned from clicks."""
    if not groups and not learned:
        text = f"No unanswered or weakly answered questions in the last {days} days."
        return message(text, [section(text)])
    title = f"Most asked questions answered badly or not at all, last {days} days"
    blocks: list[Block] = [header(title)]
    if not groups:
        blocks.append(section("None in this period."))
    if learned:
        blocks.append(_learned_block(learned))
    for group in groups[: limits.MAX_MESSAGE_BLOCKS - len(blocks) - 1]:
        why = ", ".join(f"{reason} {n}" for reason, n in group.reasons)
        near = ", ".join(f"`{escape_mrkdwn(n.target_id)}` ({n.best:.0f})" for n in group.near)
        lines = [f"*{group.count}×* {echo(group.label)}", f"why: {why}"]
        if near:
            lines.append(f"nearly matched: {near}")
        blocks.append(section("\n".join(lines), verbatim=True))
    blocks.append(context("`readout gaps --yaml` prints entries and aliases to paste."))
    return message(title, blocks)


def _learned_block(learned: Sequence[LearnedChoice]) -> Block:
    """People's clicks say which entry they meant: proposed as aliases (`gaps --yaml`)."""
    lines = ["*Learned from clicks*: add these questions as aliases (`readout gaps --yaml`)"]
    for choice in learned[:10]:
        who = "a curator" if choice.by_curator and choice.people == 1 else f"{choice.people} people"
        lines.append(f"• {echo(choice.label)} → `{escape_mrkdwn(choice.target_id)}` ({who})")
    if len(learned) > 10:
        lines.append(f"…and {len(learned) - 10} more.")
    return section("\n".join(lines), verbatim=True)


def build_store_unavailable(reason: str) -> Message:
    text = (
        f"The database is unavailable ({echo(reason)}), so the logged questions cannot "
        "be read now; answers are not affected. `/readout status` shows what is waiting."
    )
    return message(text, [section(text, verbatim=True)])


def build_usage(text: str) -> Message:
    """A one-sentence reply saying how a command is used (`text` is mrkdwn written by us)."""
    return message(text, [section(text)])
