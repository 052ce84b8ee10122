"""Settings: a missing or malformed environment variable is one sentence naming it, never a leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import QuestionPrivacy, check_knowledge_dir, default_knowledge_dir, load_settings
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


def test_slack_timeout_and_reply_deadline_default_and_are_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = load_settings()
    assert (settings.slack_timeout, settings.reply_deadline) == (30, 120.0)
    monkeypatch.setenv("READOUT_REPLY_DEADLINE", "0")
    with pytest.raises(ConfigError, match=r"^READOUT_REPLY_DEADLINE is not valid: .*than 0"):
        load_settings()
    monkeypatch.setenv("READOUT_REPLY_DEADLINE", "4.5")
    monkeypatch.setenv("READOUT_SLACK_TIMEOUT", "301")
    with pytest.raises(ConfigError, match=r"^READOUT_SLACK_TIMEOUT is not valid: .*300"):
        load_settings()
    monkeypatch.setenv("READOUT_SLACK_TIMEOUT", "2")
    assert (load_settings().slack_timeout, load_settings().reply_deadline) == (2, 4.5)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SLACK_APP_TOKEN", "xoxb-rejected-apptoken", "it must start with xapp- (this is a bot "),
        ("SLACK_APP_TOKEN", "A0APP-apptoken", "it must start with xapp-; copy an App-Level Token"),
        ("SLACK_BOT_TOKEN", "xapp-1-A0APP-apptoken", "it must start with xoxb- (this is an app-"),
        ("SLACK_BOT_TOKEN", "xoxp-1-2-apptoken", "it must start with xoxb- (this is a user token"),
    ],
)
def test_a_token_of_the_wrong_kind_is_named_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{name} is not valid: {expected}")
    where = "Basic Information > App-Level Tokens" if "APP" in name else "OAuth & Permissions"
    assert where in message
    assert "apptoken" not in message


def test_tokens_of_the_right_kind_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-bot")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-A0APP-3-app")
    settings = load_settings()
    assert settings.slack_bot_token is not None
    assert settings.slack_app_token is not None


@pytest.mark.parametrize("padding", [(" ", ""), ("", "\n"), ("\t", " \r\n")])
def test_slack_secrets_lose_surrounding_whitespace(
    monkeypatch: pytest.MonkeyPatch, padding: tuple[str, str]
) -> None:
    """A pasted token often brings a space or newline along; Slack would reject it later."""
    before, after = padding
    monkeypatch.setenv("SLACK_BOT_TOKEN", f"{before}xoxb-1-2-bot{after}")
    monkeypatch.setenv("SLACK_APP_TOKEN", f"{before}xapp-1-A0APP-3-app{after}")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", f"{before}signing-secret{after}")
    settings = load_settings()
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1-2-bot"
    assert settings.slack_app_token is not None
    assert settings.slack_app_token.get_secret_value() == "xapp-1-A0APP-3-app"
    assert settings.slack_signing_secret is not None
    assert settings.slack_signing_secret.get_secret_value() == "signing-secret"


def test_a_padded_token_of_the_wrong_kind_is_still_named_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", " xapp-1-A0APP-apptoken\n")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(
        "SLACK_BOT_TOKEN is not valid: it must start with xoxb- (this is an app-level token"
    )
    assert "apptoken" not in str(caught.value)


@pytest.mark.parametrize(
    ("where", "problem"), [("missing", "does not exist"), ("a-file", "is not a directory")]
)
def test_a_knowledge_dir_that_is_no_directory_is_named(
    tmp_path: Path, where: str, problem: str
) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ConfigError) as caught:
        check_knowledge_dir(tmp_path / where)
    assert str(caught.value) == (
        f"READOUT_KNOWLEDGE_DIR is not valid: {tmp_path / where} {problem}; point it at the "
        "directory holding readouts/ and terms/."
    )
    with pytest.raises(ConfigError, match=r"^--knowledge is not valid: "):
        check_knowledge_dir(tmp_path / where, "--knowledge")
    assert check_knowledge_dir(tmp_path) == tmp_path


def test_a_missing_knowledge_dir_does_not_stop_loading_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the commands that read knowledge check it (gaps, feedback and purge do not)."""
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", "/nonexistent")
    assert load_settings().knowledge_dir == Path("/nonexistent")


def test_a_blank_knowledge_dir_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", " ")
    assert load_settings().knowledge_dir == default_knowledge_dir()
    assert (default_knowledge_dir() / "terms").is_dir()


@pytest.mark.parametrize("value", ["debug", "Debug", " warning "])
def test_the_log_level_is_read_in_any_case(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("READOUT_LOG_LEVEL", value)
    assert load_settings().log_level == value.strip().upper()


def test_question_privacy_is_read_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_QUESTION_PRIVACY", "Hashed")
    assert load_settings().question_privacy is QuestionPrivacy.HASHED


def test_the_log_format_is_text_unless_json_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().log_format == "text"
    monkeypatch.setenv("READOUT_LOG_FORMAT", " JSON ")
    assert load_settings().log_format == "json"


def test_an_unknown_log_format_is_one_sentence_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("READOUT_LOG_FORMAT", "xml")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value) == "READOUT_LOG_FORMAT is not valid: Input should be 'text' or 'json'."


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("READOUT_CURATORS_CHANNEL", "#curators", "must be a channel id such as C0123ABCD"),
        ("READOUT_CURATORS_CHANNEL", "U0ALICE", "must be a channel id"),
        ("READOUT_REVIEW_DAYS", "0", "greater than or equal to 1"),
        ("READOUT_DIGEST_DAYS", "91", "less than or equal to 90"),
        ("READOUT_LEARN_PICKERS", "0", "greater than or equal to 1"),
    ],
)
def test_curator_settings_are_checked_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{variable} is not valid: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_curator_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("READOUT_CURATORS_CHANNEL", "READOUT_REVIEW_DAYS", "READOUT_DIGEST_DAYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("READOUT_CURATORS_CHANNEL", " C0CURATORS ")
    settings = load_settings()
    assert settings.curators_channel == "C0CURATORS"
    assert (settings.review_days, settings.digest_days, settings.learn_pickers) == (180, 7, 2)
    monkeypatch.setenv("READOUT_CURATORS_CHANNEL", "")
    assert load_settings().curators_channel is None
