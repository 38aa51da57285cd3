"""What every command prints with: expected errors, dates, emphasis, JSON of a hit.

Every string that comes from data is passed through `safe` (reader.core.text.printable)
before it reaches a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict
from typing import TextIO

from reader.core.models import SearchHit, Span
from reader.core.text import printable


class CommandError(Exception):
    """An expected failure: printed as one line on stderr, exit status 1."""


def date_or_undated(published: str) -> str:
    return published or "undated"


def emphasise(text: str, spans: Sequence[Span], out: TextIO) -> str:
    """Matched words in bold on a terminal; the plain text otherwise."""
    if not spans or not out.isatty() or os.environ.get("NO_COLOR"):  # https://no-color.org
        return text
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], "\x1b[1;33m", text[span.start : span.end], "\x1b[0m"]
        last = span.end
    return "".join(pieces) + text[last:]


safe = printable  # every string from data goes through it before reaching a terminal


def one_line(text: str) -> str:
    """An id, URL, date, outlet or file name: data too, and kept to its line."""
    return printable(text, one_line=True)


def hit_json(hit: SearchHit) -> dict[str, object]:
    data = asdict(hit)
    data["highlights"] = [[s.start, s.end] for s in hit.highlights]
    return data
