"""Slack tests reuse the render tests' hand-built knowledge bases (tests/render/render_kbs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

_RENDER_TESTS = str(Path(__file__).resolve().parents[1] / "render")
if _RENDER_TESTS not in sys.path:
    sys.path.insert(0, _RENDER_TESTS)
