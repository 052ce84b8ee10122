"""`readout gaps` text, and `--yaml` suggestions an admin pastes into knowledge/ and finishes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge
from bot.store.gap_groups import GapGroup, NearMatch
from bot.store.gaps_report import format_gaps, gaps_yaml

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
TERM = """\
# yaml-language-server: $schema=../schema.json
id: fernando-aramayo
kind: term
category: person
title: Fernando Aramayo
aliases: ["Aramayo"]
summary: Bolivia's foreign minister since November 2025.
sources:
  - title: Canciller
    url: https://example.org/aramayo
    publisher: Example
reviewed: 2026-02-01
"""


def group(label: str, count: int, *near: NearMatch, variants: int = 2) -> GapGroup:
    bare = label.rstrip("?")
    wordings = [(label, count - variants + 1)] + [
        (f"{bare} {'again ' * i}".strip(), 1) for i in range(1, variants)
    ]
    return GapGroup(
        label=label,
        count=count,
        variants=tuple(wordings),
        reasons=(("none", count),),
        near=tuple(near),
        last_asked=NOW,
    )


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    (root / "terms").mkdir(parents=True)
    (root / "terms" / "fernando-aramayo.yaml").write_text(TERM)
    return root


def test_format_gaps_lists_counts_variants_and_near_matches() -> None:
    text = format_gaps(
        [group("who is bolivias foreign minister", 5, NearMatch("fernando-aramayo", "F", 64, 5))],
        days=90,
    )
    assert text.startswith("Questions answered badly or not at all, the last 90 days, most asked")
    assert "   5x  who is bolivias foreign minister" in text
    assert 'also asked: "who is bolivias foreign minister again" (1)' in text
    assert "nearly matched: fernando-aramayo (64)" in text
    assert (
        format_gaps([], days=7) == "No unanswered or weakly answered questions in the last 7 days."
    )


def test_a_new_term_skeleton_fails_until_finished_then_loads(kb_dir: Path) -> None:
    out = gaps_yaml([group("What is the lithium triangle?", 3)], load_knowledge(kb_dir))
    docs = list(yaml.safe_load_all(out))
    assert docs[0]["id"] == "lithium-triangle"
    skeleton = out.split("---\n", 1)[1]
    assert skeleton.startswith("# yaml-language-server: $schema=../schema.json\n")
    assert "knowledge/terms/lithium-triangle.yaml" in skeleton
    path = kb_dir / "terms" / "lithium-triangle.yaml"
    path.write_text(skeleton)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb_dir, display_root=kb_dir)
    unfinished = {p.line for p in caught.value.problems}
    todo_lines = {n for n, line in enumerate(skeleton.splitlines(), 1) if "# TODO" in line}
    assert unfinished
    assert unfinished <= todo_lines
    answers = {
        "category": "concept",
        "summary": "The lithium-rich salt flats shared by Argentina, Bolivia and Chile.",
        "title": "Lithium triangle page",
        "url": "https://example.org/lithium",
        "publisher": "Example",
        "reviewed": "2026-03-01",
    }
    finished = re.sub(
        r"^(\s*(?:- )?)(\w+):\s+# TODO.*$",
        lambda m: f"{m.group(1)}{m.group(2)}: {answers[m.group(2)]}",
        skeleton,
        flags=re.MULTILINE,
    )
    path.write_text(finished)
    entry = load_knowledge(kb_dir).get("lithium-triangle")
    assert entry is not None
    assert entry.title == "Lithium triangle"
    assert entry.aliases == ("lithium triangle again",)


def test_a_near_miss_gets_aliases_for_the_entry_it_nearly_matched(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    near = NearMatch("fernando-aramayo", "Fernando Aramayo", 64, 4)
    out = gaps_yaml([group("who is bolivias foreign minister?", 4, near, variants=3)], kb)
    assert "nearly matched 'fernando-aramayo' (Fernando Aramayo, 64/100)" in out
    assert str(kb_dir / "terms" / "fernando-aramayo.yaml") in out
    suggested = next(iter(yaml.safe_load_all(out)))["aliases"]
    assert suggested == [
        "bolivias foreign minister",
        "bolivias foreign minister again",
        "bolivias foreign minister again again",
    ]
    path = kb_dir / "terms" / "fernando-aramayo.yaml"
    lines = [f"  - {a!r}" for a in suggested]
    path.write_text(
        path.read_text().replace(
            'aliases: ["Aramayo"]', "aliases:\n  - Aramayo\n" + "\n".join(lines)
        )
    )
    entry = load_knowledge(kb_dir).get("fernando-aramayo")
    assert entry is not None
    assert len(entry.aliases) == 4


def test_existing_names_are_not_suggested_again_and_hidden_questions_are_counted(
    kb_dir: Path,
) -> None:
    kb = load_knowledge(kb_dir)
    near = NearMatch("fernando-aramayo", "Fernando Aramayo", 80, 2)
    taken = GapGroup("Aramayo?", 2, (("Aramayo?", 2),), (("low_score", 2),), (near,), NOW)
    hidden = GapGroup("(questions not stored)", 3, (), (("none", 3),), (), NOW)
    out = gaps_yaml([taken, hidden], kb)
    assert "every wording is already a title or alias" in out
    assert "# 1 more groups were not suggested" in out
    assert gaps_yaml([], kb) == "# No unanswered questions to suggest entries for."
