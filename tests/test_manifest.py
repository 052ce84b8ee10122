"""manifest.yml is a complete Slack app manifest, valid against Slack's own JSON Schema."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parent / "fixtures/slack/manifest.schema.1.0.0.json"
SHARED_SCHEMA = REPO.parent / "shared/slack/manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "manifest.yml").read_text())
    return data


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text())
    return data


def test_the_vendored_schema_is_slacks_current_copy() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"{SHARED_SCHEMA} is not beside the repository; cannot compare")
    assert json.loads(SCHEMA.read_text()) == json.loads(SHARED_SCHEMA.read_text())


def test_valid_against_slacks_schema(manifest: dict[str, Any], schema: dict[str, Any]) -> None:
    jsonschema.validate(manifest, schema)
    color = manifest["display_information"]["background_color"]
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", color)  # the schema's "regex"


def test_the_http_variant_is_valid_too(manifest: dict[str, Any], schema: dict[str, Any]) -> None:
    """What the comments tell an admin to do for HTTP mode still validates."""
    http = copy.deepcopy(manifest)
    url = "https://readout.example.org/slack/events"
    http["settings"]["socket_mode_enabled"] = False
    http["settings"]["event_subscriptions"]["request_url"] = url
    http["settings"]["interactivity"]["request_url"] = url
    http["settings"]["interactivity"]["message_menu_options_url"] = url  # the entry type-ahead
    http["features"]["slash_commands"][0]["url"] = url
    jsonschema.validate(http, schema)
    text = (REPO / "manifest.yml").read_text()
    assert text.count(f"# request_url: {url}") == 2
    assert text.count(f"# message_menu_options_url: {url}") == 1


def test_declares_what_readout_uses(manifest: dict[str, Any]) -> None:
    features = manifest["features"]
    (command,) = features["slash_commands"]
    assert command["command"] == "/readout"
    assert command["description"]
    assert command["usage_hint"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["bot_user"]["display_name"] == "Readout"
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
        "app_home_opened",
    }
    assert settings["interactivity"]["is_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "app_mentions:read",
        "chat:write",
        "im:history",
    }


METHOD_SCOPES = {
    "auth_test": None,
    "apps_connections_open": None,  # the app-level token's connections:write, not a bot scope
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "chat_getPermalink": None,
    "views_open": None,
    "views_publish": None,
}
"""The bot scope each Web API method Readout calls needs, from Slack's method reference (each
method's "Required scopes"): chat.getPermalink, views.open and views.publish need none."""


def test_every_web_api_method_called_is_covered_by_a_declared_scope(
    manifest: dict[str, Any],
) -> None:
    """A new Web API call in bot/ fails here until its scope is checked and, if it needs one,
    declared: the manifest gains only the scopes Readout uses."""
    called = {
        match
        for path in (REPO / "bot").rglob("*.py")
        for match in re.findall(r"client\.([a-z]+_[A-Za-z_]+)\(", path.read_text())
    }
    assert called <= set(METHOD_SCOPES), called - set(METHOD_SCOPES)
    needed = {METHOD_SCOPES[m] for m in called} - {None}
    declared = set(manifest["oauth_config"]["scopes"]["bot"])
    assert needed <= declared
