"""Requests exactly as Slack sends them: form-encoded slash commands and button clicks, JSON
events, each signed with X-Slack-Signature over the raw body."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0TEAM"
APP = "A0APP"


def sign(body: str, *, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def command_body(
    text: str, response_url: str, *, user: str = "U0ASKER", channel: str = "C0CHAN"
) -> str:
    return urlencode(
        {
            "token": "verification-token",
            "team_id": TEAM,
            "team_domain": "example",
            "channel_id": channel,
            "channel_name": "policy",
            "user_id": user,
            "user_name": "ann",
            "command": "/readout",
            "text": text,
            "api_app_id": APP,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": "1337.42.abcd",
        }
    )


def event_body(event: dict[str, Any], event_id: str) -> str:
    return json.dumps(
        {
            "token": "verification-token",
            "team_id": TEAM,
            "api_app_id": APP,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": TEAM, "user_id": "UBOT", "is_bot": True, "is_enterprise_install": False}
            ],
        }
    )


def click_body(
    action_id: str,
    value: str,
    *,
    response_url: str | None,
    ephemeral: bool = True,
    user: str = "U0ASKER",
    channel: str = "C0CHAN",
) -> str:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "ann", "name": "ann", "team_id": TEAM},
        "api_app_id": APP,
        "token": "verification-token",
        "trigger_id": "1337.42.efgh",
        "team": {"id": TEAM, "domain": "example"},
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "a button", "emoji": True},
                "value": value,
                "action_ts": "1700000000.000001",
            }
        ],
    }
    if response_url is None:  # a click in the App Home tab
        payload["container"] = {"type": "view", "view_id": "V0VIEW"}
        payload["view"] = {"id": "V0VIEW", "type": "home", "blocks": []}
    else:
        payload["container"] = {
            "type": "message",
            "message_ts": "1700000000.000100",
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        }
        payload["channel"] = {"id": channel, "name": "policy"}
        payload["response_url"] = response_url
    return urlencode({"payload": json.dumps(payload)})
