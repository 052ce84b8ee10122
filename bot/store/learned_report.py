"""Aliases learned from clicks, as `readout gaps` shows them and `readout gaps --yaml` proposes
them: the question, as people asked it, under the `aliases:` of the entry they chose."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.knowledge.base import FOLLOW_UP_SEP, KnowledgeBase
from bot.knowledge.cross_checks import alias_key
from bot.store.gap_groups import topic_of
from bot.store.picks import LearnedAlias

ALIASES_SUGGESTED = 3


def who_chose(alias: LearnedAlias) -> str:
    """`2 people`, `a curator`, or `3 people, a curator among them`."""
    if alias.by_curator and alias.people == 1:
        return "a curator"
    people = f"{alias.people} people" if alias.people != 1 else "1 person"
    return f"{people}, a curator among them" if alias.by_curator else people


def format_learned(learned: Sequence[LearnedAlias]) -> str:
    if not learned:
        return ""
    lines = ["Learned from clicks (propose as aliases: readout gaps --yaml):", ""]
    for alias in learned:
        lines.append(f"  {alias.target_id}  <-  {alias.label}")
        lines.append(f"       chosen by {who_chose(alias)}, {alias.times} times")
    return "\n".join(lines)


def learned_docs(
    learned: Sequence[LearnedAlias],
    kb: KnowledgeBase | None,
    taken: set[str],
    where: dict[str, str],
) -> list[str]:
    """One YAML document per learned alias (its entry still in `kb`); `where` maps an entry id
    to its file, `taken` holds every title and alias already in use (alias_key)."""
    docs = []
    for alias in learned:
        if kb is not None and alias.target_id not in kb:
            continue
        entry_id, _, follow_up = alias.target_id.partition(FOLLOW_UP_SEP)
        target = kb.resolve(alias.target_id) if kb is not None else None
        title = f" ({target.title})" if target is not None else ""
        lines = [
            f"# Learned from clicks: {who_chose(alias)} chose '{alias.target_id}'{title} for "
            f'"{alias.label}".'
        ]
        if not alias.wordings:
            lines.append(
                "# Its words are not kept (READOUT_QUESTION_PRIVACY), so no alias can be proposed."
            )
            docs.append("\n".join(lines))
            continue
        file = where.get(entry_id) or f"the file with `id: {entry_id}`"
        under = f"under `follow_ups:` > `id: {follow_up}` > " if follow_up else "under "
        lines.append(f"# Add {under}`aliases:` in {file}:")
        fresh = fresh_wordings(alias.wordings, taken)
        if not fresh:
            lines.append("# (every wording is already a title or alias somewhere)")
        else:
            lines += ["aliases:", *(f"  - {_quote(w)}" for w in fresh)]
        docs.append("\n".join(lines))
    return docs


def fresh_wordings(wordings: Sequence[str], taken: set[str]) -> list[str]:
    """Up to ALIASES_SUGGESTED of `wordings` as aliases (their topic, at most 140 characters),
    none already `taken` (alias keys) and none twice."""
    out: list[str] = []
    seen = set(taken)
    for text in wordings:
        wording = topic_of(text)[:140].strip()
        key = alias_key(wording)
        if key and key not in seen:
            seen.add(key)
            out.append(wording)
        if len(out) == ALIASES_SUGGESTED:
            break
    return out


def _quote(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is valid YAML), as gaps_report writes."""
    return json.dumps(text, ensure_ascii=False)
