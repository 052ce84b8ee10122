"""Text laid out for a terminal: wrapped to its width with hanging indents, Slack's code spans and
bold shown in ANSI bold (or plain), links shortened to host and path, an answer's sources compact.

text.py marks what the terminal may show in bold with two control characters; `finish` wraps the
lines and then turns the marks into ANSI codes or drops them, so a mark never splits a word.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bot.knowledge.models import Source
from bot.render.blocks import format_date

BOLD_ON, BOLD_OFF = "\x0e", "\x0f"
"""Around text the terminal shows in bold: Slack's `code spans` and *bold*."""
SOURCES_SHOWN = 3
"""An answer's other sources shown under it in the console; `sources` lists them all."""
SHORT_URL = 40
_ANSI_BOLD, _ANSI_NORMAL = "\x1b[1m", "\x1b[22m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0d\x10-\x1f\x7f-\x9f]")
"""Control characters other than tab, newline and the bold marks: never sent to a terminal."""
_HANGING = re.compile(r"^( *)((?:[•◦▸*-]|\d{1,3}[.)]|\[\d{1,4}\]|Also:) +|\S+(?: \S+)*  +)?")
"""A line's indent, then what its wrapped lines hang under: a bullet, a number or a label, or
the first column of a two-column line (`  name      what it does`)."""


@dataclass(frozen=True)
class Terminal:
    """How text is laid out: wrapped at `width` (None: not wrapped, as for a pipe or a script),
    in ANSI bold where Slack would emphasise (`styled`), and links as `host/…/path`
    (`short_links`) instead of in full."""

    width: int | None = None
    styled: bool = False
    short_links: bool = False


PLAIN = Terminal()


def finish(text: str, terminal: Terminal) -> str:
    """`text` wrapped to the terminal's width, its bold marks turned into ANSI or dropped."""
    text = _CONTROL.sub("\ufffd", text)
    if not terminal.styled:
        text = text.replace(BOLD_ON, "").replace(BOLD_OFF, "")
    if terminal.width is not None:
        width = terminal.width
        text = "\n".join(part for line in text.split("\n") for part in wrap_line(line, width))
    if terminal.styled:
        text = text.replace(BOLD_ON, _ANSI_BOLD).replace(BOLD_OFF, _ANSI_NORMAL)
    return text


def wrap_line(line: str, width: int) -> list[str]:
    """One line as lines of at most `width` characters, broken only between words (a word longer
    than the line, a URL say, stands alone); a bullet's or number's lines hang under its text."""
    if len(line) <= width:
        return [line]
    lead = _HANGING.match(line)
    indent = len(lead.group(1)) if lead else 0
    hang = len(lead.group(0)) if lead else 0
    if hang > width // 2:
        hang = indent
    wrapped = textwrap.wrap(
        line[indent:],
        width,
        initial_indent=" " * indent,
        subsequent_indent=" " * hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapped or [line]


def short_url(url: str, limit: int = SHORT_URL) -> str:
    """`host/path` without scheme, `www.`, query or fragment; a long path keeps its first and
    last parts around `…`, the last cut to fit."""
    parts = urlsplit(url)
    host = (parts.hostname or parts.netloc).removeprefix("www.")
    decoded = unquote(parts.path)
    path = (decoded if decoded.isprintable() and " " not in decoded else parts.path).rstrip("/")
    if len(host) + len(path) <= limit:
        return host + path
    segments = [s for s in path.split("/") if s]
    last = segments[-1]
    head = f"{host}/"
    if len(segments) > 1:
        middle = "" if len(segments) == 2 else "…/"
        head = f"{host}/{segments[0]}/{middle}"
        if len(head) + 12 > limit:
            head = f"{host}/…/"
    room = max(limit - len(head), 12)
    if len(last) > room:
        last = last[: room - 1] + "…"
    return head + last


def source_summary(source: Source) -> str:
    """`Publisher, February 4, 2026 (host/…/path)`."""
    return f"{_publisher_and_date(source)} ({short_url(str(source.url))})"


def compact_sources(sources: Sequence[Source], shown: int = SOURCES_SHOWN) -> list[str]:
    """An answer's other sources under it: the first `shown`, then how many more and how to see
    them all."""
    lines = [source_summary(source) for source in sources[:shown]]
    rest = len(sources) - shown
    if rest > 0:
        noun = "source" if rest == 1 else "sources"
        lines.append(f"and {rest} more {noun}: type {BOLD_ON}sources{BOLD_OFF} to list them all")
    return [("  Also: " if n == 0 else " " * 8) + line for n, line in enumerate(lines)]


def list_sources(title: str, sources: Sequence[Source]) -> str:
    """Every source of an answer, numbered, with its full link (the console's `sources`)."""
    lines = [f"Sources of {BOLD_ON}{title}{BOLD_OFF} ({len(sources)}):"]
    for number, source in enumerate(sources, 1):
        lines.append(f"{number:>2}. {source.title}")
        lines.append(f"    {_publisher_and_date(source)}")
        lines.append(f"    {source.url}")
    return "\n".join(lines)


def _publisher_and_date(source: Source) -> str:
    if source.published is None:
        return source.publisher
    return f"{source.publisher}, {format_date(source.published)}"
