"""One knowledge file's text as its Entry, or every problem in it at file:line:col.

The per-file half of a load: the YAML is parsed and validated on its own, and pydantic's errors
are worded for the admin who edits the file. ParsedFile keeps what the cross-file checks need to
locate their problems too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.errors import Problem
from bot.knowledge.layout import layout_problems
from bot.knowledge.models import Entry, EntryFile
from bot.knowledge.parse_cache import ParseCache
from bot.knowledge.yaml_source import Loc, Positions, YamlSyntaxError, locate, parse_with_spans

_VALUE_ERROR_PREFIX = re.compile(r"^(Value|Assertion) error, ")


@dataclass
class ParsedFile:
    """A file that validated on its own, kept with its text to locate cross-file problems."""

    path: Path
    shown: str
    text: str | None
    """None when the entry came from a ParseCache without reading the file."""
    entry: Entry
    _positions: Positions | None = None

    def where(self, loc: Loc) -> tuple[int, int]:
        if self._positions is None:
            try:
                text = self.text if self.text is not None else self.path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._positions = locate(text)
        return self._positions.of_key(loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        line, col = self.where(loc)
        return Problem(self.shown, line, col, message, self.entry.id)


def parse_entry_file(
    path: Path, shown: str, text: str, cache: ParseCache | None
) -> ParsedFile | list[Problem]:
    """The entry in `text` (read from `path`, shown to people as `shown`), or its problems.

    With a `cache`, a text validated before is not parsed again, and a new one is remembered."""
    key = cache.key(text) if cache is not None else ""
    if cache is not None:
        known = cache.entry(key)
        if known is not None:
            cache.remember(key, known, os.path.abspath(path))
            return ParsedFile(path, shown, text, known)
    try:
        data, spans = parse_with_spans(text)
    except YamlSyntaxError as exc:
        return [Problem(shown, exc.line, exc.col, exc.message)]
    if data is None:
        return [Problem(shown, 1, 1, "the file is empty; it should hold one entry")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        line, col = locate(text).of_value(())
        message = f"the file should hold one entry (a mapping of fields), not {kind}"
        return [Problem(shown, line, col, message)]
    entry_id = data.get("id") if isinstance(data.get("id"), str) else None
    layout = layout_problems(shown, text, spans, entry_id) if spans else []
    try:
        entry = EntryFile.model_validate(data).root
    except ValidationError as exc:
        positions = locate(text)
        errors = _without_echoes(exc.errors())
        return layout + [_from_pydantic(shown, e, positions, data, entry_id) for e in errors]
    if layout:
        return layout
    if cache is not None:
        cache.remember(key, entry, os.path.abspath(path))
    return ParsedFile(path, shown, text, entry)


def _without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop 'too short' on a list whose items already failed: pydantic counts only valid items,
    so one bad source would also report 'at least 1 item', which is noise."""
    failed_parents = {tuple(e["loc"][:-2]) for e in errors if len(e["loc"]) >= 2}
    failed_parents |= {tuple(e["loc"][:-1]) for e in errors if e["loc"]}
    return [
        e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in failed_parents)
    ]


def _from_pydantic(
    shown: str,
    error: ErrorDetails,
    positions: Positions,
    data: dict[str, Any],
    entry_id: str | None,
) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        line, col = positions.of_key(("kind",))
        found = data.get("kind")
        message = (
            "missing required field 'kind' (readout or term)"
            if found is None
            else f"field 'kind' must be 'readout' or 'term', not '{found}'"
        )
        return Problem(shown, line, col, message, entry_id)
    # The first element of a discriminated union's loc is the tag ('readout' / 'term').
    if loc and loc[0] in ("readout", "term"):
        loc = loc[1:]
    name = _dotted(loc)
    if kind == "extra_forbidden":
        line, col = positions.of_key(loc)
        parent = _dotted(loc[:-1])
        where = f" in {parent}" if parent else ""
        return Problem(shown, line, col, f"unknown field '{loc[-1]}'{where}", entry_id)
    if kind == "missing":
        line, col = positions.of_value(loc[:-1])
        parent = _dotted(loc[:-1])
        where = f" in {parent}" if parent else ""
        return Problem(shown, line, col, f"missing required field '{loc[-1]}'{where}", entry_id)
    line, col = positions.of_key(loc)
    message = _date_message(error) if kind.startswith("date_") else friendly(error["msg"])
    return Problem(shown, line, col, f"field '{name}': {message}", entry_id)


def _date_message(error: ErrorDetails) -> str:
    """What was written and the form wanted: pydantic alone says "invalid character in year"."""
    value = error["input"]
    if value is None:
        return "no date given; dates are written YYYY-MM-DD, e.g. 2026-02-04"
    written = str(value) if len(str(value)) <= 60 else f"{str(value)[:57]}..."
    reason = str(error.get("ctx", {}).get("error", ""))
    why = f" ({reason})" if "outside expected range" in reason else ""
    return f"'{written}' is not a date{why}; dates are written YYYY-MM-DD, e.g. 2026-02-04"


def friendly(message: str) -> str:
    """Pydantic's wording, minus internals an admin does not need (tuples are YAML lists)."""
    message = _VALUE_ERROR_PREFIX.sub("", message)
    return (
        message.replace("valid tuple", "list")
        .replace("Tuple should", "List should")
        .replace(" after validation", "")
    )


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
