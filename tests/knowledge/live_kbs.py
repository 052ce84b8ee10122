"""Knowledge files for LiveKnowledge tests, and a stand-in matcher that needs no search index."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.watch import LiveKnowledge
from bot.search.types import Candidate, Decision, MatchResult


class TitleMatcher:
    """A stand-in for bot.search's Matcher: answers with the entry whose title is the question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def match(self, text: str) -> MatchResult:
        for entry in self.kb:
            if entry.title.casefold() == text.casefold():
                found = Candidate(entry.id, entry.title, entry.kind, 100.0, "title", entry.title)
                return MatchResult(text, text.casefold(), Decision.ANSWER, (found,))
        return MatchResult(text, text.casefold(), Decision.NONE, ())


def term(entry_id: str, title: str, summary: str = "A test entry.") -> str:
    return f"""\
# yaml-language-server: $schema=../schema.json
id: {entry_id}
kind: term
category: concept
title: {title}
summary: {summary}
sources:
  - title: A page
    url: https://example.org/{entry_id}
    publisher: Example
reviewed: 2026-02-01
"""


def answer(live: LiveKnowledge, question: str) -> str | None:
    found = live.current().matcher.match(question).answer
    return found.target_id if found else None
