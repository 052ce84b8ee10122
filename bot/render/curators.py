"""Block Kit for admins: `/readout reload`, `status` and `gaps`, the refusal everyone else gets,
and the reload-failure post for READOUT_ADMIN_CHANNEL. Every file name, problem and question is
escaped. (The 👍 / 👎 buttons and modal are in feedback.py.)
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.errors import Problem
from bot.knowledge.watch import KnowledgeStatus, ReloadResult
from bot.render import limits
from bot.render.blocks import Block, Message, context, header, section
from bot.render.escape import escape_mrkdwn
from bot.store.gaps import GapGroup
from bot.store.recorder import RecorderStats

PROBLEMS_SHOWN = 20


def build_admin_only(name: str) -> Message:
    text = (
        f"Sorry, `/readout {escape_mrkdwn(name)}` is for Readout's admins. Nothing was changed; "
        "ask an admin of this workspace's Readout if you need it."
    )
    return {"text": text, "blocks": [section(text)]}


def _problem_lines(problems: Sequence[Problem]) -> str:
    lines = [f"• `{escape_mrkdwn(str(p))}`" for p in problems[:PROBLEMS_SHOWN]]
    if len(problems) > PROBLEMS_SHOWN:
        lines.append(f"…and {len(problems) - PROBLEMS_SHOWN} more (see the bot's log).")
    return "\n".join(lines)


def build_reload(result: ReloadResult) -> Message:
    """The reply to `/readout reload`."""
    summary = escape_mrkdwn(result.summary())
    if result.ok:
        text = f"✅ Knowledge base {summary}."
        return {"text": text, "blocks": [section(text)]}
    text = f"⚠️ The knowledge base was not changed: {summary}."
    return {"text": text, "blocks": [section(text), section(_problem_lines(result.problems))]}


def build_reload_failure_alert(result: ReloadResult, root: str) -> Message:
    """Posted to READOUT_ADMIN_CHANNEL when a change under knowledge/ fails validation."""
    where = escape_mrkdwn(root)
    text = f"⚠️ A change in `{where}` does not validate; Readout keeps serving the last good base."
    return {
        "text": text,
        "blocks": [
            section(text),
            section(_problem_lines(result.problems)),
            context(escape_mrkdwn(result.summary())),
        ],
    }


def build_status(knowledge: KnowledgeStatus, store: RecorderStats) -> Message:
    """The reply to `/readout status`: what is served, the last failed load, the database."""
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
    error = f"; last error: {escape_mrkdwn(store.last_error)}" if store.last_error else ""
    store_line = (
        f"*Database:* {db}; {_count(store.written, 'record')} written, {store.queued} waiting, "
        f"{store.dropped} dropped, {_count(store.failures, 'failed attempt')}, "
        f"{_count(store.local_claims, 'event')} de-duplicated without it{error}."
    )
    blocks.append(section(store_line))
    lines.append(store_line)
    return {"text": "\n".join(lines), "blocks": blocks}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def build_gaps(groups: Sequence[GapGroup], days: int) -> Message:
    """The reply to `/readout gaps`: the curators' to-do list, most asked first."""
    if not groups:
        text = f"No unanswered or weakly answered questions in the last {days} days."
        return {"text": text, "blocks": [section(text)]}
    title = f"Most asked questions answered badly or not at all, last {days} days"
    blocks: list[Block] = [header(title)]
    for group in groups[: limits.MAX_MESSAGE_BLOCKS - 2]:
        why = ", ".join(f"{reason} {n}" for reason, n in group.reasons)
        near = ", ".join(f"`{escape_mrkdwn(n.target_id)}` ({n.best:.0f})" for n in group.near)
        lines = [f"*{group.count}×* {escape_mrkdwn(group.label)}", f"why: {why}"]
        if near:
            lines.append(f"nearly matched: {near}")
        blocks.append(section("\n".join(lines)))
    blocks.append(context("`readout gaps --yaml` prints entries and aliases to paste."))
    return {"text": title, "blocks": blocks}


def build_store_unavailable(reason: str) -> Message:
    text = (
        f"The database is unavailable ({escape_mrkdwn(reason)}), so the logged questions cannot "
        "be read now; answers are not affected. `/readout status` shows what is waiting."
    )
    return {"text": text, "blocks": [section(text)]}
