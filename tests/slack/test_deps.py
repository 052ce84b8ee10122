"""The knowledge provider follows the current base and builds one matcher per base."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.slack.deps import knowledge_provider
from tests.support.fakes import TitleMatcher
from tests.support.render_kbs import small_kb


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


def test_a_live_knowledge_snapshot_is_a_knowledge_provider() -> None:
    """The hot-reload engine's `current` plugs in as the provider without an adapter."""
    from pathlib import Path

    from bot.knowledge.watch import LiveKnowledge
    from bot.search.matcher import Matcher
    from bot.slack.deps import KnowledgeProvider
    from bot.slack.replies import answer_question

    live = LiveKnowledge(Path(__file__).resolve().parents[2] / "knowledge", Matcher)
    provider: KnowledgeProvider = live.current
    answered = answer_question(provider(), "who is tommy pigott")
    assert answered.result is not None
    assert answered.result.best is not None
    assert answered.result.best.target_id == "tommy-pigott"
