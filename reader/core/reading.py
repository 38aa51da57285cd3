"""What newsboat and Frogmouth users expect of a reader: read state, one feed's articles,
an article as Markdown, subscriptions as OPML.

Functions over a Library (the Workspace is their one caller); no terminal code here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime

from reader.core.library import _NEWEST_FIRST, Library
from reader.core.models import CleanArticle, outlet_name

OPML_VERSION = "2.0"


def article_ids(library: Library, feed_url: str | None = None) -> list[str]:
    """Every article id newest first (undated last), or those that came from one feed."""
    if feed_url is None:
        rows = library._query(f"SELECT id FROM articles {_NEWEST_FIRST}")
    else:
        # Feed entries carry the origin "feed:<feed url>#<entry key>" (reader.core.ingest.feeds).
        pattern = "feed:" + _escape_like(feed_url) + "#%"
        rows = library._query(
            f"SELECT id FROM articles WHERE origin LIKE ? ESCAPE '\\' {_NEWEST_FIRST}", (pattern,)
        )
    return [row[0] for row in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def mark_all_read(library: Library, ids: Iterable[str], read: bool = True) -> int:
    """Mark many articles read (or unread) in one transaction; how many changed."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    changed = 0
    with library._transaction() as conn:
        for article_id in ids:
            if read:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO read_articles (article_id, read_at) VALUES (?, ?)",
                    (article_id, stamp),
                )
            else:
                cursor = conn.execute(
                    "DELETE FROM read_articles WHERE article_id = ?", (article_id,)
                )
            changed += cursor.rowcount
    return changed


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


def feeds_opml(feeds: Iterable[tuple[str, str]], title: str = "Broadsheet subscriptions") -> str:
    """(url, title) subscriptions as an OPML 2.0 document newsboat, NetNewsWire and Miniflux
    import (and `broadsheet import` reads back)."""
    root = ET.Element("opml", version=OPML_VERSION)
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )
    body = ET.SubElement(root, "body")
    for url, name in feeds:
        ET.SubElement(body, "outline", type="rss", text=name or url, title=name or url, xmlUrl=url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
