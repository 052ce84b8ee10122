"""The knowledge base: an immutable set of entries, built once per load.

A reload never mutates a KnowledgeBase; it builds a new one and swaps one reference, so a request
that started on the old base finishes on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.knowledge.models import Entry, FollowUp, Readout, Source, Term
from bot.knowledge.synonyms import Synonyms

FOLLOW_UP_SEP = "#"


@dataclass(frozen=True)
class FollowUpRef:
    """A follow-up question together with the readout it belongs to."""

    readout: Readout
    follow_up: FollowUp

    @property
    def id(self) -> str:
        return f"{self.readout.id}{FOLLOW_UP_SEP}{self.follow_up.id}"

    @property
    def title(self) -> str:
        return self.follow_up.question

    @property
    def sources(self) -> tuple[Source, ...]:
        """The follow-up's own sources, else its readout's (a follow-up may cite none)."""
        return self.follow_up.sources or self.readout.sources


Target = Entry | FollowUpRef
"""Anything a question can be answered with: an entry or one readout's follow-up."""


class KnowledgeBase:
    """Entries with lookups by id, by tag and readouts by date. Read-only after construction."""

    __slots__ = (
        "_by_id",
        "_by_tag",
        "_entries",
        "_follow_ups",
        "_readouts",
        "_terms",
        "loaded_at",
        "root",
        "synonyms",
    )
    _entries: tuple[Entry, ...]
    _by_id: Mapping[str, Entry]
    _by_tag: Mapping[str, tuple[Entry, ...]]
    _readouts: tuple[Readout, ...]
    _terms: tuple[Term, ...]
    _follow_ups: Mapping[str, FollowUpRef]
    root: Path | None
    loaded_at: dt.datetime
    synonyms: Synonyms
    """The groups of knowledge/synonyms.yaml (empty without one)."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        root: Path | None = None,
        loaded_at: dt.datetime | None = None,
        synonyms: Synonyms = (),
    ) -> None:
        ordered = tuple(sorted(entries, key=lambda e: e.id))
        by_id: dict[str, Entry] = {}
        for entry in ordered:
            if entry.id in by_id:
                raise ValueError(f"duplicate entry id '{entry.id}'")
            by_id[entry.id] = entry
        by_tag: dict[str, list[Entry]] = {}
        for entry in ordered:
            for tag in entry.tags:
                by_tag.setdefault(tag, []).append(entry)
        readouts = tuple(
            sorted(
                (e for e in ordered if isinstance(e, Readout)),
                key=lambda r: (r.date, r.id),
                reverse=True,
            )
        )
        terms = tuple(
            sorted((e for e in ordered if isinstance(e, Term)), key=lambda t: t.title.casefold())
        )
        follow_ups = {
            ref.id: ref for r in readouts for ref in (FollowUpRef(r, f) for f in r.follow_ups)
        }
        set_ = object.__setattr__
        set_(self, "_entries", ordered)
        set_(self, "_by_id", MappingProxyType(by_id))
        set_(self, "_by_tag", MappingProxyType({k: tuple(v) for k, v in sorted(by_tag.items())}))
        set_(self, "_readouts", readouts)
        set_(self, "_terms", terms)
        set_(self, "_follow_ups", MappingProxyType(follow_ups))
        set_(self, "root", root)
        set_(self, "loaded_at", loaded_at or dt.datetime.now(dt.UTC))
        set_(self, "synonyms", tuple(synonyms))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("KnowledgeBase is immutable; build a new one instead")

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id or entry_id in self._follow_ups

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, sorted by id."""
        return self._entries

    @property
    def readouts(self) -> tuple[Readout, ...]:
        """Readouts, newest meeting first."""
        return self._readouts

    @property
    def terms(self) -> tuple[Term, ...]:
        """Terms, A to Z by title."""
        return self._terms

    @property
    def follow_ups(self) -> Mapping[str, FollowUpRef]:
        """Every follow-up by its `<readout-id>#<follow-up-id>`."""
        return self._follow_ups

    @property
    def tags(self) -> Mapping[str, tuple[Entry, ...]]:
        """Entries by tag, tags A to Z."""
        return self._by_tag

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def resolve(self, target_id: str) -> Target | None:
        """An entry id or a `<readout-id>#<follow-up-id>`, resolved; None when unknown."""
        if FOLLOW_UP_SEP in target_id:
            return self._follow_ups.get(target_id)
        return self._by_id.get(target_id)

    def by_tag(self, tag: str) -> tuple[Entry, ...]:
        """Entries carrying `tag`, sorted by id; empty when no entry has it."""
        return self._by_tag.get(tag, ())

    def summary_line(self) -> str:
        """'3 readouts, 13 terms, 9 follow-ups' for status lines and `readout validate`."""
        return (
            f"{_plural(len(self._readouts), 'readout')}, {_plural(len(self._terms), 'term')}, "
            f"{_plural(len(self._follow_ups), 'follow-up')}"
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
