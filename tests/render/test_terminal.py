"""Text laid out for a terminal: wrapped between words, code spans without backticks (bold on a
styled terminal), links shortened, and an answer's many sources shown compactly."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.render.answer import build_answer_message
from bot.render.messages import build_help
from bot.render.sources import sources_of
from bot.render.terminal import Terminal, finish, short_url, wrap_line
from bot.render.text import mrkdwn_to_text, render_text

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
MANY_SOURCES = "rubio-aramayo-2026-02-04"


@cache
def bundled() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


def _answer(target: str = MANY_SOURCES) -> dict[str, object]:
    return dict(build_answer_message(bundled(), target, offer_share=True))


@pytest.mark.parametrize("width", [80, 120])
def test_wrapped_to_the_width_between_words_only(width: int) -> None:
    kb = bundled()
    for target in [MANY_SOURCES, "us-bolivia-relations", f"{MANY_SOURCES}#agreements"]:
        message = dict(build_answer_message(kb, target, offer_share=True))
        unwrapped = render_text(message, Terminal(short_links=True))
        wrapped = render_text(message, Terminal(width=width, short_links=True))
        assert wrapped.split() == unwrapped.split()  # the same words, none cut in two
        for line in wrapped.splitlines():
            assert len(line) <= width or len(line.split()) == 1, line
        assert max(len(line) for line in unwrapped.splitlines()) > width


def test_bullets_and_columns_hang_under_their_text() -> None:
    text = "• " + "lithium " * 20
    lines = wrap_line(text.rstrip(), 40)
    assert len(lines) > 2
    assert all(line.startswith("  lithium") for line in lines[1:])
    column = "  /readout reload          " + "reload now " * 8
    assert all(line.startswith(" " * 27 + "reload") for line in wrap_line(column, 60)[1:])
    numbered = "  [12] " + "What did Rubio and Aramayo discuss " * 3
    assert all(line.startswith(" " * 7) for line in wrap_line(numbered, 50)[1:])


def test_code_spans_lose_their_backticks_and_are_bold_on_a_styled_terminal() -> None:
    help_text = render_text(dict(build_help(bundled())), Terminal(width=80))
    assert "`" not in help_text
    assert "/readout list" in help_text
    assert mrkdwn_to_text("Try `/readout list` or ```readout gaps```") == (
        "Try /readout list or readout gaps"
    )
    assert mrkdwn_to_text("_economic opening_ and snake_case_name") == (
        "economic opening and snake_case_name"
    )
    styled = render_text({"text": "Try `/readout list` now"}, Terminal(width=80, styled=True))
    assert styled == "Try \x1b[1m/readout list\x1b[22m now"
    plain = render_text({"text": "Try `/readout list` now"}, Terminal(width=80))
    assert "\x1b" not in plain


def test_control_characters_never_reach_the_terminal() -> None:
    assert finish("a\x1b[2Jb\x07c\td", Terminal()) == "a\ufffd[2Jb\ufffdc\td"


def test_short_urls_keep_host_and_the_ends_of_the_path() -> None:
    assert short_url("https://www.state.gov/brief") == "state.gov/brief"
    long = "https://www.infobae.com/america/america-latina/2026/02/05/el-canciller-de-bolivia/"
    assert short_url(long) == "infobae.com/america/…/el-canciller-de-b…"
    swissinfo = "https://www.swissinfo.ch/spa/canciller-de-bolivia-se-re%C3%BAne/90892226"
    assert short_url(swissinfo) == "swissinfo.ch/spa/…/90892226"
    assert short_url("https://a.example/x?token=abc#frag") == "a.example/x"
    assert len(short_url(long)) <= 40


def test_an_answers_many_sources_are_compact_with_a_way_to_see_them_all() -> None:
    sources = sources_of(bundled().resolve(MANY_SOURCES))  # type: ignore[arg-type]
    assert len(sources) == 6
    text = render_text(_answer(), Terminal(width=80, short_links=True), sources=sources)
    also = text[text.index("  Also: ") :].splitlines()
    assert also[0] == "  Also: EFE via swissinfo.ch, February 5, 2026 (swissinfo.ch/spa/…/90892226)"
    assert also[3] == "        and 2 more sources: type sources to list them all"
    assert "https://" not in text
    assert "infobae.com/america/america-latina" not in text


def test_without_the_sources_the_slack_line_is_kept_in_full() -> None:
    """`readout ask` prints the answer as Slack shows it, full links included."""
    text = render_text(_answer())
    assert "Also: Canciller de Bolivia se reúne con Rubio" in text
    assert "(https://www.infobae.com/america/america-latina/2026/02/05/" in text
