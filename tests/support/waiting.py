"""Waiting for something another thread or process does: poll until it holds, or fail."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(
    check: Callable[[], T],
    timeout: float = 10.0,
    *,
    every: float = 0.02,
    what: str = "condition not met in time",
) -> T:
    """The first truthy value `check` returns within `timeout` seconds; AssertionError(`what`)
    when it never does."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(what)
        time.sleep(every)
