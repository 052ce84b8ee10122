"""`readout escalations` and `readout drafts` as a curator runs them against the bot's database;
a draft from a curator's written answer fails `readout validate` until a person completes it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import QuestionPrivacy
from bot.store.db import open_database
from bot.store.escalations import NewEscalation, claim, open_escalation
from bot.store.gaps import NearMiss
from bot.store.privacy import QuestionKeeper

REPO = Path(__file__).resolve().parents[2]
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "readout.db"
    db = open_database(f"sqlite:///{path}")
    keeper = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")
    now = dt.datetime.now(dt.UTC)
    quinoa, _ = open_escalation(
        db,
        NewEscalation(
            "C1:1:U1",
            "U0ASKER",
            "C0CHAN",
            "ephemeral",
            None,
            "what are quinoa exports?",
            (NearMiss("bolivia-lithium", "Bolivia's lithium", 31.0),),
            at=now,
        ),
        keeper,
    )
    claim(
        db, quinoa.id, "U0CURATOR", "reply", reply="Bolivia exported about 100,000 t.\n\nSee FAO."
    )
    open_escalation(
        db, NewEscalation("C1:2:U2", "U0OTHER", "C0CHAN", "thread", "2.0", "dea?", at=now), keeper
    )
    db.close()
    monkeypatch.setenv("READOUT_DATABASE_URL", f"sqlite:///{path}")
    return path


def test_escalations_lists_open_and_handled(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["escalations"]) == 0
    out = capsys.readouterr().out
    assert "open      dea?" in out
    assert "answered  what are quinoa exports?" in out
    assert "wrote an answer by U0CURATOR" in out
    assert "nearest: bolivia-lithium" in out
    assert main(["escalations", "--status", "open"]) == 0
    assert "quinoa" not in capsys.readouterr().out


def test_a_draft_fails_validate_until_completed(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drafts"]) == 0
    assert "Bolivia exported about 100,000 t." in capsys.readouterr().out
    assert main(["drafts", "--yaml"]) == 0
    text = capsys.readouterr().out
    draft = text.split("---\n")[1]
    assert "id: quinoa-exports\n" in draft
    assert 'title: "Quinoa exports"' in draft
    assert "summary: |-\n  Bolivia exported about 100,000 t.\n\n  See FAO.\n" in draft
    assert draft.count("# TODO") == 5
    knowledge = Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))
    (knowledge / "terms" / "quinoa-exports.yaml").write_text(draft)
    assert main(["validate", str(knowledge)]) == 1
    problems = capsys.readouterr().err
    assert "terms/quinoa-exports.yaml:6:1: field 'category'" in problems
    assert "the knowledge base has 5 problems" in problems
    assert "reviewed" in problems
    completed = (
        draft.replace(
            "category:  # TODO: concept | person | organization | initiative | event",
            "category: concept",
        )
        .replace("  - title:  # TODO: the page's headline, as published", "  - title: FAO")
        .replace("    url:  # TODO: an https address you opened", "    url: https://fao.org/x")
        .replace("    publisher:  # TODO: e.g. U.S. Department of State", "    publisher: FAO")
        .replace(
            "reviewed:  # TODO: today's date (YYYY-MM-DD) once you have checked the sources",
            "reviewed: 2026-12-06",
        )
    )
    (knowledge / "terms" / "quinoa-exports.yaml").write_text(completed)
    assert main(["validate", str(knowledge)]) == 0
