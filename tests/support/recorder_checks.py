"""Helpers shared by the Recorder's tests (test_recorder.py, test_record_writer.py)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from bot.store.db import open_database
from bot.store.gaps import Gap, NearMiss


def gap(n: int, target: str = "usmca") -> Gap:
    return Gap("none", f"question {n}", f"question {n}", (NearMiss(target, "USMCA", 50.0),))


def count(url: str, table: sa.Table) -> int:
    db = open_database(url)
    try:
        with db.begin() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    finally:
        db.close()


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info]
