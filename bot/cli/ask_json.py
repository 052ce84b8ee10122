"""The `readout ask --json` object: the verdict, and for an answer its text and sources, so a
script can use the answer without scraping the terminal rendering."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.base import FollowUpRef, KnowledgeBase, Target
from bot.knowledge.models import Readout, Source
from bot.search.types import MatchResult

_EMPHASIS = re.compile(r"(?<![\w*_~`])([*_~`])(?=\S)(.+?)(?<=\S)\1(?![\w*_~`])")
"""Slack emphasis (`*bold*`, `_italic_`, `~strike~`, `` `code` ``) around a run of text."""


def plain_text(mrkdwn: str) -> str:
    """Text as written in a knowledge file, without Slack's emphasis marks (`<`, `>` and `&`
    are shown as typed there, so there is nothing to unescape)."""
    return _EMPHASIS.sub(r"\2", mrkdwn)


def result_json(kb: KnowledgeBase, result: MatchResult) -> dict[str, Any]:
    """The object for one question; `answer` is null unless the decision is `answer`."""
    answer = result.answer
    target = kb.resolve(answer.target_id) if answer is not None else None
    return {
        "question": result.question,
        "decision": result.decision.value,
        "answer": None
        if answer is None or target is None
        else {
            "id": answer.target_id,
            "kind": answer.kind,
            "title": answer.title,
            "score": answer.score,
            "text": answer_text(target),
            "sources": [source_json(s) for s in target.sources],
            "attributed_to": _attributed_to(target),
        },
        "alternatives": [
            {"id": c.target_id, "title": c.title, "score": c.score}
            for c in result.candidates
            if c is not answer
        ],
    }


def answer_text(target: Target) -> str:
    """What the answer says, in full: a follow-up's answer; a term's summary and details; a
    readout's summary and key points (one `- ` line each)."""
    if isinstance(target, FollowUpRef):
        return plain_text(target.follow_up.answer)
    parts = [target.summary]
    if isinstance(target, Readout):
        parts.append("\n".join(f"- {point}" for point in target.key_points))
    elif target.details:
        parts.append(target.details)
    return "\n\n".join(plain_text(part) for part in parts)


def source_json(source: Source) -> dict[str, str | None]:
    """A source as the knowledge file gives it; `published` is YYYY-MM-DD or null."""
    published = source.published.isoformat() if source.published is not None else None
    return {
        "title": source.title,
        "url": str(source.url),
        "publisher": source.publisher,
        "published": published,
    }


def _attributed_to(target: Target) -> str | None:
    """Who issued the readout an answer comes from; null for a term."""
    readout = target.readout if isinstance(target, FollowUpRef) else target
    return readout.attributed_to if isinstance(readout, Readout) else None
