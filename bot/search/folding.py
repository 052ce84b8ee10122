"""Case and accent folding, the same for questions, entries and synonym forms."""

from __future__ import annotations

import unicodedata


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character: combining marks and
    zero-width (format) characters vanish, other control characters and separators become
    spaces, everything else stays."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Mn", "Cf"):
            folded = ""
        elif category[0] in "CZ":
            folded = " "
        else:
            folded = char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case, accents and diacritics removed, control and zero-width characters dropped."""
    lowered = text.casefold()
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFKD", lowered)
    return lowered.translate(_FOLD)
