"""Each file is checked on its own: every kind of problem is reported once, at the key that
causes it, as path:line:col, and hostile YAML is a problem, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.load_problems import FIXTURES, problems_of

BROKEN = {
    "syntax": "syntax/alpha.yaml:7:8: YAML syntax error: did not find expected ',' or ']'",
    "unknown_field": "unknown_field/alpha.yaml:7:1: unknown field 'sumary' (entry 'alpha')",
    "missing_field": "missing_field/alpha.yaml:2:1: missing required field 'reviewed' "
    "(entry 'alpha')",
    "wrong_type": "wrong_type/alpha.yaml:8:1: field 'tags': Input should be a list (entry 'alpha')",
    "invalid_date": "invalid_date/alpha.yaml:14:5: field 'sources[0].published': '2026-02-30' is "
    "not a date (day value is outside expected range); dates are written YYYY-MM-DD, e.g. "
    "2026-02-04 (entry 'alpha')",
    "invalid_url": "invalid_url/alpha.yaml:12:5: field 'sources[0].url': source URLs must use "
    "https (entry 'alpha')",
    "duplicate_key": "duplicate_key/alpha.yaml:9:1: key 'title' appears twice in this mapping",
    "bad_kind": "bad_kind/alpha.yaml:3:1: field 'kind' must be 'readout' or 'term', not 'memo' "
    "(entry 'alpha')",
    "not_a_mapping": "not_a_mapping/alpha.yaml:2:1: the file should hold one entry (a mapping of "
    "fields), not a list",
}


@pytest.mark.parametrize(("case", "expected"), sorted(BROKEN.items()))
def test_each_broken_fixture_reports_exactly_one_problem_at_the_key(
    case: str, expected: str
) -> None:
    assert problems_of(FIXTURES / case) == [expected]


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


FORM = "dates are written YYYY-MM-DD, e.g. 2026-02-04"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Feb 4, 2026", f"'Feb 4, 2026' is not a date; {FORM}"),  # "invalid character in year"
        ("2026/02/04", f"'2026/02/04' is not a date; {FORM}"),
        ("2026-2-4", f"'2026-2-4' is not a date; {FORM}"),
        ("2026-02-04T10:30", f"'2026-02-04T10:30' is not a date; {FORM}"),
        ("", f"no date given; {FORM}"),
    ],
)
def test_a_date_problem_echoes_the_value_and_names_the_form(
    tmp_path: Path, written: str, expected: str
) -> None:
    text = (FIXTURES / "valid" / "alpha.yaml").read_text()
    (tmp_path / "alpha.yaml").write_text(
        text.replace("reviewed: 2026-11-29", f"reviewed: {written}")
    )
    assert problems_of(tmp_path, display_root=tmp_path) == [
        f"alpha.yaml:15:1: field 'reviewed': {expected} (entry 'alpha')"
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
