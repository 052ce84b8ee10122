"""A load finds every YAML file under its directory, reports every problem of every file in one
run, and says so in one sentence when the directory is missing or holds no YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.knowledge.loader import load_knowledge
from tests.support.load_problems import FIXTURES, problems_of


def test_the_valid_fixture_loads() -> None:
    kb = load_knowledge(FIXTURES / "valid")
    assert kb.summary_line() == "1 readout, 1 term, 1 follow-up"
    assert kb.resolve("alpha-beta-2026-02-04#agreements") is not None


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    for case in ("unknown_field", "invalid_url", "syntax"):
        shutil.copy(FIXTURES / case / "alpha.yaml", tmp_path / f"{case}.yaml")
    shutil.copy(
        FIXTURES / "valid" / "alpha-beta-2026-02-04.yaml", tmp_path / "alpha-beta-2026-02-04.yaml"
    )
    found = problems_of(tmp_path, display_root=tmp_path)
    assert [p.split(":")[0] for p in found] == [
        "invalid_url.yaml",
        "syntax.yaml",
        "unknown_field.yaml",
    ]


def test_an_empty_file_and_an_empty_directory_are_reported(tmp_path: Path) -> None:
    assert problems_of(tmp_path, display_root=tmp_path) == [
        ".: no *.yaml or *.yml files found; is this the right directory?"
    ]
    (tmp_path / "empty.yml").write_text("# nothing yet\n")
    assert problems_of(tmp_path, display_root=tmp_path) == [
        "empty.yml:1:1: the file is empty; it should hold one entry"
    ]


def test_files_are_found_recursively_with_both_suffixes(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "alpha.yaml", tmp_path / "a" / "b" / "alpha.yml")
    shutil.copy(
        FIXTURES / "valid" / "alpha-beta-2026-02-04.yaml", tmp_path / "alpha-beta-2026-02-04.yaml"
    )
    (tmp_path / "notes.txt").write_text("not knowledge")
    assert len(load_knowledge(tmp_path)) == 2


def test_a_missing_directory_is_one_sentence(tmp_path: Path) -> None:
    found = problems_of(tmp_path / "nope", display_root=tmp_path)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'nope'}: the knowledge directory does not exist;")
