"""Slack's wrapped references, parsed once for the Slack layer and the matcher alike."""

from __future__ import annotations

import pytest

from bot.search.markup import Reference, parse_reference, replace_references


@pytest.mark.parametrize(
    ("inner", "reference"),
    [
        ("@U42", Reference("user", "U42", None)),
        ("@U42|ann", Reference("user", "U42", "ann")),
        ("#C1|bolivia-desk", Reference("channel", "C1", "bolivia-desk")),
        ("!here", Reference("special", "here", None)),
        ("!subteam^S1|@team", Reference("special", "subteam", "@team")),
        ("!date^1700000000^{date}|Nov 14", Reference("special", "date", "Nov 14")),
        ("https://state.gov|state.gov", Reference("link", "https://state.gov", "state.gov")),
        ("mailto:a@b.example", Reference("link", "mailto:a@b.example", None)),
        ("@U1|", Reference("user", "U1", "")),
    ],
)
def test_parse_reference(inner: str, reference: Reference) -> None:
    assert parse_reference(inner) == reference


def test_every_reference_is_rendered_and_plain_text_kept() -> None:
    text = "ask <@U1|ann> in <#C1|desk> &lt;not markup&gt; <https://x.example|here>"
    shown = replace_references(text, lambda ref: f"[{ref.kind}:{ref.label}]")
    assert shown == "ask [user:ann] in [channel:desk] &lt;not markup&gt; [link:here]"


def test_a_stray_angle_bracket_is_text() -> None:
    assert replace_references("a < b > c <d", lambda ref: "X") == "a X c <d"
