"""`readout stale`: entries past their review date, or coming up to it, with their owners.

It exits 1 when any entry is overdue, so a scheduled CI job can fail on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from bot.cli.common import add_knowledge_option, knowledge_settings
from bot.knowledge.freshness import ReviewPolicy, Staleness, stale_entries
from bot.knowledge.loader import load_knowledge

SOON_DAYS = 30


def register(commands: argparse._SubParsersAction[Any]) -> None:
    stale = commands.add_parser(
        "stale",
        help="entries past their review date or due soon, with owners; exit 1 when any is overdue",
        description="An entry is due for review `review_every` days after its `reviewed` date "
        "(READOUT_REVIEW_DAYS, default 180, when it has none) and overdue after that. Lists "
        "overdue entries, longest overdue first, then those due within --days days; exits 1 "
        "when any is overdue, 0 otherwise.",
    )
    stale.add_argument(
        "--days",
        type=_days,
        default=SOON_DAYS,
        metavar="N",
        help=f"also list entries due within N days (default {SOON_DAYS}; 0: overdue only)",
    )
    stale.add_argument("--json", action="store_true", help="print a JSON array of objects")
    add_knowledge_option(stale)
    stale.set_defaults(handler=run_stale)


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError("must be 0 to 36500")
    return value


def run_stale(args: argparse.Namespace) -> int:
    settings = knowledge_settings(args.knowledge)
    kb = load_knowledge(settings.knowledge_dir)
    policy = ReviewPolicy(settings.review_days, dt.datetime.now(dt.UTC).date())
    found = stale_entries(kb, policy, within_days=args.days)
    if args.json:
        print(json.dumps([_as_json(s) for s in found], indent=2, ensure_ascii=False))
    else:
        print(format_stale(found, policy, entries=len(kb), days=args.days))
    return 1 if any(s.overdue for s in found) else 0


def _as_json(item: Staleness) -> dict[str, Any]:
    return {
        "id": item.entry_id,
        "title": item.title,
        "reviewed": item.reviewed.isoformat(),
        "due": item.due.isoformat(),
        "overdue": item.overdue,
        "days": item.days,
        "owners": list(item.owners),
    }


def format_stale(
    found: Sequence[Staleness], policy: ReviewPolicy, *, entries: int, days: int
) -> str:
    """Overdue entries, then those due soon, one line each; or one line saying there are none."""
    soon = f" or due within {days} days" if days else ""
    if not found:
        return (
            f"No entry is overdue{soon} on {policy.today.isoformat()} ({entries} entries; "
            f"reviewed every {policy.default_days} days unless an entry says otherwise)."
        )
    width = max(len(s.entry_id) for s in found)
    lines: list[str] = []
    for overdue, title in ((True, "Overdue"), (False, f"Due within {days} days")):
        group = [s for s in found if s.overdue is overdue]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{title} ({len(group)}):")
        for item in group:
            when = f"{item.days} days ago" if overdue else f"in {item.days} days"
            owners = ", ".join(item.owners) or "no owner"
            lines.append(
                f"  {item.entry_id:<{width}}  reviewed {item.reviewed.isoformat()}, due "
                f"{item.due.isoformat()} ({when}); {owners}"
            )
    return "\n".join(lines)
