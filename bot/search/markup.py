"""Slack's message markup, read in one place: `<@U1|ann>`, `<#C1|desk>`, `<!here>`, `<url|label>`.

Slack sends a message's text with `&`, `<` and `>` escaped and wraps every mention, channel,
special mention and link in `<…>`. `replace_references` finds each wrapped reference and hands
it, parsed, to a renderer: the Slack layer renders the plain question a person typed
(bot.slack.incoming), the matcher the words worth matching (bot.search.normalize).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

_REFERENCE = re.compile(r"<([^<>]*)>")
"""One reference: no `<` or `>` inside (Slack escapes them in text), so this cannot backtrack."""

ReferenceKind = Literal["user", "channel", "special", "link"]


@dataclass(frozen=True, slots=True)
class Reference:
    """A wrapped reference: what it points at and the label Slack shows for it, if any."""

    kind: ReferenceKind
    target: str
    """Without its sigil: a user or channel id, a special name (`here`, `subteam`), or a URL."""
    label: str | None
    """The text after `|`; None when there is no `|`."""


def parse_reference(inner: str) -> Reference:
    """The text between `<` and `>` as a Reference."""
    target, bar, label = inner.partition("|")
    shown = label if bar else None
    sigil = target[:1]
    if sigil == "@":
        return Reference("user", target[1:], shown)
    if sigil == "#":
        return Reference("channel", target[1:], shown)
    if sigil == "!":
        return Reference("special", target[1:].split("^")[0], shown)
    return Reference("link", target, shown)


def replace_references(text: str, render: Callable[[Reference], str | None]) -> str:
    """`text` with every wrapped reference replaced by what `render` makes of it (None: kept as
    it is)."""

    def replaced(match: re.Match[str]) -> str:
        shown = render(parse_reference(match.group(1)))
        return match.group(0) if shown is None else shown

    return _REFERENCE.sub(replaced, text)
