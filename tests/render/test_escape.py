"""Escaping: no text from a person or a YAML file can become Slack markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.render.escape import escape_mrkdwn, link, mention, safe_url, unescape_mrkdwn


def test_ampersand_first_then_angle_brackets() -> None:
    assert escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert escape_mrkdwn("&lt;") == "&amp;lt;"


@given(st.text())
def test_escaped_text_has_no_control_characters_and_round_trips(text: str) -> None:
    escaped = escape_mrkdwn(text)
    assert "<" not in escaped
    assert ">" not in escaped
    assert unescape_mrkdwn(escaped) == text


def test_links_escape_their_label_and_cannot_be_split() -> None:
    assert link("https://a.example/x", "A <b> & c") == "<https://a.example/x|A &lt;b&gt; &amp; c>"
    assert link("https://a.example/x?a=1&b=2|evil", "ok") == (
        "<https://a.example/x?a=1&amp;b=2%7Cevil|ok>"
    )
    assert link("javascript:alert(1)", "<!here>") == "&lt;!here&gt;"


def test_safe_url_encodes_what_would_end_a_link() -> None:
    assert safe_url(" https://a.example/<x> y ") == "https://a.example/%3Cx%3E%20y"


def test_mentions_only_for_real_looking_user_ids() -> None:
    assert mention("U0123ABC") == "<@U0123ABC>"
    assert mention("W0123ABC") == "<@W0123ABC>"
    assert mention("U1> <!channel") is None
    assert mention(None) is None
