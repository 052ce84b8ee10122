"""`readout run`'s help, as someone reads it (serving itself is tested in tests/slack)."""

from __future__ import annotations

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
