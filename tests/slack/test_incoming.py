"""Text as Slack sends it becomes the plain question; `/readout` text becomes a command."""

from __future__ import annotations

import pytest

from bot.slack.incoming import Command, clean_incoming, parse_command


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<@UBOT> who is Tommy Pigott?", "who is Tommy Pigott?"),
        ("<@UBOT|readout>   who   is\nhe", "who is he"),
        ("ask <@U42> about <#C1|general>", "ask @U42 about #general"),
        ("<@U42|ann> <!here> <!channel>", "@ann @here @channel"),
        (
            "see <https://evil.example|state.gov> and <https://a.example>",
            "see state.gov and https://a.example",
        ),
        ("<mailto:a@b.example|a@b.example>", "a@b.example"),
        ("&lt;!channel&gt; Q&amp;A", "<!channel> Q&A"),
        ("<!subteam^S1|@team> hi", "@team hi"),
    ],
)
def test_clean_incoming(raw: str, plain: str) -> None:
    assert clean_incoming(raw, "UBOT") == plain


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("", Command("help")),
        ("help", Command("help")),
        ("HELP", Command("help")),
        ("list", Command("list")),
        ("list bolivia", Command("list", "bolivia")),
        ("list of agreements signed", Command("question", "list of agreements signed")),
        ("help me understand the DEA", Command("question", "help me understand the DEA")),
        ("who is Tommy Pigott?", Command("question", "who is Tommy Pigott?")),
        ("status", Command("question", "status")),
    ],
)
def test_parse_command(text: str, command: Command) -> None:
    assert parse_command(text) == command


def test_extra_subcommands_are_recognised_by_name() -> None:
    assert parse_command("reload now", frozenset({"reload"})) == Command("extra", "now", "reload")
