"""Match a question to the knowledge base: `Matcher(kb).match(text) -> MatchResult`.

An exact id, title, alias or follow-up question (any word order, filler removed) wins outright.
Otherwise targets are gathered through the index and scored (scoring.py), and the verdict has
three honest tiers: `answer` when the best clears READOUT_MATCH_THRESHOLD and no other entry is
within READOUT_MATCH_MARGIN, or leads every other by READOUT_LEAD_MARGIN from
READOUT_LEAD_THRESHOLD (READOUT_CLEAR_THRESHOLD when every word of the question is known and
nothing it contradicts ranks above); `ambiguous` ("did you mean", up to three) when the best clears
READOUT_SUGGEST_THRESHOLD; `none` ("not covered", with the nearest topics) below that. A target
that contradicts the question (another country, person or date: asked.py) is never answered, at
most offered. A question asking for readouts in the plural gets the list (`listing.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.search.asked import Asked, read_asked
from bot.search.candidates import gather
from bot.search.entities import contradicts
from bot.search.index import SearchIndex, exact_key, index_for
from bot.search.lexicon import PARTICIPANT_TOKENS
from bot.search.listing import list_readouts
from bot.search.normalize import Normalized, normalize, phrase
from bot.search.scoring import Scored, prepare, score
from bot.search.timeframe import Intent, read_intent
from bot.search.types import Candidate, Decision, MatchResult

NEAREST_SHARE = 0.3
"""A "not covered" reply shows as nearest topics only matches scoring at least this share of
READOUT_SUGGEST_THRESHOLD: 'weather in paris' gets none."""
LISTED = 20
"""At most this many readouts in a list (the reply says how to narrow it)."""
LATEST_SCORE = 95.0
"""The score of a readout found only because the question asked for the latest ones."""
_DEFAULTS = Settings.model_fields


@dataclass(frozen=True)
class MatchSettings:
    """How sure the matcher must be; the defaults are bot.config.Settings' (one place)."""

    threshold: float = float(_DEFAULTS["match_threshold"].default)
    """A best score under this is not answered."""
    suggest: float = float(_DEFAULTS["suggest_threshold"].default)
    """A best score under this is not even offered as "did you mean" ("not covered")."""
    margin: float = float(_DEFAULTS["match_margin"].default)
    """Another entry within this many points of the best makes it "did you mean"."""
    lead: float = float(_DEFAULTS["lead_threshold"].default)
    """A best score from this up to `threshold` still answers when it leads by `lead_margin`."""
    lead_margin: float = float(_DEFAULTS["lead_margin"].default)
    clear: float = float(_DEFAULTS["clear_threshold"].default)
    """With every word of the question known and nothing it contradicts above, a lead of
    `lead_margin` answers from this score (even under `suggest`)."""
    limit: int = 5
    """Candidates returned (an ambiguous answer offers the first three)."""
    pool: int = 48
    """Targets scored in full per question, after the index's first pass."""
    others: int = 10
    """Other readouts listed with a topic answer."""

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchSettings:
        return cls(
            threshold=settings.match_threshold,
            suggest=settings.suggest_threshold,
            margin=settings.match_margin,
            lead=settings.lead_threshold,
            lead_margin=settings.lead_margin,
            clear=settings.clear_threshold,
        )


