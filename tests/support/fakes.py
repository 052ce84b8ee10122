"""A matcher stand-in for tests that are about Slack or reloading, not about matching."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.search.types import Candidate, Decision, MatchResult
from bot.slack.deps import FixedKnowledge


class TitleMatcher:
    """Answers with the one entry the question names, by containing its id or title; with
    `whole=True` only a question that is exactly an entry's title names it (so a renamed entry
    stops answering to its old title). Several named: ambiguous; none: `none`."""

    def __init__(self, kb: KnowledgeBase, *, whole: bool = False) -> None:
        self.kb = kb
        self.whole = whole

    @classmethod
    def whole_titles(cls, kb: KnowledgeBase) -> TitleMatcher:
        return cls(kb, whole=True)

    def match(self, text: str) -> MatchResult:
        wanted = text.casefold()
        found = [
            Candidate(e.id, e.title, e.kind, 100.0, "title", e.title)
            for e in self.kb
            if self._names(e.id, e.title.casefold(), wanted)
        ]
        decision = Decision.ANSWER if len(found) == 1 else Decision.AMBIGUOUS
        return MatchResult(text, wanted, decision if found else Decision.NONE, tuple(found))

    def _names(self, entry_id: str, title: str, wanted: str) -> bool:
        if self.whole:
            return title == wanted
        return entry_id in wanted or title in wanted


def knowledge(kb: KnowledgeBase) -> FixedKnowledge:
    return FixedKnowledge(kb, TitleMatcher(kb))
