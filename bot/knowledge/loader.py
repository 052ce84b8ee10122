"""Load a directory of YAML files into a KnowledgeBase, reporting every problem with file:line:col.

One entry per file. Each file is parsed and validated on its own; then the whole set is checked
for duplicate ids, aliases used by two entries, `related` ids that do not exist and follow-up ids
that collide. Any problem means no KnowledgeBase: a partial base is never returned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.errors import KnowledgeError, Problem
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Entry, EntryFile, Readout
from bot.knowledge.parse_cache import ParseCache
from bot.knowledge.yaml_source import Loc, Positions, YamlSyntaxError, locate, parse

SUFFIXES = (".yaml", ".yml")
_VALUE_ERROR_PREFIX = re.compile(r"^(Value|Assertion) error, ")
_NON_WORD = re.compile(r"[^\w]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass
class _Parsed:
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


def knowledge_files(root: Path) -> list[Path]:
    """Every *.yaml / *.yml file under `root`, recursively, in a stable order."""
    found: list[str] = []
    for folder, _dirs, names in os.walk(root):
        found.extend(os.path.join(folder, n) for n in names if n.endswith(SUFFIXES))
    return [Path(p) for p in sorted(found)]


def load_knowledge(
    root: Path,
    *,
    display_root: Path | None = None,
    cache: ParseCache | None = None,
    changed: Collection[str] | None = None,
) -> KnowledgeBase:
    """The knowledge base under `root`; raises KnowledgeError listing every problem found.

    File names in problems are shown relative to `display_root` (default: the current directory)
    when possible, so they can be clicked in a terminal or editor. With a `cache`, a file whose
    text is unchanged since an earlier load is not parsed or validated again; the cross-file
    checks still run over every file. With a cache and `changed` (absolute paths a file watcher
    reported), files not in `changed` are taken from the cache without being read at all.
    """
    if not root.is_dir():
        raise KnowledgeError(
            [
                Problem(
                    str(root),
                    0,
                    0,
                    "the knowledge directory does not exist; create it, or point "
                    "READOUT_KNOWLEDGE_DIR (or --knowledge) at the directory of YAML files",
                )
            ],
            root,
        )
    files = knowledge_files(root)
    if not files:
        shown_root = str(_display_prefix(root, display_root))
        raise KnowledgeError(
            [
                Problem(
                    shown_root, 0, 0, "no *.yaml or *.yml files found; is this the right directory?"
                )
            ],
            root,
        )
    problems: list[Problem] = []
    parsed: list[_Parsed] = []
    broken_ids: set[str] = set()  # ids of files with problems: not "missing" for `related`
    prefix, cut = str(_display_prefix(root, display_root)), len(str(root)) + 1
    for path in files:
        shown = os.path.join(prefix, str(path)[cut:]) if prefix != "." else str(path)[cut:]
        if cache is not None and changed is not None:
            absolute = os.path.abspath(path)
            known = cache.entry_at(absolute) if absolute not in changed else None
            if known is not None:
                parsed.append(_Parsed(path, shown, None, known))
                continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc}"))
            continue
        result = _parse_file(path, shown, text, cache)
        if isinstance(result, _Parsed):
            parsed.append(result)
        else:
            problems.extend(result)
            broken_ids.update(p.entry_id for p in result if p.entry_id)
    problems.extend(_cross_checks(parsed, broken_ids))
    if cache is not None:
        cache.prune()
    if problems:
        raise KnowledgeError(problems, root)
    return KnowledgeBase((p.entry for p in parsed), root=root, loaded_at=dt.datetime.now(dt.UTC))


def _display_prefix(root: Path, display_root: Path | None) -> Path:
    """How `root` is shown: relative to `display_root` (default: the current directory) when it
    lies below it, so a problem's path:line can be clicked in a terminal or editor."""
    base = (display_root or Path.cwd()).resolve()
    try:
        return root.resolve().relative_to(base)
    except ValueError:
        return root


def _parse_file(
    path: Path, shown: str, text: str, cache: ParseCache | None
) -> _Parsed | list[Problem]:
    key = cache.key(text) if cache is not None else ""
    if cache is not None:
        known = cache.entry(key)
        if known is not None:
            cache.remember(key, known, os.path.abspath(path))
            return _Parsed(path, shown, text, known)
    try:
        data = parse(text)
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
    try:
        entry = EntryFile.model_validate(data).root
    except ValidationError as exc:
        positions = locate(text)
        errors = _without_echoes(exc.errors())
        return [_from_pydantic(shown, error, positions, data, entry_id) for error in errors]
    if cache is not None:
        cache.remember(key, entry, os.path.abspath(path))
    return _Parsed(path, shown, text, entry)


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
    message = _friendly(error["msg"])
    return Problem(shown, line, col, f"field '{name}': {message}", entry_id)


def _friendly(message: str) -> str:
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


def alias_key(text: str) -> str:
    """The form two names must not share: case, accents, punctuation and spacing folded."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _cross_checks(parsed: list[_Parsed], broken_ids: set[str]) -> Iterable[Problem]:
    first_by_id: dict[str, _Parsed] = {}
    for item in parsed:
        other = first_by_id.get(item.entry.id)
        if other is not None:
            yield item.problem(("id",), f"duplicate id '{item.entry.id}', also in {other.shown}")
        else:
            first_by_id[item.entry.id] = item

    yield from _alias_clashes(parsed)

    for item in parsed:
        for index, related in enumerate(item.entry.related):
            if related not in first_by_id and related not in broken_ids:
                yield item.problem(("related", index), f"related id '{related}' does not exist")
            elif related == item.entry.id:
                yield item.problem(("related", index), "an entry cannot be related to itself")
        if isinstance(item.entry, Readout):
            seen: set[str] = set()
            for index, follow_up in enumerate(item.entry.follow_ups):
                if follow_up.id in seen:
                    yield item.problem(
                        ("follow_ups", index, "id"),
                        f"follow-up id '{follow_up.id}' is used twice in this readout",
                    )
                seen.add(follow_up.id)


def _alias_clashes(parsed: list[_Parsed]) -> Iterable[Problem]:
    """Titles are unique, and an alias may not be another entry's title or alias: an exact hit on
    a name must point at one entry. A clash is reported on the alias, whichever file is first."""
    owners: dict[str, _Parsed] = {}
    for item in parsed:
        owner = owners.setdefault(alias_key(item.entry.title), item)
        if owner is not item:
            yield item.problem(
                ("title",),
                f"title '{item.entry.title}' is also the title of '{owner.entry.id}' "
                f"({owner.shown})",
            )
    for item in parsed:
        for index, alias in enumerate(item.entry.aliases):
            key = alias_key(alias)
            owner = owners.setdefault(key, item)
            if owner.entry.id != item.entry.id:
                yield item.problem(
                    ("aliases", index),
                    f"alias '{alias}' is also used by '{owner.entry.id}' ({owner.shown})",
                )
