"""Ask a curator, in Slack: the asker's click opens an escalation and posts its card to
READOUT_CURATORS_CHANNEL; a curator's action claims it in the store (exactly one wins, whatever
the replica), the asker gets the outcome where they asked, and the card is updated in place
(the curators' side is in curator_actions.py).

Every step after the click runs as a follow-up (FollowUps): an outcome Slack refuses is noted on
the card, logged and counted undelivered, never dropped in silence; a curator who comes second
is told who already handled it, and nothing more reaches the asker.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import QuestionPrivacy, Settings
from bot.errors import StoreError
from bot.render.blocks import Message
from bot.render.escalation import (
    CuratorOffer,
    build_card,
    read_ask_value,
)
from bot.render.escalation_replies import (
    build_already_asked,
    build_not_passed_on,
    build_sent_to_curators,
)
from bot.slack.asker import Asker, tell_privately
from bot.slack.curator_actions import CuratorActions
from bot.slack.deps import KnowledgeProvider
from bot.slack.escalation_payloads import asker_of
from bot.slack.listeners.common import first_action
from bot.slack.respond import post_response
from bot.slack.web_api import describe_failure
from bot.store import escalations as store
from bot.store.escalations import NewEscalation
from bot.store.gaps import NearMiss
from bot.store.recorder import Recorder

logger = logging.getLogger(__name__)


class Escalations(CuratorActions):
    """One process's side of "Ask a curator" (the store is shared by every replica)."""

    def __init__(
        self, settings: Settings, knowledge: KnowledgeProvider, recorder: Recorder
    ) -> None:
        assert settings.curators_channel is not None
        self.settings, self.knowledge, self.recorder = settings, knowledge, recorder
        self.channel = settings.curators_channel
        self._offer = CuratorOffer(keeps_text=settings.question_privacy is not QuestionPrivacy.NONE)

    @property
    def offer(self) -> CuratorOffer:
        return self._offer

    async def ask(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        """The "Ask a curator" button under a "did you mean" or "not covered" reply."""
        action = first_action(body)
        value = read_ask_value(action.get("value") if action else None)
        user_id = (body.get("user") or {}).get("id")
        container = body.get("container") or {}
        channel_id = (body.get("channel") or {}).get("id") or container.get("channel_id")
        if value is None or not user_id:
            logger.warning("ignored an Ask a curator click without its value or a user")
            return
        asker = asker_of(user_id, channel_id, container, body.get("message") or {})
        question = value.question if self._offer.keeps_text else None
        nearest = tuple(self._near(value.nearest))
        key = f"{channel_id}:{container.get('message_ts')}:{user_id}"
        note = await self._escalate(client, asker, key, question, nearest, None)
        if body.get("response_url"):
            await post_response(
                client,
                body["response_url"],
                note,
                response_type="ephemeral",
                replace_original=False,
            )
        else:
            await tell_privately(client, asker, note)

    async def ask_from_feedback(
        self, user_id: str, meta: dict[str, Any], comment: str | None, client: AsyncWebClient
    ) -> None:
        """The box ticked in the 👎 form: the answer voted down goes to the curators."""
        channel_id = str(meta.get("c") or "") or None
        container = {"is_ephemeral": bool(meta.get("e")), "message_ts": meta.get("m")}
        asker = asker_of(user_id, channel_id, container, {"thread_ts": meta.get("th")})
        question = str(meta.get("q") or "") or None
        target = str(meta.get("t") or "")
        key = f"{channel_id}:{meta.get('m') or meta.get('k')}:{user_id}:feedback"
        nearest = tuple(self._near([target] if target else []))
        kept = question if self._offer.keeps_text else None
        note = await self._escalate(client, asker, key, kept, nearest, comment)
        await tell_privately(client, asker, note)

    async def _escalate(
        self,
        client: AsyncWebClient,
        asker: Asker,
        key: str,
        question: str | None,
        nearest: tuple[NearMiss, ...],
        comment: str | None,
    ) -> Message:
        """Open the escalation and post its card; the note for the asker."""
        new = NewEscalation(
            key,
            asker.user_id,
            asker.channel_id,
            asker.surface,
            asker.thread_ts,
            question,
            nearest,
            comment,
            await self._permalink(client, asker),
        )
        try:
            db, keeper = self.recorder.database, self.recorder.keeper
            escalation, opened = await asyncio.to_thread(store.open_escalation, db, new, keeper)
        except StoreError as exc:
            return build_not_passed_on(str(exc).rstrip("."))
        if not opened:
            return build_already_asked(asker.surface)
        card = build_card(self._facts(escalation, question), self.knowledge().kb)
        try:
            posted = await client.chat_postMessage(
                channel=self.channel, text=card["text"], blocks=card["blocks"], unfurl_links=False
            )
        except Exception as exc:
            await asyncio.to_thread(store.forget_escalation, db, escalation.id)
            logger.error(
                "the card for escalation %s could not be posted: %s",
                escalation.id,
                describe_failure(exc),
            )
            return build_not_passed_on("the curators' channel could not be reached")
        await asyncio.to_thread(
            store.set_card,
            db,
            escalation.id,
            str(posted.get("channel") or self.channel),
            str(posted.get("ts")),
        )
        return build_sent_to_curators(asker.surface, question, self._offer.keeps_text)

    async def _permalink(self, client: AsyncWebClient, asker: Asker) -> str | None:
        """A link to the asker's message when the bot can see it (a thread in a channel)."""
        if asker.surface != "thread" or not asker.channel_id or not asker.thread_ts:
            return None
        try:
            found = await client.chat_getPermalink(
                channel=asker.channel_id, message_ts=asker.thread_ts
            )
        except Exception as exc:
            logger.info("no permalink for the escalated message: %s", describe_failure(exc))
            return None
        link = found.get("permalink")
        return str(link) if link else None

    def _near(self, target_ids: list[str] | tuple[str, ...]) -> list[NearMiss]:
        kb = self.knowledge().kb
        found = ((t, kb.resolve(t)) for t in target_ids)
        return [NearMiss(t, target.title, 0.0) for t, target in found if target is not None]
