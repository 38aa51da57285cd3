"""Anchoring a bookmark to clean text: quote, context and position; finding it again."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.library import text_hash
from reader.core.models import Bookmark

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    """A W3C-style selector pair: TextQuote (exact, prefix, suffix) and TextPosition."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True)
class Located:
    """Where a bookmark sits in the current text; status is "exact", "moved" or "orphaned"."""

    status: str
    start: int = -1
    end: int = -1


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end], with about 32 characters of context each side."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"passage [{start}, {end}) is outside the text (length {len(text)})")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=text_hash(text),
    )


def locate(bookmark: Bookmark, text: str) -> Located:
    """Find a bookmark's passage in the current text, never attaching it to other words.

    Same text: the stored position. Changed text: the occurrence of the exact quote whose
    context matches best ("moved"). No occurrence: "orphaned" (the stored quote still shows).
    """
    if (
        bookmark.text_hash == text_hash(text)
        and text[bookmark.start : bookmark.end] == bookmark.quote
    ):
        return Located("exact", bookmark.start, bookmark.end)
    best: tuple[int, int] | None = None
    best_key = (-1, 0)
    position = text.find(bookmark.quote)
    while position != -1:
        before = text[max(0, position - CONTEXT_CHARS) : position]
        after = text[
            position + len(bookmark.quote) : position + len(bookmark.quote) + CONTEXT_CHARS
        ]
        score = _common_suffix(before, bookmark.prefix) + _common_prefix(after, bookmark.suffix)
        key = (score, -abs(position - bookmark.start))
        if key > best_key:
            best_key, best = key, (position, position + len(bookmark.quote))
        position = text.find(bookmark.quote, position + 1)
    if best is None:
        return Located("orphaned")
    return Located("moved", best[0], best[1])


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
