"""How the recorder tells failures apart and reports them without raising.

A connection failure is an outage: Health logs it once, without a traceback, and the writer
probes until the database is back. What one statement causes (a value or a constraint the
database refuses, a missing table or privilege) is not: the database stays in use, and each kind
is logged once. Anything else is a surprise (a bug): its traceback is logged once.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa

from bot.errors import StoreError
from bot.store.resilience import Health

log = logging.getLogger(__name__)

EXPECTED = (StoreError, sa.exc.SQLAlchemyError)
"""Failures of the database itself: logged once as an outage, without a traceback."""

CONNECTION_FAILURES = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.DisconnectionError,
    sa.exc.TimeoutError,
)
"""The server is down, unreachable, restarting or busy (SQLite: locked), or the pool is empty."""


def is_connection_failure(exc: BaseException) -> bool:
    """True when the database itself is failing (an outage), not the statement."""
    return isinstance(exc, CONNECTION_FAILURES) or bool(
        getattr(exc, "connection_invalidated", False)
    )


def is_outage(exc: BaseException) -> bool:
    """For a queued record: True when retrying later may help (the database is down, busy,
    unreachable, or lacks a table or a privilege an operator can restore).

    False for what one record causes: a constraint or value the database refuses
    (IntegrityError, DataError), a value that cannot even be sent (a StatementError that is not
    the driver's), or any non-database exception (a bug); retrying those would block the queue.
    """
    if not isinstance(exc, sa.exc.SQLAlchemyError):
        return False
    if isinstance(exc, sa.exc.IntegrityError | sa.exc.DataError):
        return False
    return not (isinstance(exc, sa.exc.StatementError) and not isinstance(exc, sa.exc.DBAPIError))


class FailureLog:
    """Counts every failure in `health`; logs each kind of refusal or surprise only once."""

    def __init__(self, health: Health) -> None:
        self._health = health
        self._lock = threading.Lock()
        self._logged: set[tuple[str, str]] = set()

    def failed(self, exc: Exception, what: str) -> None:
        """The database failed (an outage, logged once by Health); a surprise also gets its
        traceback logged, once."""
        if not isinstance(exc, EXPECTED):
            self._log_once(exc, what)
        self._health.failed(exc)

    def refused(self, exc: Exception, what: str, consequence: str) -> None:
        """The database is up but refused this statement: counted (status shows it), one
        warning line per kind, and the database stays in use. Not a database error: a surprise."""
        if not isinstance(exc, sa.exc.SQLAlchemyError):
            self.surprise(exc, what)
            return
        message = self._health.counted(exc)
        if self._first(what, exc):
            log.warning(
                "%s failed: %s (%s); %s. The database stays in use; failures of this kind are "
                "counted in /readout status and not logged again.",
                what,
                message,
                type(exc).__name__,
                consequence,
            )

    def surprise(self, exc: Exception, what: str) -> None:
        """Not an outage but a bug or a surprise: counted (status shows it), traceback once."""
        self._log_once(exc, what)
        self._health.counted(exc)

    def _log_once(self, exc: Exception, what: str) -> None:
        if not self._first(what, exc):
            return
        log.error(
            "%s failed unexpectedly; answers continue, failures are counted in /readout status "
            "and this one is not logged again",
            what,
            exc_info=exc,
        )

    def _first(self, what: str, exc: Exception) -> bool:
        key = (what, type(exc).__qualname__)
        with self._lock:
            if key in self._logged:
                return False
            self._logged.add(key)
            return True
