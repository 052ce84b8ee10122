"""Settings: a missing or malformed environment variable is one sentence naming it, never a leak."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.errors import ConfigError


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql+psycopg2://bob:S3cretPass@db/prod", "its driver (psycopg2) is not installed"),
        ("postgresql+psycopg://bob:S3cretPass@db:54x2/prod", "it is not a database URL"),
        ("postgresql+psycopg//bob:S3cretPass@db/prod", "it is not a database URL"),
        ("mysql://bob:S3cretPass@db/prod", "Readout supports SQLite and PostgreSQL only"),
        ("nonsense", "it is not a database URL"),
    ],
)
def test_a_bad_database_url_is_named_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.setenv("READOUT_DATABASE_URL", url)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"READOUT_DATABASE_URL is not valid: {reason}; use sqlite:///")
    assert "S3cretPass" not in message
    assert "bob" not in message


def test_sqlite_and_postgresql_urls_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    for url in ("sqlite:///readout.db", "postgresql+psycopg://postgres@127.0.0.1:5432/test"):
        monkeypatch.setenv("READOUT_DATABASE_URL", url)
        assert load_settings().database_url == url


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("SLACK_SIGNING_SECRET", "slack_signing_secret"),
        ("SLACK_BOT_TOKEN", "slack_bot_token"),
        ("SLACK_APP_TOKEN", "slack_app_token"),
        ("READOUT_QUESTION_SALT", "question_salt"),
    ],
)
def test_an_empty_secret_counts_as_unset(
    monkeypatch: pytest.MonkeyPatch, name: str, field: str
) -> None:
    monkeypatch.setenv(name, "   ")
    assert getattr(load_settings(), field) is None


def test_secrets_never_print(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-very-secret")
    shown = repr(load_settings()) + str(load_settings())
    assert "very-secret" not in shown


def test_admins_are_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_ADMINS", " U1, U2 ,,U3")
    assert load_settings().admins == frozenset({"U1", "U2", "U3"})


def test_retention_is_capped_at_a_century(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_RETENTION_DAYS", "99999999")
    with pytest.raises(ConfigError, match=r"^READOUT_RETENTION_DAYS is not valid: .*36500"):
        load_settings()
