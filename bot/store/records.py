"""What the Recorder writes (votes, gaps and picks), and how one batch is written (failure_log.py
says which failures mean waiting and which mean dropping a record)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.store.clean import clean_record
from bot.store.db import Database
from bot.store.feedback import Vote, write_votes
from bot.store.gaps import Gap, write_gaps
from bot.store.picks import Pick, write_picks
from bot.store.privacy import QuestionKeeper

Record = Vote | Gap | Pick


def write_records(db: Database, batch: Sequence[Record], keeper: QuestionKeeper) -> None:
    """Write votes, gaps and picks in one transaction, in order (a later vote replaces an earlier).

    Every string is cleaned first (clean.py): odd text is stored, never refused.
    """
    batch = [clean_record(record) for record in batch]
    with db.begin() as conn:
        write_gaps(conn, [r for r in batch if isinstance(r, Gap)], keeper)
        write_votes(db, conn, [r for r in batch if isinstance(r, Vote)], keeper)
        write_picks(conn, [r for r in batch if isinstance(r, Pick)], keeper)
