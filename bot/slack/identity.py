"""Who the bot is (auth.test), asked at start-up in the background, never on a request.

Given only a token, Bolt asks auth.test on the first request it handles and waits for the
answer: a slow Web API then delays that acknowledgement past Slack's 3 seconds, and an
unreachable one turns it into a 500, though a `/readout` answer needs no Web API call at all.
So Bolt gets an `authorize` that answers at once from what is known, while `resolving()` asks
auth.test until Slack answers. Until then the bot's user id is unknown, which only matters for
stripping its mention from a question, and events carry it anyway (`authorizations`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.web_api import REJECTED, api_error, describe_failure

logger = logging.getLogger(__name__)

FIRST_WAIT = 1.0
LONGEST_WAIT = 60.0
"""Between auth.test attempts: 1 s, doubling up to a minute."""


class BotIdentity:
    """The bot's user id, bot id and team, once auth.test has answered; the token always."""

    def __init__(self, token: str) -> None:
        self._token = token
        self.user_id: str | None = None
        self.bot_id: str | None = None
        self.team_id: str | None = None

    @classmethod
    def of(cls, client: AsyncWebClient) -> BotIdentity:
        """The identity behind `client`'s token, not known yet."""
        return cls(client.token or "")

    def authorizer(self) -> Callable[..., Awaitable[AuthorizeResult]]:
        """Bolt's `authorize`: the token and what is known of the bot, with no Web API call.
        (A plain function: Bolt passes arguments by the names it reads off the signature.)"""

        async def authorize(
            enterprise_id: str | None, team_id: str | None, user_id: str | None
        ) -> AuthorizeResult:
            return AuthorizeResult(
                enterprise_id=enterprise_id,
                team_id=team_id or self.team_id,
                bot_token=self._token,
                bot_user_id=self.user_id,
                bot_id=self.bot_id,
                user_id=user_id,
            )

        return authorize

    async def resolve(self, client: AsyncWebClient, *, first_wait: float = FIRST_WAIT) -> None:
        """Ask auth.test until Slack answers, waiting longer after each failure (and saying so);
        give up only when Slack rejects the token (start-up has said so already, see
        startup.check_token). Each attempt is a single call: this loop is the retry."""
        once = AsyncWebClient(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            session=client.session,
            retry_handlers=[],
        )
        wait = first_wait
        while True:
            try:
                response = await once.auth_test()
            except SlackApiError as exc:
                if api_error(exc) in REJECTED:
                    logger.error("auth.test: Slack rejects SLACK_BOT_TOKEN (%s)", api_error(exc))
                    return
                reason = describe_failure(exc)
            except Exception as exc:  # a timeout, a lost connection, an answer that is no JSON
                reason = describe_failure(exc)
            else:
                self.user_id = response.get("user_id")
                self.bot_id = response.get("bot_id")
                self.team_id = response.get("team_id")
                logger.info("Slack says this bot is user %s (bot %s)", self.user_id, self.bot_id)
                return
            logger.warning(
                "could not ask Slack who this bot is (auth.test: %s); answering anyway, "
                "trying again in %.0f s",
                reason,
                wait,
            )
            await asyncio.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)

    @contextlib.asynccontextmanager
    async def resolving(self, client: AsyncWebClient) -> AsyncIterator[None]:
        """Resolve in the background while the block runs (stopped at its end if still trying)."""
        task = asyncio.create_task(self.resolve(client))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
