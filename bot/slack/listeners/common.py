"""Small helpers the listener families share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from bot.render.blocks import Message
from bot.slack.deps import Asked, Deps

logger = logging.getLogger("readout.slack")
T = TypeVar("T")

SORRY: Message = {
    "text": "Sorry, something went wrong answering that. Please try again in a moment.",
    "blocks": [],
}


def guarded(what: str, build: Callable[[], T], fallback: T) -> T:
    """`build()`, or `fallback` (the failure logged with its traceback)."""
    try:
        return build()
    except Exception:
        logger.exception("failed to build the reply to %s", what)
        return fallback


async def notify_asked(deps: Deps, asked: Asked) -> None:
    """Run the `on_asked` hook, if any; its failure never reaches the person asking."""
    if deps.hooks.on_asked is None:
        return
    try:
        await deps.hooks.on_asked(asked)
    except Exception:
        logger.exception("the on_asked hook failed")
