"""Text as Slack sends it, turned into the plain question a person typed.

Slack escapes `&`, `<` and `>` and wraps mentions, channels and links in `<…>`. The bot's own
mention is dropped; other markup becomes the text it stands for, so the matcher and every echo
see plain words (echoes escape them again on the way out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.render.escape import unescape_mrkdwn

_MARKUP = re.compile(r"<([^<>]*)>")


def clean_incoming(text: str, bot_user_id: str | None = None) -> str:
    """Plain text from Slack mrkdwn, without the bot's mention; whitespace collapsed."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            if bot_user_id and target[1:] == bot_user_id:
                return " "
            return f"@{label or target[1:]}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return label or f"@{special}"
        return label or target.removeprefix("mailto:")

    plain = _MARKUP.sub(replace, text)
    return " ".join(unescape_mrkdwn(plain).split())


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
