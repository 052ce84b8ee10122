"""A local console that answers like the Slack app, with no Slack: type what you would type in
Slack and read the reply rendered as text. Needs no tokens and imports no Slack library."""

from __future__ import annotations

import re
from typing import Any, TextIO

from bot.render.catalog import build_home_view
from bot.render.text import buttons, render_text
from bot.slack.deps import Knowledge, KnowledgeProvider
from bot.slack.incoming import parse_command
from bot.slack.replies import ClickedOn, answer_click, answer_command, answer_conversation

LOCAL_USER = "U0LOCAL"
_MENTION = re.compile(r"^@\S+\s*", re.IGNORECASE)
HELP = """Type what you would type in Slack:
  /readout <question>      the slash command (only you would see the answer)
  /readout list [tag]      everything Readout knows; /readout help for how to ask
  @readout <question>      a mention in a channel (answered in a thread)
  <question>               a direct message to Readout
  <number>                 click that button in the last reply
  home                     the App Home tab
  quit                     leave"""
_NOTES = {
    "command": "(only you can see this)",
    "mention": "(in a thread under your message)",
    "dm": "(in your DM with Readout)",
    "replace": "(replaces the message above)",
    "new": "(a new message only you can see)",
    "in_channel": "(posted in the channel for everyone)",
    "home": "(the App Home tab)",
}


class Console:
    """One conversation: remembers the last reply's buttons so a number can click one."""

    def __init__(self, knowledge: KnowledgeProvider, *, fuzzy_below: float = 100.0) -> None:
        self.knowledge = knowledge
        self.fuzzy_below = fuzzy_below
        self.last_buttons: list[dict[str, Any]] = []
        self.last_place: ClickedOn = "dm"

    def reply(self, line: str) -> str | None:
        """The rendered reply to one line of input; None means quit."""
        line = line.strip()
        lowered = line.casefold()
        if lowered in {"quit", "exit", ":q"}:
            return None
        if not line or lowered in {"help", "?"}:
            return HELP
        current = self.knowledge()
        if line.isdigit():
            return self._click(current, int(line))
        if lowered == "home":
            return self._show(build_home_view(current.kb), "home", "home")
        if lowered.startswith("/readout"):
            command = parse_command(line[len("/readout") :].strip())
            answered = answer_command(current, command, fuzzy_below=self.fuzzy_below)
            return self._show(answered.message, "command", "ephemeral")
        surface = "mention" if _MENTION.match(line) else "dm"
        question = _MENTION.sub("", line) if surface == "mention" else line
        answered = answer_conversation(current, question, fuzzy_below=self.fuzzy_below)
        return self._show(answered.message, surface, "channel" if surface == "mention" else "dm")

    def _click(self, current: Knowledge, number: int) -> str:
        if not 1 <= number <= len(self.last_buttons):
            return f"There is no button {number} in the last reply."
        chosen = self.last_buttons[number - 1]
        click = answer_click(
            current.kb,
            chosen["action_id"],
            chosen.get("value"),
            user_id=LOCAL_USER,
            clicked_on=self.last_place,
            fuzzy_below=self.fuzzy_below,
        )
        if click is None:
            return "That button does nothing here."
        return self._show(dict(click.message), click.mode, self._lands_on(click.mode))

    def _lands_on(self, mode: str) -> ClickedOn:
        """Where a click's reply lands: in the channel, in place, or privately (a new ephemeral
        message, or a DM when the click came from App Home)."""
        if mode == "in_channel":
            return "channel"
        if mode == "dm":
            return "dm"
        if mode == "replace":
            return self.last_place
        return "dm" if self.last_place == "home" else "ephemeral"

    def _show(self, message: Any, surface: str, place: ClickedOn) -> str:
        self.last_buttons = buttons(message.get("blocks") or [])
        self.last_place = place
        return f"{_NOTES[surface]}\n{render_text(message)}"


def run_console(
    knowledge: KnowledgeProvider,
    stdin: TextIO,
    stdout: TextIO,
    *,
    banner: str = "",
    fuzzy_below: float = 100.0,
) -> int:
    """Read lines until `quit` or end of input, printing each reply."""
    console = Console(knowledge, fuzzy_below=fuzzy_below)
    interactive = stdin.isatty()
    if banner:
        print(banner, file=stdout)
    print("Type `help` for what you can type, `quit` to leave.", file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        if not interactive:
            print(f"> {line.rstrip()}", file=stdout)
        reply = console.reply(line)
        if reply is None:
            break
        print(reply + "\n", file=stdout, flush=True)
    return 0
