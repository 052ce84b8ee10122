"""Load a directory of YAML files into a KnowledgeBase, reporting every problem with file:line:col.

One entry per file. Each file is parsed and validated on its own (entry_file); then the whole set
is checked for duplicate ids, aliases used by two entries, `related` ids that do not exist and
follow-up ids that collide (cross_checks). Any problem means no KnowledgeBase: a partial base is
never returned.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from pathlib import Path

from bot.errors import KnowledgeError, Problem
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cross_checks import cross_checks
from bot.knowledge.entry_file import ParsedFile, parse_entry_file
from bot.knowledge.parse_cache import ParseCache
from bot.knowledge.synonyms import FILE_NAME as SYNONYMS_FILE
from bot.knowledge.synonyms import load_synonyms

SUFFIXES = (".yaml", ".yml")


def knowledge_files(root: Path) -> list[Path]:
    """Every entry file: *.yaml / *.yml under `root`, recursively, in a stable order, except
    the synonyms file at the top."""
    found: list[str] = []
    for folder, _dirs, names in os.walk(root):
        found.extend(os.path.join(folder, n) for n in names if n.endswith(SUFFIXES))
    synonyms = os.path.join(root, SYNONYMS_FILE)
    return [Path(p) for p in sorted(found) if p != synonyms]


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
    parsed: list[ParsedFile] = []
    broken_ids: set[str] = set()  # ids of files with problems: not "missing" for `related`
    prefix = str(_display_prefix(root, display_root))
    cut = 0 if str(root) == "." else len(str(root)) + 1  # Path drops the "./" of "./name"
    for path in files:
        shown = os.path.join(prefix, str(path)[cut:]) if prefix != "." else str(path)[cut:]
        if cache is not None and changed is not None:
            absolute = os.path.abspath(path)
            known = cache.entry_at(absolute) if absolute not in changed else None
            if known is not None:
                parsed.append(ParsedFile(path, shown, None, known))
                continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc}"))
            continue
        result = parse_entry_file(path, shown, text, cache)
        if isinstance(result, ParsedFile):
            parsed.append(result)
        else:
            problems.extend(result)
            broken_ids.update(p.entry_id for p in result if p.entry_id)
    problems.extend(cross_checks(parsed, broken_ids))
    shown_synonyms = os.path.join(prefix, SYNONYMS_FILE) if prefix != "." else SYNONYMS_FILE
    synonyms = load_synonyms(root, shown_synonyms)
    if isinstance(synonyms, list):
        problems.extend(synonyms)
        synonyms = ()
    if cache is not None:
        cache.prune()
    if problems:
        raise KnowledgeError(problems, root)
    return KnowledgeBase(
        (p.entry for p in parsed),
        root=root,
        loaded_at=dt.datetime.now(dt.UTC),
        synonyms=synonyms,
    )


def _display_prefix(root: Path, display_root: Path | None) -> Path:
    """How `root` is shown: relative to `display_root` (default: the current directory) when it
    lies below it, so a problem's path:line can be clicked in a terminal or editor."""
    base = (display_root or Path.cwd()).resolve()
    try:
        return root.resolve().relative_to(base)
    except ValueError:
        return root
