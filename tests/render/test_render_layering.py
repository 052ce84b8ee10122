"""bot.render and the console stay free of Slack libraries (STYLE: only bot.slack's serving
modules import slack_bolt/slack_sdk)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys, pkgutil, importlib, bot.render
for module in pkgutil.iter_modules(bot.render.__path__):
    importlib.import_module(f"bot.render.{module.name}")
import bot.slack.console, bot.slack.knowledge, bot.cli
print(sorted(m for m in sys.modules if m.split('.')[0] in {'slack_bolt', 'slack_sdk'}))
"""


def test_render_and_console_import_no_slack_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


RENDER_ONLY = """
import sys, pkgutil, importlib, bot.render
for module in pkgutil.iter_modules(bot.render.__path__):
    importlib.import_module(f"bot.render.{module.name}")
print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m.startswith('bot.store')
             or m.startswith('bot.slack') or m.startswith('bot.cli')))
"""


def test_render_imports_nothing_above_it() -> None:
    """STYLE's direction, cli -> slack -> render/store -> search -> knowledge: render takes the
    store's figures as plain data and never pulls in bot.store or SQLAlchemy."""
    result = subprocess.run(
        [sys.executable, "-c", RENDER_ONLY], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
