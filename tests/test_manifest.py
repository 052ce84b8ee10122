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
    http["features"]["slash_commands"][0]["url"] = url
    jsonschema.validate(http, schema)
    assert (REPO / "manifest.yml").read_text().count(f"# request_url: {url}") == 2


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
