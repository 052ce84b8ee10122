"""What the matcher returns: ranked candidates, what matched, and a decision."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Decision(StrEnum):
    """`answer`: confident; `ambiguous`: plausible, offered as "did you mean" (not sure, or
    too close to call); `none`: not covered (the nearest topics are shown); `list`: the
    question asked for readouts in the plural, and these are they (the candidates)."""

    ANSWER = "answer"
    AMBIGUOUS = "ambiguous"
    NONE = "none"
    LIST = "list"


@dataclass(frozen=True)
class Candidate:
    """One possible answer: an entry id or `<readout-id>#<follow-up-id>`, scored 0 to 100."""

    target_id: str
    title: str
    kind: str
    """'readout', 'term' or 'follow-up'."""
    score: float
    field: str
    """What matched: 'id', 'title', 'alias', 'tag', 'question', 'summary', 'date', ..."""
    matched: str
    """The text that matched (a title, an alias, a follow-up question...)."""


@dataclass(frozen=True)
class MatchResult:
    """The matcher's verdict on one question."""

    question: str
    normalized: str
    decision: Decision
    candidates: tuple[Candidate, ...]
    """Best first. With `answer` the first is the answer; with `ambiguous` offer up to three."""
    others: tuple[str, ...] = ()
    """Other readout ids on the same topic, newest first, when the question named a topic."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def answer(self) -> Candidate | None:
        """The answer when the decision is `answer`, else None."""
        return self.best if self.decision is Decision.ANSWER else None
