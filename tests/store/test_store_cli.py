"""`readout gaps` (and `--yaml`), `readout feedback` and `readout purge` on a real database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import QuestionPrivacy
from bot.store.db import Database, utc_now
from bot.store.feedback import DOWN, UP, Vote
from bot.store.gaps import Gap, NearMiss
from bot.store.privacy import QuestionKeeper
from bot.store.records import write_records

KEEPER = QuestionKeeper(QuestionPrivacy.PLAIN, "salt")
TERM = """\
id: usmca
kind: term
category: initiative
title: USMCA
summary: The trade agreement between the United States, Mexico and Canada.
sources:
  - title: USMCA
    url: https://example.org/usmca
    publisher: Example
reviewed: 2026-02-01
"""


@pytest.fixture
def filled(db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("READOUT_DATABASE_URL", db_url)
    near = (NearMiss("usmca", "USMCA", 61.0),)
    for text in ("what is the nafta replacement", "What is the NAFTA replacement?"):
        write_records(db, [Gap("none", text, text.casefold().rstrip("?"), near)], KEEPER)
    write_records(db, [Gap("none", "price of quinoa", "price of quinoa", ())], KEEPER)
    old = utc_now() - dt.timedelta(days=120)
    write_records(db, [Gap("none", "ancient question", "ancient question", (), old)], KEEPER)
    write_records(db, [Vote("C:1", "usmca", "U1", "C", "usmca", UP)], KEEPER)
    write_records(
        db, [Vote("C:1", "usmca", "U2", "C", "usmca", DOWN, "Needs the 2026 review")], KEEPER
    )
    return db


def test_gaps_prints_the_to_do_list(filled: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps"]) == 0
    out = capsys.readouterr().out.casefold()
    assert "the last 90 days, most asked first" in out
    assert "2x  what is the nafta replacement" in out
    assert "nearly matched: usmca (61)" in out
    assert "1x  price of quinoa" in out
    assert "ancient question" not in out
    assert main(["gaps", "--days", "365", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "the last 365 days" in out
    assert [line for line in out.splitlines() if "x  " in line] == [
        "   2x  What is the NAFTA replacement?"
    ]


def test_gaps_yaml_suggests_aliases_and_skeletons(
    filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "usmca.yaml").write_text(TERM)
    assert main(["gaps", "--yaml", "--knowledge", str(tmp_path / "kb")]) == 0
    out = capsys.readouterr().out
    docs = list(yaml.safe_load_all(out))
    assert docs[0] == {"aliases": ["NAFTA replacement"]}
    assert docs[1]["id"] == "price-of-quinoa"
    assert "kb/usmca.yaml" in out


def test_feedback_summarises_votes(filled: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback"]) == 0
    out = capsys.readouterr().out
    assert "usmca" in out
    assert "Needs the 2026 review" in out
    assert "1 entries, 1 👍, 1 👎." in out


def test_purge_deletes_old_rows(filled: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["purge"]) == 0
    assert "purged 1 unanswered questions, 0 votes" in capsys.readouterr().out


def test_an_unreachable_database_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A missing SQLite file is an empty history instead: tests/cli/test_empty_history.py.
    monkeypatch.setenv("READOUT_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert main(["feedback"]) == 1
    assert "readout: cannot open the database postgresql+psycopg://nobody@127.0.0.1:1/x" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("command", ["gaps", "feedback", "purge"])
def test_days_beyond_a_century_are_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not an OverflowError traceback from the date arithmetic: argparse's one-line error."""
    with pytest.raises(SystemExit) as exited:
        main([command, "--days", "1000000"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"readout {command}: error: argument --days: must be 36500 days" in err
    assert "Traceback" not in err
