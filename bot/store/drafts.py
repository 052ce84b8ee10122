"""`readout escalations` and `readout drafts`: what was asked of the curators, and their written
answers turned into skeleton entries for review.

A draft keeps the curator's words as the summary but leaves category, sources and the review
date as `# TODO` (null), so a pasted draft fails `readout validate` until a person completes it:
a curator's reply is never served as a sourced entry unreviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.knowledge.base import KnowledgeBase
from bot.store.escalations import Escalation
from bot.store.gap_groups import topic_of
from bot.store.gaps_report import slug, unique_id, yaml_quote


def _asked(escalation: Escalation) -> str:
    if escalation.question:
        return " ".join(escalation.question.split())
    if escalation.question_hash:
        return f"(question stored as hash {escalation.question_hash[:8]})"
    return "(question not stored)"


def format_escalations(items: Sequence[Escalation], *, what: str) -> str:
    """One block per escalation, newest first."""
    if not items:
        return f"No {what}."
    lines: list[str] = []
    for item in items:
        where = {"thread": "in a thread", "dm": "in a DM", "ephemeral": "with /readout"}
        place = f"{where.get(item.surface, item.surface)} in {item.channel_id or '?'}"
        lines.append(f"{item.created_at:%Y-%m-%d %H:%M} UTC  {item.status:<8}  {_asked(item)}")
        lines.append(f"    asked by {item.asker_id} {place}")
        if item.candidates:
            lines.append("    nearest: " + ", ".join(c.target_id for c in item.candidates))
        if item.handled_by:
            how = {
                "entry": f"answered with {item.target_id}",
                "reply": "wrote an answer",
                "declined": "not in scope",
            }.get(item.outcome or "", item.outcome or "")
            when = f"{item.handled_at:%Y-%m-%d %H:%M} UTC" if item.handled_at else ""
            lines.append(f"    {how} by {item.handled_by} {when}".rstrip())
    return "\n".join(lines)


def format_drafts(items: Sequence[Escalation]) -> str:
    if not items:
        return "No curators' answers to draft from yet."
    lines = ["Curators' written answers (readout drafts --yaml makes skeleton entries):", ""]
    for item in items:
        lines.append(
            f"{item.handled_at or item.created_at:%Y-%m-%d} {item.handled_by}: {_asked(item)}"
        )
        for line in (item.reply or "").splitlines():
            lines.append(f"    {line}")
        lines.append("")
    return "\n".join(lines).rstrip()


def drafts_yaml(
    items: Sequence[Escalation], kb: KnowledgeBase | None = None, *, today: dt.date | None = None
) -> str:
    """YAML documents, one skeleton term per written answer, to finish and save."""
    if not items:
        return "# No curators' answers to draft from yet."
    ids = set(kb.follow_ups) | {e.id for e in kb} if kb else set()
    docs = [_draft(item, ids) for item in items]
    stamp = f"# Drafts from `readout drafts --yaml`, {(today or dt.date.today()).isoformat()}."
    return stamp + "\n" + "\n".join(f"---\n{doc}" for doc in docs)


def _draft(item: Escalation, ids: set[str]) -> str:
    title = topic_of(item.question) if item.question else ""
    title = (title[:1].upper() + title[1:])[:140]
    entry_id = unique_id(slug(title) or "curators-answer", ids)
    ids.add(entry_id)
    when = f"{item.handled_at or item.created_at:%Y-%m-%d}"
    head = [
        "# yaml-language-server: $schema=../schema.json",
        f"# {item.handled_by}'s answer of {when} to {yaml_quote(_asked(item))}, asked by "
        f"{item.asker_id}.",
        f"# Save as knowledge/terms/{entry_id}.yaml, check the answer against sources, fill in "
        "every TODO, then run `readout validate`.",
        f"id: {entry_id}",
        "kind: term",
        "category:  # TODO: concept | person | organization | initiative | event",
        f"title: {yaml_quote(title)}" if title else "title:  # TODO: what the entry is about",
        f"aliases: [{yaml_quote(item.question[:140])}]" if item.question else "aliases: []",
        "summary: |-",
        *(f"  {line}" if line.strip() else "" for line in (item.reply or "TODO").splitlines()),
        "sources:",
        "  - title:  # TODO: the page's headline, as published",
        "    url:  # TODO: an https address you opened",
        "    publisher:  # TODO: e.g. U.S. Department of State",
        "reviewed:  # TODO: today's date (YYYY-MM-DD) once you have checked the sources",
    ]
    return "\n".join(head)
