"""Mis-indentation that is still valid YAML but changes what users see, as file:line:col problems.

Two slips pass the YAML parser and the model alike: a field indented under a block scalar
(`details: >-`) becomes part of its text, and a list item indented past the `-` above it runs on
from that item (two aliases become one). Both show in the text, so both are looked for there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from bot.errors import Problem
from bot.knowledge.models import EntryFile
from bot.knowledge.yaml_source import TextSpan

_KEY_OF_HEADER = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*)[ \t]*:")
_ITEM = re.compile(r"\n([ \t]*)-(?:[ \t]|$)", re.MULTILINE)
_SHOWN = 60


@functools.cache
def field_names() -> frozenset[str]:
    """Every field name any part of an entry may have, from the models' JSON Schema."""
    names: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(EntryFile.model_json_schema())
    return frozenset(names)


@functools.cache
def _field_line() -> re.Pattern[str]:
    alternatives = "|".join(sorted(field_names(), key=len, reverse=True))
    # Starting at "\n" lets the regex engine skip to line starts (twice as fast as "^").
    return re.compile(rf"\n([ \t]*)({alternatives}):(?:[ \t]|$)", re.MULTILINE)


def layout_problems(
    shown: str, text: str, spans: Iterable[TextSpan], entry_id: str | None
) -> list[Problem]:
    """A problem at each line of `spans` that looks like a field swallowed by a text block, or
    like a list item swallowed by the item above it."""
    problems: list[Problem] = []
    for span in spans:
        # The lines after the span's first: a block's text, or an item's continuation lines.
        first_break = text.find("\n", span.start, span.end)
        if first_break < 0:
            continue
        pattern = _field_line() if span.style else _ITEM
        for match in pattern.finditer(text, first_break, span.end):
            line = span.line + text.count("\n", first_break, match.start() + 1)
            col = len(match.group(1)) + 1
            if span.style:
                message = _swallowed_field(match.group(2), span, text)
            else:
                message = _swallowed_item(span)
            problems.append(Problem(shown, line, col, message, entry_id))
    return problems


def _swallowed_field(field: str, span: TextSpan, text: str) -> str:
    header_start = text.rfind("\n", 0, span.start) + 1
    header = _KEY_OF_HEADER.match(text, header_start, span.start)
    if header is None:  # a block that is a list item: `- >`
        where = f"the text block that starts on line {span.line}"
        fix = "indent it less than that text"
    else:
        key, col = header.group(1), header.start(1) - header_start + 1
        where = f"'{key}' (line {span.line})"
        fix = f"start it in column {col}, like '{key}'"
    return (
        f"'{field}:' is indented under {where}, so it is read as part of that text and not as "
        f"the field '{field}'; to make it a field, {fix}"
    )


def _swallowed_item(span: TextSpan) -> str:
    value = span.value if len(span.value) <= _SHOWN else f"{span.value[: _SHOWN - 3]}..."
    return (
        f"this '-' is indented further than the item on line {span.line}, so it is read as "
        f"the rest of that item ('{value}') and not as an item of its own; line it up with the "
        f"'-' on line {span.line}"
    )
