"""The loader reports every kind of problem once, at the key that causes it, as path:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"

BROKEN = {
    "syntax": "syntax/alpha.yaml:7:8: YAML syntax error: did not find expected ',' or ']'",
    "unknown_field": "unknown_field/alpha.yaml:7:1: unknown field 'sumary' (entry 'alpha')",
    "missing_field": "missing_field/alpha.yaml:2:1: missing required field 'reviewed' "
    "(entry 'alpha')",
    "wrong_type": "wrong_type/alpha.yaml:8:1: field 'tags': Input should be a list (entry 'alpha')",
    "invalid_date": "invalid_date/alpha.yaml:14:5: field 'sources[0].published': Input should be "
    "a valid date or datetime, day value is outside expected range (entry 'alpha')",
    "invalid_url": "invalid_url/alpha.yaml:12:5: field 'sources[0].url': source URLs must use "
    "https (entry 'alpha')",
    "duplicate_id": "duplicate_id/alpha.yaml:2:1: duplicate id 'alpha', also in "
    "duplicate_id/alpha-copy.yaml (entry 'alpha')",
    "duplicate_alias": "duplicate_alias/beta.yaml:6:11: alias 'apertura economica' is also used "
    "by 'alpha' (duplicate_alias/alpha.yaml) (entry 'beta')",
    "missing_related": "missing_related/alpha.yaml:9:11: related id 'gamma' does not exist "
    "(entry 'alpha')",
    "follow_up_collision": "follow_up_collision/meeting.yaml:17:5: follow-up id 'agreements' is "
    "used twice in this readout (entry 'alpha-beta-2026-02-04')",
    "duplicate_key": "duplicate_key/alpha.yaml:9:1: key 'title' appears twice in this mapping",
    "bad_kind": "bad_kind/alpha.yaml:3:1: field 'kind' must be 'readout' or 'term', not 'memo' "
    "(entry 'alpha')",
    "not_a_mapping": "not_a_mapping/alpha.yaml:2:1: the file should hold one entry (a mapping of "
    "fields), not a list",
}


def problems_of(directory: Path, display_root: Path = FIXTURES) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory, display_root=display_root)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("case", "expected"), sorted(BROKEN.items()))
def test_each_broken_fixture_reports_exactly_one_problem_at_the_key(
    case: str, expected: str
) -> None:
    assert problems_of(FIXTURES / case) == [expected]


def test_the_valid_fixture_loads() -> None:
    kb = load_knowledge(FIXTURES / "valid")
    assert kb.summary_line() == "1 readout, 1 term, 1 follow-up"
    assert kb.resolve("alpha-beta-2026-02-04#agreements") is not None


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    for case in ("unknown_field", "invalid_url", "syntax"):
        shutil.copy(FIXTURES / case / "alpha.yaml", tmp_path / f"{case}.yaml")
    shutil.copy(FIXTURES / "valid" / "meeting.yaml", tmp_path / "meeting.yaml")
    found = problems_of(tmp_path, display_root=tmp_path)
    assert [p.split(":")[0] for p in found] == [
        "invalid_url.yaml",
        "syntax.yaml",
        "unknown_field.yaml",
    ]


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    text = (FIXTURES / "invalid_url" / "alpha.yaml").read_text()
    text = text.replace("summary:", "sumary:").replace("2026-02-05", "2026-13-01")
    (tmp_path / "alpha.yaml").write_text(text)
    found = problems_of(tmp_path, display_root=tmp_path)
    assert [p.split(": ", 1)[0] for p in found] == [
        "alpha.yaml:2:1",  # 'summary' is missing: reported where the entry starts
        "alpha.yaml:7:1",  # unknown field 'sumary'
        "alpha.yaml:12:5",  # http URL
        "alpha.yaml:14:5",  # month 13
    ]
    assert "missing required field 'summary'" in found[0]


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


def test_an_empty_file_and_an_empty_directory_are_reported(tmp_path: Path) -> None:
    assert problems_of(tmp_path, display_root=tmp_path) == [
        ".: no *.yaml or *.yml files found; is this the right directory?"
    ]
    (tmp_path / "empty.yml").write_text("# nothing yet\n")
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "empty.yml:1:1: the file is empty; it should hold one entry"
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


def test_files_are_found_recursively_with_both_suffixes(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "alpha.yaml", tmp_path / "a" / "b" / "alpha.yml")
    shutil.copy(FIXTURES / "valid" / "meeting.yaml", tmp_path / "meeting.yaml")
    (tmp_path / "notes.txt").write_text("not knowledge")
    assert len(load_knowledge(tmp_path)) == 2


def test_a_missing_directory_is_one_sentence(tmp_path: Path) -> None:
    found = problems_of(tmp_path / "nope", display_root=tmp_path)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'nope'}: the knowledge directory does not exist;")


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: &x [*x]\n", "1:5: this value is reused with an alias (*name)"),
        (
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
            "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
            "1:4: this value is reused with an alias (*name)",
        ),
        ("base: &b {title: x}\nother: {<<: *b}\n", "2:9: merge keys (<<) are not allowed"),
        ("tags: !!set {a, b}\n", "1:7: the tag !!set is not allowed in knowledge files"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "YAML syntax error: exceeded maximum nesting"),
    ],
    ids=["self-reference", "billion-laughs", "merge-key", "set", "deep-nesting"],
)
def test_hostile_yaml_is_one_problem_not_a_crash(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "evil.yaml").write_text(text)
    found = problems_of(tmp_path, display_root=tmp_path)
    assert len(found) == 1
    assert expected in found[0]
    assert found[0].startswith("evil.yaml:")
