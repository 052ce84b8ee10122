"""Issue 5 in Slack: hot reload, admin commands, gaps, votes and de-duplication, via `Hooks`.

`Curators` owns, for one process, the LiveKnowledge (what is served), the Recorder (what is
remembered) and the FollowUps (replies after an acknowledgement, counted for `status`). The
server builds it at start-up, serves `live.current` as the knowledge provider, gives the app
`hooks()`, and keeps `running(client)` open while it serves: the file watcher (failed reloads
are posted to READOUT_ADMIN_CHANNEL by one replica) and the Recorder's writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING

from bot.config import MAX_DAYS, Settings
from bot.errors import StoreError
from bot.knowledge.snapshot import ReloadResult
from bot.knowledge.watch import LiveKnowledge
from bot.render.blocks import Block, Message
from bot.render.curators import (
    build_admin_only,
    build_gaps,
    build_reload,
    build_reload_failure_alert,
    build_status,
    build_store_unavailable,
    build_usage,
)
from bot.slack.curator_home import curator_section
from bot.slack.deps import Answerer, Asked, CommandRequest, Hooks, Picked, Voted
from bot.slack.knowledge import matcher_factory
from bot.slack.listeners.common import review_policy
from bot.slack.replies import ReplyStyle, answer_question
from bot.store.escalations import count_open
from bot.store.feedback import DOWN, UP, Vote
from bot.store.gap_groups import top_gaps
from bot.store.gaps import gap_from_result, gap_reason
from bot.store.picks import Pick, PickSource, learned_aliases
from bot.store.recorder import Recorder

if TYPE_CHECKING:  # the console runs Curators without Slack's libraries (bot.slack.workbench)
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.escalations import Escalations
    from bot.slack.follow_ups import FollowUps

logger = logging.getLogger(__name__)
GAPS_SHOWN = 15


class Curators:
    def __init__(
        self,
        settings: Settings,
        live: LiveKnowledge[Answerer],
        recorder: Recorder,
        follow_ups: FollowUps | None = None,
    ) -> None:
        self.settings, self.live, self.recorder = settings, live, recorder
        self._follow_ups = follow_ups
        self.escalations: Escalations | None = None
        """Ask a curator (issue 11), when READOUT_CURATORS_CHANNEL is set."""
        if settings.curators_channel:
            from bot.slack.escalations import Escalations  # Slack's libraries: only when set

            self.escalations = Escalations(settings, live.current, recorder)

    @property
    def follow_ups(self) -> FollowUps:
        """The replies this process sends after acknowledging: `/readout status` counts them.
        Made when Slack is served, never in the console (it sends nothing after acknowledging)."""
        if self._follow_ups is None:
            from bot.slack.follow_ups import FollowUps

            self._follow_ups = FollowUps(self.settings.reply_deadline)
        return self._follow_ups

    @classmethod
    def start(cls, settings: Settings) -> Curators:
        """Load the knowledge (KnowledgeError lists every problem), then start the Recorder,
        which opens the database in the background when it cannot now."""
        live = LiveKnowledge(settings.knowledge_dir, matcher_factory(settings))
        salt = settings.question_salt.get_secret_value() if settings.question_salt else None
        recorder = Recorder(
            settings.database_url,
            privacy=settings.question_privacy,
            salt=salt,
            retention_days=settings.retention_days,
        )
        recorder.start()
        return cls(settings, live, recorder)

    def hooks(self) -> Hooks:
        return Hooks(
            on_asked=self.on_asked,
            seen_event=self.seen_event,
            release_event=self.release_event,
            subcommands={"reload": self.reload, "status": self.status, "gaps": self.gaps},
            on_vote=self.on_vote,
            on_pick=self.on_pick,
            escalations=self.escalations,
            curator_home=self.curator_home,
        )

    @contextlib.asynccontextmanager
    async def running(self, client: AsyncWebClient) -> AsyncIterator[None]:
        """Watch the knowledge directory (and post the curators' digest when due) while the block
        runs; stop the Recorder after it."""
        stop = asyncio.Event()
        watcher = asyncio.create_task(self.live.watch(self._alerter(client), stop=stop))
        digest = asyncio.create_task(self._digest(client, stop))
        try:
            yield
        finally:
            stop.set()
            for task in (watcher, digest):
                if task is not None:
                    with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                        await asyncio.wait_for(task, 5)
            await asyncio.to_thread(self.recorder.stop, 5.0)

    async def _digest(self, client: AsyncWebClient, stop: asyncio.Event) -> None:
        """The curators' digest, every READOUT_DIGEST_DAYS, posted by one replica (when there
        is a curators' channel)."""
        if not (self.settings.curators_channel and self.settings.digest_days):
            return
        from bot.slack.digest import Digest

        await Digest(self.settings, self.live.current, self.recorder).run(client, stop)

    async def on_asked(self, asked: Asked) -> None:
        reason = gap_reason(asked.result, self.settings.low_confidence)
        if reason is not None:
            self.recorder.record(gap_from_result(asked.result, reason))

    async def seen_event(self, event_id: str) -> bool:
        return not await asyncio.to_thread(self.recorder.claim_event, event_id)

    async def release_event(self, event_id: str) -> None:
        await asyncio.to_thread(self.recorder.release_event, event_id)

    async def on_vote(self, voted: Voted) -> None:
        self.recorder.record(
            Vote(
                answer_key=voted.answer_key[:200],
                target_id=voted.target_id,
                user_id=voted.user_id,
                channel_id=voted.channel_id,
                question=voted.question or "",
                value=UP if voted.up else DOWN,
                comment=voted.comment,
            )
        )

    async def on_pick(self, picked: Picked) -> None:
        """A "did you mean" suggestion or nearest topic someone chose: queued, to learn from."""
        normalized = self.live.current().matcher.match(picked.question).normalized
        source: PickSource = "suggestion" if picked.source == "suggestion" else "nearest"
        self.recorder.record(
            Pick(picked.question, normalized, picked.target_id, picked.user_id, source)
        )

    async def curator_home(self, user_id: str, client: AsyncWebClient) -> list[Block]:
        """The curators' section of App Home, for READOUT_ADMINS only."""
        if user_id not in self.settings.admins:
            return []
        return await curator_section(self.settings, self.live, self.recorder, client)

    async def reload(self, request: CommandRequest) -> Message:
        if request.argument:
            return await self._question(request)
        if not self._is_admin(request):
            return build_admin_only(request.name)
        return build_reload(await self.live.areload())

    async def status(self, request: CommandRequest) -> Message:
        if request.argument:
            return await self._question(request)
        if not self._is_admin(request):
            return build_admin_only(request.name)
        replies = self._follow_ups.stats() if self._follow_ups is not None else None
        return build_status(
            self.live.status(),
            self.recorder.stats(),
            replies,
            open_escalations=await self._open_escalations(),
        )

    async def _open_escalations(self) -> int | None:
        """Open escalations for `/readout status`; None without a curators' channel or while
        the database is unavailable."""
        if self.escalations is None:
            return None
        try:
            return await asyncio.to_thread(count_open, self.recorder.database)
        except Exception as exc:
            logger.warning("counting open escalations failed: %s", type(exc).__name__)
            return None

    async def gaps(self, request: CommandRequest) -> Message:
        """`/readout gaps [days]`."""
        days_text = request.argument.strip()
        if days_text and not re.fullmatch(r"[0-9]+", days_text):
            return await self._question(request)
        if not self._is_admin(request):
            return build_admin_only(request.name)
        days = int(days_text[:9]) if days_text else self.settings.retention_days
        if not 1 <= days <= MAX_DAYS or len(days_text) > 9:
            return build_usage(f"`/readout gaps [days]` takes 1 to {MAX_DAYS} days.")
        try:
            db = self.recorder.database
            groups = await asyncio.to_thread(top_gaps, db, days=days, limit=GAPS_SHOWN)
            pickers = self.settings.learn_pickers
            learned = await asyncio.to_thread(learned_aliases, db, pickers=pickers, days=days)
        except StoreError as exc:
            return build_store_unavailable(str(exc))
        except Exception as exc:
            logger.exception("reading the gaps failed")
            return build_store_unavailable(type(exc).__name__)
        return build_gaps(groups, days, learned)

    def _is_admin(self, request: CommandRequest) -> bool:
        return request.user_id is not None and request.user_id in self.settings.admins

    async def _question(self, request: CommandRequest) -> Message:
        """'/readout status of the DEA return' is a question that starts with a command's name."""
        text = f"{request.name} {request.argument}"
        style = ReplyStyle(feedback=True, reviews=review_policy(self.settings))
        answered = answer_question(self.live.current(), text, style=style, offer_share=True)
        if answered.result is not None:
            await self.on_asked(
                Asked(text, "command", request.user_id, request.channel_id, answered.result)
            )
        return answered.message

    def _alerter(
        self, client: AsyncWebClient
    ) -> Callable[[ReloadResult[Answerer]], Awaitable[None]]:
        async def alert(result: ReloadResult[Answerer]) -> None:
            channel = self.settings.admin_channel
            if not channel:
                return
            digest = hashlib.sha256("\n".join(map(str, result.problems)).encode()).hexdigest()
            key = f"reload:{digest[:40]}"
            since = result.snapshot.kb.loaded_at
            if not await asyncio.to_thread(self.recorder.claim_alert, key, since=since):
                return  # posted already since the base last loaded cleanly (by some replica)
            message = build_reload_failure_alert(result, str(self.live.root))
            try:
                await client.chat_postMessage(
                    channel=channel, text=message["text"], blocks=message["blocks"]
                )
            except Exception:
                await asyncio.to_thread(self.recorder.release_event, key)  # the next try posts
                raise

        return alert
