"""When an entry is due for review: `reviewed` plus `review_every` days, or plus
READOUT_REVIEW_DAYS for an entry without its own interval. Past that date it is overdue, and
answers from it say so. `today` is always passed in, so nothing here depends on the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.base import FollowUpRef, KnowledgeBase, Target
from bot.knowledge.models import Entry


@dataclass(frozen=True)
class ReviewPolicy:
    """The review interval for entries without their own, and the day to judge them on."""

    default_days: int
    today: dt.date

    def due(self, entry: Entry) -> dt.date:
        """The last day the entry counts as reviewed."""
        return entry.reviewed + dt.timedelta(days=entry.review_every or self.default_days)

    def overdue(self, target: Target) -> bool:
        """Whether `target` (an entry, or a follow-up: its readout's) is past its review date."""
        entry = target.readout if isinstance(target, FollowUpRef) else target
        return self.today > self.due(entry)


@dataclass(frozen=True)
class Staleness:
    """An entry past its review date, or coming up to it."""

    entry_id: str
    title: str
    reviewed: dt.date
    due: dt.date
    owners: tuple[str, ...]
    overdue: bool
    days: int
    """Days past the due date when overdue, else days left until it."""


def stale_entries(
    entries: Iterable[Entry] | KnowledgeBase, policy: ReviewPolicy, *, within_days: int = 0
) -> list[Staleness]:
    """Entries overdue, or due within `within_days`, the longest overdue first."""
    horizon = policy.today + dt.timedelta(days=within_days)
    found = []
    for entry in entries:
        due = policy.due(entry)
        if due > horizon:
            continue
        overdue = policy.today > due
        days = (policy.today - due).days if overdue else (due - policy.today).days
        found.append(
            Staleness(entry.id, entry.title, entry.reviewed, due, entry.owners, overdue, days)
        )
    return sorted(found, key=lambda s: (s.due, s.entry_id))


def review_date(day: dt.date) -> str:
    """`29 November 2025`, as the overdue note writes it."""
    return f"{day.day} {day:%B} {day.year}"
