"""Settings from the environment (pydantic-settings), validated once at start.

Environment names are exactly SLACK_* and READOUT_*; secrets are SecretStr so they never print.
A missing or malformed setting becomes one ConfigError sentence naming the variable.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError

_PACKAGE_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def default_knowledge_dir() -> Path:
    """./knowledge when it exists, else the knowledge/ shipped beside the package."""
    local = Path("knowledge")
    return local if local.is_dir() else _PACKAGE_KNOWLEDGE


class QuestionPrivacy(StrEnum):
    """How logged questions are kept: as given, as a salted hash, or not at all."""

    PLAIN = "plain"
    HASHED = "hashed"
    NONE = "none"


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
LogFormat = Literal["text", "json"]

MAX_DAYS = 36_500
"""The longest period (retention, --days) Readout accepts: a hundred years."""


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """Everything Readout reads from its environment."""

    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False, populate_by_name=True)

    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=_env("SLACK_BOT_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=_env("SLACK_SIGNING_SECRET")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=_env("SLACK_APP_TOKEN")
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/", validation_alias=_env("SLACK_API_URL")
    )
    slack_timeout: int = Field(
        default=30, ge=1, le=300, validation_alias=_env("READOUT_SLACK_TIMEOUT")
    )
    """Seconds one Web API call or response_url post may take before it is given up."""
    reply_deadline: float = Field(
        default=120.0, gt=0, le=3600, validation_alias=_env("READOUT_REPLY_DEADLINE")
    )
    """Seconds a reply sent after the acknowledgement may take, retries included, before it is
    given up and counted as undelivered."""
    knowledge_dir: Path = Field(
        default_factory=default_knowledge_dir, validation_alias=_env("READOUT_KNOWLEDGE_DIR")
    )
    admins: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(), validation_alias=_env("READOUT_ADMINS")
    )
    admin_channel: str | None = Field(default=None, validation_alias=_env("READOUT_ADMIN_CHANNEL"))
    log_level: LogLevel = Field(default="INFO", validation_alias=_env("READOUT_LOG_LEVEL"))
    log_format: LogFormat = Field(default="text", validation_alias=_env("READOUT_LOG_FORMAT"))
    """`text` (one line per record, for people) or `json` (one object per line, for shippers)."""
    database_url: str = Field(
        default="sqlite:///readout.db", validation_alias=_env("READOUT_DATABASE_URL")
    )
    question_privacy: QuestionPrivacy = Field(
        default=QuestionPrivacy.PLAIN, validation_alias=_env("READOUT_QUESTION_PRIVACY")
    )
    question_salt: SecretStr | None = Field(
        default=None, validation_alias=_env("READOUT_QUESTION_SALT")
    )
    """Salt for hashed questions; unset, the database keeps a random one of its own."""
    retention_days: int = Field(
        default=90, ge=1, le=MAX_DAYS, validation_alias=_env("READOUT_RETENTION_DAYS")
    )
    match_threshold: float = Field(
        default=70.0, ge=0, le=100, validation_alias=_env("READOUT_MATCH_THRESHOLD")
    )
    """A question whose best match scores under this is not answered (at most offered)."""
    suggest_threshold: float = Field(
        default=50.0, ge=0, le=100, validation_alias=_env("READOUT_SUGGEST_THRESHOLD")
    )
    """Under this, not even "did you mean": the reply says the knowledge base does not cover it."""
    lead_threshold: float = Field(
        default=55.0, ge=0, le=100, validation_alias=_env("READOUT_LEAD_THRESHOLD")
    )
    """A best match scoring from this up to READOUT_MATCH_THRESHOLD still answers when it leads
    every other entry by READOUT_LEAD_MARGIN points (a lead that shrinks to READOUT_MATCH_MARGIN
    as the score nears READOUT_MATCH_THRESHOLD)."""
    lead_margin: float = Field(
        default=15.0, ge=0, le=100, validation_alias=_env("READOUT_LEAD_MARGIN")
    )
    clear_threshold: float = Field(
        default=45.0, ge=0, le=100, validation_alias=_env("READOUT_CLEAR_THRESHOLD")
    )
    """A clear lead answers from this score (under READOUT_LEAD_THRESHOLD and even under
    READOUT_SUGGEST_THRESHOLD): every word of the question is known to the knowledge base, no
    entry the question contradicts scores higher, and the best leads by READOUT_LEAD_MARGIN."""
    match_margin: float = Field(
        default=6.0, ge=0, le=100, validation_alias=_env("READOUT_MATCH_MARGIN")
    )
    low_confidence: float = Field(
        default=85.0, ge=0, le=100, validation_alias=_env("READOUT_LOW_CONFIDENCE")
    )
    curators_channel: str | None = Field(
        default=None, validation_alias=_env("READOUT_CURATORS_CHANNEL")
    )
    """Channel id where "Ask a curator" posts its cards (and the digest goes); unset, neither."""
    learn_pickers: int = Field(
        default=2, ge=1, le=100, validation_alias=_env("READOUT_LEARN_PICKERS")
    )
    """Different people who must pick one entry for near-duplicate questions before the
    question is proposed as its alias (one curator is always enough)."""
    digest_days: int = Field(default=7, ge=0, le=90, validation_alias=_env("READOUT_DIGEST_DAYS"))
    """Days between curators' digests (0: none); needs READOUT_CURATORS_CHANNEL."""
    review_days: int = Field(
        default=180, ge=1, le=3650, validation_alias=_env("READOUT_REVIEW_DAYS")
    )
    """Days after its `reviewed` date when an entry without its own `review_every` is overdue."""

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", mode="before")
    @classmethod
    def _strip_slack_secret(cls, value: object) -> object:
        """A pasted secret often brings a space or newline along, which Slack's never contain:
        drop it before the prefix check. Blank (`SLACK_SIGNING_SECRET=`) means unset, so
        start-up says the secret is missing instead of serving 500s."""
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("question_salt", "admin_channel", "curators_channel", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """`READOUT_QUESTION_SALT=` (empty) is a common slip: treat it as unset."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        return _check_token_prefix(
            value, "xoxb-", "copy the Bot User OAuth Token from OAuth & Permissions"
        )

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        return _check_token_prefix(
            value, "xapp-", "copy an App-Level Token from Basic Information > App-Level Tokens"
        )

    @field_validator("knowledge_dir", mode="before")
    @classmethod
    def _blank_knowledge_dir_is_the_default(cls, value: object) -> object:
        """`READOUT_KNOWLEDGE_DIR=` (empty) means the default, not the current directory."""
        return default_knowledge_dir() if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_log_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("question_privacy", mode="before")
    @classmethod
    def _lower_privacy(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return check_database_url(value)

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(
                part.strip() for part in value.replace(";", ",").split(",") if part.strip()
            )
        return value

    @field_validator("curators_channel")
    @classmethod
    def _channel_id(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not re.fullmatch(r"[CG][A-Z0-9]{2,20}", value):
            raise ValueError(
                "it must be a channel id such as C0123ABCD (in Slack: the channel's name > "
                "About > Channel ID), not a channel name"
            )
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @property
    def has_any_slack_setting(self) -> bool:
        """True when any of SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_SIGNING_SECRET is set:
        someone means to serve Slack, so a missing one is an error, not a cue for the console."""
        return any(
            value is not None
            for value in (self.slack_bot_token, self.slack_app_token, self.slack_signing_secret)
        )


_TOKEN_KINDS = {"xoxb-": "a bot token", "xapp-": "an app-level token", "xoxp-": "a user token"}


def _check_token_prefix(value: SecretStr | None, prefix: str, where: str) -> SecretStr | None:
    """The token when it starts with `prefix`; else a ValueError saying where to copy the right
    one from. Only a known prefix is ever named, never the value."""
    if value is None or value.get_secret_value().startswith(prefix):
        return value
    found = next((k for k in _TOKEN_KINDS if value.get_secret_value().startswith(k)), None)
    shown = f" (this is {_TOKEN_KINDS[found]}, {found}…)" if found else ""
    raise ValueError(f"it must start with {prefix}{shown}; {where}")


def check_knowledge_dir(path: Path, name: str = "READOUT_KNOWLEDGE_DIR") -> Path:
    """`path` when it is a directory; else a ConfigError naming where it came from (`name`: the
    variable or option). Checked only by the commands that read knowledge, so a bad directory
    never stops one that does not (gaps, feedback, purge) or that was given --knowledge."""
    if path.is_dir():
        return path
    what = "is not a directory" if path.exists() else "does not exist"
    raise ConfigError(
        f"{name} is not valid: {path} {what}; point it at the directory holding readouts/ "
        "and terms/."
    )


DATABASE_URL_EXAMPLE = (
    "use sqlite:///path/to/readout.db or postgresql+psycopg://user:password@host/db"
)


def check_database_url(value: str) -> str:
    """The URL when SQLAlchemy can use it with an installed driver; else a ValueError that never
    repeats the URL (it may hold a password). The one check of READOUT_DATABASE_URL: settings
    run it when they load, and the store before it opens a URL given to it directly."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    example = DATABASE_URL_EXAMPLE
    try:
        url = make_url(value)
        dialect = url.get_dialect()
    except NoSuchModuleError:  # an ArgumentError too: first
        raise ValueError(f"the database kind is not supported; {example}") from None
    except (ArgumentError, ValueError):
        raise ValueError(f"it is not a database URL; {example}") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"Readout supports SQLite and PostgreSQL only; {example}")
    try:
        dialect.import_dbapi()
    except ImportError:
        raise ValueError(
            f"its driver ({url.get_driver_name()}) is not installed; {example}"
        ) from None
    return value


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, plus explicit overrides (from command-line options).

    Raises ConfigError with one sentence naming the variable when a value is malformed.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "setting"
        env = _ENV_NAMES.get(field, field.upper())
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{env} is not valid: {message}.") from None


_ENV_NAMES = {
    name: str(info.validation_alias.choices[0])
    for name, info in Settings.model_fields.items()
    if isinstance(info.validation_alias, AliasChoices)
}
