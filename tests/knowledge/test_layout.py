"""Mis-indentation that YAML and the model both accept, but that changes what users see, is a
problem at its file:line:col with a hint: a field indented into a text block, and a list item
indented past the `-` above it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from tests.support.load_problems import FIXTURES, problems_of

VALID = (FIXTURES / "valid" / "alpha.yaml").read_text()
READOUT = (FIXTURES / "valid" / "alpha-beta-2026-02-04.yaml").read_text()


def test_a_field_indented_under_a_folded_block_is_caught() -> None:
    assert problems_of(FIXTURES / "field_in_text_block") == [
        "field_in_text_block/alpha.yaml:11:3: 'tags:' is indented under 'details' (line 8), so it "
        "is read as part of that text and not as the field 'tags'; to make it a field, start it "
        "in column 1, like 'details' (entry 'alpha')"
    ]


def test_a_list_item_indented_one_space_too_far_is_caught() -> None:
    assert problems_of(FIXTURES / "item_runs_on") == [
        "item_runs_on/alpha.yaml:8:4: this '-' is indented further than the item on line 7, so "
        "it is read as the rest of that item ('first letter - letter one') and not as an item of "
        "its own; line it up with the '-' on line 7 (entry 'alpha')"
    ]


def test_fields_of_nested_parts_count_too(tmp_path: Path) -> None:
    """Field names come from every model: a follow-up's `sources:` under its literal answer."""
    text = READOUT.replace(
        "    answer: No.\n",
        "    answer: |\n      No.\n      sources:\n        - title: Wire\n",
    )
    (tmp_path / "alpha-beta-2026-02-04.yaml").write_text(text)
    (tmp_path / "alpha.yaml").write_text(VALID)
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "alpha-beta-2026-02-04.yaml:18:7: 'sources:' is indented under 'answer' (line 16), so it "
        "is read as part of that text and not as the field 'sources'; to make it a field, start "
        "it in column 5, like 'answer' (entry 'alpha-beta-2026-02-04')"
    ]


def test_a_block_that_is_a_list_item_is_checked_too(tmp_path: Path) -> None:
    text = READOUT.replace(
        "key_points: [They talked.]\n",
        "key_points:\n  - >-\n    They talked\n    at length.\n    related: [alpha]\n",
    )
    (tmp_path / "alpha-beta-2026-02-04.yaml").write_text(text)
    (tmp_path / "alpha.yaml").write_text(VALID)
    found = problems_of(tmp_path, display_root=tmp_path)
    assert found == [
        "alpha-beta-2026-02-04.yaml:16:5: 'related:' is indented under the text block that "
        "starts on line 13, so it is read as part of that text and not as the field 'related'; "
        "to make it a field, indent it less than that text (entry 'alpha-beta-2026-02-04')"
    ]


def test_a_layout_slip_is_reported_with_the_files_other_problems(tmp_path: Path) -> None:
    text = (FIXTURES / "item_runs_on" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(text.replace("summary:", "sumary:"))
    found = problems_of(tmp_path, display_root=tmp_path)
    assert [p.split(": ", 1)[0] for p in found] == [
        "alpha.yaml:2:1",
        "alpha.yaml:8:4",
        "alpha.yaml:9:1",
    ]


@pytest.mark.parametrize(
    "details",
    [
        "details: >-\n  Note: tags are listed below.\n  The word tags: appears mid-line.\n",
        "details: |\n  Titles:\n  - title case is used\n",  # a field name, but not at line start
        "details: >\n  Temperatures fell\n  -5 degrees overnight.\n",
    ],
    ids=["prose-with-colons", "dash-list-in-text", "negative-number"],
)
def test_ordinary_text_is_not_mistaken_for_a_slip(tmp_path: Path, details: str) -> None:
    text = VALID.replace("summary: A short test summary.\n", f"summary: A summary.\n{details}")
    (tmp_path / "alpha.yaml").write_text(text)
    assert len(load_knowledge(tmp_path)) == 1


def test_a_plain_item_wrapped_onto_a_second_line_is_fine(tmp_path: Path) -> None:
    text = VALID.replace("aliases: [first letter]\n", "aliases:\n  - first\n    letter\n")
    (tmp_path / "alpha.yaml").write_text(text)
    assert load_knowledge(tmp_path).get("alpha").aliases == ("first letter",)  # type: ignore[union-attr]
