"""What a question says about time and kind: 'latest', 'february 2026', 'readouts'.

Month and year words stay in the question (titles may contain them too); they also become a
Timeframe that readouts dated inside it match. Words like latest/recent ask for newer readouts
first; 'readout(s)' next to other words asks for readouts rather than terms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.search.lexicon import MONTHS, READOUT_WORDS, RECENCY_WORDS

_MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items()}


@dataclass(frozen=True, slots=True)
class Timeframe:
    """A year, a month (of any year when no year is given), or a day."""

    year: int | None
    month: int | None
    day: int | None
    tokens: tuple[str, ...]
    """The question's tokens that name this time, e.g. ('february', '2026')."""

    def contains(self, date: dt.date) -> bool:
        return (
            (self.year is None or date.year == self.year)
            and (self.month is None or date.month == self.month)
            and (self.day is None or date.day == self.day)
        )

    def span(self, year: int) -> tuple[dt.date, dt.date] | None:
        """The first and last day inside this timeframe in `year`; None when there is none."""
        if self.year is not None and year != self.year:
            return None
        if self.month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        try:
            start = dt.date(year, self.month, self.day or 1)
        except ValueError:
            return None
        if self.day:
            return start, start
        if self.month == 12:
            return start, dt.date(year, 12, 31)
        return start, dt.date(year, self.month + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        parts = []
        if self.month:
            parts.append(_MONTH_NAMES[self.month])
        if self.day:
            parts.append(str(self.day))
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Intent:
    """A question's tokens with its time and kind wishes taken out."""

    tokens: tuple[str, ...]
    timeframe: Timeframe | None
    recent: bool
    readouts_only: bool


def _year(token: str) -> int | None:
    return (
        int(token) if len(token) == 4 and token.isdigit() and 1990 <= int(token) <= 2099 else None
    )


def _day(token: str) -> int | None:
    return int(token) if token.isdigit() and len(token) <= 2 and 1 <= int(token) <= 31 else None


def find_timeframe(tokens: tuple[str, ...]) -> Timeframe | None:
    """The first month or year named in `tokens` (with a day next to the month), or None."""
    year = month = day = None
    used: list[str] = []
    for index, token in enumerate(tokens):
        if month is None and token in MONTHS:
            month = MONTHS[token]
            used.append(token)
            for near in (index + 1, index - 1):
                if 0 <= near < len(tokens) and (found := _day(tokens[near])) is not None:
                    day = found
                    used.append(tokens[near])
                    break
        elif year is None and (found := _year(token)) is not None:
            year = found
            used.append(token)
    if month is None and year is None:
        return None
    if month is not None and day is not None:
        try:
            dt.date(year or 2000, month, day)
        except ValueError:
            day = None
            used = [t for t in used if _day(t) is None]
    return Timeframe(year, month, day, tuple(used))


def read_intent(tokens: tuple[str, ...]) -> Intent:
    """Recency words are removed; 'readout' is removed (as a wish for readouts) when the
    question says something else too, so 'readout' alone still finds the term."""
    recent = any(t in RECENCY_WORDS for t in tokens)
    rest = tuple(t for t in tokens if t not in RECENCY_WORDS)
    timeframe = find_timeframe(rest)
    wants_readouts = any(t in READOUT_WORDS for t in rest)
    others = tuple(t for t in rest if t not in READOUT_WORDS)
    if wants_readouts and (others or recent):
        return Intent(others, timeframe, recent, True)
    return Intent(rest, timeframe, recent, recent)
