"""`readout console`'s loop: read a line, print the reply laid out for the terminal as it is now
(resizing it changes the next reply's width), and print hot reloads' notices as they come,
between replies, never inside one."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from typing import TextIO

from bot.knowledge.watch import ReloadResult
from bot.render.terminal import Terminal
from bot.slack.console import Console
from bot.slack.deps import Answerer, KnowledgeProvider
from bot.slack.workbench import Workbench

MIN_WIDTH = 20
_CLEAR_LINE = "\r\x1b[K"


def terminal_of(stream: TextIO) -> Terminal:
    """The width of the terminal (COLUMNS when set, else the terminal's own, else 80); bold only
    on a terminal that takes ANSI codes (not a pipe or a file, nor with NO_COLOR or TERM=dumb)."""
    columns = shutil.get_terminal_size((80, 24)).columns
    styled = stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return Terminal(width=max(columns, MIN_WIDTH), styled=styled, short_links=True)


def run_console(
    knowledge: KnowledgeProvider,
    stdin: TextIO,
    stdout: TextIO,
    *,
    banner: str = "",
    fuzzy_below: float = 100.0,
    workbench: Workbench | None = None,
    terminal: Callable[[], Terminal] | None = None,
) -> int:
    """Read lines until `quit` or end of input, printing each reply; with a `workbench`, watch
    the knowledge directory meanwhile and say what each reload did."""
    console = Console(
        knowledge,
        fuzzy_below=fuzzy_below,
        workbench=workbench,
        terminal=terminal or (lambda: terminal_of(stdout)),
    )
    interactive = stdin.isatty()
    prompting = interactive and stdout.isatty()
    lock = threading.Lock()

    def say(text: str, *, end: str = "\n") -> None:
        with lock:
            print(text, end=end, file=stdout, flush=True)

    def notice(result: ReloadResult[Answerer]) -> None:
        text = console.reload_notice(result)
        if prompting:  # over the prompt, then the prompt again
            say(f"{_CLEAR_LINE}{text}\n> ", end="")
        else:
            say(f"{text}\n")

    if banner:
        say(console.text(banner))
    say(console.text("Type `help` for what you can type, `quit` to leave."))
    if workbench is not None:
        workbench.watch(notice)
    while True:
        if interactive:
            say("> ", end="")
        line = stdin.readline()
        if not line:
            break
        if not interactive:
            say(f"> {line.rstrip()}")
        reply = console.reply(line)
        if reply is None:
            break
        say(reply + "\n")
    return 0
