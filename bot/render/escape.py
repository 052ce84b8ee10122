"""Escaping for Slack mrkdwn: text from a person or a YAML file can never become markup.

`&`, `<` and `>` are Slack's control characters; escaped, no input can produce a mention, a
`<!channel>` broadcast, a channel link or a link whose label disguises its address. A text
object that repeats a person's words is also `verbatim` (blocks.py), so Slack does not turn a
bare URL or channel name in them into a link either.
"""

from __future__ import annotations

import re

from bot.render import limits

_WEB_URL = re.compile(r"^https?://[^\s]")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


def escape_mrkdwn(text: str) -> str:
    """`text` with `&`, `<` and `>` escaped (ampersand first, so nothing is escaped twice)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def echo(text: str) -> str:
    """A person's text as a reply repeats it: cut at a word to about 200 characters, ending
    with `…` when cut, then escaped (give it to a text object with `verbatim=True`)."""
    return escape_mrkdwn(limits.truncate(text, limits.ECHO_TEXT))


def unescape_mrkdwn(text: str) -> str:
    """The inverse of escape_mrkdwn, for text Slack sent us (it arrives escaped)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def safe_url(url: str) -> str:
    """`url` made safe inside `<url|label>`: no spaces, `|`, `<` or `>`; `&` escaped."""
    cleaned = (
        url.strip().replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")
    )
    return cleaned.replace("&", "&amp;")


def link(url: str, label: str) -> str:
    """A mrkdwn link whose label is escaped; a URL that is not http(s) is shown as text only."""
    shown = escape_mrkdwn(label)
    if not _WEB_URL.match(url.strip()):
        return shown
    return f"<{safe_url(url)}|{shown}>"


def mention(user_id: str | None) -> str | None:
    """`<@U123>` for a real-looking Slack user id, else None (ids come from signed payloads)."""
    if user_id and _USER_ID.fullmatch(user_id):
        return f"<@{user_id}>"
    return None
