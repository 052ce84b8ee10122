"""Checks across the entries of a load, each problem at the file:line:col that causes it.

Ids are unique and match their file names, titles and aliases name one entry each, `related` ids
exist, and a readout's follow-up ids do not collide. They run over every file of a load, cached or
not (a cached entry may have been moved to another file name).
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
    owners = _id_owners(parsed)
    duplicated: set[str] = set()
    for item in parsed:
        entry_id = item.entry.id
        owner = owners[entry_id]
        if owner is not item:
            duplicated.add(entry_id)
            rename = "" if _named_after_id(item) else ", and name the file after it"
            yield item.problem(
                ("id",),
                f"duplicate id '{entry_id}', also in {owner.shown}; give this entry an id of its "
                f"own{rename}",
            )
        elif not _named_after_id(item):
            wanted = f"{entry_id}{item.path.suffix}"
            yield item.problem(
                ("id",),
                f"the id '{entry_id}' differs from the file name '{item.path.name}'; rename the "
                f"file to '{wanted}' (admins find an entry by its file name) or change the id",
            )

    yield from _alias_clashes(parsed)

    for item in parsed:
        for index, related in enumerate(item.entry.related):
            if related not in owners and related not in broken_ids:
                yield item.problem(("related", index), f"related id '{related}' does not exist")
            elif related == item.entry.id and related not in duplicated:
                # With a duplicate id, `related` may mean the other entry: one message is enough.
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


def _named_after_id(item: ParsedFile) -> bool:
    return item.path.stem == item.entry.id


def _id_owners(parsed: list[ParsedFile]) -> dict[str, ParsedFile]:
    """The file each id belongs to: the first one named after it, else the first one. Another
    file with that id is the duplicate (a copy that kept the id it was copied from)."""
    owners: dict[str, ParsedFile] = {}
    for item in parsed:
        owner = owners.get(item.entry.id)
        if owner is None or (_named_after_id(item) and not _named_after_id(owner)):
            owners[item.entry.id] = item
    return owners


def _alias_clashes(parsed: list[ParsedFile]) -> Iterable[Problem]:
    """Titles are unique, and an alias may not be another entry's title or alias: an exact hit on
    a name must point at one entry. Names are compared folded (alias_key), and a clash is reported
    on the alias, whichever file is first."""
    owners: dict[str, tuple[ParsedFile, str]] = {}
    for item in parsed:
        owner, _ = owners.setdefault(alias_key(item.entry.title), (item, "title"))
        if owner is not item:
            yield item.problem(
                ("title",),
                f"title '{item.entry.title}' is also the title of '{owner.entry.id}' "
                f"({owner.shown})",
            )
    for item in parsed:
        for index, alias in enumerate(item.entry.aliases):
            owner, field = owners.setdefault(alias_key(alias), (item, "alias"))
            if owner.entry.id != item.entry.id:
                used = "the title" if field == "title" else "an alias"
                yield item.problem(
                    ("aliases", index),
                    f"alias '{alias}' is also {used} of '{owner.entry.id}' ({owner.shown})",
                )
