"""An index built from the previous one (reusing the targets of unchanged entries) is the index
a build from scratch makes: same targets, postings and weights, same answers to the eval set."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout
from bot.search.evaluate import load_questions
from bot.search.index import SearchIndex, index_for
from bot.search.matcher import Matcher
from tests.support.search_kbs import bundled, term

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.yaml"
EDITED = "rubio-aramayo-2026-02-04"
REMOVED = "tommy-pigott"
NEW_ALIAS = "Zanzibar lithium accord"
ADDED = term("orinoco-compact", "Orinoco River Compact", aliases=("Pacto del Orinoco",))


def edited_base() -> KnowledgeBase:
    """The bundled base with one readout edited (a new alias), one term added, one removed."""
    entries = []
    for entry in bundled().entries:
        if entry.id == REMOVED:
            continue
        if entry.id == EDITED:
            assert isinstance(entry, Readout)
            entry = entry.model_copy(update={"aliases": (*entry.aliases, NEW_ALIAS)})
        entries.append(entry)
    return KnowledgeBase([*entries, ADDED], synonyms=bundled().synonyms)


def questions() -> list[str]:
    found = [item.question for item in load_questions(QUESTIONS)]
    return [*found, NEW_ALIAS, "orinoco compact", "tommy pigott", "who is Tommy Pigott"]


def test_an_incremental_build_equals_one_from_scratch() -> None:
    previous = SearchIndex(bundled())
    base = edited_base()
    fresh, incremental = SearchIndex(base), SearchIndex(base, previous=previous)
    assert incremental.targets == fresh.targets
    assert incremental.totals == fresh.totals
    assert (incremental.parents, incremental.children) == (fresh.parents, fresh.children)
    assert incremental.postings == fresh.postings
    assert incremental.common == fresh.common
    assert incremental.tag_only == fresh.tag_only
    assert incremental.by_id == fresh.by_id
    for word in fresh.postings:
        assert incremental.vocabulary.idf(word) == fresh.vocabulary.idf(word)
    from_scratch = Matcher(base, index=fresh)
    rebuilt = Matcher(base, index=incremental)
    for question in questions():
        assert rebuilt.match(question) == from_scratch.match(question), question


def test_the_edit_is_seen_and_the_removed_entry_is_gone() -> None:
    previous = SearchIndex(bundled())
    base = edited_base()
    matcher = Matcher(base, index=SearchIndex(base, previous=previous))
    result = matcher.match(NEW_ALIAS)
    assert result.answer is not None
    assert result.answer.target_id == EDITED
    added = matcher.match("orinoco compact").answer
    assert added is not None
    assert added.target_id == ADDED.id
    for question in questions():
        found = matcher.match(question)
        assert REMOVED not in [c.target_id for c in found.candidates], question


def test_only_changed_entries_are_redone_and_the_old_index_is_untouched() -> None:
    old_base = bundled()
    previous = SearchIndex(old_base)
    before = [Matcher(old_base, index=previous).match(q) for q in questions()]
    base = edited_base()
    incremental = SearchIndex(base, previous=previous)
    by_id = {entry.id: entry for entry in old_base.entries}
    for entry in base.entries:
        targets = incremental.by_entry[id(entry)][1]
        if entry.id in (EDITED, ADDED.id):
            assert all(targets is not old[1] for old in previous.by_entry.values())
        else:
            assert targets is previous.by_entry[id(by_id[entry.id])][1]
    assert len(incremental.by_entry) == len(base)
    assert [Matcher(old_base, index=previous).match(q) for q in questions()] == before


def test_an_edited_synonyms_file_redoes_every_entry() -> None:
    """Synonyms change how every entry reads, so no target is reused across a synonyms edit."""
    old = SearchIndex(bundled())
    edited = KnowledgeBase(bundled().entries, synonyms=bundled().synonyms[1:])
    new = SearchIndex(edited, previous=old)
    assert all(new.by_entry[key][1] is not targets for key, (_, targets) in old.by_entry.items())


def test_index_for_builds_from_the_last_index() -> None:
    first = KnowledgeBase(bundled().entries, synonyms=bundled().synonyms)
    second = edited_base()
    old, new = index_for(first), index_for(second)
    kept = next(e for e in second.entries if e.id == "forge")
    assert new.by_entry[id(kept)][1] is old.by_entry[id(kept)][1]
