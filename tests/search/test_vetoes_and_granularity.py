"""What lets the matcher answer more without bluffing: a question naming another country,
person, office or date never gets an entry that contradicts it (at most offered); a meeting's
names get the readout, its own particular thing gets the follow-up, and who took part gets the
readout's participants."""

from __future__ import annotations

import pytest

from bot.search.matcher import Matcher
from bot.search.types import Decision, MatchResult
from tests.support.search_kbs import bundled


def ask(question: str) -> MatchResult:
    return Matcher(bundled()).match(question)


def answered(question: str) -> str | None:
    found = ask(question).answer
    return found.target_id if found else None


@pytest.mark.parametrize(
    ("question", "contradicted"),
    [
        # another country, in English or Spanish, by name or demonym
        ("what did Rubio discuss with the Colombian foreign minister", "rubio-aramayo"),
        ("reunión de Rubio con el canciller peruano", "rubio-aramayo"),
        ("Landau's meeting with Mexico's foreign minister", "landau-aramayo"),
        ("argentina lithium mining", "bolivia-lithium"),
        # another office
        ("who is the deputy secretary of defense", "christopher-landau"),
        # another date
        ("the April 2026 Bolivia readout", "aramayo-2026"),
        ("Rubio Aramayo meeting in March 2026", "rubio-aramayo"),
    ],
)
def test_an_entry_the_question_contradicts_is_never_the_answer(
    question: str, contradicted: str
) -> None:
    result = ask(question)
    assert result.answer is None or contradicted not in result.answer.target_id, result


def test_another_person_vetoes_the_other_meeting() -> None:
    """Both February readouts are with Aramayo; naming Rubio rules out Landau's."""
    assert answered("did Rubio and Aramayo sign anything?") == "rubio-aramayo-2026-02-04#agreements"
    assert answered("did Landau and Aramayo sign anything?") == (
        "landau-aramayo-2026-02-05#agreements"
    )


def test_a_vetoed_best_match_leaves_the_rest_only_suggested() -> None:
    result = ask("D's meeting with the Paraguayan FM, what came out of it?")
    assert result.decision is not Decision.ANSWER


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the meeting's names alone: the readout
        ("landau aramayo", "landau-aramayo-2026-02-05"),
        ("rubio paz october", "rubio-paz-2025-10-31"),
        # its own particular thing: the follow-up
        ("did landau and aramayo sign anything", "landau-aramayo-2026-02-05#agreements"),
        ("who issued the rubio aramayo readout", "rubio-aramayo-2026-02-04#who-issued"),
        # ... also when the meeting's names score the readout itself highest
        ("DepSec Aramayo meeting spox", "landau-aramayo-2026-02-05#spokesperson"),
        ("D and the bolivian FM, who issued it", "landau-aramayo-2026-02-05#spokesperson"),
        # who took part: the readout, whose participants say it
        ("who was at the feb 5 meeting", "landau-aramayo-2026-02-05"),
        ("who attended the rubio paz meeting", "rubio-paz-2025-10-31"),
        # ... unless the follow-up is about who else came
        ("who else attended the landau meeting", "landau-aramayo-2026-02-05#calderon"),
    ],
)
def test_the_right_granularity(question: str, expected: str) -> None:
    assert answered(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what did S and the Bolivian FM agree on Feb 4?", "rubio-aramayo-2026-02-04#agreements"),
        ("D y el canciller firmaron algún memorándum?", "landau-aramayo-2026-02-05#agreements"),
        ("la DEA volvió?", "dea-return"),
        ("who is the spox", "tommy-pigott"),
    ],
)
def test_staff_shorthand_and_spanish_verb_forms_answer(question: str, expected: str) -> None:
    assert answered(question) == expected


def test_the_errand_around_a_question_does_not_stop_the_answer() -> None:
    question = (
        "morning! prepping a memo for the front office, quick one: what is project vault? thx"
    )
    assert answered(question) == "project-vault"


def test_a_fact_only_in_an_entrys_details_finds_the_entry() -> None:
    """'Palermo' and 'Thacker Pass' are in no title or alias, only in the entries' details."""
    assert answered("palermo convention") == "transnational-crime"
    offered = [c.target_id for c in ask("thacker pass loan").candidates[:3]]
    assert "critical-minerals-ministerial" in offered
