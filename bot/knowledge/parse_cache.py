"""Validated entries by the hash of their file's text, so a reload does work only for edits.

Parsing is most of the cost of a load (PyYAML builds a node per value). Within one process, a
file whose text is unchanged reuses the immutable entry validated from that same text before;
the cross-file checks (ids, titles, aliases, related, follow-ups) always run over every file.
"""

from __future__ import annotations

import hashlib

from bot.knowledge.models import Entry


class ParseCache:
    """Entries validated from file texts in this process, keyed by a hash of the text."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._paths: dict[str, str] = {}
        self._seen_paths: set[str] = set()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def key(text: str) -> str:
        """The cache key of a file's text."""
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def entry(self, key: str) -> Entry | None:
        """The entry validated from the text with this key, if any (counted as a hit or miss)."""
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def remember(self, key: str, entry: Entry, path: str | None = None) -> None:
        """Keep the entry validated from the text with this key (entries are immutable), and
        which file held that text."""
        self._entries[key] = entry
        if path is not None:
            self._paths[path] = key
            self._seen_paths.add(path)

    def entry_at(self, path: str) -> Entry | None:
        """The entry last validated from the file at `path`, without reading the file: for a
        watcher that knows which files changed. None when the file was not seen before."""
        key = self._paths.get(path)
        entry = self._entries.get(key) if key is not None else None
        if key is not None and entry is not None:
            self._used.add(key)
            self._seen_paths.add(path)
            self.hits += 1
        return entry

    def prune(self) -> None:
        """Forget texts not seen since the last prune (files edited or removed)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._paths = {p: k for p, k in self._paths.items() if p in self._seen_paths}
        self._used = set()
        self._seen_paths = set()
