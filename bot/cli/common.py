"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Settings, check_knowledge_dir, load_settings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge


def add_knowledge_option(parser: argparse.ArgumentParser, *, only_with: str = "") -> None:
    """`--knowledge DIR`; `only_with` names the option without which it is not read."""
    when = f" (read only with {only_with})" if only_with else ""
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        default=None,
        help="knowledge directory (default: $READOUT_KNOWLEDGE_DIR, else ./knowledge when it "
        f"exists, else the knowledge/ bundled with Readout){when}",
    )


def knowledge_settings(explicit: Path | None) -> Settings:
    """Settings whose knowledge_dir is the one this command reads: --knowledge when given, else
    READOUT_KNOWLEDGE_DIR's; a ConfigError naming whichever of the two is used when it is no
    directory. The one not used is never checked."""
    if explicit is None:
        settings = load_settings()
        check_knowledge_dir(settings.knowledge_dir)
        return settings
    return load_settings(knowledge_dir=check_knowledge_dir(explicit, "--knowledge"))


def knowledge_dir(explicit: Path | None) -> Path:
    """The directory named by --knowledge, else the configured one (checked, as above)."""
    return knowledge_settings(explicit).knowledge_dir


def load_kb(explicit: Path | None) -> KnowledgeBase:
    """Load the knowledge base or raise KnowledgeError with every problem."""
    return load_knowledge(knowledge_dir(explicit))
