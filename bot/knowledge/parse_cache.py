"""Parsed and validated files by content hash, so a reload does work only for changed files.

Parsing is most of the cost of a load (PyYAML builds a node per value). Within one process, a
file whose text is unchanged reuses the immutable entry validated from that same text before;
the cross-file checks (ids, aliases, related, follow-ups) always run over every file. The parsed
data (not the validated entries) can also be kept in a JSON file so that a restarted process skips
parsing but still validates every file; a missing, stale or corrupt cache file is ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.models import Entry

log = logging.getLogger(__name__)

_FORMAT = f"readout-parse-cache/1 pyyaml/{yaml.__version__}"


class ParseCache:
    """Plain data parsed from YAML text, keyed by a hash of the text."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._data: dict[str, Any] = {}
        self._entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._read(path)

    def __len__(self) -> int:
        return len(self._data)

    @staticmethod
    def key(text: str) -> str:
        """The cache key of a file's text."""
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def entry(self, key: str) -> Entry | None:
        """The entry validated in this process from the text with this key, if any."""
        entry = self._entries.get(key)
        if entry is not None:
            self._used.add(key)
            self.hits += 1
        return entry

    def remember(self, key: str, entry: Entry) -> None:
        """Keep the entry validated from the text with this key (entries are immutable)."""
        self._entries[key] = entry

    def parse(self, key: str, text: str, parse: Callable[[str], Any]) -> Any:
        """`parse(text)`, or the data parsed from the same text before. Parse errors propagate
        and are not cached, so a broken file is reported every time."""
        self._used.add(key)
        if key in self._data:
            self.hits += 1
            return self._data[key]
        self.misses += 1
        data = parse(text)
        if _json_safe(data):
            self._data[key] = data
        return data

    def prune(self) -> None:
        """Forget texts not seen since the last prune (files edited or removed)."""
        self._data = {k: v for k, v in self._data.items() if k in self._used}
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def save(self) -> None:
        """Write the cache file atomically; a failure is logged, never raised."""
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"format": _FORMAT, "data": self._data}), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:
            log.warning("could not write the parse cache %s: %s", self.path, exc)
            tmp.unlink(missing_ok=True)

    def _read(self, path: Path) -> None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("format") == _FORMAT:
            data = stored.get("data")
            if isinstance(data, dict):
                self._data = data


def _json_safe(data: Any) -> bool:
    """True when `data` survives a JSON round trip unchanged (only then may it be cached)."""
    if data is None or isinstance(data, str | bool | int | float):
        return True
    if isinstance(data, list):
        return all(_json_safe(v) for v in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _json_safe(v) for k, v in data.items())
    return False
