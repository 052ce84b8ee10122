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


def test_the_database_password_and_question_salt_are_redacted() -> None:
    from bot.config import load_settings
    from bot.slack.startup import secrets_of

    password, salt = "Db-Pa%40ss-0123", "salt-for-question-hashes"
    url = f"postgresql+psycopg://readout:{password}@db.internal:5432/readout"
    settings = load_settings(database_url=url, question_salt=salt)
    logger, stream = _logger(secrets_of(settings))
    logger.warning("cannot open %s", url)
    logger.warning("password %s, decoded %s; salt %s", password, "Db-Pa@ss-0123", salt)
    try:
        raise RuntimeError(f"connect failed for {url} with salt {salt}")
    except RuntimeError:
        logger.exception("failed")
    output = stream.getvalue()
    for secret in (password, "Db-Pa@ss-0123", salt):
        assert secret not in output
    assert "postgresql+psycopg://readout:[redacted]@db.internal:5432/readout" in output


def test_a_short_url_password_is_redacted_by_its_place() -> None:
    logger, stream = _logger([])
    logger.warning("cannot open postgresql+psycopg://u:pw@host/db or https://example.org/a@b")
    assert stream.getvalue().strip() == (
        "cannot open postgresql+psycopg://u:[redacted]@host/db or https://example.org/a@b"
    )
