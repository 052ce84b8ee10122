"""Knowledge files for LiveKnowledge tests."""

from __future__ import annotations

from bot.knowledge.watch import LiveKnowledge


def term(entry_id: str, title: str, summary: str = "A test entry.", *, aliases: str = "") -> str:
    """A term's file; `aliases` (a YAML list, e.g. "[zorblat]") adds a line after the title."""
    aliases_line = f"aliases: {aliases}\n" if aliases else ""
    return f"""\
# yaml-language-server: $schema=../schema.json
id: {entry_id}
kind: term
category: concept
title: {title}
{aliases_line}summary: {summary}
sources:
  - title: A page
    url: https://example.org/{entry_id}
    publisher: Example
reviewed: 2026-02-01
"""


def answer(live: LiveKnowledge, question: str) -> str | None:
    found = live.current().matcher.match(question).answer
    return found.target_id if found else None
