"""Safe YAML reading that can say where every value came from.

The fast path (`parse`) builds plain data with PyYAML's C loader when available. When a file turns
out to have a problem, `locate` re-reads it as a node tree to find the line and column of the
offending key, so the happy path pays nothing for positions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

Loc = tuple[str | int, ...]


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that leaves dates as text, so pydantic reports a bad date with its place."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """PyYAML's resolution, minus its general machinery: most scalars are plain text whose
        first character no implicit type starts with, and they are the bulk of a file."""
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            candidates = self.yaml_implicit_resolvers.get(value[:1] if value else "")
            if candidates is None:
                return _STR
            for tag, regexp in candidates:
                if regexp.match(value):
                    return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


@dataclass(frozen=True)
class TextSpan:
    """Text written over several lines, where mis-indentation hides: a block scalar (`|` or
    `>`), or a plain scalar that is a list item."""

    style: str
    """'|' or '>' for a block, '' for a plain list item."""
    line: int
    """The 1-based line it starts on: a block's header (`details: >-`), an item's first line."""
    start: int
    """Where it starts in the text (a character offset)."""
    end: int
    """Where it ends in the text."""
    value: str


_BLOCK_STYLES = ("|", ">")


def _span(node: yaml.Node, style: str) -> TextSpan:
    start = node.start_mark
    return TextSpan(style, start.line + 1, start.index, node.end_mark.index, node.value)


def _build(node: yaml.Node, loader: _Loader, seen: set[int], spans: list[TextSpan]) -> Any:
    """Plain data from a node tree: a lean walk for the common tags (several times faster than
    PyYAML's generic constructor), PyYAML's safe constructor for anything else. Multi-line text
    that mis-indentation can change is noted in `spans`.

    Refuses a key written twice in one mapping (PyYAML would keep the last) and any alias
    (`*name`): an entry never needs one, and aliases allow a few hundred bytes to expand into
    gigabytes ("billion laughs") or into a structure that contains itself."""
    if id(node) in seen:
        raise yaml.constructor.ConstructorError(None, None, _ALIAS_MESSAGE, node.start_mark)
    seen.add(id(node))
    kind = type(node)
    tag = node.tag
    if kind is yaml.ScalarNode:
        if tag != _STR:
            return loader.construct_object(node, deep=True)
        style = node.style  # type: ignore[attr-defined]  # a ScalarNode: `kind` says so
        if style in _BLOCK_STYLES:
            spans.append(_span(node, style))
        return node.value
    if kind is yaml.SequenceNode and tag == _SEQ:
        items = []
        for item in node.value:
            if (
                type(item) is yaml.ScalarNode
                and not item.style
                and item.start_mark.line != item.end_mark.line
            ):
                spans.append(_span(item, ""))
            items.append(_build(item, loader, seen, spans))
        return items
    if kind is yaml.MappingNode and tag == _MAP:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "merge keys (<<) are not allowed in knowledge files; "
                    "write the fields out in full",
                    key_node.start_mark,
                )
            key = _build(key_node, loader, seen, spans)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                )
            if key in out:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' appears twice in this mapping", key_node.start_mark
                )
            out[key] = _build(value_node, loader, seen, spans)
        return out
    if kind is yaml.ScalarNode or not node.value:
        return loader.construct_object(node, deep=True)
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in knowledge files",
        node.start_mark,
    )


_ALIAS_MESSAGE = (
    "this value is reused with an alias (*name); aliases are not allowed in knowledge files, "
    "write the value out in full"
)


class YamlSyntaxError(Exception):
    """The text is not valid YAML (or repeats a key); carries a 1-based line and column."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def parse(text: str) -> Any:
    """The single YAML document in `text` as plain data; raises YamlSyntaxError."""
    return parse_with_spans(text)[0]


def parse_with_spans(text: str) -> tuple[Any, list[TextSpan]]:
    """As `parse`, with the multi-line text a layout check should look at."""
    loader = _Loader(text)
    spans: list[TextSpan] = []
    try:
        node = loader.get_single_node()
        return (None if node is None else _build(node, loader, set(), spans)), spans
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if not isinstance(exc, yaml.constructor.ConstructorError):
            problem = f"YAML syntax error: {problem}"
        raise YamlSyntaxError(problem, line, col) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {exc}", 1, 1) from None
    except RecursionError:
        raise YamlSyntaxError("the YAML is nested too deeply to be an entry", 1, 1) from None
    finally:
        loader.dispose()


@dataclass
class Positions:
    """Where each path of a parsed document starts: the key for mapping values, the item itself
    for sequence items. Paths are tuples of keys and indexes, like pydantic's `loc`."""

    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """The place of the key at `loc`, or of its nearest ancestor that has one."""
        for cut in range(len(loc), -1, -1):
            where = self.keys.get(loc[:cut]) or self.values.get(loc[:cut])
            if where:
                return where
        return (1, 1)

    def of_value(self, loc: Loc) -> tuple[int, int]:
        """The place of the value at `loc`, falling back to its key or nearest ancestor."""
        return self.values.get(loc) or self.of_key(loc)


def locate(text: str) -> Positions:
    """Line and column (1-based) of every key and value in the document in `text`."""
    positions = Positions()
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return positions
    if root is None:
        return positions

    seen: set[int] = set()

    def walk(node: yaml.Node, loc: Loc) -> None:
        if id(node) in seen:  # an alias: parse() reports it; never walk a cycle
            return
        seen.add(id(node))
        positions.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    child = (*loc, key_node.value)
                    mark = key_node.start_mark
                    positions.keys[child] = (mark.line + 1, mark.column + 1)
                    walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    with contextlib.suppress(RecursionError):
        walk(root, ())
    return positions
