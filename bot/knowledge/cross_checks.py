"""Checks across the entries of a load, each problem at the file:line:col that causes it.

Ids are unique, titles and aliases name one entry each, `related` ids exist, and a readout's
follow-up ids do not collide. They run over every file of a load, cached or not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.errors import Problem
from bot.knowledge.entry_file import ParsedFile
from bot.knowledge.models import Readout

_NON_WORD = re.compile(r"[^\w]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def alias_key(text: str) -> str:
    """The form two names must not share: case, accents, punctuation and spacing folded."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def cross_checks(parsed: list[ParsedFile], broken_ids: set[str]) -> Iterable[Problem]:
    """Every problem between the files in `parsed`; ids in `broken_ids` (files that failed on
    their own) count as existing for `related`, so one broken file is not reported twice."""
    first_by_id: dict[str, ParsedFile] = {}
    for item in parsed:
        other = first_by_id.get(item.entry.id)
        if other is not None:
            yield item.problem(("id",), f"duplicate id '{item.entry.id}', also in {other.shown}")
        else:
            first_by_id[item.entry.id] = item

    yield from _alias_clashes(parsed)

    for item in parsed:
        for index, related in enumerate(item.entry.related):
            if related not in first_by_id and related not in broken_ids:
                yield item.problem(("related", index), f"related id '{related}' does not exist")
            elif related == item.entry.id:
                yield item.problem(("related", index), "an entry cannot be related to itself")
        if isinstance(item.entry, Readout):
            seen: set[str] = set()
            for index, follow_up in enumerate(item.entry.follow_ups):
                if follow_up.id in seen:
                    yield item.problem(
                        ("follow_ups", index, "id"),
                        f"follow-up id '{follow_up.id}' is used twice in this readout",
                    )
                seen.add(follow_up.id)


def _alias_clashes(parsed: list[ParsedFile]) -> Iterable[Problem]:
    """Titles are unique, and an alias may not be another entry's title or alias: an exact hit on
    a name must point at one entry. A clash is reported on the alias, whichever file is first."""
    owners: dict[str, ParsedFile] = {}
    for item in parsed:
        owner = owners.setdefault(alias_key(item.entry.title), item)
        if owner is not item:
            yield item.problem(
                ("title",),
                f"title '{item.entry.title}' is also the title of '{owner.entry.id}' "
                f"({owner.shown})",
            )
    for item in parsed:
        for index, alias in enumerate(item.entry.aliases):
            key = alias_key(alias)
            owner = owners.setdefault(key, item)
            if owner.entry.id != item.entry.id:
                yield item.problem(
                    ("aliases", index),
                    f"alias '{alias}' is also used by '{owner.entry.id}' ({owner.shown})",
                )
