"""What LiveKnowledge serves and reports: the Snapshot answered from, the ReloadResult of each
reload and the KnowledgeStatus for `/readout status`. Plain frozen values, never changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from bot.errors import Problem
from bot.knowledge.base import KnowledgeBase

M_co = TypeVar("M_co", covariant=True)
"""The matcher type built for each knowledge base (bot.search's, or a test's stand-in)."""


@dataclass(frozen=True)
class Snapshot(Generic[M_co]):
    """One knowledge base and its matcher, always used together; never changed."""

    kb: KnowledgeBase
    matcher: M_co
    revision: str | None
    """`git rev-parse --short HEAD` of the knowledge directory, when it is in a repository."""
    generation: int


@dataclass(frozen=True)
class ReloadResult(Generic[M_co]):
    ok: bool
    snapshot: Snapshot[M_co]
    """What is serving after this reload: the new snapshot, or the last good one."""
    problems: tuple[Problem, ...]
    seconds: float

    def summary(self) -> str:
        """One line for logs and replies."""
        kb = self.snapshot.kb
        if self.ok:
            return f"reloaded {kb.summary_line()} in {self.seconds:.2f} s"
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return (
            f"reload failed with {count} {noun}; still serving {kb.summary_line()} "
            f"loaded {kb.loaded_at:%Y-%m-%d %H:%M:%S} UTC"
        )


@dataclass(frozen=True)
class KnowledgeStatus:
    """For `/readout status`."""

    root: Path
    entries: int
    summary: str
    loaded_at: dt.datetime
    revision: str | None
    reloads: int
    failures: int
    last_failure_at: dt.datetime | None
    last_problems: tuple[Problem, ...]
    """The problems of the last failed load (kept after a later success, for reference)."""

    @property
    def failing(self) -> bool:
        """True when the newest load attempt failed (the served base is older than the files)."""
        return self.last_failure_at is not None and self.last_failure_at > self.loaded_at
