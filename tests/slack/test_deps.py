"""The knowledge provider follows the current base and builds one matcher per base."""

from __future__ import annotations

from render_kbs import small_kb
from slack_fakes import TitleMatcher

from bot.knowledge.base import KnowledgeBase
from bot.slack.deps import knowledge_provider


def test_one_matcher_per_knowledge_base_and_a_swap_is_followed() -> None:
    bases = [small_kb()]
    built: list[KnowledgeBase] = []

    def make(kb: KnowledgeBase) -> TitleMatcher:
        built.append(kb)
        return TitleMatcher(kb)

    provide = knowledge_provider(lambda: bases[0], make)
    first = provide()
    assert provide() is first
    assert built == [bases[0]]
    bases[0] = small_kb()  # a reload swaps the reference
    second = provide()
    assert second.kb is bases[0]
    assert second is not first
    assert len(built) == 2
