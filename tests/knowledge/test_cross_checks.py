"""Checks across files: duplicate ids, shared titles and aliases, missing `related` ids and
colliding follow-up ids are each reported once, at the key that causes them, as path:line:col."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.load_problems import FIXTURES, problems_of

BROKEN = {
    # A copy that kept the id it was copied from: reported on the copy, not on the original.
    "duplicate_id": "duplicate_id/alpha-copy.yaml:2:1: duplicate id 'alpha', also in "
    "duplicate_id/alpha.yaml; give this entry an id of its own, and name the file after it "
    "(entry 'alpha')",
    "duplicate_alias": "duplicate_alias/beta.yaml:6:11: alias 'apertura economica' is also an "
    "alias of 'alpha' (duplicate_alias/alpha.yaml) (entry 'beta')",
    "missing_related": "missing_related/alpha.yaml:9:11: related id 'gamma' does not exist "
    "(entry 'alpha')",
    "follow_up_collision": "follow_up_collision/alpha-beta-2026-02-04.yaml:17:5: follow-up id "
    "'agreements' is used twice in this readout (entry 'alpha-beta-2026-02-04')",
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
        "beta.yaml:6:11: alias 'ALPHA TERM' is also the title of 'alpha' (alpha.yaml) "
        "(entry 'beta')"
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
    (tmp_path / "aaa.yaml").write_text(
        text.replace("id: alpha", "id: aaa").replace("[first letter]", "[Triangulo del Litio]")
    )
    (tmp_path / "bbb.yaml").write_text(
        text.replace("id: alpha", "id: bbb").replace("Alpha term", "Triángulo del litio")
    )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "aaa.yaml:6:11: alias 'Triangulo del Litio' is also the title of 'bbb' (bbb.yaml) "
        "(entry 'aaa')"
    ]


def test_a_copy_that_kept_its_id_and_relates_to_it_is_one_message(tmp_path: Path) -> None:
    """Copied from an entry, to relate to it: the duplicate id is the one mistake, so no extra
    "related to itself" (that `related` most likely means the original)."""
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(text)
    copy = text.replace("title: Alpha term", "title: Alpha again").replace("[first letter]", "[]")
    (tmp_path / "alpha-again.yaml").write_text(copy.replace("related: []", "related: [alpha]"))
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "alpha-again.yaml:2:1: duplicate id 'alpha', also in alpha.yaml; give this entry an id "
        "of its own, and name the file after it (entry 'alpha')"
    ]


def test_an_entry_related_to_itself_is_still_a_problem(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(text.replace("related: []", "related: [alpha]"))
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "alpha.yaml:9:11: an entry cannot be related to itself (entry 'alpha')"
    ]


def test_the_same_id_in_two_folders_is_a_duplicate(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    for folder, title in (("readouts", "Alpha one"), ("terms", "Alpha two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "alpha.yaml").write_text(
            text.replace("Alpha term", title).replace("[first letter]", f"[{title} alias]")
        )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "terms/alpha.yaml:2:1: duplicate id 'alpha', also in readouts/alpha.yaml; give this "
        "entry an id of its own (entry 'alpha')"
    ]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_a_file_named_other_than_its_id_is_a_problem(tmp_path: Path, suffix: str) -> None:
    """Admins find an entry by its file name (gaps --yaml suggests knowledge/terms/<id>.yaml)."""
    (tmp_path / f"alfa{suffix}").write_text((FIXTURES / "valid" / "alpha.yaml").read_text())
    assert problems_of(tmp_path, display_root=tmp_path) == [
        f"alfa{suffix}:2:1: the id 'alpha' differs from the file name 'alfa{suffix}'; rename the "
        f"file to 'alpha{suffix}' (admins find an entry by its file name) or change the id "
        "(entry 'alpha')"
    ]


def test_every_fixture_file_is_named_after_its_id_or_tests_that_it_is_not() -> None:
    """Fixture files whose name differs from their id are deliberate: they test exactly that."""
    deliberate = {"duplicate_id/alpha-copy.yaml"}
    checked = 0
    for path in sorted(FIXTURES.rglob("*.yaml")):
        found = re.search(r"^id: (\S+)$", path.read_text(), re.MULTILINE)
        shown = str(path.relative_to(FIXTURES))
        if found is not None and shown not in deliberate:
            assert path.stem == found.group(1), shown
            checked += 1
    assert checked > 10
