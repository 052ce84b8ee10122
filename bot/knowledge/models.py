"""The knowledge model: what one YAML file under knowledge/ may say.

Two kinds of entry: a `readout` (an official summary of a meeting) and a `term` (a concept, person,
organisation, initiative or event that readouts mention). Unknown keys are errors, text is trimmed
and non-empty, dates are real dates, URLs are https. No Slack imports here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
    StringConstraints,
    field_validator,
)

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text with surrounding whitespace removed."""

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140)]
"""A title, name or question: one line, short enough for a Slack header or button."""

EntryId = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=KEBAB, min_length=2, max_length=80)
]
"""A kebab-case id such as `rubio-aramayo-2026-02-04`."""


def _https_only(url: HttpUrl) -> HttpUrl:
    if url.scheme != "https":
        raise ValueError("source URLs must use https")
    return url


HttpsUrl = Annotated[HttpUrl, AfterValidator(_https_only)]

SLACK_USER_ID = r"^[UW][A-Z0-9]{2,20}$"


def _slack_user_id(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(SLACK_USER_ID, value):
        raise ValueError(
            f"'{value[:40]}' is not a Slack user id; write the member id (U… or W…, from the "
            "person's profile: ⋮ > Copy member ID), not a name or @handle"
        )
    return value


SlackUserId = Annotated[
    str, AfterValidator(_slack_user_id), Field(json_schema_extra={"pattern": SLACK_USER_ID})
]
"""A Slack member id such as `U024BE7LH`: mentioned as `<@U024BE7LH>`, whatever the name."""

MAX_REVIEW_DAYS = 3650


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """Where a fact comes from: a page somebody opened and read."""

    title: Text = Field(description="The page's headline, as published.")
    url: HttpsUrl = Field(
        description="An https address that was opened when the entry was written."
    )
    publisher: ShortText = Field(description="Who published it, e.g. 'U.S. Department of State'.")
    published: dt.date | None = Field(
        default=None,
        description="Publication date shown on the page; leave out when none is shown.",
    )


class Participant(_Strict):
    """Someone who took part in a meeting."""

    name: ShortText
    role: ShortText = Field(description="Title at the time of the meeting.")


class FollowUp(_Strict):
    """A short question and answer about one readout, addressable as `<readout-id>#<id>`."""

    id: EntryId
    question: ShortText = Field(description="The question as an analyst would ask it.")
    aliases: tuple[ShortText, ...] = Field(
        default=(), description="Other ways people ask the same question (English or Spanish)."
    )
    answer: Text = Field(description="The answer, in a few sentences; Slack mrkdwn allowed.")
    sources: tuple[Source, ...] = Field(
        default=(), description="Sources for this answer when they differ from the readout's."
    )


class _EntryBase(_Strict):
    id: EntryId = Field(description="Unique kebab-case id across the whole knowledge base.")
    title: ShortText
    aliases: tuple[ShortText, ...] = Field(
        default=(),
        description="Other names people use: acronyms, Spanish names, short forms.",
    )
    summary: Text = Field(description="The answer in a few sentences; Slack mrkdwn allowed.")
    details: Text | None = Field(default=None, description="Longer background, optional.")
    tags: tuple[EntryId, ...] = Field(default=(), description="Topics such as `bolivia`.")
    related: tuple[EntryId, ...] = Field(default=(), description="Ids of related entries.")
    sources: tuple[Source, ...] = Field(min_length=1, description="At least one source.")
    reviewed: dt.date = Field(description="The date a person last checked this entry.")
    review_every: int | None = Field(
        default=None,
        ge=1,
        le=MAX_REVIEW_DAYS,
        description="Days after `reviewed` when this entry is due for review again; "
        "READOUT_REVIEW_DAYS (180) when left out. An answer from an overdue entry says so.",
    )
    owners: tuple[SlackUserId, ...] = Field(
        default=(),
        description="Slack member ids (U… or W…) of the people who keep this entry right; the "
        "curators' digest mentions them when it is overdue.",
    )

    @field_validator("aliases", "tags", "related", "owners")
    @classmethod
    def _no_repeats(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if len({v.casefold() for v in values}) == len(values):
            return values
        seen: set[str] = set()
        for value in values:
            key = value.casefold()
            if key in seen:
                raise ValueError(f"'{value}' is listed twice")
            seen.add(key)
        return values


class Readout(_EntryBase):
    """An official summary of a meeting."""

    kind: Literal["readout"]
    date: dt.date = Field(description="The day the meeting took place.")
    location: ShortText
    participants: tuple[Participant, ...] = Field(min_length=1)
    attributed_to: ShortText = Field(
        description="Who issued the readout, e.g. 'Principal Deputy Spokesperson Tommy Pigott'."
    )
    key_points: tuple[Text, ...] = Field(min_length=1)
    follow_ups: tuple[FollowUp, ...] = ()


TermCategory = Literal["concept", "person", "organization", "initiative", "event"]


class Term(_EntryBase):
    """A concept, person, organisation, initiative or event that readouts mention."""

    kind: Literal["term"]
    category: TermCategory


Entry = Annotated[Readout | Term, Field(discriminator="kind")]


class EntryFile(RootModel[Entry]):
    """One knowledge file: exactly one entry. Its JSON Schema is knowledge/schema.json."""
