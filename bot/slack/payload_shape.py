"""Is a verified request's body one Bolt can read? Parsed exactly as Bolt will parse it, then
checked for the shape Bolt and our listeners index into, so a payload Slack would never send
gets one sentence and a 400 instead of a traceback and a 500.

Slack sends a form (a slash command, or `payload=` holding a JSON object for buttons and modals)
or a JSON object (events). Bolt reads fields such as `event.type`, `actions[0].action_id`,
`view.callback_id` and `authorizations[0].team` without checking their types, and follows
`event`, `message`, `item`… recursively to find ids; each rule below stands for one of those
reads or for one of our listeners'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.request.internals import parse_body

MEDIA_TYPES = ("application/x-www-form-urlencoded", "application/json")
MAX_DEPTH = 64
"""Deeper than any payload Slack sends (a view's blocks nest a dozen levels), shallow enough that
Bolt's recursive readers never reach Python's recursion limit."""


class BadPayload(ValueError):
    """The body is not one Slack sends: its message is one sentence saying what and where."""


def check_payload(body: bytes, content_type: str | None) -> dict[str, Any]:
    """The body as Bolt will see it, or BadPayload naming what is wrong."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        raise BadPayload(
            "the Content-Type must be application/x-www-form-urlencoded or application/json"
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadPayload("the body is not UTF-8 text") from None
    bolt_content_type = content_type.split(";")[0] if content_type else None  # as Bolt does
    try:
        payload = parse_body(text, bolt_content_type)
    except (ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        raise BadPayload("the body (or its payload= field) is not valid JSON") from None
    if not isinstance(payload, dict):
        raise BadPayload("the body (or its payload= field) must hold a JSON object")
    if not payload:
        raise BadPayload(
            "Bolt reads a form that mentions “payload” without a payload= field as empty (a "
            "slash command whose text says “payload”, say)"
            if "payload" in text
            else "the body holds none of the fields Slack sends"
        )
    check_shape(payload)
    return payload


TEXT = "a string"
ID_OR_OBJECT = "a string or an object"
OBJECT = "an object"
_TYPES: dict[str, type | tuple[type, ...]] = {TEXT: str, ID_OR_OBJECT: (str, dict), OBJECT: dict}

_TOP = {
    **dict.fromkeys(("type", "command", "text", "callback_id", "action_id", "block_id"), TEXT),
    **dict.fromkeys(("trigger_id", "response_url", "user_id", "channel_id", "event_id"), TEXT),
    **dict.fromkeys(("container", "message", "state", "function_data"), OBJECT),
}
_IDS = dict.fromkeys(("team", "user", "channel", "enterprise"), ID_OR_OBJECT)
_ID_TEXTS = dict.fromkeys(
    ("id", "team_id", "user_id", "channel_id", "enterprise_id", "user_team", "thread_ts"), TEXT
)
_NESTED = ("message", "previous_message", "item", "assistant_thread")
_OUR_EVENTS = ("app_mention", "message", "app_home_opened")
_OUR_EVENT_FIELDS = dict.fromkeys(
    ("channel", "user", "text", "ts", "thread_ts", "channel_type", "subtype", "bot_id", "tab"),
    TEXT,
)
_INTERACTIONS = ("block_actions", "view_submission", "view_closed")
"""Payloads whose user, channel and team are always objects (our listeners read their ids)."""
_ACTION = dict.fromkeys(("type", "action_id", "block_id", "value"), TEXT)
_VIEW = {
    **dict.fromkeys(("callback_id", "private_metadata", "team_id", "app_installed_team_id"), TEXT),
    "state": OBJECT,
}


def check_shape(payload: dict[str, Any]) -> None:
    """BadPayload when a field that Bolt or a listener reads has a type Slack never sends."""
    _check_depth(payload)
    _check(payload, _TOP, "")
    _check_ids(payload, "")
    if "event" in payload:
        event = _object(payload["event"], "event")
        if not isinstance(event.get("type"), str):
            raise BadPayload("event.type must be a string")
        _check_ids(event, "event.")
        if event["type"] in _OUR_EVENTS:
            _check(event, _OUR_EVENT_FIELDS, "event.")
        for key in _NESTED:
            if event.get(key) is not None:
                _check_ids(_object(event[key], f"event.{key}"), f"event.{key}.")
    if "view" in payload:
        view = _object(payload["view"], "view")
        if not isinstance(view.get("type"), str):
            raise BadPayload("view.type must be a string")
        _check(view, _VIEW, "view.")
        _check(view.get("state") or {}, {"values": OBJECT}, "view.state.")
    if payload.get("type") in _INTERACTIONS:
        _check(payload, dict.fromkeys(("user", "channel", "team"), OBJECT), "")
        for key in ("user", "channel"):
            _check(payload.get(key) or {}, {"id": TEXT}, f"{key}.")
    actions = payload.get("actions")
    if payload.get("type") == "block_actions" and not (isinstance(actions, list) and actions):
        raise BadPayload("actions must be a non-empty list of objects")
    for index, action in enumerate(_objects(actions, "actions")):
        _check(action, _ACTION, f"actions[{index}].")
    for index, url in enumerate(_objects(payload.get("response_urls"), "response_urls")):
        _check(url, {"response_url": TEXT}, f"response_urls[{index}].")
    if not str(payload.get("response_url") or "https://").startswith(("https://", "http://")):
        raise BadPayload("response_url must be an http(s) URL")


def _check_ids(fields: dict[str, Any], where: str) -> None:
    """What Bolt reads to find the team, user and channel: each a string or an object whose ids
    are strings, the ids beside them strings, and `authorizations` a list of objects of plain
    values (Bolt reads the first one's ids)."""
    _check(fields, {**_IDS, **_ID_TEXTS}, where)
    for key in _IDS:
        if isinstance(fields.get(key), dict):
            _check(fields[key], _ID_TEXTS, f"{where}{key}.")
    for index, grant in enumerate(_objects(fields.get("authorizations"), f"{where}authorizations")):
        if any(isinstance(value, dict | list) for value in grant.values()):
            raise BadPayload(f"{where}authorizations[{index}] must hold plain values only")
        _check(grant, _ID_TEXTS, f"{where}authorizations[{index}].")


def _check(fields: Mapping[str, Any], rules: Mapping[str, str], where: str) -> None:
    """Each field named in `rules`, when present and not null, has the kind it names."""
    for key, kind in rules.items():
        value = fields.get(key)
        if value is not None and not isinstance(value, _TYPES[kind]):
            raise BadPayload(f"{where}{key} must be {kind}")


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadPayload(f"{where} must be {OBJECT}")
    return value


def _objects(value: object, where: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadPayload(f"{where} must be a list of objects")
    return value


def _check_depth(payload: dict[str, Any]) -> None:
    """BadPayload when objects and lists nest deeper than MAX_DEPTH (walked without
    recursion)."""
    level: list[Any] = [payload]
    for _ in range(MAX_DEPTH):
        level = [
            child
            for parent in level
            for child in (parent.values() if isinstance(parent, dict) else parent)
            if isinstance(child, dict | list)
        ]
        if not level:
            return
    raise BadPayload(f"the payload nests deeper than {MAX_DEPTH} levels")
