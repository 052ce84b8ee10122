"""How sources and attributions read in a context line."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.base import FollowUpRef, Target
from bot.knowledge.models import Source
from bot.render import limits
from bot.render.blocks import format_date
from bot.render.escape import escape_mrkdwn, link

ALSO = "Also: "
"""How the line of an answer's further sources starts (the console lays it out its own way)."""


def sources_of(target: Target) -> tuple[Source, ...]:
    """An answer's sources: a follow-up's own, else its readout's."""
    if isinstance(target, FollowUpRef):
        return target.follow_up.sources or target.readout.sources
    return target.sources


def source_text(source: Source) -> str:
    """`<url|Title> · Publisher · February 4, 2026`, escaped."""
    parts = [link(str(source.url), source.title), escape_mrkdwn(source.publisher)]
    if source.published is not None:
        parts.append(format_date(source.published))
    return " · ".join(parts)


def attribution_line(source: Source, *, attributed_to: str | None = None) -> str:
    """The first source, then "attributed to …" for a readout."""
    line = f":page_facing_up: {source_text(source)}"
    if attributed_to:
        line += f" · attributed to {escape_mrkdwn(attributed_to)}"
    if len(line) > limits.CONTEXT_TEXT:
        line = f":page_facing_up: {link(str(source.url), limits.truncate(source.title, 100))}"
    return line


def sources_line(sources: Sequence[Source]) -> str:
    """`Also: <a|A> (Pub) · <b|B> (Pub)`; sources that do not fit become "and N more"."""
    parts: list[str] = []
    used = len(ALSO)
    for index, source in enumerate(sources):
        part = f"{link(str(source.url), source.title)} ({escape_mrkdwn(source.publisher)})"
        rest = len(sources) - index
        if used + len(part) + 3 + len(" and 99 more") > limits.CONTEXT_TEXT:
            parts.append(f"and {rest} more")
            break
        parts.append(part)
        used += len(part) + 3
    return ALSO + " · ".join(parts)


def more_link(sources: Sequence[Source]) -> str:
    """What ends a cut section: a link to the full first source."""
    if not sources:
        return ""
    return " " + link(str(sources[0].url), f"Read more at {sources[0].publisher}")
