"""On a fresh install nothing has been logged yet: `readout gaps`, `gaps --yaml`, `feedback` and
`purge` say so and exit 0, and leave no database file behind."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main

FRESH = "(there is no database at readout.db yet; Readout creates it when it first runs, see "
EXPECTED = {
    "gaps": "No questions logged yet",
    "feedback": "No votes yet",
    "purge": "Nothing to purge: no votes or questions logged yet",
}


@pytest.fixture
def fresh_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory of someone who has never run the bot: the default database
    (sqlite:///readout.db, relative to it) does not exist."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("READOUT_DATABASE_URL", raising=False)
    return tmp_path


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_an_empty_history_is_said_plainly_and_exit_0(
    fresh_install: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert main([command]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{EXPECTED[command]} {FRESH}READOUT_DATABASE_URL).\n"
    assert captured.err == ""
    assert list(fresh_install.iterdir()) == []  # no readout.db created as a side effect


def test_gaps_yaml_says_it_in_a_yaml_comment(
    fresh_install: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gaps", "--yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# No questions logged yet (there is no database at readout.db yet;")
    assert yaml.safe_load(out) is None  # pasting it adds nothing
    assert list(fresh_install.iterdir()) == []


def test_the_path_shown_is_the_one_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """So a mistyped READOUT_DATABASE_URL is visible in the reply, not hidden behind it."""
    missing = tmp_path / "data" / "readout.db"
    monkeypatch.setenv("READOUT_DATABASE_URL", f"sqlite:///{missing}")
    assert main(["gaps"]) == 0
    assert f"there is no database at {missing} yet" in capsys.readouterr().out
    assert not (tmp_path / "data").exists()
