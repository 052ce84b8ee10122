"""The curators' digest, posted to READOUT_CURATORS_CHANNEL once a period: entries past their
review date (owners mentioned), the period's most asked unanswered questions, and the questions
still waiting for a curator. Within Slack's 50 blocks; every echoed text escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.knowledge.freshness import Staleness
from bot.render import limits
from bot.render.blocks import Block, Message, context, divider, header, message, section
from bot.render.curators import QuestionGroup
from bot.render.escape import echo, escape_mrkdwn, mention

SHOWN = 10


class OpenQuestion(Protocol):
    """An escalation waiting for a curator (bot.store's Escalation fits)."""

    @property
    def question(self) -> str | None: ...
    @property
    def asker_id(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime: ...


def build_digest(
    stale: Sequence[Staleness],
    gaps: Sequence[QuestionGroup],
    waiting: Sequence[OpenQuestion],
    *,
    days: int,
    waiting_total: int | None = None,
) -> Message:
    """The digest for the `days` just past."""
    overdue = [s for s in stale if s.overdue]
    title = f"Curators' digest: the last {days} days"
    blocks: list[Block] = [header(title)]
    blocks.append(section(_overdue_lines(overdue)))
    blocks.append(divider())
    blocks.append(section(_gap_lines(gaps, days), verbatim=True))
    blocks.append(divider())
    blocks.append(section(_waiting_lines(waiting, waiting_total), verbatim=True))
    blocks.append(
        context(
            "`readout stale`, `readout gaps --yaml` and `readout escalations` give the full lists."
        )
    )
    summary = (
        f"{title}: {len(overdue)} entries past their review date, {len(gaps)} unanswered "
        f"questions, {waiting_total if waiting_total is not None else len(waiting)} waiting."
    )
    return message(summary, blocks)


def _overdue_lines(overdue: Sequence[Staleness]) -> str:
    if not overdue:
        return "*Past their review date:* none. 🎉"
    lines = [f"*Past their review date* ({len(overdue)}):"]
    for item in overdue[:SHOWN]:
        owners = ", ".join(filter(None, (mention(o) for o in item.owners))) or "no owner"
        lines.append(
            f"• *{escape_mrkdwn(item.title)}* (`{escape_mrkdwn(item.entry_id)}`), reviewed "
            f"{item.reviewed.isoformat()}, due {item.due.isoformat()}: {owners}"
        )
    if len(overdue) > SHOWN:
        lines.append(f"…and {len(overdue) - SHOWN} more (`readout stale`).")
    return limits.truncate("\n".join(lines), limits.SECTION_TEXT)


def _gap_lines(gaps: Sequence[QuestionGroup], days: int) -> str:
    if not gaps:
        return f"*Top unanswered questions:* none in the last {days} days."
    lines = ["*Top unanswered questions:*"]
    for group in gaps[:SHOWN]:
        lines.append(f"• {group.count}× {echo(group.label)}")
    return limits.truncate("\n".join(lines), limits.SECTION_TEXT)


def _waiting_lines(waiting: Sequence[OpenQuestion], total: int | None) -> str:
    count = total if total is not None else len(waiting)
    if not count:
        return "*Waiting for a curator:* nothing. 👍"
    lines = [f"*Waiting for a curator* ({count}):"]
    for item in waiting[:SHOWN]:
        asked = f"“{echo(item.question)}”" if item.question else "_(text not kept)_"
        who = mention(item.asker_id) or "someone"
        lines.append(f"• {asked} from {who}, {item.created_at:%Y-%m-%d}")
    if count > SHOWN:
        lines.append(f"…and {count - SHOWN} more (`readout escalations --status open`).")
    return limits.truncate("\n".join(lines), limits.SECTION_TEXT)
