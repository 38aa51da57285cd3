"""Turning article data into Rich Text: always literal, never markup (house rule 7)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from reader.core.models import Span, outlet_name
from reader.core.text import printable


def outlet(source: str) -> str:
    """An outlet's name for display, made terminal-safe (names come from feeds and files)."""
    return printable(outlet_name(source), one_line=True)


__all__ = ["highlighted", "link_line", "literal", "meta_line", "outlet", "printable", "trim"]


def literal(text: str, style: str = "") -> Text:
    """Article text as data: control characters (terminal escapes) removed, markup inert."""
    return Text(printable(text), style=style)


def highlighted(text: str, spans: Iterable[Span], style: str = "reverse") -> Text:
    """Literal text with the given spans styled (used for query matches)."""
    result = Text()
    last = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < last:
            continue
        result.append(printable(text[last : span.start]))
        result.append(printable(text[span.start : span.end]), style=style)
        last = span.end
    result.append(printable(text[last:]))
    return result


def link_line(url: str) -> Text:
    """A URL as one terminal hyperlink (OSC 8) that is never wrapped: a terminal opening a
    URL broken over two lines would open half of it. A long one is cut with an ellipsis on
    screen; the link itself keeps the whole address."""
    clean = printable(url)
    text = Text(clean, style=Style(underline=True, link=clean))
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def meta_line(
    source: str, published: str, word_count: int, author: str = "", headline_only: bool = False
) -> str:
    """`outlet · by Byline · date · N words` (or `headline only`) for list rows and headers;
    every field one terminal-safe line."""
    byline = f" · by {printable(author, one_line=True)}" if author else ""
    size = "headline only" if headline_only else f"{word_count:,} words"
    return f"{outlet(source)}{byline} · {printable(published or 'undated', True)} · {size}"


def trim(text: str, limit: int) -> str:
    """One line of at most `limit` characters (terminal-safe: see core.text.printable)."""
    flat = " ".join(printable(text, one_line=True).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"
