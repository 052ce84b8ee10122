"""Button values carry the target and the question, within Slack's 2000 characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.render.ids import (
    ACTION_ANSWER,
    VALUE_LIMIT,
    ButtonValue,
    action_base,
    action_id,
    action_pattern,
    decode_value,
    encode_value,
)


def test_round_trip() -> None:
    value = ButtonValue("a#b", "¿qué?", "alias", "alias", 81.25)
    assert decode_value(encode_value(value)) == ButtonValue("a#b", "¿qué?", "alias", "alias", 81.2)
    assert encode_value(ButtonValue("x")) == '{"t":"x"}'
    shared = ButtonValue("x", shared=True)
    assert decode_value(encode_value(shared)) == shared


@given(st.text(max_size=5000), st.text(max_size=5000))
def test_long_questions_are_shortened_to_fit(question: str, matched: str) -> None:
    raw = encode_value(ButtonValue("some-entry-id#follow-up", question, matched, "title", 50))
    assert len(raw) <= VALUE_LIMIT
    decoded = decode_value(raw)
    assert decoded is not None
    assert decoded.target == "some-entry-id#follow-up"


def test_values_that_are_not_ours_decode_to_none() -> None:
    for raw in (None, "", "not json", "[]", '{"q":"x"}', '{"t":""}', '{"t":3}'):
        assert decode_value(raw) is None


def test_action_ids_are_numbered_and_matched_by_prefix() -> None:
    pattern = action_pattern(ACTION_ANSWER)
    assert pattern.match(action_id(ACTION_ANSWER, 12))
    assert pattern.match(ACTION_ANSWER)
    assert not pattern.match("readout.answerx.1")
    assert action_base("readout.answer.12") == ACTION_ANSWER
    assert action_base("readout.share") == "readout.share"


def test_a_question_in_a_button_value_is_inert_and_reads_back_as_typed() -> None:
    question = "<!channel> <@U0OTHER> & <https://evil.example|click>"
    raw = encode_value(ButtonValue("tommy-pigott", question=question, matched="<!here>"))
    assert not {"<", ">", "&"} & set(raw)
    decoded = decode_value(raw)
    assert decoded is not None
    assert (decoded.question, decoded.matched) == (question, "<!here>")
