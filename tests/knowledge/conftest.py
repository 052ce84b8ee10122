"""`root`: a knowledge directory holding two valid terms, alpha and beta (for the reload tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.live_kbs import term


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge" / "terms"
    folder.mkdir(parents=True)
    (folder / "alpha.yaml").write_text(term("alpha", "Alpha"))
    (folder / "beta.yaml").write_text(term("beta", "Beta"))
    return tmp_path / "knowledge"
