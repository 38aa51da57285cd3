"""Cutting a text into its runs of word characters fast: where its only non-ASCII
characters are common separators, str.split does it, far faster than a regex finds them.
Used by the index's words (reader.core.search.analysis) and the dedup key
(reader.core.library.dedup), each checked against its regex definition by tests.
"""

from __future__ import annotations

import re

# Separators common in news text beyond ASCII (curly quotes, dashes, no-break spaces), none
# of them a word character (checked here): where they are the only non-ASCII characters of a
# text, its runs of word characters can be cut by str.split (ascii_spaced), far faster than
# a regex finds them.
_SEPARATORS = re.compile(
    "["
    + "".join(
        c
        for c in "\u00a0\u00a3\u00a9\u00ab\u00ad\u00b0\u00b7\u00bb\u200b\u200d\u2013\u2014"
        "\u2018\u2019\u201c\u201d\u2022\u2026\u2032\u2033\u20ac"
        if not re.match(r"\w", c)
    )
    + "]"
)


def ascii_spaced(text: str) -> str | None:
    """The text with its common non-ASCII separators as spaces when that leaves it ASCII
    (its word characters where they were), else None."""
    spaced = text if text.isascii() else _SEPARATORS.sub(" ", text)
    return spaced if spaced.isascii() else None


def ascii_spaces(keep: str = "") -> dict[int, str]:
    """A str.translate table making a space of every ASCII character that is not a word
    character or in `keep`: then str.split gives the runs of word (and `keep`) characters."""
    return {
        code: " " for code in range(128) if not (re.match(r"\w", chr(code)) or chr(code) in keep)
    }
