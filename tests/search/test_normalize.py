"""Normalisation: what a question is reduced to before matching."""

from __future__ import annotations

import pytest

from bot.search.folding import fold
from bot.search.normalize import (
    MAX_CHARS,
    MAX_TOKENS,
    normalize,
    phrase,
    strip_markup,
    synonym_table,
)
from tests.support.search_kbs import bundled


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("What did Rubio and Aramayo say?", ("rubio", "aramayo")),
        ("can you tell me what economic opening means?", ("economic", "opening")),
        ("¿Qué es la apertura económica?", ("apertura", "economica")),
        ("who is tommy piggot", ("tommy", "piggot")),
        ("critical-minerals", ("critical", "mineral")),
        ("Bolivia's lithium", ("bolivia", "lithium")),
        ("readouts from february 2026", ("readout", "february", "2026")),
        ("el 4 de febrero", ("4", "february")),
        ("did they sign anything?", ("sign",)),
        ("Secretary Rubio's Meeting", ("secretary", "rubio", "meet")),
        ("morning! quick sanity check for a memo: forge?", ("forge",)),
    ],
)
def test_words_fold_case_accents_stop_words_plurals_and_errands(
    text: str, tokens: tuple[str, ...]
) -> None:
    assert normalize(text).tokens == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("What did Rubio and Aramayo discuss?", ("rubio", "aramayo", "discuss")),
        ("¿Qué es la apertura económica?", ("apertura", "economic")),
        ("APERTURA ECONÓMICA!!!", ("apertura", "economic")),
        ("¿Firmaron algún acuerdo?", ("sign", "agreement")),
        ("any deals or MOUs?", ("agreement",)),
        ("S met the FM", ("secretary", "state", "meet", "foreign", "minister")),
        (
            "D's sitdown with the canciller",
            ("deputy", "secretary", "state", "meet", "foreign", "minister"),
        ),
        ("U.S. and D.C.", ("usa",)),
        ("la DEA ya volvió", ("dea", "return")),
        ("la dea ya volvio", ("dea", "return")),
        ("un acuerdo con la UN", ("agreement", "united", "nation")),
        ("Foggy Bottom", ("state", "department")),
    ],
)
def test_the_synonyms_file_reads_shorthand_and_spanish_as_one_form(
    text: str, tokens: tuple[str, ...]
) -> None:
    assert normalize(text, synonym_table(bundled().synonyms)).tokens == tokens


@pytest.mark.parametrize(
    "text",
    ["U.S.–Bolivia relations", "US-Bolivia relations", "u.s. bolivia relations"],
)
def test_the_united_states_is_one_word_however_written(text: str) -> None:
    assert normalize(text).tokens == ("usa", "bolivia", "relation")


def test_lower_case_us_is_a_pronoun_unless_it_follows_the() -> None:
    assert normalize("tell us about bolivia").tokens == ("bolivia",)
    assert normalize("what has bolivia signed with the us").tokens == ("bolivia", "sign", "usa")


def test_spanish_united_states_abbreviation() -> None:
    assert normalize("relaciones Bolivia EE.UU.").tokens == ("relacion", "bolivia", "usa")


def test_ids_and_numbers_are_kept() -> None:
    result = normalize("show rubio-aramayo-2026-02-04#agreements please")
    assert result.ids == ("rubio-aramayo-2026-02-04#agreements",)
    assert "2026" in result.tokens
    assert "04" in result.tokens


def test_slack_mentions_and_broadcasts_disappear() -> None:
    assert normalize("<@U123ABC> <!here> <!subteam^S1|@desk> forge").tokens == ("forge",)


def test_a_link_becomes_its_label() -> None:
    assert normalize("what is <https://example.org/x|Project Vault>?").tokens == (
        "project",
        "vault",
    )
    assert normalize("see <https://example.org/x>").tokens == ()


def test_channel_names_are_optional_words() -> None:
    result = normalize("<#C123|bolivia-desk> did they sign anything?")
    assert result.tokens == ("sign",)
    assert result.optional == ("bolivia",)
    assert strip_markup("<#C123|bolivia-desk> hi").split() == ["bolivia-desk", "hi"]


def test_emoji_codes_and_html_entities() -> None:
    assert normalize(":wave: FORGE &amp; MSP").tokens == ("forge", "msp")


def test_control_and_zero_width_characters() -> None:
    assert normalize("ara\u200bmayo\u0000\tlandau").tokens == ("aramayo", "landau")
    assert fold("A\u200dB") == "ab"


def test_right_to_left_text_is_kept_as_words() -> None:
    assert normalize("مرحبا بالعالم").tokens == ("مرحبا", "بالعالم")


@pytest.mark.parametrize("text", ["", "   ", "???", "🙂🙂", "<@U1>", ":smile:", "the of and"])
def test_nothing_left(text: str) -> None:
    result = normalize(text)
    assert result.tokens == ()
    assert result.text == ""


def test_long_text_is_capped() -> None:
    result = normalize("word " * 10_000 + " ".join(f"w{i}" for i in range(100)))
    assert len(result.tokens) <= MAX_TOKENS
    assert len(phrase("x" * (MAX_CHARS * 3))) <= MAX_CHARS


def test_phrase_keeps_every_word() -> None:
    assert phrase("Did they sign anything?") == "did they sign anything"
