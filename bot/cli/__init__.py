"""The `readout` command. Each family of subcommands lives in its own module with `register()`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot import __version__
from bot.cli import (
    ask_cmds,
    curator_cmds,
    knowledge_cmds,
    review_cmds,
    serve_cmds,
    store_cmds,
)
from bot.errors import ConfigError, KnowledgeError, ReadoutError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readout",
        description=(
            "Readout answers policy questions from a curated knowledge base of meeting readouts "
            "and term definitions, in Slack or in the terminal."
        ),
    )
    parser.add_argument("--version", action="version", version=f"readout {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (serve_cmds, ask_cmds, knowledge_cmds, review_cmds, store_cmds, curator_cmds):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every expected failure is one line on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except KnowledgeError as exc:
        print(exc.format(), file=sys.stderr)
        return EXIT_FAILED
    except ConfigError as exc:
        print(f"readout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ReadoutError as exc:
        print(f"readout: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code
