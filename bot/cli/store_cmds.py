"""Subcommands for the curators' loop: gaps (the to-do list), feedback (votes), purge (retention).

They read the database the bot writes (READOUT_DATABASE_URL); a database that cannot be opened is
one line on stderr (StoreError), never a traceback. An SQLite file that does not exist yet is an
empty history, not an error: they say so and exit 0, without creating the file (a reading command
that created it could hide a mistyped READOUT_DATABASE_URL behind an empty report forever).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa

from bot.cli.common import add_knowledge_option, load_kb
from bot.config import MAX_DAYS, Settings, load_settings
from bot.errors import StoreError
from bot.store.db import Database, describe_error, open_database, sqlite_file
from bot.store.feedback import feedback_summary, format_feedback
from bot.store.gap_groups import top_gaps
from bot.store.gaps_report import format_gaps, gaps_yaml
from bot.store.learned_report import format_learned
from bot.store.picks import learned_aliases
from bot.store.retention import purge

T = TypeVar("T")


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add gaps, feedback and purge to the `readout` parser."""
    gaps = commands.add_parser(
        "gaps",
        help="the most asked questions Readout could not answer well: the curators' to-do list",
        description="Questions that got no answer, an ambiguous one or a low-scoring one, grouped "
        "when they are near-duplicates, most asked first, with the entries they nearly matched.",
    )
    gaps.add_argument("--limit", type=_positive, default=20, metavar="N", help="default: 20")
    _add_days(gaps)
    gaps.add_argument(
        "--yaml",
        action="store_true",
        help="print YAML to paste into knowledge/: aliases for near misses, skeletons of new terms",
    )
    add_knowledge_option(gaps, only_with="--yaml")
    gaps.set_defaults(handler=run_gaps)

    feedback = commands.add_parser("feedback", help="👍 and 👎 per entry, with 👎 comments")
    _add_days(feedback)
    feedback.set_defaults(handler=run_feedback)

    purge_cmd = commands.add_parser(
        "purge",
        help="delete votes and logged questions older than READOUT_RETENTION_DAYS now",
        description="The bot purges old rows by itself every hour; this does it at once.",
    )
    purge_cmd.add_argument(
        "--days",
        type=_days,
        metavar="N",
        help=f"1 to {MAX_DAYS} (default: READOUT_RETENTION_DAYS, 90)",
    )
    purge_cmd.set_defaults(handler=run_purge)


def _add_days(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days",
        type=_days,
        metavar="N",
        help=f"only the last N days, 1 to {MAX_DAYS} (default: READOUT_RETENTION_DAYS, 90)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _days(text: str) -> int:
    """A number of days from 1 to MAX_DAYS (further back than any timestamp can go)."""
    value = _positive(text)
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be {MAX_DAYS} days (a century) or fewer")
    return value


def _query(settings: Settings, run: Callable[[Database], T]) -> T:
    """Open the configured database (never creating it), run one query, close it."""
    db = open_database(settings.database_url, create=False)
    try:
        return run(db)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"reading {db.display_url} failed: {describe_error(exc)}.") from None
    finally:
        db.close()


def _not_yet(settings: Settings, nothing: str) -> str | None:
    """`nothing` and why, when the configured SQLite file does not exist yet; else None."""
    path = sqlite_file(settings.database_url)
    if path is None or path.exists():
        return None
    return (
        f"{nothing} (there is no database at {path} yet; Readout creates it when it first runs, "
        "see READOUT_DATABASE_URL)."
    )


def run_gaps(args: argparse.Namespace) -> int:
    settings = load_settings()
    days = args.days or settings.retention_days
    kb = load_kb(args.knowledge) if args.yaml else None  # only --yaml reads knowledge/
    empty = _not_yet(settings, "No questions logged yet")
    if empty is not None:
        print(f"# {empty}" if args.yaml else empty)  # a YAML comment is still YAML to paste
        return 0
    groups = _query(settings, lambda db: top_gaps(db, days=days, limit=args.limit))
    learned = _query(
        settings, lambda db: learned_aliases(db, pickers=settings.learn_pickers, days=days)
    )
    if args.yaml:
        print(gaps_yaml(groups, kb, learned=learned))
    else:
        print("\n\n".join(filter(None, [format_gaps(groups, days=days), format_learned(learned)])))
    return 0


def run_feedback(args: argparse.Namespace) -> int:
    settings = load_settings()
    days = args.days or settings.retention_days
    empty = _not_yet(settings, "No votes yet")
    if empty is not None:
        print(empty)
        return 0
    print(format_feedback(_query(settings, lambda db: feedback_summary(db, days=days)), days=days))
    return 0


def run_purge(args: argparse.Namespace) -> int:
    settings = load_settings()
    days = args.days or settings.retention_days
    empty = _not_yet(settings, "Nothing to purge: no votes or questions logged yet")
    if empty is not None:
        print(empty)
        return 0
    purged = _query(settings, lambda db: purge(db, days))
    print(f"{purged} (older than {days} days).")
    return 0
