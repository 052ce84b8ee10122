"""Ask a curator, the curators' side: a curator's action on a card claims its escalation in the
store (exactly one wins, whatever the replica); the winner's outcome reaches the asker where they
asked and the card is updated in place; anyone after is told who came first. A mixin of
Escalations (escalations.py), which holds the settings, knowledge, store and channel."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.render.blocks import Message
from bot.render.escalation import (
    CARD_BLOCK,
    CardFacts,
    CuratorOffer,
    Handled,
    build_card,
    options,
    read_card_value,
)
from bot.render.escalation_replies import (
    REPLY_ACTION,
    REPLY_BLOCK,
    build_already_handled,
    build_declined,
    build_entry_reply,
    build_lost_reply,
    build_text_reply,
    build_write_modal,
)
from bot.slack.asker import Asker, deliver
from bot.slack.deps import KnowledgeProvider
from bot.slack.escalation_payloads import (
    card_question,
    clicked_card,
    handled_of,
    json_text,
    modal_card,
    user_of,
)
from bot.slack.listeners.common import first_action, review_policy
from bot.slack.respond import post_response
from bot.slack.web_api import describe_failure
from bot.store import escalations as store
from bot.store.escalations import Escalation, Outcome
from bot.store.picks import Pick
from bot.store.recorder import Recorder

logger = logging.getLogger(__name__)
TYPE_AHEAD = 25


class CuratorActions:
    settings: Settings
    knowledge: KnowledgeProvider
    recorder: Recorder
    channel: str
    _offer: CuratorOffer

    async def answer_with_entry(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        action = first_action(body) or {}
        target_id = str((action.get("selected_option") or {}).get("value") or "")
        escalation_id = str(action.get("block_id") or "").removeprefix(CARD_BLOCK)
        question = card_question(body)
        kb = self.knowledge().kb
        if kb.resolve(target_id) is None:
            await _tell_curator(client, body, f"`{target_id}` is no longer in the knowledge base.")
            return
        escalation = await self._claim(body, client, escalation_id, "entry", target_id=target_id)
        if escalation is None:
            return
        asked = escalation.question or question
        if asked:
            matched = self.knowledge().matcher.match(asked)
            pick = Pick(asked, matched.normalized, target_id, user_of(body), "curator")
            self.recorder.record(pick)
        reviews = review_policy(self.settings)
        reply = build_entry_reply(kb, target_id, user_of(body), asked, reviews)
        await self._conclude(client, escalation, reply, asked, clicked_card(body))

    async def open_writer(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        action = first_action(body) or {}
        found = read_card_value(action.get("value"))
        if found is None or not body.get("trigger_id"):
            logger.warning("ignored a Write an answer click without its escalation or trigger")
            return
        escalation = await asyncio.to_thread(store.get_escalation, self.recorder.database, found[0])
        if escalation is not None and escalation.status != store.OPEN:
            await _tell_curator(client, body, build_already_handled(handled_of(escalation))["text"])
            return
        view = build_write_modal(*found, card=clicked_card(body))
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def write(
        self, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        meta = read_card_value(json_text(view.get("private_metadata")))
        values = (view.get("state") or {}).get("values") or {}
        reply = str(((values.get(REPLY_BLOCK) or {}).get(REPLY_ACTION) or {}).get("value") or "")
        if meta is None or not reply.strip():
            logger.warning("ignored a curator's answer without its escalation or text")
            return
        escalation_id, question = meta
        curator = user_of(body)
        won = await asyncio.to_thread(
            store.claim, self.recorder.database, escalation_id, curator, "reply", reply=reply
        )
        escalation = await asyncio.to_thread(
            store.get_escalation, self.recorder.database, escalation_id
        )
        if escalation is None:
            return
        if not won:
            lost = build_lost_reply(handled_of(escalation), reply)
            await client.chat_postEphemeral(
                channel=self.channel, user=curator, text=lost["text"], blocks=lost["blocks"]
            )
            return
        asked = escalation.question or question
        card = modal_card(view.get("private_metadata"))
        await self._conclude(
            client, escalation, build_text_reply(curator, reply, asked), asked, card
        )

    async def decline(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        found = read_card_value((first_action(body) or {}).get("value"))
        if found is None:
            return
        escalation = await self._claim(body, client, found[0], "declined")
        if escalation is not None:
            asked = escalation.question or found[1]
            card = clicked_card(body)
            await self._conclude(client, escalation, build_declined(asked), asked, card)

    def options(self, typed: str) -> list[dict[str, Any]]:
        """The external select's type-ahead: the matcher's candidates, then titles and ids that
        contain what was typed."""
        knowledge = self.knowledge()
        found = [(c.target_id, c.title) for c in knowledge.matcher.match(typed).candidates]
        wanted = typed.casefold().strip()
        for entry in knowledge.kb:
            if len(found) >= TYPE_AHEAD:
                break
            if wanted and (wanted in entry.title.casefold() or wanted in entry.id):
                found.append((entry.id, entry.title))
        unique = list(dict.fromkeys(found))
        return options(unique[:TYPE_AHEAD])

    async def _claim(
        self,
        body: dict[str, Any],
        client: AsyncWebClient,
        escalation_id: str,
        outcome: Outcome,
        **kw: Any,
    ) -> Escalation | None:
        """The escalation when this curator's click handled it; else None (the curator was told
        who did)."""
        db = self.recorder.database
        won = await asyncio.to_thread(store.claim, db, escalation_id, user_of(body), outcome, **kw)
        escalation = await asyncio.to_thread(store.get_escalation, db, escalation_id)
        if escalation is None:
            await _tell_curator(client, body, "This question is no longer in Readout's store.")
            return None
        if not won:
            await _tell_curator(client, body, build_already_handled(handled_of(escalation))["text"])
            return None
        return escalation

    async def _conclude(
        self,
        client: AsyncWebClient,
        escalation: Escalation,
        reply: Message,
        question: str | None,
        card: tuple[str, str] | None,
    ) -> None:
        """Deliver the outcome to the asker, then show on the card who handled it and how. The
        card is the one clicked (`card`, its channel and ts) when the store does not know it yet:
        a curator can act before the replica that posted it has recorded where."""
        asker = Asker(
            escalation.asker_id, escalation.channel_id, escalation.surface, escalation.thread_ts
        )
        failure: Exception | None = None
        try:
            await deliver(client, asker, reply)
        except Exception as exc:
            failure = exc
        handled = handled_of(escalation, undelivered=describe_failure(failure) if failure else None)
        where = (
            (escalation.card_channel or self.channel, escalation.card_ts)
            if escalation.card_ts
            else card
        )
        if where is not None:
            updated = build_card(self._facts(escalation, question, handled), self.knowledge().kb)
            await client.chat_update(
                channel=where[0], ts=where[1], text=updated["text"], blocks=updated["blocks"]
            )
        if failure is not None:
            raise failure  # FollowUps logs it and counts it undelivered

    def _facts(
        self, escalation: Escalation, question: str | None, handled: Handled | None = None
    ) -> CardFacts:
        title = None
        if handled is not None and handled.target_id:
            target = self.knowledge().kb.resolve(handled.target_id)
            title = target.title if target is not None else None
        return CardFacts(
            escalation_id=escalation.id,
            question=question if self._offer.keeps_text else None,
            asker_id=escalation.asker_id,
            channel_id=escalation.channel_id,
            surface=escalation.surface,
            permalink=escalation.permalink,
            nearest=tuple((n.target_id, n.title, n.score) for n in escalation.candidates),
            comment=escalation.comment,
            handled=dataclasses.replace(handled, target_title=title) if handled else None,
        )


async def _tell_curator(client: AsyncWebClient, body: dict[str, Any], text: str) -> None:
    """An ephemeral note to the curator who clicked, under the card."""
    note: Message = {"text": text, "blocks": []}
    if body.get("response_url"):
        await post_response(
            client, body["response_url"], note, response_type="ephemeral", replace_original=False
        )
        return
    channel = (body.get("channel") or {}).get("id")
    if channel:
        await client.chat_postEphemeral(channel=channel, user=user_of(body), text=text)
