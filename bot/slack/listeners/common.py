"""Small helpers the listener families share."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bot.config import Settings
from bot.knowledge.freshness import ReviewPolicy
from bot.render.blocks import Message
from bot.render.escalation import CuratorOffer
from bot.slack.deps import Asked, Deps

logger = logging.getLogger(__name__)
T = TypeVar("T")

SORRY: Message = {
    "text": "Sorry, something went wrong answering that. Please try again in a moment.",
    "blocks": [],
}


def review_policy(settings: Settings) -> ReviewPolicy:
    """Entries' review dates judged on today's date (UTC), for the answers built now."""
    return ReviewPolicy(settings.review_days, dt.datetime.now(dt.UTC).date())


def curator_offer(deps: Deps) -> CuratorOffer | None:
    """ "Ask a curator" under replies that do not answer, when READOUT_CURATORS_CHANNEL is set."""
    return deps.hooks.escalations.offer if deps.hooks.escalations is not None else None


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


def first_action(body: dict[str, Any]) -> dict[str, Any] | None:
    """The clicked action of a block_actions payload, or None (logged in one line) when there
    is none: Slack always sends one, so such a click is acknowledged and otherwise ignored."""
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        return actions[0]
    logger.warning("ignored a click without an action")
    return None


Handler = Callable[..., Awaitable[None]]


def never_raises(handler: Handler) -> Handler:
    """Log a listener's failure instead of raising it into Bolt.

    When a listener raises, even after ack(), Bolt (processing before its response) answers
    Slack 500, so Slack shows the person an error or retries the event. Here the failure is
    logged and the acknowledgement stands; a failure before ack() still acknowledges. Bolt reads
    the handler's argument names through `functools.wraps`.
    """

    @functools.wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            await handler(*args, **kwargs)
        except Exception:
            logger.exception("listener %s failed", handler.__name__)
            ack = kwargs.get("ack")
            if ack is not None and getattr(ack, "response", None) is None:
                with contextlib.suppress(Exception):
                    await ack()  # still acknowledge, so Slack does not report a failure

    return wrapper
