"""Subcommands for the knowledge base itself: validate, list, schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_knowledge_option, knowledge_dir, load_kb
from bot.errors import ConfigError
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import schema_json
from bot.knowledge.synonyms import synonyms_schema_json


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add validate, list and schema to the `readout` parser."""
    validate = commands.add_parser(
        "validate",
        help="check every YAML file in the knowledge base; exit 1 listing every problem",
        description="Check every *.yaml/*.yml file under DIR (given as DIR or as --knowledge "
        "DIR, not both). Exit 0 with a summary when valid; exit 1 and print every problem as "
        "path:line:col: message otherwise, a DIR that is no directory included (exit 2 when no "
        "DIR is given and READOUT_KNOWLEDGE_DIR is not a directory).",
    )
    validate.add_argument(
        "directory",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="default: $READOUT_KNOWLEDGE_DIR, else ./knowledge when it exists, else the "
        "knowledge/ bundled with Readout",
    )
    validate.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        default=None,
        help="the same as DIR, as every other command takes it",
    )
    validate.set_defaults(handler=run_validate)

    listing = commands.add_parser(
        "list", help="list every entry and follow-up with id, kind, title and date"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array of objects")
    add_knowledge_option(listing)
    listing.set_defaults(handler=run_list)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a knowledge file (shipped as knowledge/schema.json)",
        description="Print the JSON Schema of one knowledge entry file (knowledge/schema.json), "
        "or with --synonyms of the synonyms file (knowledge/synonyms.schema.json).",
    )
    schema.add_argument(
        "--synonyms",
        action="store_true",
        help="the schema of knowledge/synonyms.yaml instead",
    )
    schema.set_defaults(handler=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    if args.directory is not None and args.knowledge is not None:
        raise ConfigError(
            f"give the directory to validate once, as DIR ({args.directory}) or as --knowledge "
            f"({args.knowledge}), not both."
        )
    # A DIR that is no directory is a knowledge problem like any other (exit 1), as it always was.
    given = args.directory if args.directory is not None else args.knowledge
    root = given if given is not None else knowledge_dir(None)
    kb = load_knowledge(root)
    print(f"{root}: valid: {kb.summary_line()}")
    return 0


def list_rows(kb: KnowledgeBase) -> list[dict[str, str | None]]:
    """Readouts newest first, each followed by its follow-ups, then terms A to Z."""
    rows: list[dict[str, str | None]] = []
    for readout in kb.readouts:
        rows.append(_row(readout.id, "readout", readout.title, readout.date.isoformat()))
        for follow_up in readout.follow_ups:
            ref = f"{readout.id}#{follow_up.id}"
            rows.append(_row(ref, "follow-up", follow_up.question, readout.date.isoformat()))
    for term in kb.terms:
        rows.append(_row(term.id, "term", term.title, None))
    return rows


def _row(entry_id: str, kind: str, title: str, date: str | None) -> dict[str, str | None]:
    return {"id": entry_id, "kind": kind, "title": title, "date": date}


def run_list(args: argparse.Namespace) -> int:
    kb = load_kb(args.knowledge)
    rows = list_rows(kb)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(str(r["id"])) for r in rows), default=10)
    for row in rows:
        date = row["date"] or ""
        print(f"{row['id']:<{width}}  {row['kind']:<9}  {date:<10}  {row['title']}")
    print(f"\n{kb.summary_line()}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(synonyms_schema_json() if args.synonyms else schema_json())
    return 0
