"""Every module logs under its own name, so READOUT_LOG_LEVEL and filters by package reach it."""

from __future__ import annotations

import re
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
NAMED = re.compile(r"getLogger\(\s*[\"']([^\"']+)[\"']")
DELIBERATE = {
    "alembic",  # a library's logger, quietened
    "readout.bolt",  # the logger handed to Bolt (bot/slack/logs.py: BOLT_LOGGERS)
}


def test_bot_modules_use_their_module_name_for_loggers() -> None:
    hard_coded = {
        f"{path.relative_to(BOT.parent)}: {name}"
        for path in BOT.rglob("*.py")
        for name in NAMED.findall(path.read_text(encoding="utf-8"))
        if name not in DELIBERATE
    }
    assert not hard_coded
