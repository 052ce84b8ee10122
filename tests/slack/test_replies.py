"""The replies Slack and the console share: commands, questions and button clicks."""

from __future__ import annotations

from bot.render.ids import ButtonValue, decode_value, encode_value
from bot.render.text import buttons
from bot.slack.incoming import Command
from bot.slack.replies import answer_click, answer_command, answer_conversation, answer_question
from tests.support.fakes import knowledge
from tests.support.render_kbs import small_kb


def test_command_help_list_and_question() -> None:
    k = knowledge(small_kb())
    assert answer_command(k, Command("help")).message["blocks"][0]["text"]["text"] == "Ask Readout"
    listed = answer_command(k, Command("list", "people")).message
    assert listed["blocks"][0]["text"]["text"] == "Tagged people"
    answered = answer_command(k, Command("question", "tommy pigott?"))
    assert answered.result is not None
    assert answered.message["blocks"][0]["text"]["text"] == "Tommy Pigott"
    assert buttons(answered.message["blocks"])[-1]["action_id"] == "readout.share.0"


def test_empty_question_gets_help_and_mentions_offer_no_share() -> None:
    k = knowledge(small_kb())
    assert answer_question(k, "  ").result is None
    answered = answer_question(k, "tommy pigott")
    assert "readout.share" not in str(answered.message)


def test_clicks() -> None:
    kb = small_kb()
    value = encode_value(ButtonValue("tommy-pigott", "who is pigott"))
    own = answer_click(kb, "readout.answer.3", value, user_id="U0ASKER", clicked_on="ephemeral")
    assert own is not None
    assert own.mode == "replace"
    assert "readout.share.0" in str(own.message)
    in_dm = answer_click(kb, "readout.answer.3", value, user_id="U0ASKER", clicked_on="dm")
    assert in_dm is not None
    assert in_dm.mode == "replace"  # only the clicker sees a DM: answered in place
    assert "readout.share" not in str(in_dm.message)
    public = answer_click(kb, "readout.answer.1", value, user_id="U0OTHER", clicked_on="channel")
    assert public is not None
    assert public.mode == "new"  # a thread reply everyone sees is not rewritten by one click
    assert "readout.share.0" in str(public.message)  # the clicker may share what they got
    opened = answer_click(kb, "readout.open.0", value, user_id="U0ASKER", clicked_on="home")
    assert opened is not None
    assert opened.mode == "new"
    assert "readout.share" not in str(opened.message)
    shared = answer_click(kb, "readout.share.0", value, user_id="U0ASKER", clicked_on="ephemeral")
    assert shared is not None
    assert shared.mode == "in_channel"
    assert shared.message["blocks"][0]["elements"][0]["text"].startswith("<@U0ASKER> shared")
    assert decode_value(value) == ButtonValue("tommy-pigott", "who is pigott")


def test_a_mention_or_dm_can_ask_for_help_or_the_list() -> None:
    k = knowledge(small_kb())
    assert answer_conversation(k, "help").message == answer_command(k, Command("help")).message
    assert answer_conversation(k, "ayuda").message == answer_command(k, Command("help")).message
    listed = answer_conversation(k, "list").message
    assert listed == answer_command(k, Command("list")).message
    assert answer_conversation(k, "list").result is None  # not matched as a question
    answered = answer_conversation(k, "who is tommy pigott")
    assert answered.result is not None
    assert "readout.share" not in str(answered.message)


def test_clicks_that_are_not_ours_are_ignored() -> None:
    kb = small_kb()
    garbage = answer_click(kb, "readout.answer.0", "garbage", user_id="U0", clicked_on="dm")
    assert garbage is None
    other = encode_value(ButtonValue("tommy-pigott"))
    assert answer_click(kb, "someone.else", other, user_id="U0", clicked_on="dm") is None
