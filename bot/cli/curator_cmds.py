"""Subcommands for what was asked of the curators: `readout escalations` and `readout drafts`.

They read the database the bot writes (READOUT_DATABASE_URL), never creating it, like `gaps`.
"""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import add_knowledge_option, load_kb
from bot.cli.store_cmds import _add_days, _not_yet, _positive, _query
from bot.config import load_settings
from bot.store.drafts import drafts_yaml, format_drafts, format_escalations
from bot.store.escalations import STATUSES, list_escalations


def register(commands: argparse._SubParsersAction[Any]) -> None:
    escalations = commands.add_parser(
        "escalations",
        help="questions asked of the curators (Ask a curator): open, answered, declined",
        description="Escalations kept in the store, newest first, with who asked, where, the "
        "entries Readout found nearest and, once handled, by whom and how.",
    )
    escalations.add_argument(
        "--status", choices=[*STATUSES, "all"], default="all", help="default: all"
    )
    escalations.add_argument("--limit", type=_positive, default=50, metavar="N", help="default: 50")
    _add_days(escalations)
    escalations.set_defaults(handler=run_escalations)

    drafts = commands.add_parser(
        "drafts",
        help="curators' written answers; --yaml turns them into skeleton entries to complete",
        description="Answers curators wrote with Write an answer. With --yaml, each becomes a "
        "skeleton term (the answer as its summary, sources and review date left as # TODO), "
        "which fails `readout validate` until a person completes it.",
    )
    drafts.add_argument("--yaml", action="store_true", help="print skeleton entries to paste")
    _add_days(drafts)
    add_knowledge_option(drafts, only_with="--yaml")
    drafts.set_defaults(handler=run_drafts)


def run_escalations(args: argparse.Namespace) -> int:
    settings = load_settings()
    days = args.days or settings.retention_days
    empty = _not_yet(settings, "No questions asked of the curators yet")
    if empty is not None:
        print(empty)
        return 0
    status = None if args.status == "all" else args.status
    items = _query(
        settings, lambda db: list_escalations(db, status=status, days=days, limit=args.limit)
    )
    what = f"{status or 'escalations'}{' escalations' if status else ''} in the last {days} days"
    print(format_escalations(items, what=what))
    return 0


def run_drafts(args: argparse.Namespace) -> int:
    settings = load_settings()
    days = args.days or settings.retention_days
    kb = load_kb(args.knowledge) if args.yaml else None
    empty = _not_yet(settings, "No curators' answers yet")
    if empty is not None:
        print(f"# {empty}" if args.yaml else empty)
        return 0
    items = _query(settings, lambda db: list_escalations(db, outcome="reply", days=days))
    print(drafts_yaml(items, kb) if args.yaml else format_drafts(items))
    return 0
