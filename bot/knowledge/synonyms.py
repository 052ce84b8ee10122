"""The synonyms file, `knowledge/synonyms.yaml`: shorthand, abbreviations and English/Spanish
equivalents that staff type, each mapped to the one form the matcher reads.

It is knowledge, kept and reviewed with the entries (not code): `S` and `Secretary of State`,
`FM`, `canciller` and `foreign minister`, `MOU` and `agreement`. Problems are reported at
file:line:col like an entry's; a form listed under two meanings is one of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bot.errors import Problem
from bot.knowledge.entry_file import friendly
from bot.knowledge.yaml_source import YamlSyntaxError, locate, parse

FILE_NAME = "synonyms.yaml"
SCHEMA_NAME = "synonyms.schema.json"

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class SynonymGroup(BaseModel):
    """One meaning and the other ways people write it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    means: Phrase = Field(
        description="The form every other one is read as, e.g. 'foreign minister'."
    )
    forms: tuple[Phrase, ...] = Field(
        min_length=1,
        description="Other ways to write it: abbreviations, shorthand, Spanish. A single letter "
        "(S, D), or capitals that spell an everyday word in lower case (UN), is read only as "
        "typed, in capitals, standing on its own.",
    )
    related: tuple[Phrase, ...] = Field(
        default=(),
        description="Meanings close enough to count as a weaker match ('sign' for 'agreement').",
    )


class SynonymsFile(BaseModel):
    """The whole file: a list of groups under `synonyms`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    synonyms: tuple[SynonymGroup, ...] = Field(default=(), description="One group per meaning.")


Synonyms = tuple[SynonymGroup, ...]


def synonyms_schema() -> dict[str, Any]:
    """JSON Schema of the synonyms file, for editors (knowledge/synonyms.schema.json)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **SynonymsFile.model_json_schema(),
        "title": "Readout synonyms",
        "description": "Shorthand, abbreviations and English/Spanish equivalents, one group per "
        "meaning; knowledge/synonyms.yaml.",
    }


def synonyms_schema_json() -> str:
    return json.dumps(synonyms_schema(), indent=2, ensure_ascii=False) + "\n"


def fold_form(text: str) -> str:
    """How two forms are compared for clashes: case and spacing folded."""
    return " ".join(text.casefold().split())


def parse_synonyms(text: str, shown: str) -> Synonyms | list[Problem]:
    """The groups in `text` (the file shown to people as `shown`), or every problem in it."""
    try:
        data = parse(text)
    except YamlSyntaxError as exc:
        return [Problem(shown, exc.line, exc.col, exc.message)]
    if data is None:
        return ()
    positions = locate(text)
    try:
        groups = SynonymsFile.model_validate(data).synonyms
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            at = tuple(error["loc"])
            line, col = positions.of_key(at)
            where = ".".join(str(p) for p in at) or "the file"
            message = friendly(str(error["msg"]))
            if error["type"] == "extra_forbidden":
                message = f"unknown field '{at[-1]}'"
            elif error["type"] == "missing":
                message = f"missing required field '{at[-1]}'"
            else:
                message = f"'{where}': {message}"
            problems.append(Problem(shown, line, col, message))
        return problems
    problems = []
    seen: dict[str, int] = {}
    for number, group in enumerate(groups):
        for position, form in enumerate((group.means, *group.forms)):
            key = fold_form(form)
            first = seen.setdefault(key, number)
            if first != number:
                loc: tuple[str | int, ...] = (
                    ("synonyms", number, "means")
                    if position == 0
                    else ("synonyms", number, "forms", position - 1)
                )
                line, col = positions.of_value(loc)
                other = groups[first].means
                problems.append(
                    Problem(
                        shown, line, col, f"'{form}' is already a form of '{other}'; list it once"
                    )
                )
    return problems or groups


def load_synonyms(root: Path, shown: str) -> Synonyms | list[Problem]:
    """The synonyms file at `root/synonyms.yaml`; no file means no synonyms."""
    path = root / FILE_NAME
    if not path.is_file():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(shown, 1, 1, f"cannot read the file: {exc}")]
    return parse_synonyms(text, shown)
