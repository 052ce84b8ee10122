"""The console's Workbench runs the same Curators as `serve`: the console's user is an admin,
votes (typed or clicked) and gaps reach the database, and a subcommand with words after it is
still a question."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.slack.console import LOCAL_USER, Console
from bot.slack.workbench import Workbench
from bot.store.db import open_database
from bot.store.feedback import feedback_summary
from bot.store.gap_groups import top_gaps

TERM = """\
id: {id}
kind: term
category: concept
title: {title}
summary: A test entry.
sources:
  - title: A page
    url: https://example.org/{id}
    publisher: Example
reviewed: 2026-02-01
"""


@pytest.fixture
def bench(tmp_path: Path) -> Workbench:
    folder = tmp_path / "knowledge" / "terms"
    folder.mkdir(parents=True)
    (folder / "alpha.yaml").write_text(TERM.format(id="alpha", title="Alpha Centauri"))
    (folder / "beta.yaml").write_text(TERM.format(id="beta", title="Beta Pictoris"))
    settings = load_settings(
        knowledge_dir=tmp_path / "knowledge",
        database_url=f"sqlite:///{tmp_path / 'readout.db'}",
        admins=frozenset({"U0SOMEONE"}),
    )
    return Workbench.start(settings, admin=LOCAL_USER)


def test_votes_gaps_and_admin_subcommands_reach_the_store(bench: Workbench) -> None:
    console = Console(bench.knowledge, workbench=bench)
    try:
        answer = console.reply("alpha centauri") or ""
        assert "[1] 👍 Helpful  [2] 👎 Not helpful" in answer
        assert console.reply("1") == "Thanks — glad it helped."  # the 👍 button, clicked
        assert (console.reply("/readout beta pictoris") or "").startswith("(only you can see")
        assert console.reply("👎 out of date") == "Thanks — noted; the curators will look at it."
        console.reply("zorblat quux")
        gaps = console.reply("gaps 7") or ""  # bare, with its days
        assert "Most asked questions answered badly or not at all, last 7 days" in gaps
        assert "1× zorblat quux" in gaps
        status = console.reply("/readout status") or ""
        assert "Readout status" in status
        assert "Sorry" not in status  # an admin, though READOUT_ADMINS names someone else
        assert "Replies" not in status  # the console sends nothing after acknowledging
        question = console.reply("/readout status of alpha centauri") or ""
        assert "Alpha Centauri\n==============" in question
    finally:
        bench.close()
    db = open_database(bench.curators.settings.database_url, create=False)
    try:
        votes = {row.target_id: row for row in feedback_summary(db, days=1)}
        assert (votes["alpha"].up, votes["alpha"].down) == (1, 0)
        assert (votes["beta"].up, votes["beta"].down) == (0, 1)
        assert "out of date" in [c.text for c in votes["beta"].comments]
        assert [group.label for group in top_gaps(db, days=1)] == ["zorblat quux"]
    finally:
        db.close()
