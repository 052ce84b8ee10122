"""Text as every database can hold it and every terminal can show it, so no record is lost to it.

PostgreSQL refuses NUL in text (DataError), a lone surrogate cannot be encoded at all
(UnicodeEncodeError), and an ESC read back by `readout gaps` would drive the curator's terminal.
`clean_record` applies `clean_text` to every string of a vote or a gap on the one write path.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

REPLACEMENT = "\ufffd"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline (a lone CR was turned into a newline first), DEL, C1."""

R = TypeVar("R", bound="DataclassInstance")


def clean_text(text: str) -> str:
    """`text` with lone surrogates and control characters (but tab and newline) replaced by
    U+FFFD; CR LF and lone CR become newlines. A surrogate pair split in two is joined."""
    if not text.isascii():
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(REPLACEMENT, text)


def clean_record(record: R) -> R:
    """A copy of the dataclass `record` whose strings (also in nested dataclasses and tuples,
    such as a gap's candidates) are cleaned; the same object when nothing needed it."""
    changes = {
        f.name: cleaned
        for f in dataclasses.fields(record)
        if (cleaned := _clean_value(value := getattr(record, f.name))) is not value
    }
    return dataclasses.replace(record, **changes) if changes else record


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        cleaned = clean_text(value)
        return value if cleaned == value else cleaned
    if isinstance(value, tuple):
        items = tuple(_clean_value(item) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return clean_record(value)
    return value
