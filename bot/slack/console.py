"""A local console that answers like the Slack app, with no Slack: type what you would type in
Slack and read the reply rendered as text. Needs no tokens and imports no Slack library.

With a Workbench (`readout console`, `make run` without tokens) it is also the curator's test
bench: edits are hot-reloaded, `/readout status`, `reload` and `gaps` answer (the console's user
is an admin), and votes and unanswered questions go to the database `readout gaps` reads.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.knowledge.watch import ReloadResult
from bot.render.catalog import build_home_view
from bot.render.feedback import ACTION_VOTE_DOWN, ACTION_VOTE_UP, build_vote_thanks
from bot.render.ids import ACTION_ANSWER, ACTION_OPEN, ACTION_SHARE, action_base, decode_value
from bot.render.sources import sources_of
from bot.render.terminal import PLAIN, Terminal, finish, list_sources
from bot.render.text import buttons, render_text
from bot.slack.deps import Asked, CommandRequest, Knowledge, KnowledgeProvider, Voted
from bot.slack.incoming import Command, parse_command
from bot.slack.replies import (
    Answered,
    ClickedOn,
    ReplyStyle,
    answer_click,
    answer_command,
    answer_conversation,
)
from bot.slack.workbench import Workbench

LOCAL_USER = "U0LOCAL"
CONSOLE_CHANNEL = "D0CONSOLE"
"""Where the console's votes and questions are said to come from (a DM with Readout)."""
_MENTION = re.compile(r"^@\S+\s*", re.IGNORECASE)
_VOTE = re.compile(r"^(\+1?|👍|-1?|👎)(?:\s+(.*))?$", re.DOTALL)
HELP = """Type what you would type in Slack:
  /readout <question>      the slash command (only you would see the answer)
  /readout list [tag]      everything Readout knows; /readout help for how to ask
  @readout <question>      a mention in a channel (answered in a thread)
  <question>               a direct message to Readout
  <number>                 click that button in the last reply
  home                     the App Home tab
And what a curator needs (here you are an admin):
  sources                  every source of the last answer, with its full link
  +                        the last answer helped (👍; `readout feedback` counts it)
  - [what was wrong]       it did not (👎), with what was wrong if you like
  /readout status          what is served, the last failed reload, the database
  /readout reload          reload now (saved edits reload by themselves; the console says so)
  /readout gaps [days]     the questions answered badly or not at all (also `readout gaps`)
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


@dataclass(frozen=True)
class _Answer:
    """The answer in the last reply: what `sources`, `+` and `-` refer to."""

    target_id: str
    question: str | None
    key: str
    """Identifies this answer for votes: a second vote on it replaces the first, as in Slack."""


class Console:
    """One conversation: remembers the last reply's buttons so a number can click one, and the
    answer in it, so `sources` can list its sources and `+` / `-` rate it."""

    def __init__(
        self,
        knowledge: KnowledgeProvider,
        *,
        fuzzy_below: float = 100.0,
        workbench: Workbench | None = None,
        terminal: Callable[[], Terminal] = lambda: PLAIN,
    ) -> None:
        self.knowledge = knowledge
        self.fuzzy_below = fuzzy_below
        self.workbench = workbench
        self.terminal = terminal
        self.last_buttons: list[dict[str, Any]] = []
        self.last_place: ClickedOn = "dm"
        self.answer: _Answer | None = None
        self._session = f"console:{time.time_ns()}"
        self._answers = 0

    def reply(self, line: str) -> str | None:
        """The rendered reply to one line of input; None means quit."""
        line = line.strip()
        lowered = line.casefold()
        if lowered in {"quit", "exit", ":q"}:
            return None
        if not line or lowered in {"help", "?"}:
            return self.text(HELP)
        if lowered == "sources":
            return self._sources()
        vote = _VOTE.match(line)
        if vote:
            up = vote.group(1) in {"+", "+1", "👍"}
            return self._vote(up, (vote.group(2) or "").strip() or None)
        current = self.knowledge()
        if line.isdigit():
            return self._click(current, int(line))
        if lowered == "home":
            return self._show(build_home_view(current.kb), "home", "home")
        command = self._command(line)
        if command is not None:
            return self._run(current, command)
        surface = "mention" if _MENTION.match(line) else "dm"
        question = _MENTION.sub("", line) if surface == "mention" else line
        answered = answer_conversation(current, question, style=self._style)
        self._asked(question, answered)
        where: ClickedOn = "channel" if surface == "mention" else "dm"
        return self._show(answered.message, surface, where, _answered(answered))

    def reload_notice(self, result: ReloadResult[Any]) -> str:
        """One line saying what a hot reload loaded, or why it kept the last good base, then
        each problem as `file:line:col: message`."""
        said = "✅ Knowledge base" if result.ok else "⚠️ Kept the last good knowledge base:"
        lines = [f"{said} {result.summary()}.", *(f"  {p}" for p in result.problems)]
        return finish("\n".join(lines), self.terminal())

    @property
    def _feedback(self) -> bool:
        return self.workbench is not None

    @property
    def _style(self) -> ReplyStyle:
        return ReplyStyle(fuzzy_below=self.fuzzy_below, feedback=self._feedback)

    def _command(self, line: str) -> Command | None:
        """`/readout …`; or, for a curator's convenience, an admin subcommand typed bare
        (`status`, `reload`, `gaps 7`), which in a DM would otherwise be a question."""
        extra = self.workbench.subcommands if self.workbench else frozenset[str]()
        if line.casefold().startswith("/readout"):
            return parse_command(line[len("/readout") :].strip(), extra)
        bare = parse_command(line, extra)
        if bare.kind == "extra" and (not bare.argument or bare.argument.isdigit()):
            return bare
        return None

    def _run(self, current: Knowledge, command: Command) -> str:
        if command.kind == "extra" and self.workbench is not None:
            request = CommandRequest(command.name, command.argument, LOCAL_USER, CONSOLE_CHANNEL)
            return self._show(self.workbench.subcommand(request), "command", "ephemeral")
        answered = answer_command(current, command, style=self._style)
        self._asked(command.argument, answered)
        return self._show(answered.message, "command", "ephemeral", _answered(answered))

    def _click(self, current: Knowledge, number: int) -> str:
        if not 1 <= number <= len(self.last_buttons):
            return f"There is no button {number} in the last reply."
        chosen = self.last_buttons[number - 1]
        base = action_base(chosen["action_id"])
        if base in {ACTION_VOTE_UP, ACTION_VOTE_DOWN}:
            return self._vote(base == ACTION_VOTE_UP, None)
        click = answer_click(
            current.kb,
            chosen["action_id"],
            chosen.get("value"),
            user_id=LOCAL_USER,
            clicked_on=self.last_place,
            fuzzy_below=self.fuzzy_below,
            feedback=self._feedback,
        )
        if click is None:
            return "That button does nothing here."
        value = decode_value(chosen.get("value"))
        answered = base in {ACTION_ANSWER, ACTION_OPEN, ACTION_SHARE} and value is not None
        target = (value.target, value.question) if value is not None and answered else None
        return self._show(dict(click.message), click.mode, self._lands_on(click.mode), target)

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

    def _show(
        self,
        message: Any,
        surface: str,
        place: ClickedOn,
        answer: tuple[str, str | None] | None = None,
    ) -> str:
        """`message` as the terminal shows it; `answer` (its entry and question) when it is an
        answer, for `sources`, `+` and `-`."""
        self.last_buttons = buttons(message.get("blocks") or [])
        self.last_place = place
        self.answer = None
        if answer is not None:
            self._answers += 1
            self.answer = _Answer(*answer, key=f"{self._session}:{self._answers}")
        target = self.knowledge().kb.resolve(self.answer.target_id) if self.answer else None
        sources = sources_of(target) if target is not None else ()
        return f"{_NOTES[surface]}\n{render_text(message, self.terminal(), sources=sources)}"

    def _sources(self) -> str:
        target = self.knowledge().kb.resolve(self.answer.target_id) if self.answer else None
        if target is None:
            return self.text("There is no answer in the last reply: ask, then type `sources`.")
        return finish(list_sources(target.title, sources_of(target)), self.terminal())

    def _vote(self, up: bool, comment: str | None) -> str:
        if self.workbench is None:
            return self.text("Votes are recorded by `readout console`, which keeps a database.")
        if self.answer is None:
            return "There is no answer in the last reply to rate: ask a question first."
        answer = self.answer
        self.workbench.voted(
            Voted(
                answer.target_id,
                answer.question,
                LOCAL_USER,
                CONSOLE_CHANNEL,
                answer.key,
                up,
                comment if not up else None,
            )
        )
        thanks = build_vote_thanks(up)["text"]
        if not up and comment is None:
            thanks += " Say what was wrong, if you like: `- <what was wrong>`."
        return self.text(thanks)

    def _asked(self, question: str, answered: Answered) -> None:
        if self.workbench is not None and answered.result is not None:
            self.workbench.asked(
                Asked(question, "console", LOCAL_USER, CONSOLE_CHANNEL, answered.result)
            )

    def text(self, text: str) -> str:
        """The console's own words (mrkdwn: `code` shows in bold) laid out for the terminal."""
        return render_text({"text": text}, self.terminal())


def _answered(answered: Answered) -> tuple[str, str | None] | None:
    """The entry a reply answered with, and the question, when it is an answer."""
    result = answered.result
    found = result.answer if result is not None else None
    return (found.target_id, result.question) if found is not None and result else None
