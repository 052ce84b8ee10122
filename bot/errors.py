"""The one exception tree Readout raises on purpose.

ReadoutError
├── ConfigError        a setting or option is missing or malformed (exit code 2)
├── KnowledgeError     the knowledge base does not load; carries every Problem found
└── StoreError         the database cannot be opened or migrated (READOUT_DATABASE_URL)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ReadoutError(Exception):
    """Base of every error Readout reports to a person as one plain sentence."""


class ConfigError(ReadoutError):
    """A setting (environment variable) or command-line option is missing or malformed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one knowledge file, with where it is (line 0: the file or directory as
    a whole, shown without a line and column)."""

    path: str
    line: int
    col: int
    message: str
    entry_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        suffix = f" (entry '{self.entry_id}')" if self.entry_id else ""
        return f"{where}: {self.message}{suffix}"


class KnowledgeError(ReadoutError):
    """The knowledge base failed to load; `problems` lists every problem, sorted by place."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        self.problems = sorted(problems)
        self.root = root
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"the knowledge base has {count} {noun}")

    def format(self) -> str:
        """Every problem on its own line, then a one-line count."""
        lines = [str(p) for p in self.problems]
        lines.append(str(self))
        return "\n".join(lines)


class StoreError(ReadoutError):
    """The database named by READOUT_DATABASE_URL cannot be opened, reached or migrated."""
