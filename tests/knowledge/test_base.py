"""The KnowledgeBase is immutable and answers lookups by id, tag and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.base import FollowUpRef
from bot.knowledge.loader import load_knowledge

VALID = Path(__file__).parent / "fixtures" / "valid"


def test_lookups_by_id_tag_and_follow_up() -> None:
    kb = load_knowledge(VALID)
    assert kb.get("alpha") is not None
    assert kb.get("nope") is None
    assert [e.id for e in kb.by_tag("testing")] == ["alpha"]
    assert kb.by_tag("unknown") == ()
    ref = kb.resolve("alpha-beta-2026-02-04#agreements")
    assert isinstance(ref, FollowUpRef)
    assert ref.title == "Were any agreements signed?"
    assert kb.resolve("alpha-beta-2026-02-04#nope") is None
    assert "alpha" in kb
    assert "alpha-beta-2026-02-04#agreements" in kb


def test_the_knowledge_base_cannot_be_changed_in_place() -> None:
    kb = load_knowledge(VALID)
    with pytest.raises(AttributeError):
        kb.root = None
    with pytest.raises(TypeError):
        kb.follow_ups["x"] = kb.follow_ups["alpha-beta-2026-02-04#agreements"]  # type: ignore[index]
    entry = kb.get("alpha")
    assert entry is not None
    with pytest.raises(ValueError, match="frozen"):
        entry.title = "changed"  # type: ignore[misc]
