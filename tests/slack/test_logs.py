"""No secret reaches a log line, even by accident."""

from __future__ import annotations

import io
import logging

from bot.slack.logs import RedactSecrets, redact

TOKENS = [
    "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
    "xoxp-1111-2222-3333-abcdef",
    "xapp-1-A0123456789-1234567890123-abcdef0123456789",
]


def test_redact_tokens_and_known_secrets() -> None:
    for token in TOKENS:
        assert redact(f"token={token}!") == "token=[redacted]!"
    assert redact("secret is s3cr3t-signing", ["s3cr3t-signing"]) == "secret is [redacted]"


def _logger(secrets: list[str]) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets(secrets))
    logger = logging.getLogger(f"test-redact-{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    return logger, stream


def test_filter_redacts_messages_arguments_and_tracebacks() -> None:
    logger, stream = _logger(["signing-secret-value"])
    logger.warning("using %s and %s", TOKENS[0], "signing-secret-value")
    try:
        raise RuntimeError(f"bad token {TOKENS[2]}")
    except RuntimeError:
        logger.exception("failed")
    output = stream.getvalue()
    assert "[redacted]" in output
    for secret in [*TOKENS, "signing-secret-value"]:
        assert secret not in output
    assert "RuntimeError: bad token [redacted]" in output


def test_short_secrets_are_not_used_as_patterns() -> None:
    assert RedactSecrets(["abc", ""]).secrets == ()
