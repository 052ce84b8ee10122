"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import load_settings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge


def add_knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        default=None,
        help="knowledge directory (default: $READOUT_KNOWLEDGE_DIR, else ./knowledge when it "
        "exists, else the knowledge/ bundled with Readout)",
    )


def knowledge_dir(explicit: Path | None) -> Path:
    """The directory named on the command line, else the configured one."""
    return explicit if explicit is not None else load_settings().knowledge_dir


def load_kb(explicit: Path | None) -> KnowledgeBase:
    """Load the knowledge base or raise KnowledgeError with every problem."""
    return load_knowledge(knowledge_dir(explicit))
