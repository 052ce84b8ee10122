"""knowledge/synonyms.yaml: validated with file:line problems, shipped with a current JSON
Schema, hot-reloaded with the entries, and never served half-broken."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.errors import KnowledgeError
from bot.knowledge.loader import load_knowledge
from bot.knowledge.synonyms import parse_synonyms, synonyms_schema_json
from bot.knowledge.watch import LiveKnowledge
from bot.search.matcher import Matcher
from tests.support.live_kbs import term

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"


def test_the_shipped_file_follows_its_schema_and_the_schema_is_current() -> None:
    shipped = (KNOWLEDGE / "synonyms.schema.json").read_text(encoding="utf-8")
    assert shipped == synonyms_schema_json(), "run `readout schema --synonyms`"
    text = (KNOWLEDGE / "synonyms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=synonyms.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), json.loads(shipped))
    assert load_knowledge(KNOWLEDGE).synonyms


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("synonyms:\n  - means: spokesperson\n    form: [spox]\n", "3:5: unknown field 'form'"),
        ("synonyms:\n  - forms: [spox]\n", "2:5: missing required field 'means'"),
        ("synonyms:\n  - means: x\n    forms: []\n", "3:5: 'synonyms.0.forms': List should"),
        (
            "synonyms:\n  - means: agreement\n    forms: [MOU]\n"
            "  - means: memorandum\n    forms: [mou, memo]\n",
            "5:13: 'mou' is already a form of 'agreement'; list it once",
        ),
        ("synonyms: [\n", "YAML syntax error"),
    ],
)
def test_each_problem_is_one_sentence_at_file_line_col(text: str, problem: str) -> None:
    found = parse_synonyms(text, "knowledge/synonyms.yaml")
    assert isinstance(found, list)
    assert any(problem in str(p) and str(p).startswith("knowledge/synonyms.yaml:") for p in found)


def _base(root: Path, synonyms: str) -> None:
    (root / "terms").mkdir(parents=True)
    (root / "terms" / "canciller.yaml").write_text(
        term("canciller", "Fernando Aramayo, foreign minister"), encoding="utf-8"
    )
    (root / "synonyms.yaml").write_text(synonyms, encoding="utf-8")


def test_a_broken_synonyms_file_fails_the_load_with_its_place(tmp_path: Path) -> None:
    _base(tmp_path, "synonyms:\n  - means: foreign minister\n    forms: FM\n")
    with pytest.raises(KnowledgeError) as failure:
        load_knowledge(tmp_path, display_root=tmp_path)
    assert [str(p) for p in failure.value.problems] == [
        "synonyms.yaml:3:5: 'synonyms.0.forms': Input should be a list"
    ]


def test_an_edited_synonyms_file_is_hot_reloaded_and_a_broken_one_keeps_the_last_good(
    tmp_path: Path,
) -> None:
    _base(tmp_path, "synonyms: []\n")
    live = LiveKnowledge(tmp_path, Matcher)

    def answered(question: str) -> str | None:
        found = live.current().matcher.match(question).answer
        return found.target_id if found else None

    assert answered("who is the FM") is None
    (tmp_path / "synonyms.yaml").write_text(
        "synonyms:\n  - means: foreign minister\n    forms: [FM]\n", encoding="utf-8"
    )
    assert live.reload().ok
    assert answered("who is the FM") == "canciller"
    (tmp_path / "synonyms.yaml").write_text("synonyms:\n  - means: x\n", encoding="utf-8")
    result = live.reload()
    assert not result.ok
    assert answered("who is the FM") == "canciller"
