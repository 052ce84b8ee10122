"""The broken and valid fixture directories, and the problems a load of one reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge

FIXTURES = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures"


def problems_of(directory: Path, display_root: Path = FIXTURES) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory, display_root=display_root)
    return [str(p) for p in caught.value.problems]
