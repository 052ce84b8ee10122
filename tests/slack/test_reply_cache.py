"""The reply cache: one build per question and knowledge base; a reload empties it."""

from __future__ import annotations

from bot.slack.cache import ReplyCache
from bot.slack.incoming import Command
from bot.slack.replies import Answered, answer_command, answer_question
from tests.support.fakes import knowledge
from tests.support.render_kbs import small_kb


def test_same_question_same_base_is_built_once() -> None:
    k = knowledge(small_kb())
    cache: ReplyCache[Answered] = ReplyCache()
    first = answer_command(k, Command("question", "tommy pigott"), cache=cache)
    again = answer_command(k, Command("question", "tommy pigott"), cache=cache)
    assert again is first
    assert (cache.hits, cache.misses) == (1, 1)
    mention = answer_question(k, "tommy pigott", cache=cache)
    assert mention is not first  # no share button outside /readout: a different reply
    assert "readout.share" not in str(mention.message)


def test_a_new_knowledge_base_empties_the_cache() -> None:
    cache: ReplyCache[Answered] = ReplyCache()
    answer_question(knowledge(small_kb()), "tommy pigott", cache=cache)
    answer_question(knowledge(small_kb()), "tommy pigott", cache=cache)
    assert cache.misses == 2
    assert len(cache) == 1


def test_least_recently_used_entries_leave_first() -> None:
    cache: ReplyCache[int] = ReplyCache(size=2)
    kb = small_kb()
    for key in ("a", "b", "a", "c"):
        cache.get_or_build(kb, key, lambda: 1)
    assert cache.get_or_build(kb, "a", lambda: 2) == 1  # kept: used recently
    assert cache.get_or_build(kb, "b", lambda: 2) == 2  # evicted, rebuilt
