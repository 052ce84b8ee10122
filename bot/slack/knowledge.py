"""The knowledge provider used when serving: the base under READOUT_KNOWLEDGE_DIR and its
matcher. (A hot-reload watcher plugs in here by providing `current_kb`.)"""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.search.matcher import Matcher, MatchSettings
from bot.slack.deps import Answerer, KnowledgeProvider, knowledge_provider


def matcher_factory(settings: Settings) -> Callable[[KnowledgeBase], Answerer]:
    """Build bot.search's Matcher for a knowledge base, with the thresholds from settings."""
    match_settings = MatchSettings.from_settings(settings)

    def make(kb: KnowledgeBase) -> Answerer:
        return Matcher(kb, match_settings)

    return make


def load_provider(settings: Settings) -> KnowledgeProvider:
    """Load the knowledge base once (raising KnowledgeError listing every problem)."""
    kb = load_knowledge(settings.knowledge_dir)
    return knowledge_provider(lambda: kb, matcher_factory(settings))
