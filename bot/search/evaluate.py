"""Answer-quality evaluation: a YAML list of questions with the answers they must get.

Each item is `{question: str, expect: id | [ids] | null}` (optionally `kind` and `note`, kept for
reports). Four figures describe a run (`EvalReport`):

- *answered*: answerable questions whose answer is one of their ids;
- *offered*: answerable questions answered right, or whose right entry is among the suggestions
  shown instead (the buttons of "did you mean" or "nearest topics");
- *wrong*: confident answers with an entry not expected, out-of-scope questions included, over
  every question;
- *refused*: out-of-scope questions (`expect: null`) that got no answer (suggestions are not one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ReadoutError
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.yaml_source import YamlSyntaxError, locate, parse
from bot.search.types import Decision, MatchResult

_KEYS = {"question", "expect", "kind", "note"}


class EvalFileError(ReadoutError):
    """The question file cannot be read or is not a list of {question, expect} items."""


@dataclass(frozen=True)
class EvalItem:
    question: str
    expect: tuple[str, ...]
    """Acceptable target ids; empty means the question must get no answer."""
    kind: str = ""
    line: int = 0


@dataclass(frozen=True)
class Outcome:
    item: EvalItem
    decision: Decision
    answer: str | None
    """The answered id, or None."""
    offered: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()
    """The readouts given when the question got a list."""

    @property
    def correct(self) -> bool:
        """Answered with an expected id (a list: exactly the expected ids), or (out of scope)
        not answered at all."""
        if self.listed:
            return set(self.listed) == set(self.item.expect)
        if not self.item.expect:
            return self.answer is None
        return self.answer in self.item.expect

    @property
    def confident(self) -> bool:
        """An answer or a list was given (not "did you mean" or "not covered")."""
        return self.answer is not None or bool(self.listed)

    @property
    def was_offered(self) -> bool:
        """Answered right, or an expected id is among the suggestions or the list shown."""
        if self.correct:
            return True
        if self.answer is not None:
            return False
        return any(target in self.item.expect for target in (*self.offered, *self.listed))


@dataclass
class EvalReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def accuracy(self) -> float:
        """Right answers and right refusals over every question (one number, for benchmarks)."""
        return sum(o.correct for o in self.outcomes) / self.total if self.outcomes else 0.0

    @property
    def answered(self) -> float:
        return _share(sum(o.correct for o in self.answerable), len(self.answerable))

    @property
    def offered(self) -> float:
        return _share(sum(o.was_offered for o in self.answerable), len(self.answerable))

    @property
    def wrong_share(self) -> float:
        return _share(len(self.wrong), self.total)

    @property
    def refused(self) -> float:
        """1.0 when the set has no out-of-scope question."""
        refusable = self.refusable
        return _share(sum(o.correct for o in refusable), len(refusable)) if refusable else 1.0

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.item.expect]

    @property
    def refusable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.item.expect]

    @property
    def wrong(self) -> list[Outcome]:
        """Confident answers that were not acceptable, out-of-scope questions included; a list
        is wrong when none of its readouts is expected."""
        return [o for o in self.outcomes if o.confident and not o.correct and not o.was_offered]

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def load_questions(path: Path, kb: KnowledgeBase | None = None) -> list[EvalItem]:
    """The items in `path`; EvalFileError (one sentence, with file:line) when it is malformed or,
    given `kb`, names an id the knowledge base does not have."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise EvalFileError(f"cannot read the question file {path}: {reason}.") from None
    try:
        data = parse(text)
    except YamlSyntaxError as exc:
        raise EvalFileError(f"{path}:{exc.line}:{exc.col}: {exc.message}.") from None
    if not isinstance(data, list) or not data:
        raise EvalFileError(
            f"{path}: the file should be a non-empty YAML list of {{question, expect}} items."
        )
    positions = locate(text)
    items = []
    for number, raw in enumerate(data):
        line = positions.of_value((number,))[0]
        where = f"{path}:{line}: item {number + 1}"
        items.append(_item(raw, where, line, kb))
    return items


def _item(raw: object, where: str, line: int, kb: KnowledgeBase | None) -> EvalItem:
    if not isinstance(raw, dict):
        raise EvalFileError(f"{where} should be a mapping with 'question' and 'expect'.")
    unknown = sorted(str(k) for k in raw if k not in _KEYS)
    if unknown:
        raise EvalFileError(f"{where} has an unknown key '{unknown[0]}'; use question and expect.")
    question = raw.get("question")
    if not isinstance(question, str):
        raise EvalFileError(f"{where} needs a 'question' that is text.")
    if "expect" not in raw:
        raise EvalFileError(f"{where} needs 'expect': an id, a list of ids, or null.")
    expect = raw["expect"]
    ids = [expect] if isinstance(expect, str) else expect if expect is not None else []
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        raise EvalFileError(f"{where}: 'expect' must be an id, a list of ids, or null.")
    if kb is not None:
        missing = [i for i in ids if i not in kb]
        if missing:
            raise EvalFileError(f"{where} expects '{missing[0]}', which the knowledge base lacks.")
    return EvalItem(question, tuple(ids), str(raw.get("kind") or ""), line)


def evaluate(items: list[EvalItem], match: Callable[[str], MatchResult]) -> EvalReport:
    """Ask every question and keep what came back."""
    report = EvalReport()
    for item in items:
        result = match(item.question)
        answer = result.answer.target_id if result.answer else None
        if result.decision is Decision.LIST:
            listed = tuple(c.target_id for c in result.candidates)
            report.outcomes.append(Outcome(item, result.decision, None, (), listed))
            continue
        offered = tuple(c.target_id for c in result.candidates[:3])
        report.outcomes.append(Outcome(item, result.decision, answer, offered))
    return report
