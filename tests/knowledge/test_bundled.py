"""The knowledge base shipped in knowledge/ is valid, complete and editor-friendly."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from bot.knowledge.loader import knowledge_files, load_knowledge
from bot.knowledge.models import Readout
from bot.knowledge.schema import schema_json

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
FACTS = REPO.parent / "shared" / "knowledge-sources.md"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json"

REQUIRED_READOUTS = {
    "rubio-aramayo-2026-02-04",
    "landau-aramayo-2026-02-05",
    "rubio-paz-2025-10-31",
}
REQUIRED_TERMS = {
    "critical-minerals-ministerial",
    "critical-minerals",
    "economic-opening",
    "transnational-crime",
    "tommy-pigott",
    "fernando-aramayo",
    "christopher-landau",
    "rodrigo-paz",
    "marco-rubio",
    "forge",
    "bolivia-lithium",
    "us-bolivia-relations",
    "readout",
}


def test_the_bundled_knowledge_base_validates_and_has_every_required_id() -> None:
    kb = load_knowledge(KNOWLEDGE)
    assert {r.id for r in kb.readouts} >= REQUIRED_READOUTS
    assert {t.id for t in kb.terms} >= REQUIRED_TERMS
    assert "rubio-aramayo-2026-02-04#agreements" in kb.follow_ups
    assert len(kb.follow_ups) >= 6


def test_every_readout_names_who_issued_it_and_links_a_source() -> None:
    for readout in load_knowledge(KNOWLEDGE).readouts:
        assert isinstance(readout, Readout)
        assert readout.attributed_to
        assert all(str(s.url).startswith("https://") for s in readout.sources)


def test_bolivia_entries_carry_spanish_names() -> None:
    kb = load_knowledge(KNOWLEDGE)
    spanish = {
        "economic-opening": "apertura económica",
        "transnational-crime": "crimen transnacional",
        "critical-minerals": "minerales críticos",
    }
    for entry_id, alias in spanish.items():
        entry = kb.get(entry_id)
        assert entry is not None
        assert alias in [a.casefold() for a in entry.aliases], entry_id


def test_every_knowledge_file_points_its_editor_at_the_shipped_schema() -> None:
    files = knowledge_files(KNOWLEDGE)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_LINE, f"{path.relative_to(REPO)} must start with {SCHEMA_LINE}"
        assert (path.parent / "../schema.json").resolve() == KNOWLEDGE / "schema.json"


def test_the_shipped_schema_is_current() -> None:
    shipped = (KNOWLEDGE / "schema.json").read_text(encoding="utf-8")
    assert shipped == schema_json(), "knowledge/schema.json is stale: run `readout schema`"
    assert json.loads(shipped)["discriminator"]["propertyName"] == "kind"


def test_every_cited_url_is_one_recorded_in_the_facts_file() -> None:
    """Never cite a URL nobody opened: every source must be one the research notes list."""
    if not FACTS.is_file():
        pytest.skip(f"{FACTS} is not beside the repository; cannot check cited URLs")
    recorded = unquote(FACTS.read_text(encoding="utf-8"))
    kb = load_knowledge(KNOWLEDGE)
    cited = {str(s.url) for e in kb for s in e.sources}
    cited |= {str(s.url) for r in kb.readouts for f in r.follow_ups for s in f.sources}
    missing = sorted(u for u in cited if unquote(u).rstrip("/") not in recorded)
    assert not missing, f"cited but not in the facts file: {missing}"
