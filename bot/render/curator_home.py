"""The curators' section of App Home, shown above the catalogue to READOUT_ADMINS: questions
waiting for a curator, entries past their review date, the week's most asked unanswered
questions and the knowledge base's revision, each with a button to act. At most SECTION_BLOCKS
blocks, so the catalogue keeps the rest of the view's 100 (catalog.py fits it by bytes too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.knowledge.freshness import Staleness
from bot.knowledge.snapshot import KnowledgeStatus
from bot.render import limits
from bot.render.blocks import Block, context, divider, header, plain, section, slack_date
from bot.render.curators import QuestionGroup
from bot.render.digest import OpenQuestion
from bot.render.escape import echo, escape_mrkdwn, mention
from bot.render.ids import ACTION_OPEN, ButtonValue, action_id, encode_value

ACTION_LINK = "readout.home.link"
"""A link button (to a card in the curators' channel): Slack still sends the click, which is
acknowledged and otherwise ignored."""
ACTION_RELOAD = "readout.home.reload"
SHOWN = 5
SECTION_BLOCKS = 24


@dataclass(frozen=True)
class Waiting:
    """An open escalation and a link to its card, when Slack gave one."""

    question: OpenQuestion
    card_link: str | None


def build_curator_section(
    waiting: Sequence[Waiting],
    waiting_total: int,
    overdue: Sequence[Staleness],
    gaps: Sequence[QuestionGroup],
    knowledge: KnowledgeStatus,
    *,
    days: int = 7,
) -> list[Block]:
    """The section's blocks, ending with a divider before the rest of the Home tab."""
    blocks: list[Block] = [header("For curators")]
    blocks.append(context(f"*Waiting for a curator* ({waiting_total})"))
    if not waiting:
        blocks.append(section("Nothing waiting. 👍"))
    for n, item in enumerate(waiting[:SHOWN]):
        text = item.question.question
        asked = f"“{echo(text)}”" if text else "_(text not kept)_"
        who = mention(item.question.asker_id) or "someone"
        line = f"{asked} from {who}, {slack_date(item.question.created_at)}"
        button = _link("Open the card", item.card_link, n) if item.card_link else None
        blocks.append(section(line, accessory=button, verbatim=True))
    blocks.append(context(f"*Past their review date* ({len(overdue)})"))
    if not overdue:
        blocks.append(section("Every entry is within its review date. 🎉"))
    for n, stale in enumerate(overdue[:SHOWN]):
        owners = ", ".join(filter(None, (mention(o) for o in stale.owners))) or "no owner"
        line = (
            f"*{escape_mrkdwn(stale.title)}* (`{escape_mrkdwn(stale.entry_id)}`): reviewed "
            f"{stale.reviewed.isoformat()}, due {stale.due.isoformat()}; {owners}"
        )
        show = _open("Show entry", stale.entry_id, n)
        blocks.append(section(line, accessory=show))
    blocks.append(context(f"*Most asked unanswered questions*, last {days} days"))
    if not gaps:
        blocks.append(section("None. 👍"))
    for n, group in enumerate(gaps[:SHOWN]):
        near = group.near[0].target_id if group.near else None
        button = _open("Nearest entry", near, SHOWN + n) if near else None
        blocks.append(
            section(f"*{group.count}×* {echo(group.label)}", accessory=button, verbatim=True)
        )
    revision = (
        f"revision `{escape_mrkdwn(knowledge.revision)}`"
        if knowledge.revision
        else "no git revision"
    )
    state = " ⚠️ the last reload failed" if knowledge.failing else ""
    blocks.append(
        section(
            f"*Knowledge base:* {knowledge.entries} entries at {revision}, loaded "
            f"{slack_date(knowledge.loaded_at)}.{state}",
            accessory=_reload(),
        )
    )
    blocks.append(divider())
    return blocks[:SECTION_BLOCKS]


def _open(text: str, target: str, n: int) -> dict[str, Any]:
    return {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT),
        "action_id": action_id(ACTION_OPEN, 900 + n),
        "value": encode_value(ButtonValue(target)),
    }


def _link(text: str, url: str, n: int) -> dict[str, Any]:
    return {
        "type": "button",
        "text": plain(text, limits.BUTTON_TEXT),
        "action_id": action_id(ACTION_LINK, n),
        "url": url[:3000],
        "value": "link",
    }


def _reload() -> dict[str, Any]:
    return {
        "type": "button",
        "text": plain("Reload now", limits.BUTTON_TEXT),
        "action_id": ACTION_RELOAD,
        "value": "reload",
    }
