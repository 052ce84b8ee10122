"""A matcher stand-in for tests that are about Slack, not about matching."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.search.types import Candidate, Decision, MatchResult
from bot.slack.deps import FixedKnowledge


class TitleMatcher:
    """Answers when the question contains an entry's id or title; `none` otherwise."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def match(self, text: str) -> MatchResult:
        wanted = text.casefold()
        found = [
            Candidate(e.id, e.title, e.kind, 100.0, "title", e.title)
            for e in self.kb
            if e.id in wanted or e.title.casefold() in wanted
        ]
        decision = Decision.ANSWER if len(found) == 1 else Decision.AMBIGUOUS
        return MatchResult(text, wanted, decision if found else Decision.NONE, tuple(found))


def knowledge(kb: KnowledgeBase) -> FixedKnowledge:
    return FixedKnowledge(kb, TitleMatcher(kb))
