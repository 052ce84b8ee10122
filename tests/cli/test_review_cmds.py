"""`readout stale` as a scheduled CI job runs it: exit 1 when an entry is overdue.

The dates are chosen so the outcome does not depend on the day the test runs: an overdue entry
was due in 2000, the others in 2089 or later, or are dated from today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.cli import main

ENTRY = """\
id: {id}
kind: term
category: concept
title: {title}
summary: Something.
sources:
  - title: S
    url: https://example.org/s
    publisher: P
reviewed: {reviewed}
{extra}
"""


def _knowledge(tmp_path: Path, *entries: tuple[str, str, str]) -> Path:
    terms = tmp_path / "knowledge" / "terms"
    terms.mkdir(parents=True)
    for entry_id, reviewed, extra in entries:
        text = ENTRY.format(id=entry_id, title=entry_id.title(), reviewed=reviewed, extra=extra)
        (terms / f"{entry_id}.yaml").write_text(text)
    return terms.parent


def test_an_overdue_entry_fails_the_job_and_names_its_owners(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _knowledge(
        tmp_path,
        ("lithium", "1999-12-01", "review_every: 31\nowners: [U0ALICE, U0BOB]"),
        ("vault", "2089-01-01", ""),
    )
    assert main(["stale", "--knowledge", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Overdue (1):\n  lithium  reviewed 1999-12-01, due 2000-01-01 (")
    assert out.rstrip().endswith("days ago); U0ALICE, U0BOB")
    assert "vault" not in out


def test_soon_due_entries_are_listed_but_do_not_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _knowledge(tmp_path, ("vault", "2099-01-01", "review_every: 3650"))
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", str(root))
    assert main(["stale"]) == 0
    assert capsys.readouterr().out.startswith("No entry is overdue or due within 30 days on ")
    assert main(["stale", "--days", "36500", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item == {
        "id": "vault",
        "title": "Vault",
        "reviewed": "2099-01-01",
        "due": "2108-12-30",
        "overdue": False,
        "days": item["days"],
        "owners": [],
    }
    assert item["days"] > 0


def test_the_default_interval_comes_from_readout_review_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hundred_days_ago = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=100)
    root = _knowledge(tmp_path, ("vault", hundred_days_ago.isoformat(), ""))
    monkeypatch.setenv("READOUT_REVIEW_DAYS", "3650")
    assert main(["stale", "--knowledge", str(root), "--json", "--days", "0"]) == 0
    monkeypatch.setenv("READOUT_REVIEW_DAYS", "30")
    assert main(["stale", "--knowledge", str(root), "--json", "--days", "0"]) == 1
    capsys.readouterr()
    monkeypatch.setenv("READOUT_REVIEW_DAYS", "0")
    assert main(["stale", "--knowledge", str(root)]) == 2
    assert "READOUT_REVIEW_DAYS is not valid" in capsys.readouterr().err
