"""What the listeners are given: the current knowledge, the settings, and optional hooks.

The knowledge is reached through a provider called on every request, never held in a global, so
a hot reload only has to change what the provider returns.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.render.blocks import Block, Message
from bot.render.escalation import CuratorOffer
from bot.search.types import MatchResult

if TYPE_CHECKING:  # the console uses these types without Slack's libraries
    from bot.slack.follow_ups import FollowUps


class Answerer(Protocol):
    """Anything that matches a question against one knowledge base (bot.search's Matcher)."""

    def match(self, text: str) -> MatchResult: ...


class Knowledge(Protocol):
    """One knowledge base and the matcher built for it, always used together (a hot-reload
    snapshot such as bot.knowledge.watch.Snapshot fits as it is)."""

    @property
    def kb(self) -> KnowledgeBase: ...

    @property
    def matcher(self) -> Answerer: ...


@dataclass(frozen=True)
class FixedKnowledge:
    """A Knowledge that never changes."""

    kb: KnowledgeBase
    matcher: Answerer


KnowledgeProvider = Callable[[], Knowledge]
"""Called once per request; whatever it returns is used for the whole request."""


def knowledge_provider(
    current_kb: Callable[[], KnowledgeBase], make_matcher: Callable[[KnowledgeBase], Answerer]
) -> KnowledgeProvider:
    """A provider that follows `current_kb()` (e.g. a hot-reload watcher) and builds a matcher
    once per knowledge base it sees."""
    lock = threading.Lock()
    latest: list[FixedKnowledge] = []

    def provide() -> Knowledge:
        kb = current_kb()
        cached = latest[0] if latest else None
        if cached is not None and cached.kb is kb:
            return cached
        with lock:
            if latest and latest[0].kb is kb:
                return latest[0]
            fresh = FixedKnowledge(kb, make_matcher(kb))
            latest[:] = [fresh]
            return fresh

    return provide


@dataclass(frozen=True)
class Asked:
    """One question answered, for whoever wants to record it (feedback, gaps)."""

    question: str
    surface: str
    """'command', 'mention', 'dm' or 'console'."""
    user_id: str | None
    channel_id: str | None
    result: MatchResult


@dataclass(frozen=True)
class CommandRequest:
    """An extra `/readout <name> …` subcommand as its handler sees it."""

    name: str
    argument: str
    user_id: str | None
    channel_id: str | None


@dataclass(frozen=True)
class Voted:
    """A 👍 or 👎 on one answer (a 👎 may come back with the modal's comment)."""

    target_id: str
    question: str | None
    user_id: str
    channel_id: str | None
    answer_key: str
    """The answer voted on (its channel and message); one vote per user per answer."""
    up: bool
    comment: str | None = None


@dataclass(frozen=True)
class Picked:
    """Someone chose an entry Readout offered because it was unsure of their question."""

    question: str
    target_id: str
    user_id: str
    source: str
    """`suggestion` ("did you mean") or `nearest` (a nearest topic)."""


class Escalator(Protocol):
    """Ask a curator (bot/slack/escalations.py): what the listeners hand each action to.
    `client` is the app's AsyncWebClient; `body` and `view` are Slack's payloads."""

    @property
    def offer(self) -> CuratorOffer: ...

    async def ask(self, body: dict[str, Any], client: Any) -> None: ...
    async def ask_from_feedback(
        self, user_id: str, meta: dict[str, Any], comment: str | None, client: Any
    ) -> None: ...
    async def answer_with_entry(self, body: dict[str, Any], client: Any) -> None: ...
    async def open_writer(self, body: dict[str, Any], client: Any) -> None: ...
    async def write(self, body: dict[str, Any], view: dict[str, Any], client: Any) -> None: ...
    async def decline(self, body: dict[str, Any], client: Any) -> None: ...
    def options(self, typed: str) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Hooks:
    """Seams for features layered on top; every hook is optional.

    `on_asked` runs after a question is answered (e.g. to record knowledge gaps); `seen_event`
    returns True when an Events API event_id was already handled, and otherwise claims it
    (de-duplication across replicas); `release_event` gives a claim up when its reply could not
    be posted; `subcommands` adds `/readout <name>` handlers (e.g. admin commands). `on_asked`
    (after /readout's answer) and `on_vote` (on a 👎 comment) may run before the response goes
    back to Slack, so they must be quick: the Curators' hooks only queue a record.
    """

    on_asked: Callable[[Asked], Awaitable[None]] | None = None
    seen_event: Callable[[str], Awaitable[bool]] | None = None
    release_event: Callable[[str], Awaitable[None]] | None = None
    subcommands: Mapping[str, Callable[[CommandRequest], Awaitable[Message]]] = field(
        default_factory=dict
    )
    on_vote: Callable[[Voted], Awaitable[None]] | None = None
    """Set, answers carry 👍 / 👎 buttons and each click (and 👎 comment) is passed here."""
    on_pick: Callable[[Picked], Awaitable[None]] | None = None
    """A click on a "did you mean" suggestion or a nearest topic (to learn aliases from)."""
    escalations: Escalator | None = None
    """Set (READOUT_CURATORS_CHANNEL), replies that do not answer offer "Ask a curator"."""
    curator_home: Callable[[str, Any], Awaitable[list[Block]]] | None = None
    """The curators' section of App Home for a user (empty for anyone but an admin), given the
    user id and the Web API client."""


@dataclass(frozen=True)
class Deps:
    """Everything a listener needs, passed to each family's `register(app, deps)`."""

    knowledge: KnowledgeProvider
    settings: Settings
    hooks: Hooks
    follow_ups: FollowUps
    """Where listeners start what they send after acknowledging (replies, views, posts)."""
