"""Text as Slack sends it, turned into the plain question a person typed.

Slack escapes `&`, `<` and `>` and wraps mentions, channels and links in `<…>`. The bot's own
mention is dropped; other markup becomes the text it stands for, so the matcher and every echo
see plain words (echoes escape them again on the way out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.render.escape import unescape_mrkdwn
from bot.search.markup import Reference, replace_references


def clean_incoming(text: str, bot_user_id: str | None = None) -> str:
    """Plain text from Slack mrkdwn, without the bot's mention; whitespace collapsed."""

    def shown(ref: Reference) -> str:
        if ref.kind == "user":
            return (
                " " if bot_user_id and ref.target == bot_user_id else f"@{ref.label or ref.target}"
            )
        if ref.kind == "channel":
            return f"#{ref.label or ref.target}"
        if ref.kind == "special":
            return ref.label or f"@{ref.target}"
        return ref.label or ref.target.removeprefix("mailto:")

    return " ".join(unescape_mrkdwn(replace_references(text, shown)).split())


CommandKind = Literal["help", "list", "question", "extra"]


@dataclass(frozen=True)
class Command:
    """What `/readout <text>` asks for: help, a list (maybe by tag), a question, or an extra
    subcommand registered by another feature (e.g. admin commands)."""

    kind: CommandKind
    argument: str = ""
    name: str = ""


def parse_command(text: str, extra: frozenset[str] = frozenset()) -> Command:
    """`""`/`help` -> help; `list [tag]` -> list; a name in `extra` -> extra; else a question."""
    words = text.split(maxsplit=1)
    first = words[0].casefold() if words else ""
    rest = words[1].strip() if len(words) > 1 else ""
    if first in {"", "help", "ayuda", "?"} and not rest:
        return Command("help")
    if first in {"list", "lista"} and len(rest.split()) <= 1:
        return Command("list", rest)
    if first in extra:
        return Command("extra", rest, name=first)
    return Command("question", text.strip())
