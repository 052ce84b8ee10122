"""`/readout list [tag]` and the App Home tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.render.catalog import build_home_view, build_list
from bot.render.catalog_fit import HOME_BYTES, MESSAGE_BYTES
from bot.render.ids import ButtonValue, decode_value
from tests.support.render_checks import VIEW_BYTES, check_message, check_view, json_size, texts
from tests.support.render_kbs import build, readout, small_kb, term


def _button_targets(blocks: list[dict[str, Any]]) -> list[str]:
    targets: list[str] = []
    for block in blocks:
        elements = [*block.get("elements", []), block.get("accessory")]
        for element in elements:
            if isinstance(element, dict) and element.get("type") == "button":
                value = decode_value(element["value"])
                assert value is not None
                targets.append(value.target)
    return targets


def _kb_with_many() -> object:
    readouts = [
        readout(id=f"r-{n:02d}", date=f"2026-01-{n + 1:02d}", title=f"Readout {n}", related=[])
        for n in range(3)
    ]
    terms = [term(id=f"t-{c}", title=f"{c.upper()} term", related=[]) for c in "cab"]
    return build(*readouts, *terms)


def test_list_is_readouts_newest_first_then_terms_a_to_z() -> None:
    message = build_list(_kb_with_many())  # type: ignore[arg-type]
    assert _button_targets(message["blocks"]) == ["r-02", "r-01", "r-00", "t-a", "t-b", "t-c"]
    assert message["blocks"][0]["text"]["text"] == "What Readout knows"
    check_message(message)


def test_list_by_tag() -> None:
    message = build_list(small_kb(), "#People ")
    assert message["blocks"][0]["text"]["text"] == "Tagged people"
    assert _button_targets(message["blocks"]) == ["tommy-pigott"]
    check_message(message)


def test_list_with_an_unknown_tag_names_the_tags() -> None:
    message = build_list(small_kb(), "<!channel>")
    assert message["text"] == "No entry is tagged “&lt;!channel&gt;”."
    assert "`bolivia`, `people`" in str(message["blocks"])
    check_message(message)


@cache
def _large_kb(readouts: int, terms: int) -> KnowledgeBase:
    """`readouts` dated a day apart (r-0000 oldest) and `terms` A to Z by number (t-0000 first),
    every third of each also tagged `third`; some titles are too long for a button."""
    first = dt.date(2020, 1, 1)
    long = " about a topic whose name is far too long to fit on one Slack button"
    return build(
        *(
            readout(
                id=f"r-{n:04d}",
                date=(first + dt.timedelta(days=n)).isoformat(),
                title=f"Readout {n:04d}{long if n % 2 else ''}",
                tags=["bolivia", *(["third"] if n % 3 == 0 else [])],
                related=[],
                follow_ups=[],
            )
            for n in range(readouts)
        ),
        *(
            term(
                id=f"t-{n:04d}",
                title=f"Term {n:04d}{long if n % 2 else ''}",
                tags=["people", *(["third"] if n % 3 == 0 else [])],
                related=[],
            )
            for n in range(terms)
        ),
    )


_LONGEST_ENTRY = 4_000
"""About what a readout of `_long_title_kb` adds to the JSON (3.3 kB), rounded up."""


@cache
def _long_title_kb(readouts: int, terms: int) -> KnowledgeBase:
    """Entries with the longest ids (80) and titles (140) allowed, the titles mostly flags, whose
    characters JSON escapes to 12 bytes each: every entry costs about as many bytes as it can."""

    def title(n: int) -> str:
        return (f"{n:04d} Reunión económica " + "🇧🇴" * 70)[:140]

    first = dt.date(2020, 1, 1)
    return build(
        *(
            readout(
                id=f"r-{n:04d}-" + "x" * 73,
                date=(first + dt.timedelta(days=n)).isoformat(),
                title=title(n),
                location=title(n),
                related=[],
                follow_ups=[],
            )
            for n in range(readouts)
        ),
        *(term(id=f"t-{n:04d}-" + "x" * 73, title=title(n), related=[]) for n in range(terms)),
    )


def _check_catalog(
    blocks: list[dict[str, Any]], readouts: list[str], terms: list[str], *, min_readouts: int = 20
) -> tuple[int, int]:
    """The newest readouts and the first terms A to Z are shown, an empty group has no heading,
    and what is left out is counted in one closing line; returns (readouts, terms) shown."""
    shown = _button_targets(blocks)
    shown_readouts = [t for t in shown if t.startswith("r-")]
    shown_terms = shown[len(shown_readouts) :]
    assert shown_readouts == readouts[: len(shown_readouts)]
    assert shown_terms == terms[: len(shown_terms)]
    assert len(shown_readouts) >= min(len(readouts), min_readouts), "readouts always get room"
    headings = [text for text in texts(blocks) if text.startswith(("*Readouts*", "*Terms*"))]
    assert headings == [
        *([f"*Readouts*, newest first ({len(readouts):,})"] if shown_readouts else []),
        *([f"*Terms*, A to Z ({len(terms):,})"] if shown_terms else []),
    ]
    notes = [text for text in texts(blocks) if "not shown" in text]
    hidden_readouts = len(readouts) - len(shown_readouts)
    hidden_terms = len(terms) - len(shown_terms)
    if not hidden_readouts and not hidden_terms:
        assert notes == []
        return len(shown_readouts), len(shown_terms)
    assert len(notes) == 1
    counted = [
        *([_count(hidden_readouts, "older readout")] if hidden_readouts else []),
        *([_count(hidden_terms, "term")] if hidden_terms else []),
    ]
    assert notes[0].startswith(" and ".join(counted) + " not shown: ")
    assert "`/readout list &lt;tag&gt;`" in notes[0]
    return len(shown_readouts), len(shown_terms)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _nearly_full(payload: Mapping[str, Any], budget: int, *, entry: int = 1_000) -> bool:
    """Within `entry` bytes of `budget`: no room for one more readout or term of that size."""
    return budget - entry < json_size(payload) <= budget


@pytest.mark.parametrize(
    ("readouts", "terms", "tag"),
    [
        (120, 1, None),
        (10, 2000, None),
        (120, 2000, None),
        (0, 2000, None),
        (10, 2000, "#Third"),
        (120, 3000, "third"),
        (3, 70, None),
    ],
)
def test_list_stays_within_fifty_blocks_and_its_bytes(
    readouts: int, terms: int, tag: str | None
) -> None:
    kb = _large_kb(readouts, terms)
    message = build_list(kb, tag)
    check_message(message)
    assert json_size(message) <= MESSAGE_BYTES
    wanted = [r.id for r in kb.readouts if not tag or "third" in r.tags]
    wanted_terms = [t.id for t in kb.terms if not tag or "third" in t.tags]
    shown = _check_catalog(message["blocks"], wanted, wanted_terms)
    if shown != (len(wanted), len(wanted_terms)):
        full = len(message["blocks"]) == 50 or _nearly_full(message, MESSAGE_BYTES)
        assert full, "what is left out had no room"
        assert "not shown" in str(message["blocks"][-2]), "the note closes the list"


def test_list_of_ten_readouts_and_two_thousand_terms() -> None:
    message = build_list(_large_kb(10, 2000))
    assert json_size(message) <= MESSAGE_BYTES
    shown = _check_catalog(
        message["blocks"], [f"r-{n:04d}" for n in reversed(range(10))], _term_ids(2000)
    )
    assert shown == (10, 44)
    assert message["blocks"][-2]["elements"][0]["text"] == (
        "1,956 terms not shown: narrow the list with `/readout list &lt;tag&gt;` "
        "or ask `/readout &lt;question&gt;`."
    ), "App Home cannot show 2,000 terms either"


def test_list_sends_to_app_home_only_when_it_shows_everything() -> None:
    kb = _large_kb(10, 300)
    home = build_home_view(kb)
    check_view(home)
    assert _check_catalog(home["blocks"], [r.id for r in kb.readouts], _term_ids(300)) == (10, 300)
    message = build_list(kb)
    check_message(message)
    shown = _check_catalog(message["blocks"], [r.id for r in kb.readouts], _term_ids(300))
    assert shown[1] < 300
    assert message["blocks"][-2]["elements"][0]["text"] == (
        f"{300 - shown[1]} terms not shown: narrow the list with `/readout list &lt;tag&gt;`, "
        "see everything in Readout's App Home tab, or ask `/readout &lt;question&gt;`."
    )


def test_list_does_not_send_to_an_app_home_that_cannot_show_everything() -> None:
    message = build_list(_large_kb(10, 3000))
    assert message["blocks"][-2]["elements"][0]["text"].endswith(
        " terms not shown: narrow the list with `/readout list &lt;tag&gt;` "
        "or ask `/readout &lt;question&gt;`."
    )


@pytest.mark.parametrize(("readouts", "terms"), [(1, 0), (3, 300), (60, 3000), (0, 3000)])
def test_list_with_the_longest_titles_stays_within_its_bytes(readouts: int, terms: int) -> None:
    kb = _long_title_kb(readouts, terms)
    message = build_list(kb)
    check_message(message)
    assert json_size(message) <= MESSAGE_BYTES
    shown = _check_catalog(
        message["blocks"],
        [r.id for r in kb.readouts],
        [t.id for t in kb.terms],
        min_readouts=1,
    )
    if shown != (readouts, terms):
        full = _nearly_full(message, MESSAGE_BYTES, entry=_LONGEST_ENTRY)
        assert full, "what is left out had no room"


def test_list_leaves_out_empty_groups() -> None:
    terms_only = build_list(_large_kb(0, 3))
    assert "Readouts" not in str(terms_only["blocks"])
    assert _button_targets(terms_only["blocks"]) == ["t-0000", "t-0001", "t-0002"]
    readouts_only = build_list(build(readout(related=[])))
    assert "Terms" not in str(readouts_only["blocks"])
    empty = build_list(build())
    assert [b["type"] for b in empty["blocks"]] == ["header", "context", "context"]
    assert "Nothing yet" in str(empty["blocks"][1])
    for message in (terms_only, readouts_only, empty):
        check_message(message)


def test_home_view_golden_parts() -> None:
    view = build_home_view(small_kb())
    assert view["type"] == "home"
    blocks = view["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Readout", "emoji": True},
    }
    assert "*How to ask*" in blocks[2]["text"]["text"]
    assert _button_targets(blocks) == ["alpha-beta-2026-02-04", "tommy-pigott"]
    assert blocks[-1]["elements"][0]["text"] == (
        "Knowledge base: 1 readout, 1 term, 1 follow-up, loaded "
        "<!date^1772366400^{date_short_pretty} at {time}|2026-03-01 12:00 UTC>."
    )
    assert decode_value(blocks[-3]["elements"][0]["value"]) == ButtonValue("tommy-pigott")
    check_view(view)


def test_home_view_of_ten_readouts_and_two_thousand_terms_stays_within_slack_bytes() -> None:
    view = build_home_view(_large_kb(10, 2000))
    check_view(view)
    assert json_size(view) <= HOME_BYTES < VIEW_BYTES
    shown = _check_catalog(
        view["blocks"], [f"r-{n:04d}" for n in reversed(range(10))], _term_ids(2000)
    )
    assert shown[0] == 10
    assert view["blocks"][-3]["elements"][0]["text"] == (
        f"{2000 - shown[1]:,} terms not shown: list them by tag with `/readout list &lt;tag&gt;` "
        "or ask `/readout &lt;question&gt;`."
    )
    assert _nearly_full(view, HOME_BYTES), "what is left out had no room"


@pytest.mark.parametrize(("readouts", "terms"), [(150, 1), (10, 3000), (150, 3000), (0, 3000)])
def test_home_view_stays_within_a_hundred_blocks_and_its_bytes(readouts: int, terms: int) -> None:
    kb = _large_kb(readouts, terms)
    view = build_home_view(kb)
    check_view(view)
    assert json_size(view) <= HOME_BYTES
    _check_catalog(view["blocks"], [r.id for r in kb.readouts], [t.id for t in kb.terms])
    full = len(view["blocks"]) == 100 or _nearly_full(view, HOME_BYTES)
    assert full, "what is left out had no room"
    note = view["blocks"][-3]["elements"][0]["text"]
    assert note.endswith(
        " not shown: list them by tag with `/readout list &lt;tag&gt;` "
        "or ask `/readout &lt;question&gt;`."
    )


@pytest.mark.parametrize(("readouts", "terms"), [(90, 0), (150, 3000), (0, 3000)])
def test_home_view_with_the_longest_titles_stays_within_its_bytes(
    readouts: int, terms: int
) -> None:
    kb = _long_title_kb(readouts, terms)
    view = build_home_view(kb)
    check_view(view)
    assert json_size(view) <= HOME_BYTES
    shown = _check_catalog(view["blocks"], [r.id for r in kb.readouts], [t.id for t in kb.terms])
    assert shown != (readouts, terms)
    full = len(view["blocks"]) == 100 or _nearly_full(view, HOME_BYTES, entry=_LONGEST_ENTRY)
    assert full, "what is left out had no room"


def _term_ids(n: int) -> list[str]:
    return [f"t-{i:04d}" for i in range(n)]
