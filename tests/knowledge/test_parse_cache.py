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
    assert (cache.hits, cache.misses) == (1, 3)  # the readout reused, alpha.yaml parsed
    entry = kb.get("alpha")
    assert entry is not None
    assert entry.title == "Alpha renamed"
    assert len(cache) == 2  # the old text of alpha.yaml was forgotten


def test_a_cached_file_is_still_checked_against_the_others(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "kb")
    cache = ParseCache()
    load_knowledge(tmp_path / "kb", cache=cache)
    (tmp_path / "kb" / "alpha.yaml").unlink()  # the readout (cached) relates to alpha
    with pytest.raises(KnowledgeError, match="1 problem") as caught:
        load_knowledge(tmp_path / "kb", cache=cache)
    assert "related id 'alpha' does not exist" in str(caught.value.problems[0])


def test_with_changed_paths_only_those_files_are_read(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(VALID, kb_dir)
    cache = ParseCache()
    load_knowledge(kb_dir, cache=cache)
    alpha = kb_dir / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("Alpha term", "Alpha renamed"))
    # Not reported as changed: taken from the cache unread (the watcher vouches for it).
    stale = load_knowledge(kb_dir, cache=cache, changed=frozenset())
    assert stale.get("alpha").title == "Alpha term"  # type: ignore[union-attr]
    fresh = load_knowledge(kb_dir, cache=cache, changed=frozenset({str(alpha.resolve())}))
    assert fresh.get("alpha").title == "Alpha renamed"  # type: ignore[union-attr]
    # A file that is gone is gone, whatever the watcher said; a new file is read.
    (kb_dir / "alpha-beta-2026-02-04.yaml").unlink()
    gone = load_knowledge(kb_dir, cache=cache, changed=frozenset())
    assert gone.get("alpha-beta-2026-02-04") is None
    (kb_dir / "readouts").mkdir()
    again_path = kb_dir / "readouts" / "alpha-beta-2026-02-04.yaml"
    shutil.copy(VALID / "alpha-beta-2026-02-04.yaml", again_path)
    again = load_knowledge(kb_dir, cache=cache, changed=frozenset({str(again_path.resolve())}))
    assert again.resolve("alpha-beta-2026-02-04#agreements") is not None


def test_a_cached_entry_moved_to_a_wrong_file_name_is_still_caught(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(VALID, kb_dir)
    cache = ParseCache()
    load_knowledge(kb_dir, cache=cache)
    (kb_dir / "alpha.yaml").rename(kb_dir / "alfa.yaml")  # same text: a cache hit
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb_dir, cache=cache)
    assert cache.hits == 2
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [
        "the id 'alpha' differs from the file name 'alfa.yaml'; rename the file to 'alpha.yaml' "
        "(admins find an entry by its file name) or change the id (entry 'alpha')"
    ]
