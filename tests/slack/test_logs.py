"""No secret reaches a log line, even by accident."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.slack.logs import RedactSecrets, configure_logging, redact

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


ADVERSARIAL = {  # a unit and how often it repeats: 10 MB each
    "every character starts a word": ("a-", 5_000_000),  # quadratic for the old scheme regex
    "many schemes": ("a://b:", 1_700_000),
    "an endless user": ("u", 10_000_000),
    "an endless password": ("p:", 5_000_000),
    "form-encoded": ("a%2Bb.c-d", 1_100_000),
    "token prefixes": ("xoxb-", 2_000_000),
}
_REDACT_ALL = """
import json, sys
from bot.slack.logs import redact
for unit, count in json.loads(sys.argv[1]):
    redact("x://u:" + unit * count, ["a-secret-value"])
print("done")
"""


def test_redacting_10_mb_of_hostile_text_finishes() -> None:
    """Redaction runs over text anyone can send (an exception quoting a request), so it must be
    linear: each 10 MB text takes about a second here, where a backtracking pattern needs
    hours. Run in a child process given two minutes, not a thread: a regex holds the GIL."""
    import json
    import subprocess
    import sys

    cases = json.dumps(list(ADVERSARIAL.values()))
    done = subprocess.run(
        [sys.executable, "-c", _REDACT_ALL, cases],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "done"


@pytest.mark.parametrize(("unit", "count"), ADVERSARIAL.values(), ids=list(ADVERSARIAL))
def test_passwords_and_tokens_are_found_among_hostile_text(unit: str, count: int) -> None:
    noise = unit * 500
    clean = redact(f"{noise} postgresql://u:hunter2pass@db/x {TOKENS[0]}{noise}")
    assert "hunter2pass" not in clean
    assert TOKENS[0] not in clean
    assert "postgresql://u:[redacted]@db/x" in clean


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging replaces the root logger's handlers and captures warnings: put the
    test runner's back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def _log_samples(secret: str) -> None:
    log = logging.getLogger("bot.slack.test")
    log.warning("a question:\nfake 2026-01-01 ERROR line\r\x1b[31mred\x1b[0m\u2028next %s", secret)
    try:
        raise ValueError(f"bad input\nwith {secret} and {TOKENS[0]}")
    except ValueError:
        log.exception("failed on %r", "x\ny")


def test_every_record_is_one_line_with_its_traceback(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", ["signing-secret-value"])
    _log_samples("signing-secret-value")
    lines = capsys.readouterr().err.split("\n")
    assert lines[-1] == ""
    assert len(lines) == 3
    first, second = lines[:2]
    assert first.endswith(
        "WARNING bot.slack.test: a question:\\nfake 2026-01-01 ERROR line\\r\\x1b[31mred\\x1b[0m"
        "\\u2028next [redacted]"
    )
    assert "ERROR bot.slack.test: failed on 'x\\ny'\\nTraceback (most recent call last):" in second
    assert "ValueError: bad input\\nwith [redacted] and [redacted]" in second
    for text in (first, second):
        assert text.isprintable()


def test_json_format_gives_one_object_per_line(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", ["signing-secret-value"], "json")
    _log_samples("signing-secret-value")
    logging.getLogger("bot.slack.test").info("plain")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [set(r) for r in records] == [{"time", "level", "logger", "message", "exception"}] * 3
    warning, error, info = records
    assert warning["level"] == "WARNING"
    assert warning["logger"] == "bot.slack.test"
    assert warning["message"].startswith("a question:\nfake 2026-01-01 ERROR line\r\x1b[31m")
    assert warning["message"].endswith("\u2028next [redacted]")
    assert warning["exception"] is None
    assert warning["time"].endswith("Z")
    assert "T" in warning["time"]
    assert error["message"] == "failed on 'x\\ny'"
    assert error["exception"].startswith("Traceback (most recent call last):\n")
    assert error["exception"].endswith("ValueError: bad input\nwith [redacted] and [redacted]")
    assert info == {**info, "message": "plain", "level": "INFO", "exception": None}
    assert "signing-secret-value" not in "\n".join(lines)
    assert TOKENS[0] not in "\n".join(lines)


BODY = "payload=%7B%22user%22%3A%22U0SECRETBODY%22%7D"


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_bolt_never_logs_a_request_body(
    root_logging: None, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    """Bolt quotes the raw body of a request whose signature fails, before verifying anything,
    and suggests listeners over many lines: neither reaches the log."""
    configure_logging(level)
    verification = logging.getLogger("slack_bolt.RequestVerification")
    verification.info(
        f"Invalid request signature detected (signature: v0=1, timestamp: 1, body: {BODY})"
    )
    app = logging.getLogger("readout.bolt")
    app.warning(
        "A global middleware (X) skipped calling either `next()` or `next_()` without "
        f"providing a response for the request ({BODY})"
    )
    app.warning("Unhandled request ({'type': 'shortcut'})\n---\n[Suggestion] You can handle...")
    app.warning("Unhandled request (" + "x" * 5000 + ")")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4
    assert "U0SECRETBODY" not in "\n".join(lines)
    assert lines[0].endswith(
        "INFO slack_bolt.RequestVerification: Invalid request signature detected"
    )
    assert lines[1].endswith(
        "skipped calling either `next()` or `next_()` without providing a response"
    )
    assert lines[2].endswith("WARNING readout.bolt: Unhandled request ({'type': 'shortcut'})")
    assert len(lines[3]) < 700


def test_python_warnings_are_log_records_too() -> None:
    """A library's warning, printed by Python, would take two lines of the log (and skip the
    redaction): it goes through the handler like any record."""
    import subprocess
    import sys

    code = (
        "import warnings\n"
        "from bot.slack.logs import configure_logging\n"
        "configure_logging('INFO', ['signing-secret-value'], 'json')\n"
        "warnings.warn('deprecated\\nsigning-secret-value')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    [line] = done.stderr.splitlines()
    record = json.loads(line)
    assert record["logger"] == "py.warnings"
    assert "deprecated\n[redacted]" in record["message"]
