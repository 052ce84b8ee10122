"""Checks across files: duplicate ids, shared titles and aliases, missing `related` ids and
colliding follow-up ids are each reported once, at the key that causes them, as path:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from load_problems import FIXTURES, problems_of

BROKEN = {
    "duplicate_id": "duplicate_id/alpha.yaml:2:1: duplicate id 'alpha', also in "
    "duplicate_id/alpha-copy.yaml (entry 'alpha')",
    "duplicate_alias": "duplicate_alias/beta.yaml:6:11: alias 'apertura economica' is also used "
    "by 'alpha' (duplicate_alias/alpha.yaml) (entry 'beta')",
    "missing_related": "missing_related/alpha.yaml:9:11: related id 'gamma' does not exist "
    "(entry 'alpha')",
    "follow_up_collision": "follow_up_collision/meeting.yaml:17:5: follow-up id 'agreements' is "
    "used twice in this readout (entry 'alpha-beta-2026-02-04')",
}


@pytest.mark.parametrize(("case", "expected"), sorted(BROKEN.items()))
def test_each_broken_fixture_reports_exactly_one_problem_at_the_key(
    case: str, expected: str
) -> None:
    assert problems_of(FIXTURES / case) == [expected]


def test_an_alias_equal_to_another_entrys_title_is_a_clash(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(text)
    (tmp_path / "beta.yaml").write_text(
        text.replace("id: alpha", "id: beta")
        .replace("title: Alpha term", "title: Beta term")
        .replace("[first letter]", "[ALPHA TERM]")
    )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "beta.yaml:6:11: alias 'ALPHA TERM' is also used by 'alpha' (alpha.yaml) (entry 'beta')"
    ]


def test_two_entries_may_not_share_a_title(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(text)
    (tmp_path / "beta.yaml").write_text(
        text.replace("id: alpha", "id: beta").replace("[first letter]", "[second letter]")
    )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "beta.yaml:5:1: title 'Alpha term' is also the title of 'alpha' (alpha.yaml) (entry 'beta')"
    ]


def test_an_alias_equal_to_a_title_in_a_later_file_is_a_clash_too(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "a.yaml").write_text(
        text.replace("id: alpha", "id: aaa").replace("[first letter]", "[Lithium Triangle]")
    )
    (tmp_path / "b.yaml").write_text(
        text.replace("id: alpha", "id: bbb").replace("Alpha term", "Lithium Triangle")
    )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "a.yaml:6:11: alias 'Lithium Triangle' is also used by 'bbb' (b.yaml) (entry 'aaa')"
    ]
