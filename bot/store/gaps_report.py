"""`readout gaps` as text; `readout gaps --yaml`: skeletons and aliases to paste into knowledge/.

A skeleton leaves every fact to the curator (`field:  # TODO ...` is null), so a pasted but
unfinished file fails `readout validate` at those lines and is never served half-written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence

from bot.knowledge.base import FOLLOW_UP_SEP, KnowledgeBase
from bot.knowledge.cross_checks import alias_key
from bot.knowledge.loader import knowledge_files
from bot.store.gap_groups import GapGroup, topic_of
from bot.store.learned_report import fresh_wordings, learned_docs
from bot.store.picks import LearnedAlias

ALIAS_FLOOR = 50.0
"""A group whose best near match scored this or more gets an alias suggestion, not a new term."""


def format_gaps(groups: Sequence[GapGroup], *, days: int | None = None) -> str:
    """The to-do list for the terminal: most asked first, with what they nearly matched."""
    period = f"the last {days} days" if days else "all time"
    if not groups:
        return f"No unanswered or weakly answered questions in {period}."
    lines = [f"Questions answered badly or not at all, {period}, most asked first:", ""]
    for group in groups:
        lines.append(f"{group.count:>4}x  {group.label}")
        others = [f'"{text}" ({n})' for text, n in group.variants[1:4]]
        if others:
            more = len(group.variants) - 4
            tail = f", +{more} more" if more > 0 else ""
            lines.append("       also asked: " + ", ".join(others) + tail)
        why = ", ".join(f"{reason} {n}" for reason, n in group.reasons)
        lines.append(f"       why: {why}; last asked {group.last_asked:%Y-%m-%d %H:%M} UTC")
        if group.near:
            near = ", ".join(f"{n.target_id} ({n.best:.0f})" for n in group.near)
            lines.append(f"       nearly matched: {near}")
        lines.append("")
    return "\n".join(lines).rstrip()


def gaps_yaml(
    groups: Sequence[GapGroup],
    kb: KnowledgeBase | None = None,
    *,
    today: dt.date | None = None,
    learned: Sequence[LearnedAlias] = (),
) -> str:
    """YAML documents an admin can paste: aliases learned from clicks, then aliases for a near
    miss, or a new term's skeleton."""
    if not groups and not learned:
        return "# No unanswered questions to suggest entries for."
    taken = _taken_names(kb)
    ids = set(kb.follow_ups) | {e.id for e in kb} if kb else set()
    files = {a.target_id.partition(FOLLOW_UP_SEP)[0] for a in learned}
    where = {e: f for e in sorted(files) if (f := _file_of(kb, e)) is not None}
    docs: list[str] = learned_docs(learned, kb, taken, where)
    hidden = 0
    for group in groups:
        if not group.variants:
            hidden += 1
            continue
        best = group.near[0] if group.near else None
        if best is not None and best.best >= ALIAS_FLOOR and (kb is None or best.target_id in kb):
            docs.append(_aliases_doc(group, kb, taken))
        else:
            docs.append(_term_doc(group, ids, taken))
    if hidden:
        docs.append(
            f"# {hidden} more groups were not suggested: their questions are stored hashed or not "
            "at all (READOUT_QUESTION_PRIVACY)."
        )
    stamp = f"# Suggestions from `readout gaps --yaml`, {(today or dt.date.today()).isoformat()}."
    return stamp + "\n" + "\n".join(f"---\n{doc}" for doc in docs)


def _taken_names(kb: KnowledgeBase | None) -> set[str]:
    if kb is None:
        return set()
    names = {alias_key(n) for e in kb for n in (e.title, *e.aliases)}
    names |= {alias_key(n) for ref in kb.follow_ups.values() for n in ref.follow_up.aliases}
    return names


def _fresh_wordings(group: GapGroup, taken: set[str], *, skip: str = "") -> list[str]:
    skipped = {alias_key(skip)} if skip else set()
    return fresh_wordings([text for text, _count in group.variants], taken | skipped)


def _header(group: GapGroup) -> list[str]:
    why = ", ".join(f"{reason} {n}" for reason, n in group.reasons)
    return [f'# Asked {group.count} times ({why}), e.g. "{group.label}".']


def _aliases_doc(group: GapGroup, kb: KnowledgeBase | None, taken: set[str]) -> str:
    best = group.near[0]
    entry_id, _, follow_up = best.target_id.partition(FOLLOW_UP_SEP)
    where = _file_of(kb, entry_id) or f"the file with `id: {entry_id}`"
    lines = _header(group)
    lines.append(f"# It nearly matched '{best.target_id}' ({best.title}, {best.best:.0f}/100).")
    target = f"under `follow_ups:` > `id: {follow_up}` > " if follow_up else "under "
    lines.append(f"# If that is what people meant, add these {target}`aliases:` in {where}:")
    wordings = _fresh_wordings(group, taken)
    if not wordings:
        return "\n".join([*lines, "# (every wording is already a title or alias somewhere)"])
    return "\n".join([*lines, "aliases:", *(f"  - {yaml_quote(w)}" for w in wordings)])


def _term_doc(group: GapGroup, ids: set[str], taken: set[str]) -> str:
    title = topic_of(group.label)
    title = (title[:1].upper() + title[1:])[:140]
    entry_id = unique_id(slug(title) or "new-term", ids)
    ids.add(entry_id)
    wordings = _fresh_wordings(group, taken, skip=title)
    aliases = (
        ["aliases:", *(f"  - {yaml_quote(w)}" for w in wordings)] if wordings else ["aliases: []"]
    )
    return "\n".join(
        [
            "# yaml-language-server: $schema=../schema.json",
            *_header(group),
            f"# Save as knowledge/terms/{entry_id}.yaml, fill in every TODO, then run "
            "`readout validate`.",
            f"id: {entry_id}",
            "kind: term",
            "category:  # TODO: concept | person | organization | initiative | event",
            f"title: {yaml_quote(title)}",
            *aliases,
            "summary:  # TODO: the answer in a few sentences",
            "sources:",
            "  - title:  # TODO: the page's headline, as published",
            "    url:  # TODO: an https address you opened",
            "    publisher:  # TODO: e.g. U.S. Department of State",
            "reviewed:  # TODO: today's date (YYYY-MM-DD) once you have checked the sources",
        ]
    )


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:60].strip("-")


def unique_id(base: str, ids: set[str]) -> str:
    candidate, n = base, 2
    while candidate in ids:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def yaml_quote(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is valid YAML): never read as a date."""
    return json.dumps(text, ensure_ascii=False)


def _file_of(kb: KnowledgeBase | None, entry_id: str) -> str | None:
    if kb is None or kb.root is None:
        return None
    pattern = re.compile(rf"^id:\s*['\"]?{re.escape(entry_id)}['\"]?\s*(#.*)?$", re.MULTILINE)
    for path in knowledge_files(kb.root):
        try:
            if pattern.search(path.read_text(encoding="utf-8")):
                return str(path)
        except (OSError, UnicodeDecodeError):
            continue
    return None
