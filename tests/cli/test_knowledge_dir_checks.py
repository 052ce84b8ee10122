"""A bad READOUT_KNOWLEDGE_DIR stops only the commands that read it, and names whichever of it and
--knowledge was actually used, in one line (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.store.db import open_database

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.yaml"
ENV_LINE = (
    "readout: READOUT_KNOWLEDGE_DIR is not valid: /nonexistent does not exist; point it at the "
    "directory holding readouts/ and terms/."
)


@pytest.fixture(autouse=True)
def bad_knowledge_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", "/nonexistent")
    url = f"sqlite:///{tmp_path / 'readout.db'}"
    open_database(url).close()
    monkeypatch.setenv("READOUT_DATABASE_URL", url)


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--knowledge", str(KNOWLEDGE), "who", "is", "tommy", "pigott"],
        ["eval", str(QUESTIONS), "--knowledge", str(KNOWLEDGE)],
        ["list", "--knowledge", str(KNOWLEDGE)],
        ["validate", str(KNOWLEDGE)],
        ["gaps", "--yaml", "--knowledge", str(KNOWLEDGE)],
        ["gaps"],
        ["feedback"],
        ["purge"],
    ],
)
def test_commands_that_do_not_read_it_still_work(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "argv", [["ask", "who"], ["eval", str(QUESTIONS)], ["list"], ["validate"], ["gaps", "--yaml"]]
)
def test_commands_that_read_it_stop_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [ENV_LINE]
    assert captured.out == ""


@pytest.mark.parametrize("command", ["ask", "list", "gaps"])
def test_a_bad_knowledge_option_is_named_not_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    extra = {"ask": ["who"], "list": [], "gaps": ["--yaml"]}[command]
    assert main([command, "--knowledge", "/nowhere", *extra]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "readout: --knowledge is not valid: /nowhere does not exist; point it at the directory "
        "holding readouts/ and terms/."
    ]
