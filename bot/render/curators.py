"""Block Kit for the curators' loop: 👍/👎 on answers, the 👎 modal, and the admin replies
(`/readout reload`, `status`, `gaps`, a refusal, and the reload-failure post for the admin channel).

Pure functions over plain data; every file name, problem and question is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.errors import Problem
from bot.knowledge.watch import KnowledgeStatus, ReloadResult
from bot.render import limits
from bot.render.blocks import Block, Message, actions, button, context, header, plain, section
from bot.render.escape import escape_mrkdwn
from bot.render.ids import ButtonValue, action_id
from bot.store.gaps import GapGroup
from bot.store.recorder import RecorderStats

ACTION_VOTE_UP = "readout.vote.up"
ACTION_VOTE_DOWN = "readout.vote.down"
VIEW_FEEDBACK = "readout.feedback"
"""callback_id of the 👎 modal."""
COMMENT_BLOCK = "what_was_wrong"
COMMENT_ACTION = "comment"
PROBLEMS_SHOWN = 20


def feedback_buttons(target_id: str, question: str | None) -> list[Block]:
    """👍 / 👎 under an answer; each button remembers the entry and the question."""
    value = ButtonValue(target_id, question=question)
    return actions(
        [
            button("👍 Helpful", action_id(ACTION_VOTE_UP, 0), value),
            button("👎 Not helpful", action_id(ACTION_VOTE_DOWN, 0), value),
        ]
    )


def with_feedback(message: Message, target_id: str, question: str | None) -> Message:
    """`message` with the 👍 / 👎 buttons added at the end (within Slack's 50 blocks)."""
    blocks = list(message["blocks"])[: limits.MAX_MESSAGE_BLOCKS - 1]
    return {"text": message["text"], "blocks": blocks + feedback_buttons(target_id, question)}


def build_feedback_modal(metadata: dict[str, str]) -> dict[str, Any]:
    """The 👎 modal: one optional comment; `metadata` (entry, question, answer) rides along."""
    raw = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    while len(raw) > 3000 and metadata.get("q"):  # Slack's private_metadata limit
        metadata = {**metadata, "q": metadata["q"][: len(metadata["q"]) // 2]}
        raw = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    return {
        "type": "modal",
        "callback_id": VIEW_FEEDBACK,
        "private_metadata": raw,
        "title": plain("Not helpful", 24),
        "submit": plain("Send", 24),
        "close": plain("Skip", 24),
        "blocks": [
            section("Thanks — your 👎 is recorded. What was wrong? (optional)"),
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "optional": True,
                "label": plain("What was wrong", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_ACTION,
                    "multiline": True,
                    "max_length": 2000,
                    "placeholder": plain("Out of date, wrong entry, missing a source…", 150),
                },
            },
        ],
    }


def build_vote_thanks(up: bool) -> Message:
    text = "Thanks — glad it helped." if up else "Thanks — noted; the curators will look at it."
    return {"text": text, "blocks": [context(text)]}


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
        f"*Database:* {db}; {store.written} records written, {store.queued} waiting, "
        f"{store.dropped} dropped, {store.failures} failed attempts, {store.local_claims} events "
        f"de-duplicated without it{error}."
    )
    blocks.append(section(store_line))
    lines.append(store_line)
    return {"text": "\n".join(lines), "blocks": blocks}


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
