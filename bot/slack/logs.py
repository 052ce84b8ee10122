"""Logging at READOUT_LOG_LEVEL, with secrets redacted from every line as defence in depth.

Settings keep tokens as SecretStr so they never print; the filter also catches a token that slips
into a message or a traceback by another route (a library's debug output, an exception's text).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

TOKEN_PATTERN = re.compile(r"\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]+")
URL_PASSWORD = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@/\s]+@")
"""The password of a URL such as postgresql+psycopg://user:password@host/db."""
REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with Slack tokens (xoxb-, xoxp-, xapp-, …), URL passwords and the given secrets
    replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    text = URL_PASSWORD.sub(rf"\1{REDACTED}@", text)
    return TOKEN_PATTERN.sub(REDACTED, text)


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


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """One stderr handler on the root logger at `level`, with the redacting filter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
