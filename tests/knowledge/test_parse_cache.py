"""A reload parses and validates only changed files, and cross-checks every file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge
from bot.knowledge.parse_cache import ParseCache

VALID = Path(__file__).parent / "fixtures" / "valid"


def test_unchanged_files_are_not_parsed_again(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "kb")
    cache = ParseCache()
    load_knowledge(tmp_path / "kb", cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    alpha = tmp_path / "kb" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("Alpha term", "Alpha renamed"))
    kb = load_knowledge(tmp_path / "kb", cache=cache)
    assert (cache.hits, cache.misses) == (1, 3)  # meeting.yaml reused, alpha.yaml parsed
    entry = kb.get("alpha")
    assert entry is not None
    assert entry.title == "Alpha renamed"
    assert len(cache) == 2  # the old text of alpha.yaml was forgotten


def test_a_cached_file_is_still_checked_against_the_others(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "kb")
    cache = ParseCache()
    load_knowledge(tmp_path / "kb", cache=cache)
    (tmp_path / "kb" / "alpha.yaml").unlink()  # meeting.yaml (cached) relates to alpha
    with pytest.raises(KnowledgeError, match="1 problem") as caught:
        load_knowledge(tmp_path / "kb", cache=cache)
    assert "related id 'alpha' does not exist" in str(caught.value.problems[0])