def lead_needed(score: float, settings: MatchSettings) -> float:
    """How far a best match scoring `score` (under `threshold`) must lead every other entry to
    answer: `lead_margin` up to `lead`, then less the surer the score, in a straight line down
    to `margin` at `threshold`, where the ordinary rule takes over."""
    if score <= settings.lead or settings.threshold <= settings.lead:
        return settings.lead_margin
    share = min(1.0, (score - settings.lead) / (settings.threshold - settings.lead))
    return settings.lead_margin + share * (settings.margin - settings.lead_margin)


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
        normalized = normalize(question, self.index.synonyms)
        intent = read_intent(normalized.tokens)
        asked = read_asked(question, normalized, self.index)
        if asked.participants:  # who took part: a readout's participants answer it
            intent = replace(intent, tokens=_without(intent.tokens, PARTICIPANT_TOKENS))
        exact = [s for s in self._exact(normalized) if not self._vetoed(s.index, asked)]
        scored, strangers = self._scored(intent, normalized.optional)
        if exact:
            seen = {s.index for s in exact}
            scored = exact + [s for s in scored if s.index not in seen]
        listing = asked.listing and not exact  # an alias typed whole names one entry, not a set
        listed = list_readouts(self.index, scored, intent, asked) if listing else None
        if listed is not None:
            decision, ranked, others = listed
        else:
            decision, ranked, others = self._decide(
                scored, intent, asked, exact_hits=len(exact), strangers=strangers
            )
        limit = LISTED if decision is Decision.LIST else max(self.settings.limit, 3)
        if decision is Decision.NONE:  # nearest topics only when they are somewhat near
            ranked = [s for s in ranked if s.score >= self.settings.suggest * NEAREST_SHARE]
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

    def _scored(self, intent: Intent, optional: tuple[str, ...]) -> tuple[list[Scored], int]:
        """The targets scored, best first, and how many of the question's words the knowledge
        base does not know."""
        pool = self.settings.pool
        if not intent.tokens:
            if not intent.recent:
                return [], 0
            latest = self.index.newest_readouts(pool)
            return [Scored(i, LATEST_SCORE, "date", "latest") for i in latest], 0
        query = prepare(self.index, intent.tokens, intent.timeframe, optional)
        found = [score(self.index, i, query) for i in gather(self.index, query, pool)]
        found = [s for s in found if s.score > 0]
        found = self._meeting_level(found)
        if intent.readouts_only:
            kinds = ("readout",) if intent.recent else ("readout", "follow-up")
            wanted = [s for s in found if self.index.targets[s.index].kind in kinds]
            found = wanted or found
        found.sort(key=lambda s: (-s.score, s.index))
        return found, query.strangers

    def _meeting_level(self, found: list[Scored]) -> list[Scored]:
        """A follow-up matched only by its readout's words (nothing of its own) is evidence for
        the meeting, not for its answer: it scores no more than its readout, or DEMOTED of its
        score when the readout was not scored."""
        parents = {s.index: s.score for s in found if self.index.parents[s.index] is None}
        out = []
        for item in found:
            parent = self.index.parents[item.index]
            if parent is not None and item.own < OWN_SHARE:
                ceiling = parents.get(parent, item.score * DEMOTED)
                if item.score > ceiling:
                    item = replace(item, score=ceiling)
            out.append(item)
        return out

    def _vetoed(self, position: int, asked: Asked) -> bool:
        """True when the target contradicts the question: it is about something else (another
        country or office: `_elsewhere`), or another meeting or person of the knowledge base (a
        person, a rank such as 'deputy', or a date it does not name)."""
        if self._elsewhere(position, asked):
            return True
        target = self.index.targets[position]
        if not asked.persons <= self.index.persons[position]:
            return True
        if target.kind != "term" and any(position not in self.index.roles[w] for w in asked.roles):
            return True  # 'the deputy secretary's meeting' is not the Secretary's
        return bool(asked.dates and target.dates and contradicts(asked.dates, target.dates))

    def _elsewhere(self, position: int, asked: Asked) -> bool:
        """True when the target names none of the countries or offices the question names, or
        is about another country than those it names."""
        target = self.index.targets[position]
        if not asked.countries <= target.countries:
            return True
        if asked.countries and target.about and not target.about & asked.countries:
            return True
        return bool(target.offices and not asked.offices <= target.offices)

    def _decide(
        self, scored: list[Scored], intent: Intent, asked: Asked, exact_hits: int, strangers: int
    ) -> tuple[Decision, list[Scored], list[int]]:
        settings = self.settings
        allowed = [s for s in scored if not self._vetoed(s.index, asked)]
        if not allowed:
            return Decision.NONE, scored, []
        top = allowed[0]
        # A clear lead: every word known and nothing contradicted above the best ('goldberg 2008')
        clear = not strangers and top is scored[0]
        leads = self._leads(top, allowed, settings.clear if clear else settings.lead)
        if top.score < settings.suggest and not leads:
            return Decision.NONE, scored, []
        if top.field in UNANCHORED_FIELDS:
            return Decision.AMBIGUOUS, scored, []  # only its text matched: no name, no title
        best = scored[0]
        outranked = not exact_hits and best.score > top.score + settings.margin
        if outranked and self._elsewhere(best.index, asked):
            # what the question matched best is about another country or office: the question
            # is likely about something else, and the rest is at most a suggestion
            return Decision.AMBIGUOUS, scored, []
        if exact_hits and len({self._family(s.index) for s in allowed[:exact_hits]}) == 1:
            # a title or alias typed whole: the entry a curator named it for, as it is
            return Decision.ANSWER, _unique([top, *scored]), []
        targets = self.index.targets
        close = [s for s in allowed if s.score >= top.score - settings.margin]
        people = [s for s in close if targets[s.index].person]
        if asked.who and len(people) == 1 and top.score >= settings.lead:
            return Decision.ANSWER, [people[0], *scored], []  # 'who is the spox
        recent = [s for s in close if targets[s.index].kind != "term"]
        if intent.recent and recent:  # 'latest rubio readout': the newest of those that fit
            return self._topic(scored, recent)
        if top.score < settings.threshold:
            if leads:
                return Decision.ANSWER, self._granular([top, *scored], asked), []
            return Decision.AMBIGUOUS, scored, []
        if exact_hits > 1:
            close = allowed[:exact_hits]
        if len({self._family(s.index) for s in close}) == 1:
            return Decision.ANSWER, self._granular([top, *scored], asked), []
        dated = [s for s in close if targets[s.index].kind != "term"]
        peers = [s for s in dated if (s.field, s.matched) == (top.field, top.matched)]
        if exact_hits > 1:
            peers = dated
        if targets[top.index].kind != "term" and len({self._family(s.index) for s in peers}) > 1:
            return self._topic(scored, peers)
        return Decision.AMBIGUOUS, scored, []

    def _leads(self, top: Scored, allowed: list[Scored], floor: float) -> bool:
        """True when `top` scores at least `floor` and leads every other entry (its own
        follow-ups aside) by the lead it needs at its score (`lead_needed`)."""
        family = self._family(top.index)
        rival = next((s.score for s in allowed if self._family(s.index) != family), 0.0)
        return top.score >= floor and top.score - rival >= lead_needed(top.score, self.settings)

    def _granular(self, ranked: list[Scored], asked: Asked) -> list[Scored]:
        """The answer at the right granularity: a readout's follow-up answers only when the
        question asks its own thing (the best such follow-up, when the top one was the readout
        or a follow-up named only by its readout's words); names and topic alone, or who took
        part, get the readout."""
        top = ranked[0]
        parent = self.index.parents[top.index]
        if parent is None and self.index.targets[top.index].kind == "readout":
            parent = top.index  # the readout itself: one of its follow-ups may be asked
        elif parent is None or top.own >= OWN_SHARE:
            return _unique(ranked)
        margin = SIBLING_MARGIN
        siblings = [
            s
            for s in ranked[1:]
            if self.index.parents[s.index] == parent
            and s.own >= OWN_SHARE
            and s.score >= top.score - margin
            and not self._vetoed(s.index, asked)
        ]
        if siblings and not asked.participants:
            return _unique([siblings[0], *ranked])
        if parent == top.index or self._vetoed(parent, asked):
            return _unique(ranked)
        readout = Scored(parent, top.score, "context", top.matched)
        return _unique([readout, *ranked])

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


UNANCHORED_FIELDS = frozenset({"summary"})
"""What matched when only an entry's text did (scoring._described_by): it can be offered, never
answered, without a name or title to anchor it."""

DEMOTED = 0.8
SIBLING_MARGIN = 25.0
"""A follow-up asked its own thing may answer instead of a sibling named only by its readout's
words up to this many points above it (those words lift every follow-up of the meeting)."""

OWN_SHARE = 0.05
"""A follow-up whose own words (in its question and aliases, not its readout's names) account
for less of the question than this is answered by its readout: the question named the meeting
(or asked who took part), not the follow-up's own thing."""


def _without(tokens: tuple[str, ...], words: frozenset[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t not in words) or tokens


def _unique(ranked: list[Scored]) -> list[Scored]:
    seen: set[int] = set()
    out = []
    for item in ranked:
        if item.index not in seen:
            seen.add(item.index)
            out.append(item)
    return out


def _generated(text: str) -> bool:
    """Ids with a digit or a '#' are never ordinary hyphenated words ('critical-minerals' may
    be, so it counts as an id only when it is the whole question)."""
    return "#" in text or any(char.isdigit() for char in text)
