"""Time and kind words: latest, months, years, 'readouts'."""

from __future__ import annotations

import datetime as dt

from bot.search.timeframe import Timeframe, find_timeframe, read_intent


def test_month_and_year() -> None:
    found = find_timeframe(("readout", "february", "2026"))
    assert found == Timeframe(2026, 2, None, ("february", "2026"))
    assert found is not None
    assert found.label == "February 2026"
    assert found.contains(dt.date(2026, 2, 28))
    assert not found.contains(dt.date(2025, 2, 1))


def test_day_next_to_a_month_in_either_order() -> None:
    assert find_timeframe(("4", "february")) == Timeframe(None, 2, 4, ("february", "4"))
    assert find_timeframe(("october", "31", "2025")) == Timeframe(
        2025, 10, 31, ("october", "31", "2025")
    )


def test_an_impossible_day_is_dropped() -> None:
    assert find_timeframe(("february", "31")) == Timeframe(None, 2, None, ("february",))


def test_year_alone_and_nothing() -> None:
    assert find_timeframe(("bolivia", "2025")) == Timeframe(2025, None, None, ("2025",))
    assert find_timeframe(("bolivia", "12")) is None
    assert find_timeframe(("3000",)) is None


def test_spans() -> None:
    december = Timeframe(None, 12, None, ("december",))
    assert december.span(2025) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    leap_day = Timeframe(None, 2, 29, ("february", "29"))
    assert leap_day.span(2025) is None
    assert leap_day.span(2024) == (dt.date(2024, 2, 29), dt.date(2024, 2, 29))
    assert Timeframe(2026, None, None, ()).span(2025) is None


def test_recency_words_are_taken_out_and_ask_for_readouts() -> None:
    intent = read_intent(("latest", "bolivia", "readout"))
    assert intent.tokens == ("bolivia",)
    assert intent.recent
    assert intent.readouts_only


def test_readout_alone_stays_a_word() -> None:
    intent = read_intent(("readout",))
    assert intent.tokens == ("readout",)
    assert not intent.readouts_only
