"""Logging at READOUT_LOG_LEVEL in READOUT_LOG_FORMAT, every record on one line, with secrets
redacted and request bodies kept out.

Settings keep tokens as SecretStr so they never print; the redaction filter also catches a token
that slips into a message or a traceback by another route (a library's debug output, an
exception's text). Redaction runs over text that may come from anyone (an exception quoting a
request), so it is linear in the text's length: no pattern here can backtrack.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterable

TOKEN_PATTERN = re.compile(r"\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]+")
"""A Slack token. Linear: a fixed prefix, then one greedy class with nothing after it, so a match
that starts never gives anything back and a start that fails costs a few characters."""
REDACTED = "[redacted]"
LOG_FORMATS = ("text", "json")

_USER = re.compile(r"[^:/@\s]*")
_PASSWORD = re.compile(r"[^@/\s]+")
"""Used with .match at one position only: one character class each, so they cannot backtrack."""


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with Slack tokens (xoxb-, xoxp-, xapp-, …), URL passwords and the given secrets
    replaced, in time linear in its length."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return TOKEN_PATTERN.sub(REDACTED, redact_url_passwords(text))


def redact_url_passwords(text: str) -> str:
    """`text` with the password of every URL such as postgresql+psycopg://user:password@host/db
    replaced (whatever its scheme: redacting too much is the safe side).

    A scan from each `://` instead of one regex: a pattern starting with the scheme tries every
    word start and reads to the end of the run each time, which is quadratic (an 80 KB request
    body took 0.8 s, a 2 MB one hours). Here the user and password read forward from one `://`
    stop at the next `/` (so before the next `://`), and no character is read more than twice.
    """
    pieces: list[str] = []
    copied = 0
    found = text.find("://")
    while found != -1:
        after = found + 3
        user = _USER.match(text, after)
        colon = user.end() if user else after
        if text.startswith(":", colon):
            password = _PASSWORD.match(text, colon + 1)
            if password and text.startswith("@", password.end()):
                pieces += [text[copied : colon + 1], REDACTED]
                copied = password.end()
        found = text.find("://", after)
    return "".join([*pieces, text[copied:]]) if pieces else text


class RedactSecrets(logging.Filter):
    """A handler filter that redacts tokens and known secrets from messages and tracebacks."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if len(s) >= 8)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        return True


BOLT_MESSAGE_LIMIT = 500
"""How much of the first line of one of Bolt's own messages is kept: its unhandled-request
warnings quote parts of the payload (action values, form submissions), then suggest a listener
over several lines."""
BOLT_LOGGERS = ("slack_bolt", "readout.bolt")
"""Bolt's own loggers, and the one bot/slack/app.py hands the app (its messages go there)."""
_BODY_MARKERS = (
    " (signature: ",  # "Invalid request signature detected (signature: …, body: <raw body>)"
    " for the request (",  # "… without providing a response for the request (<body>)"
)


class DropRequestBodies(logging.Filter):
    """Keeps request bodies out of the log: Bolt's messages that quote a whole body lose it, and
    its others keep their first line, cut to BOLT_MESSAGE_LIMIT characters (Readout's ingress
    logs a verified body itself, cut short, at DEBUG only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(BOLT_LOGGERS):
            return True
        message = record.getMessage()
        short = message.partition("\n")[0]
        for marker in _BODY_MARKERS:
            short = short.partition(marker)[0]
        if len(short) > BOLT_MESSAGE_LIMIT:
            short = short[:BOLT_MESSAGE_LIMIT] + "…"
        if short != message:
            record.msg, record.args = short, None
        return True


_ESCAPES = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))},
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
"""Control characters and Unicode line separators, written as escapes."""


def one_line(text: str) -> str:
    """`text` with newlines and every other control character escaped (`\\n`, `\\x1b`, …), so a
    record can neither span lines nor forge the next one."""
    return text.translate(_ESCAPES)


class OneLineFormatter(logging.Formatter):
    """`time LEVEL logger: message`, its traceback (if any) on the same line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers: time (UTC, ISO 8601), level, logger, message
    and exception (the traceback, or null).

    The standard library's json does the part that matters, escaping; a library such as
    python-json-logger would add a dependency to pick these five fields.
    """

    def format(self, record: logging.LogRecord) -> str:
        exception = record.exc_text
        if record.exc_info and not exception:
            exception = self.formatException(record.exc_info)
        if record.stack_info:
            exception = "\n".join(filter(None, (exception, self.formatStack(record.stack_info))))
        time = dt.datetime.fromtimestamp(record.created, dt.UTC)
        entry = {
            "time": time.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "exception": exception or None,
        }
        # json escapes control characters; U+2028/U+2029 are valid raw JSON but split lines
        # in some readers, so they are escaped too.
        line = json.dumps(entry, ensure_ascii=False)
        return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def configure_logging(level: str, secrets: Iterable[str] = (), log_format: str = "text") -> None:
    """One stderr handler on the root logger at `level`, writing `log_format` (`text` or
    `json`), with request bodies dropped and secrets redacted; Python's warnings go through it
    too (printed, they would take two lines and skip the redaction)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else OneLineFormatter())
    handler.addFilter(DropRequestBodies())
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
