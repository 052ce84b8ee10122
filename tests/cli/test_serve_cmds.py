"""`readout run`'s help, as someone reads it (serving itself is tested in tests/slack)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_run_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "With none of SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_SIGNING_SECRET set, open the "
        "local console" in text
    )
    assert "with any of them set, serve Slack as `readout serve` does" in text


def test_readout_help_describes_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "run the local console when no Slack setting is set, else serve Slack (make run)" in text


REPO = Path(__file__).resolve().parents[2]
SLACK_SETTINGS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def test_make_help_and_readme_say_when_run_serves() -> None:
    """`readout run` serves when ANY Slack setting is set; the docs must not say "tokens"."""
    [run_help] = [
        line
        for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
        if line.startswith("run:")
    ]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [quick_start] = [line for line in readme.splitlines() if line.startswith("make run ")]
    for text in (run_help, quick_start):
        assert "if any of " in text, text
        assert all(name in text for name in SLACK_SETTINGS), text
        assert "else a local console" in text, text
    assert "With no tokens at all" not in readme


CONSOLE_COMMANDS = ("sources", "+", "- [what was wrong]", "status", "reload", "gaps [days]")


def test_console_help_and_readme_name_the_curators_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["console", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The console") : readme.index("## Editing the knowledge")]
    for command in CONSOLE_COMMANDS:
        assert command in text, command
        assert f"`{command}" in section or f"`/readout {command}" in section, command
    for said in ("READOUT_DATABASE_URL", "readout gaps", "readout feedback", "file:line:col"):
        assert said in text
        assert said in section
