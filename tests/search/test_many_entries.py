"""A few hundred entries, so that the index's common-word paths (sets, intersections, capped
walks) are used as they are at 100,000 entries."""

from __future__ import annotations

from functools import cache

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Readout, Term
from bot.search.matcher import Matcher
from bot.search.types import Decision
from tests.support.search_kbs import follow_up, kb, readout, term

NAMES = [
    f"{a}{b}"
    for a in ("Vel", "Mor", "Cas", "Quin", "Bar")
    for b in ("andro", "ales", "tino", "ero")
]
COUNTRIES = ("Peru", "Chile", "Bolivia", "Ecuador")


@cache
def many() -> KnowledgeBase:
    entries: list[Readout | Term] = []
    for i in range(400):
        name = f"{NAMES[i % len(NAMES)]}{i}"
        country = COUNTRIES[i % len(COUNTRIES)]
        entries.append(
            readout(
                f"meeting-{i}",
                f"Secretary Alpha meets {country} Foreign Minister {name}",
                f"20{10 + i // 40}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                tags=(country.lower(), "diplomacy"),
                people=("Sam Alpha", f"Ana {name}"),
                follow_ups=(follow_up("agreements", "Did they sign any agreements?"),),
            )
        )
    entries.append(term("andean-trade-council", "Andean Trade Council", aliases=("ATC",)))
    entries.append(term("peru-trade", "Peru trade and investment", tags=("peru",)))
    return kb(*entries)


def test_a_rare_name_among_common_words() -> None:
    name = f"{NAMES[7]}207"
    result = Matcher(many()).match(f"what did alpha and {name.lower()} discuss")
    assert result.answer is not None
    assert result.answer.target_id == "meeting-207"


def test_a_follow_up_named_with_its_readout() -> None:
    result = Matcher(many()).match(f"did alpha and {NAMES[3].lower()}3 sign anything")
    assert result.answer is not None
    assert result.answer.target_id == "meeting-3#agreements"


def test_only_common_words_find_a_term_named_by_all_of_them() -> None:
    result = Matcher(many()).match("peru trade investment")
    assert result.answer is not None
    assert result.answer.target_id == "peru-trade"


def test_a_common_topic_answers_with_the_newest_readout() -> None:
    result = Matcher(many()).match("chile")
    assert result.decision is Decision.ANSWER
    newest = max((r for r in many().readouts if "chile" in r.tags), key=lambda r: (r.date, r.id))
    assert result.answer is not None
    assert result.answer.target_id == newest.id
    assert len(result.others) == 10


def test_only_very_common_words_do_not_answer() -> None:
    result = Matcher(many()).match("secretary foreign minister")
    assert result.answer is None
    assert result.candidates


def test_readouts_of_a_month_are_listed_newest_first() -> None:
    result = Matcher(many()).match("readouts from march 2012")
    in_march = sorted(
        (r for r in many().readouts if (r.date.year, r.date.month) == (2012, 3)),
        key=lambda r: (r.date, r.id),
        reverse=True,
    )
    assert len(in_march) > 1
    assert result.decision is Decision.LIST
    assert [c.target_id for c in result.candidates] == [r.id for r in in_march][:10]


def test_out_of_scope_among_many() -> None:
    assert Matcher(many()).match("lunch menu for friday").decision is Decision.NONE
