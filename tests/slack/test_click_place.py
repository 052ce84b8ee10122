"""Where a click happened (`click_place`), which decides where its answer goes: replacing the
clicker's own ephemeral reply, their DM for a click in App Home, their DM with Readout, or a
new message only they see under a channel message everyone sees."""

from __future__ import annotations

from typing import Any

import pytest

from bot.slack.listeners.actions import click_place
from bot.slack.replies import ClickedOn

CASES: list[tuple[str, dict[str, Any], ClickedOn]] = [
    (
        "an ephemeral reply in a channel: only the clicker sees it",
        {
            "container": {"type": "message", "channel_id": "C0CHAN", "is_ephemeral": True},
            "channel": {"id": "C0CHAN"},
        },
        "ephemeral",
    ),
    (
        "an ephemeral reply in a DM is still ephemeral",
        {
            "container": {"type": "message", "channel_id": "D0DM", "is_ephemeral": True},
            "channel": {"id": "D0DM"},
        },
        "ephemeral",
    ),
    (
        "App Home: no channel, the answer goes to the clicker's DM",
        {"container": {"type": "view", "view_id": "V0VIEW"}},
        "home",
    ),
    (
        "Readout's reply in the clicker's DM",
        {
            "container": {"type": "message", "channel_id": "D0DM", "is_ephemeral": False},
            "channel": {"id": "D0DM"},
        },
        "dm",
    ),
    (
        "a DM known only from the container (no channel object)",
        {"container": {"type": "message", "channel_id": "D0DM"}},
        "dm",
    ),
    (
        "a thread reply in a channel: others see it too",
        {
            "container": {"type": "message", "channel_id": "C0CHAN", "is_ephemeral": False},
            "channel": {"id": "C0CHAN"},
        },
        "channel",
    ),
    (
        "the channel object wins over the container's channel_id",
        {"container": {"type": "message", "channel_id": "D0DM"}, "channel": {"id": "C0CHAN"}},
        "channel",
    ),
    ("nothing said about where: answered as in a channel", {}, "channel"),
]


@pytest.mark.parametrize(
    ("body", "place"), [(b, p) for _, b, p in CASES], ids=[c[0] for c in CASES]
)
def test_click_place(body: dict[str, Any], place: ClickedOn) -> None:
    assert click_place(body) == place
