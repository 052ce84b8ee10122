"""Match a question to the knowledge base: `Matcher(kb).match(text) -> MatchResult`.

An exact id, title, alias or follow-up question (any word order, filler removed) wins outright.
Otherwise targets are gathered through the index and scored (scoring.py), and the decision is
`answer` when the best clears the threshold and nothing else is within the margin, `ambiguous`
when others are too close to call, and `none` below the threshold. Two rules pick among close
candidates: when several readouts match for the same reason (a topic tag such as `bolivia`, or a
date) the newest answers and the rest are listed; words like 'latest' prefer the newest readout.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.search.candidates import gather
from bot.search.index import SearchIndex, exact_key, index_for
from bot.search.normalize import Normalized, normalize, phrase
from bot.search.scoring import Scored, prepare, score
from bot.search.timeframe import Intent, read_intent
from bot.search.types import Candidate, Decision, MatchResult

LATEST_SCORE = 95.0
"""The score of a readout found only because the question asked for the latest ones."""


@dataclass(frozen=True)
class MatchSettings:
    """How sure the matcher must be. Defaults are those of bot.config.Settings."""

    threshold: float = 70.0
    """Below this score nothing is answered."""
    margin: float = 6.0
    """Candidates within this many points of the best are too close to call."""
    limit: int = 5
    """Candidates returned (an ambiguous answer offers the first three)."""
    pool: int = 48
    """Targets scored in full per question, after the index's first pass."""
    others: int = 10
    """Other readouts listed with a topic answer."""

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchSettings:
        return cls(threshold=settings.match_threshold, margin=settings.match_margin)


class Matcher:
    """Answers questions from one knowledge base; cheap to create (the index is cached per base)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        settings: MatchSettings | None = None,
        *,
        index: SearchIndex | None = None,
    ) -> None:
        """`index` is the index of `kb` when the caller built it (by default, `index_for(kb)`)."""
        self.kb = kb
        self.settings = settings or MatchSettings()
        self.index: SearchIndex = index if index is not None else index_for(kb)

    def match(self, question: str) -> MatchResult:
        """The verdict on one question; never raises for any text."""
        normalized = normalize(question)
        intent = read_intent(normalized.tokens)
        exact = self._exact(normalized)
        scored = self._scored(intent, normalized.optional)
        if exact:
            seen = {s.index for s in exact}
            scored = exact + [s for s in scored if s.index not in seen]
        decision, ranked, others = self._decide(scored, intent, exact_hits=len(exact))
        limit = max(self.settings.limit, 3)
        return MatchResult(
            question=question,
            normalized=normalized.text,
            decision=decision,
            candidates=tuple(self._candidate(s) for s in ranked[:limit]),
            others=tuple(self.index.targets[i].id for i in others),
        )

    def _exact(self, normalized: Normalized) -> list[Scored]:
        """An id, or a title, alias or follow-up question with the same words as the question;
        when several have the same words, those written exactly as asked come first."""
        for text in normalized.ids:
            found = self.index.lookup_id(text)
            if found is not None and (_generated(text) or phrase(text) == normalized.phrase):
                return [Scored(found, 100.0, "id", self.index.targets[found].id)]
        key = exact_key(normalized.tokens)
        hits = self.index.exact(key) if key else ()
        out: list[Scored] = []
        verbatim: list[Scored] = []
        for position in hits[: self.settings.pool]:
            fields = [f for f in self.index.targets[position].fields if exact_key(f.tokens) == key]
            if not fields:
                continue
            same = [f for f in fields if phrase(f.text) == normalized.phrase]
            field = (same or fields)[0]
            (verbatim if same else out).append(Scored(position, 100.0, field.name, field.text))
        return verbatim or out

    def _scored(self, intent: Intent, optional: tuple[str, ...]) -> list[Scored]:
        pool = self.settings.pool
        if not intent.tokens:
            if not intent.recent:
                return []
            latest = self.index.newest_readouts(pool)
            return [Scored(i, LATEST_SCORE, "date", "latest") for i in latest]
        query = prepare(self.index, intent.tokens, intent.timeframe, optional)
        found = [score(self.index, i, query) for i in gather(self.index, query, pool)]
        found = [s for s in found if s.score > 0]
        if intent.readouts_only:
            kinds = ("readout",) if intent.recent else ("readout", "follow-up")
            wanted = [s for s in found if self.index.targets[s.index].kind in kinds]
            found = wanted or found
        found.sort(key=lambda s: (-s.score, s.index))
        return found

    def _decide(
        self, scored: list[Scored], intent: Intent, exact_hits: int
    ) -> tuple[Decision, list[Scored], list[int]]:
        threshold, margin = self.settings.threshold, self.settings.margin
        if not scored or scored[0].score < threshold:
            return Decision.NONE, scored, []
        top = scored[0]
        if exact_hits == 1:
            return Decision.ANSWER, scored, []
        group = scored[:exact_hits] if exact_hits else [
            s for s in scored if s.score >= top.score - margin
        ]  # fmt: skip
        targets = self.index.targets
        if len({self._family(s.index) for s in group}) == 1:
            return Decision.ANSWER, scored, []
        dated = [s for s in group if targets[s.index].kind != "term"]
        if intent.recent and dated:
            return self._topic(scored, dated)
        peers = [s for s in dated if (s.field, s.matched) == (top.field, top.matched)]
        if exact_hits > 1:
            peers = dated
        if targets[top.index].kind != "term" and len({self._family(s.index) for s in peers}) > 1:
            return self._topic(scored, peers)
        return Decision.AMBIGUOUS, scored, []

    def _topic(
        self, scored: list[Scored], peers: list[Scored]
    ) -> tuple[Decision, list[Scored], list[int]]:
        """The newest of `peers` answers; the others are listed, newest first."""
        ordered = sorted(peers, key=lambda s: s.index)
        answer = ordered[0]
        others = [s.index for s in ordered[1 : 1 + self.settings.others]]
        rest = [s for s in scored if s.index != answer.index]
        return Decision.ANSWER, [answer, *rest], others

    def _family(self, position: int) -> int:
        parent = self.index.parents[position]
        return position if parent is None else parent

    def _candidate(self, scored: Scored) -> Candidate:
        target = self.index.targets[scored.index]
        return Candidate(
            target_id=target.id,
            title=target.title,
            kind=target.kind,
            score=scored.score,
            field=scored.field,
            matched=scored.matched,
        )


def _generated(text: str) -> bool:
    """Ids with a digit or a '#' are never ordinary hyphenated words ('critical-minerals' may
    be, so it counts as an id only when it is the whole question)."""
    return "#" in text or any(char.isdigit() for char in text)
