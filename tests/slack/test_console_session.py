"""`readout console` as a curator uses it, driven through its real entry point: text wrapped to
the terminal, code spans and sources shown for a terminal, edits hot-reloaded (or the last good
base kept, with the problems), admin subcommands, 👍 / 👎 and gaps recorded where `readout gaps`
and `readout feedback` read them."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.console_process import REPO, ConsoleProcess
from tests.support.live_kbs import term
from tests.support.serving import clean_env

KNOWLEDGE = REPO / "knowledge"
MANY_SOURCES = "/readout rubio aramayo meeting"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge" / "terms"
    folder.mkdir(parents=True)
    (folder / "alpha.yaml").write_text(term("alpha", "Alpha Centauri"))
    (folder / "beta.yaml").write_text(term("beta", "Beta Pictoris"))
    return tmp_path / "knowledge"


def _session(tmp_path: Path, lines: list[str], **env: str) -> str:
    """Everything the console printed for `lines` typed into a pipe (then end of input)."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--knowledge", str(KNOWLEDGE)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(**env),
        timeout=180,
        check=True,
    )
    return result.stdout


BULLET = "• The U.S. names three areas of partnership with Bolivia, namely economic growth, trade"
HANGING = {  # the bullet as wrapped: its second line hangs under its text
    80: ["• The U.S. names three areas of partnership with Bolivia, namely economic", "  growth,"],
    120: [BULLET + " opportunities, and solutions to", "  citizen-security problems"],
}


@pytest.mark.parametrize("width", [80, 120])
def test_replies_are_wrapped_to_the_terminal_between_words(tmp_path: Path, width: int) -> None:
    typed = [MANY_SOURCES, "what is the dea", "zorblat", "help"]
    narrow = _session(tmp_path, typed, COLUMNS=str(width))
    wide = _session(tmp_path, typed, COLUMNS="1000")
    assert narrow.split() == wide.split()  # the same words: none split in two
    lines = narrow.splitlines()
    assert all(len(line) <= width or len(line.split()) == 1 for line in lines), narrow
    assert any(len(line) > width for line in wide.splitlines())
    first, second = HANGING[width]
    assert lines[lines.index(first) + 1].startswith(second)


def test_code_spans_and_sources_read_well_in_a_pipe(tmp_path: Path) -> None:
    out = _session(tmp_path, [MANY_SOURCES, "sources", "zorblat"], COLUMNS="100")
    assert "`" not in out
    assert "\x1b" not in out  # no styling where the output is not a terminal
    assert "Try /readout list to see everything Readout knows" in out
    answer = out[out.index("> /readout rubio") : out.index("> sources")]
    assert "https://" not in answer
    assert "(brujuladigital.net/…/marco-rubio-dice-q…) · Brújula Digital · February 4, 2026" in (
        answer
    )
    assert "  Also: EFE via swissinfo.ch, February 5, 2026 (swissinfo.ch/spa/…/90892226)" in answer
    assert "        and 2 more sources: type sources to list them all" in answer
    listed = out[out.index("> sources") : out.index("> zorblat")]
    assert "(6):" in listed
    assert " 6. Fernando Aramayo: más allá de la DEA" in listed
    assert (
        "    https://www.infobae.com/america/america-latina/2026/02/05/el-canciller-de-bolivia"
        in listed
    )


def test_on_a_terminal_code_spans_are_bold_and_lines_fit_its_width(tmp_path: Path) -> None:
    env = {k: v for k, v in clean_env(TERM="xterm").items() if k not in {"COLUMNS", "NO_COLOR"}}
    console = ConsoleProcess(env, tmp_path, "--knowledge", str(KNOWLEDGE), columns=72)
    try:
        console.wait_for("> ")
        console.send("zorblat")
        start = console.wait_for("Try \x1b[1m/readout list\x1b[22m to see everything")
        console.send(MANY_SOURCES)
        end = console.wait_for("Share in channel", after=start)
    finally:
        assert console.quit() == 0
    shown = console.output[: end + 40].replace("\x1b[1m", "").replace("\x1b[22m", "")
    assert "`" not in shown
    assert all(len(line) <= 72 or len(line.split()) == 1 for line in shown.splitlines()), shown


def test_the_curators_bench(tmp_path: Path, knowledge: Path) -> None:
    """Hot reload, a broken edit, admin subcommands, a vote and a gap, then the command line."""
    alpha = knowledge / "terms" / "alpha.yaml"
    env = clean_env(COLUMNS="120")  # READOUT_DATABASE_URL unset: the default, ./readout.db
    console = ConsoleProcess(env, tmp_path, "--knowledge", str(knowledge))
    try:
        console.wait_for("quit to leave")
        console.send("zorblat")
        at = console.wait_for("does not cover “zorblat”")

        # Saved with a new alias: the console says it reloaded (rewritten until the watcher,
        # which starts in the background, has seen it), and the next question finds it.
        deadline = time.monotonic() + 60
        while "✅ Knowledge base reloaded" not in console.output[at:]:
            assert time.monotonic() < deadline, console.output
            alpha.write_text(term("alpha", "Alpha Centauri", aliases="[zorblat]"))
            time.sleep(0.5)
        at = console.wait_for("✅ Knowledge base reloaded 0 readouts, 2 terms", after=at)
        console.send("zorblat")
        at = console.wait_for("Alpha Centauri\n==============", after=at)
        console.send("- the summary is too short")
        at = console.wait_for("Thanks — noted; the curators will look at it.", after=at)

        # A broken edit keeps the last good base, says why, and lists where.
        alpha.write_text(
            term("alpha", "Alpha Centauri", aliases="[zorblat]").replace("summary", "sumary")
        )
        at = console.wait_for("⚠️ Kept the last good knowledge base: reload failed with", after=at)
        at = console.wait_for("knowledge/terms/alpha.yaml:7:1: unknown field 'sumary'", after=at)
        console.send("zorblat")
        at = console.wait_for("Alpha Centauri\n==============", after=at)

        console.send("/readout status")
        at = console.wait_for("Readout status", after=at)
        at = console.wait_for("Last load failed", after=at)
        console.send("/readout gaps")
        at = console.wait_for("1× zorblat", after=at)
        alpha.write_text(term("alpha", "Alpha Centauri", aliases="[zorblat]"))
        console.send("reload")  # bare, as a curator types it
        at = console.wait_for("✅ Knowledge base reloaded", after=at)
    finally:
        assert console.quit() == 0

    assert "Sorry" not in console.output  # the console's user is an admin
    gaps = _readout(tmp_path, "gaps")
    assert "1x  zorblat" in gaps
    feedback = _readout(tmp_path, "feedback")
    assert "alpha" in feedback
    assert "the summary is too short" in feedback


def _readout(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(),
        timeout=120,
        check=True,
    )
    return result.stdout


SLACK_MODULES = """
import sys
from bot.cli import main
code = main(["console", "--knowledge", sys.argv[1]])
print(sorted(m for m in sys.modules if m.split(".")[0] in {"slack_bolt", "slack_sdk"}))
"""


def test_a_console_session_loads_no_slack_library(tmp_path: Path, knowledge: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SLACK_MODULES, str(knowledge)],
        input="alpha centauri\n+\nsources\n/readout status\n/readout reload\n/readout gaps\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=180,
        check=True,
    )
    assert "Readout status" in result.stdout
    assert "Thanks — glad it helped." in result.stdout
    assert result.stdout.rstrip().endswith("[]")
