"""Interaction payloads for "Ask a curator", exactly as Slack sends them (form-encoded
`payload=`, signed by the caller): button clicks on messages in threads, DMs and ephemeral
replies, a static select on the card, a modal submission, and the external select's type-ahead."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from tests.support.slack_requests import APP, TEAM

FORM = "application/x-www-form-urlencoded"


def _base(kind: str, user: str) -> dict[str, Any]:
    return {
        "type": kind,
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": APP,
        "token": "verification-token",
        "team": {"id": TEAM, "domain": "example"},
        "is_enterprise_install": False,
    }


def on_message(
    action: dict[str, Any],
    *,
    user: str,
    channel: str,
    message_ts: str,
    response_url: str,
    ephemeral: bool = False,
    message: dict[str, Any] | None = None,
    trigger_id: str = "1337.42.curator",
) -> str:
    """A block_actions payload for an element of a message (a button, or a select)."""
    payload = {
        **_base("block_actions", user),
        "trigger_id": trigger_id,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        },
        "channel": {"id": channel, "name": "policy"},
        "response_url": response_url,
        "state": {"values": {}},
        "actions": [{**action, "action_ts": "1700000000.000001"}],
    }
    if message is not None and not ephemeral:
        payload["message"] = message
    return urlencode({"payload": json.dumps(payload)})


def button_action(element: dict[str, Any], block_id: str = "b1") -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": element["action_id"],
        "block_id": block_id,
        "text": element["text"],
        "value": element.get("value", ""),
    }


def select_action(element: dict[str, Any], block_id: str, value: str, label: str) -> dict[str, Any]:
    return {
        "type": element["type"],
        "action_id": element["action_id"],
        "block_id": block_id,
        "selected_option": {"text": {"type": "plain_text", "text": label}, "value": value},
        "placeholder": element.get("placeholder"),
    }


def view_submission(view: dict[str, Any], values: dict[str, Any], *, user: str) -> str:
    payload = {
        **_base("view_submission", user),
        "trigger_id": "1337.42.submit",
        "view": {
            "id": "V0MODAL",
            "type": "modal",
            "team_id": TEAM,
            "callback_id": view["callback_id"],
            "private_metadata": view.get("private_metadata", ""),
            "blocks": view.get("blocks", []),
            "state": {"values": values},
            "hash": "1700000000.abcd",
        },
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)})


def block_suggestion(action_id: str, block_id: str, typed: str, *, user: str, channel: str) -> str:
    payload = {
        **_base("block_suggestion", user),
        "action_id": action_id,
        "block_id": block_id,
        "value": typed,
        "container": {"type": "message", "message_ts": "1700000000.000300", "channel_id": channel},
        "channel": {"id": channel, "name": "curators"},
    }
    return urlencode({"payload": json.dumps(payload)})


def elements(blocks: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(block_id, element) for every interactive element in `blocks`."""
    return [
        (str(b.get("block_id", "")), e)
        for b in blocks
        if b.get("type") == "actions"
        for e in b.get("elements", [])
    ]


def element(blocks: list[dict[str, Any]], action_id: str) -> tuple[str, dict[str, Any]]:
    found = [(b, e) for b, e in elements(blocks) if e.get("action_id") == action_id]
    assert found, f"no {action_id} in {json.dumps(blocks)[:2000]}"
    return found[0]
