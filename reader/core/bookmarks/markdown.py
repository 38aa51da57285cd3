"""Bookmarks (and a whole article) as Markdown for people: a section per bookmark, the quote
as a blockquote; an article as headline, byline, address and its passages.

Text is exported verbatim: markup-like brackets and control characters are data.
"""

from __future__ import annotations

from reader.core.bookmarks.entries import BookmarkEntry, status_line
from reader.core.models import CleanArticle, outlet_name


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


def article_markdown(view: CleanArticle) -> str:
    """An article's reading view as Markdown: headline, byline, address, then its passages.

    The text is the clean text the reader shows (boilerplate hidden), passages as paragraphs
    and headings as level-2 headings; nothing is interpreted, so the file reads as the pane.
    """
    article = view.article
    lines = [f"# {_one_line(article.title)}", ""]
    meta = [outlet_name(article.source), article.published or "undated"]
    if article.author:
        meta.insert(1, f"by {_one_line(article.author)}")
    lines.append("*" + " · ".join(_one_line(m) for m in meta) + "*")
    if article.url:
        lines += ["", f"<{article.url}>"]
    lines.append("")
    for passage in view.passages:
        if passage.kind == "heading":
            lines += [f"## {_one_line(passage.text)}", ""]
        else:
            lines += [passage.text.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
