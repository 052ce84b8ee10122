"""How the recorder reports a failure without raising: the database's own is an outage (Health
logs it once, without a traceback); anything else is a surprise, its traceback logged once."""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa

from bot.errors import StoreError
from bot.store.resilience import Health

log = logging.getLogger("bot.store.recorder")

EXPECTED = (StoreError, sa.exc.SQLAlchemyError)
"""Failures of the database itself: logged once as an outage, without a traceback."""


class FailureLog:
    """Counts every failure in `health`; logs each kind of surprise (where, type) only once."""

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

    def surprise(self, exc: Exception, what: str) -> None:
        """Not an outage but a bug or a surprise: counted (status shows it), traceback once."""
        self._log_once(exc, what)
        self._health.counted(exc)

    def _log_once(self, exc: Exception, what: str) -> None:
        key = (what, type(exc).__qualname__)
        with self._lock:
            if key in self._logged:
                return
            self._logged.add(key)
        log.error(
            "%s failed unexpectedly; answers continue, failures are counted in /readout status "
            "and this one is not logged again",
            what,
            exc_info=exc,
        )
