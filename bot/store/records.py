"""What the Recorder writes (votes and gaps), how one batch is written, and which failures are
the database's state (wait and retry) rather than something about one record (drop it)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from bot.store.db import Database
from bot.store.feedback import Vote, write_votes
from bot.store.gaps import Gap, write_gaps
from bot.store.privacy import QuestionKeeper

Record = Vote | Gap


def write_records(db: Database, batch: Sequence[Record], keeper: QuestionKeeper) -> None:
    """Write votes and gaps in one transaction, in order (a later vote replaces an earlier)."""
    with db.begin() as conn:
        write_gaps(conn, [r for r in batch if isinstance(r, Gap)], keeper)
        write_votes(db, conn, [r for r in batch if isinstance(r, Vote)], keeper)


def is_outage(exc: BaseException) -> bool:
    """True when retrying later may help: the database is down, busy or unreachable.

    False for what one record causes: a constraint or value the database refuses
    (IntegrityError, DataError), a value that cannot even be sent (a StatementError that is not
    the driver's), or any non-database exception (a bug); retrying those would block the queue.
    """
    if not isinstance(exc, sa.exc.SQLAlchemyError):
        return False
    if isinstance(exc, sa.exc.IntegrityError | sa.exc.DataError):
        return False
    return not (isinstance(exc, sa.exc.StatementError) and not isinstance(exc, sa.exc.DBAPIError))
