"""House rules a reviewer would otherwise have to check by hand: loggers by module name, one
copy of each test helper in tests/support, imported as a package, and type-checked."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
TESTS = ROOT / "tests"
NAMED = re.compile(r"getLogger\(\s*[\"']([^\"']+)[\"']")
DELIBERATE = {
    "alembic",  # a library's logger, quietened
    "readout.bolt",  # the logger handed to Bolt (bot/slack/logs.py: BOLT_LOGGERS)
}
POLLING = re.compile(r"^\s*def (eventually|wait_for|wait_until)\(\s*check", re.MULTILINE)


def test_bot_modules_use_their_module_name_for_loggers() -> None:
    hard_coded = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in BOT.rglob("*.py")
        for name in NAMED.findall(path.read_text(encoding="utf-8"))
        if name not in DELIBERATE
    }
    assert not hard_coded


def test_tests_import_helpers_as_a_package_not_through_sys_path() -> None:
    edits = [p for p in TESTS.rglob("*.py") if "sys.path" in p.read_text(encoding="utf-8")]
    assert edits == [p for p in edits if p.name == "test_house.py"]
    packages = {p.parent for p in TESTS.rglob("*.py")} - {TESTS / "fixtures"}
    assert all((folder / "__init__.py").exists() for folder in packages)


def test_a_polling_helper_is_written_once() -> None:
    found = [
        p.relative_to(ROOT).as_posix()
        for p in TESTS.rglob("*.py")
        if POLLING.search(p.read_text(encoding="utf-8"))
    ]
    assert found == ["tests/support/waiting.py"]


def test_mypy_checks_the_tests_too() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "tests" in config["tool"]["mypy"]["files"]


def test_slack_markup_is_read_by_one_parser() -> None:
    """bot.search.markup reads `<…>` references; the Slack layer, the matcher and the console
    only render them."""
    readers = [
        p.relative_to(ROOT).as_posix()
        for p in BOT.rglob("*.py")
        if re.search(r"re\.compile\(\s*r?[\"']<", p.read_text(encoding="utf-8"))
    ]
    assert readers == ["bot/search/markup.py"]
    for user in ("slack/incoming.py", "search/normalize.py"):
        assert "replace_references" in (BOT / user).read_text(encoding="utf-8")
