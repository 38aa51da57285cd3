"""Bookmarks as Markdown for people: a section per bookmark, the quote as a blockquote.

Text is exported verbatim: markup-like brackets and control characters are data.
"""

from __future__ import annotations

from reader.core.bookmarks.entries import BookmarkEntry, status_line
from reader.core.models import outlet_name


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def to_markdown(entries: list[BookmarkEntry], exported_at: str = "") -> str:
    """Bookmarks as Markdown: a section per bookmark, the quote as a blockquote."""
    lines = ["# Broadsheet bookmarks", ""]
    count = f"{len(entries)} bookmark{'s' if len(entries) != 1 else ''}"
    lines += [f"{count}" + (f", exported {exported_at}" if exported_at else "") + ".", ""]
    for entry in entries:
        b = entry.bookmark
        lines.append(f"## {entry.headline or 'article ' + b.article_id}")
        lines.append("")
        lines.append(_blockquote(b.quote))
        lines.append("")
        if b.note:
            lines.append(f"Note: {b.note}")
        if b.tags:
            lines.append("Tags: " + ", ".join(b.tags))
        lines.append(f"Outlet: {outlet_name(entry.outlet)}")
        lines.append(f"Date: {entry.published or 'undated'}")
        if entry.url:
            lines.append(f"URL: {entry.url}")
        lines.append(f"Article id: {b.article_id}")
        lines.append(f"Bookmarked: {b.created}")
        if entry.located.status != "exact":
            lines.append(f"Anchor: {status_line(entry)}")
        lines.append("")
    return "\n".join(lines)
