"""Review dates: when an entry is due, when it is overdue, and which entries `stale` lists.
Every date here is fixed, so the tests mean the same on any day they run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.freshness import ReviewPolicy, review_date, stale_entries
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import EntryFile, Term
from tests.support.load_problems import problems_of

TODAY = dt.date(2026, 12, 6)


def _term(entry_id: str, reviewed: str, **extra: object) -> Term:
    data = {
        "id": entry_id,
        "kind": "term",
        "category": "concept",
        "title": entry_id.replace("-", " ").title(),
        "summary": "Something.",
        "sources": [{"title": "S", "url": "https://example.org/s", "publisher": "P"}],
        "reviewed": reviewed,
        **extra,
    }
    entry = EntryFile.model_validate(data).root
    assert isinstance(entry, Term)
    return entry


def test_due_is_reviewed_plus_the_entry_interval_or_the_default() -> None:
    policy = ReviewPolicy(180, TODAY)
    own = _term("own-interval", "2026-11-01", review_every=30)
    default = _term("default-interval", "2026-06-01")
    assert policy.due(own) == dt.date(2026, 12, 1)
    assert policy.overdue(own)  # 5 days past
    assert policy.due(default) == dt.date(2026, 11, 28)
    assert policy.overdue(default)
    assert not ReviewPolicy(190, TODAY).overdue(default)  # due 2026-12-08
    on_the_day = _term("on-the-day", "2026-11-06", review_every=30)
    assert policy.due(on_the_day) == TODAY
    assert not policy.overdue(on_the_day)  # still counts as reviewed on its due date


def test_stale_lists_overdue_then_soon_due_with_owners() -> None:
    kb = KnowledgeBase(
        [
            _term("late", "2026-01-01", review_every=30, owners=["U0ALICE", "W0BOB"]),
            _term("later", "2026-10-01", review_every=30),
            _term("soon", "2026-12-01", review_every=10),
            _term("fresh", "2026-12-01"),
        ]
    )
    found = stale_entries(kb, ReviewPolicy(180, TODAY), within_days=7)
    assert [(s.entry_id, s.overdue, s.days) for s in found] == [
        ("late", True, 309),
        ("later", True, 36),
        ("soon", False, 5),
    ]
    assert found[0].owners == ("U0ALICE", "W0BOB")
    assert [s.entry_id for s in stale_entries(kb, ReviewPolicy(180, TODAY))] == ["late", "later"]


def test_the_note_writes_the_date_day_first() -> None:
    assert review_date(dt.date(2025, 11, 29)) == "29 November 2025"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("owners: [tommy]", "field 'owners[0]': 'tommy' is not a Slack user id"),
        ("owners: ['@U0ALICE']", "is not a Slack user id; write the member id"),
        ("owners: [U0ALICE, U0ALICE]", "field 'owners': 'U0ALICE' is listed twice"),
        ("review_every: 0", "field 'review_every': Input should be greater than or equal to 1"),
        ("review_every: often", "field 'review_every': Input should be a valid integer"),
    ],
)
def test_bad_owners_and_intervals_are_problems_at_their_line(
    tmp_path: Path, line: str, message: str
) -> None:
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "alpha.yaml").write_text(
        "id: alpha\nkind: term\ncategory: concept\ntitle: Alpha\nsummary: A.\n"
        "sources:\n  - title: S\n    url: https://example.org/s\n    publisher: P\n"
        f"reviewed: 2026-11-29\n{line}\n"
    )
    (problem,) = problems_of(tmp_path, tmp_path)
    assert problem.startswith("terms/alpha.yaml:11:")
    assert message in problem


def test_owners_and_interval_load(tmp_path: Path) -> None:
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "alpha.yaml").write_text(
        "id: alpha\nkind: term\ncategory: concept\ntitle: Alpha\nsummary: A.\n"
        "sources:\n  - title: S\n    url: https://example.org/s\n    publisher: P\n"
        "reviewed: 2026-11-29\nreview_every: 90\nowners: [U024BE7LH, W0G8M2ZQ1]\n"
    )
    (entry,) = load_knowledge(tmp_path)
    assert (entry.review_every, entry.owners) == (90, ("U024BE7LH", "W0G8M2ZQ1"))
