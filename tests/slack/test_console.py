"""The local console answers like the Slack app, and a number clicks a button."""

from __future__ import annotations

import io

from bot.slack.console import Console
from bot.slack.console_session import run_console
from tests.support.fakes import knowledge
from tests.support.render_kbs import small_kb


def _console() -> Console:
    k = knowledge(small_kb())
    return Console(lambda: k)


def test_slash_command_mention_and_dm() -> None:
    console = _console()
    command = console.reply("/readout tommy pigott")
    assert command is not None
    assert command.startswith("(only you can see this)\nTommy Pigott")
    assert "Share in channel" in command
    mention = console.reply("@readout who is tommy pigott")
    assert mention is not None
    assert mention.startswith("(in a thread under your message)")
    assert "Share in channel" not in mention
    dm = console.reply("tommy pigott")
    assert dm is not None
    assert dm.startswith("(in your DM with Readout)")


def test_numbers_click_buttons() -> None:
    console = _console()
    console.reply("/readout tommy pigott")
    shared = console.reply("2")  # [1] the related readout, [2] Share in channel
    assert shared is not None
    assert shared.startswith("(posted in the channel for everyone)")
    assert "@U0LOCAL shared this answer" in shared
    related = console.reply("1")  # on the shared message everyone sees: answered privately
    assert related is not None
    assert related.startswith("(a new message only you can see)")
    assert "Secretary Alpha meets Minister Beta" in related
    console.reply("/readout tommy pigott")
    replaced = console.reply("1")  # on the asker's own reply: answered in its place
    assert replaced is not None
    assert replaced.startswith("(replaces the message above)")
    assert console.reply("99") == "There is no button 99 in the last reply."


def test_a_button_in_a_dm_answers_in_place() -> None:
    console = _console()
    console.reply("tommy pigott")  # a DM: only the asker sees it
    related = console.reply("1")
    assert related is not None
    assert related.startswith("(replaces the message above)")
    again = console.reply("1")  # still in the DM
    assert again is not None
    assert again.startswith("(replaces the message above)")
    listed = console.reply("list")
    assert listed is not None
    opened = console.reply("1")  # Open from a list in the DM: a message that stays
    assert opened is not None
    assert opened.startswith("(in your DM with Readout)")


def test_help_home_list_and_quit() -> None:
    console = _console()
    assert "/readout list [tag]" in (console.reply("help") or "")
    assert "What Readout knows" in (console.reply("home") or "")
    assert "Tagged people" in (console.reply("/readout list people") or "")
    assert console.reply("quit") is None


def test_run_console_reads_until_quit() -> None:
    k = knowledge(small_kb())
    out = io.StringIO()
    code = run_console(lambda: k, io.StringIO("/readout help\nquit\nnever read\n"), out)
    assert code == 0
    assert "> /readout help" in out.getvalue()
    assert "Ask Readout" in out.getvalue()
    assert "never read" not in out.getvalue()


def test_help_names_the_curators_commands() -> None:
    help_text = _console().reply("help") or ""
    for command in ("sources", "+ ", "- [what was wrong]", "/readout status", "/readout reload"):
        assert command in help_text
    assert "/readout gaps [days]" in help_text
    assert "`" not in help_text


def test_sources_and_votes_refer_to_the_answer_in_the_last_reply() -> None:
    console = _console()
    assert console.reply("sources") == (
        "There is no answer in the last reply: ask, then type sources."
    )
    console.reply("tommy pigott")
    listed = console.reply("sources") or ""
    assert listed.startswith("Sources of Tommy Pigott (1):")
    assert "https://" in listed
    console.reply("/readout list")  # not an answer: nothing to list or rate
    assert (console.reply("sources") or "").startswith("There is no answer in the last reply")
    assert console.reply("+") == "Votes are recorded by readout console, which keeps a database."
