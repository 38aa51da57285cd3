"""Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed documents, parsed by feedparser.

Each entry becomes an article from its full content when the feed has it, else its summary.
Feeds are read as leniently as the feed readers people use: whitespace before the XML
declaration, junk after the document element or any other damage feedparser can read past is
a warning, and only a document that yields no entries is refused. An entry with a headline but
no text is kept as "headline only" (title, link, date, summary if any); its text can be fetched
from its page later.
"""

from __future__ import annotations

import io
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.core.ingest.items import Item
from reader.core.ingest.textio import (
    DecodeError,
    decode,
    decode_entities,
    html_to_text,
    iso_date,
    plain_line,
)
from reader.core.models import Article
from reader.core.text import derive_title


class FeedError(ValueError):
    """A document that is not a usable feed; the message says why."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title, site link and entries (articles, or why an entry was skipped)."""

    title: str
    link: str
    version: str
    items: list[Item]
    warning: str = ""  # recoverable damage feedparser read past, for one warning line


def parse_feed(
    data: bytes, name: str, url: str = "", headers: dict[str, str] | None = None
) -> ParsedFeed:
    """Parse a feed document; FeedError when it is not well-formed or not a feed."""
    import feedparser

    if not data.strip():
        raise FeedError("empty document")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return parse_json_feed(data, name, url)
    # Whitespace (or a stray BOM) before the XML declaration makes strict XML parsers stop;
    # every feed reader ignores it, and so do we.
    data = _leading_junk_removed(data)
    # A stream, never bytes or str: feedparser treats strings as URLs or file names.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or {}, sanitize_html=True)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        # The declared encoding is wrong: parse again in the encoding the bytes really use.
        transcoded = _transcoded(data)
        if transcoded is not None:
            parsed = feedparser.parse(
                io.BytesIO(transcoded),
                response_headers={"content-type": "application/xml; charset=utf-8"},
                sanitize_html=True,
            )
            problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    benign = feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    entries = parsed.get("entries", []) or []
    version = parsed.get("version", "")
    if problem is not None and not isinstance(problem, benign) and not entries:
        raise FeedError(f"not a well-formed feed ({_reason(problem)})")
    if not version and not entries:
        raise FeedError("not an RSS, Atom or JSON Feed document")
    damage = _reason(problem) if problem is not None and not isinstance(problem, benign) else ""
    warning = f"read past damage in the feed ({damage})" if damage else ""
    feed = parsed.get("feed", {})
    title = plain_line(feed.get("title", "") or "")
    link = feed.get("link", "") or url
    source = title or (urlsplit(link).hostname or "").removeprefix("www.")
    base = url if url.startswith(("http://", "https://")) else link
    items = [
        _entry_item(entry, n, name, source, url, base) for n, entry in enumerate(entries, start=1)
    ]
    if not any(item.article for item in items):
        # Damage that left nothing readable: the document is refused as a whole.
        if damage:
            raise FeedError(f"not a well-formed feed ({damage})")
        if not version:
            raise FeedError("not an RSS, Atom or JSON Feed document")
    return ParsedFeed(title, link, version or "unknown", items, warning)


def _leading_junk_removed(data: bytes) -> bytes:
    """The document without white space (or a BOM and white space) before its first '<'."""
    stripped = data.lstrip(b" \t\r\n")
    if stripped.startswith(b"\xef\xbb\xbf"):
        stripped = b"\xef\xbb\xbf" + stripped[3:].lstrip(b" \t\r\n")
    return stripped


def _transcoded(data: bytes) -> bytes | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 512 * 1024]).best()
    if best is None or not best.encoding or best.encoding.replace("_", "-") == "utf-8":
        return None
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    text = re.sub(r"""(<\?xml[^>]*encoding\s*=\s*)["'][^"']*["']""", r'\1"utf-8"', text, count=1)
    return text.encode("utf-8")


def parse_json_feed(data: bytes, name: str, url: str = "") -> ParsedFeed:
    """A JSON Feed (jsonfeed.org, versions 1 and 1.1) document."""
    try:
        doc = json.loads(decode(data))
    except (DecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not a well-formed JSON Feed ({exc})") from exc
    version = doc.get("version", "") if isinstance(doc, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org/version" not in version:
        raise FeedError("not an RSS, Atom or JSON Feed document")
    entries = doc.get("items", [])
    if not isinstance(entries, list):
        raise FeedError("not a well-formed JSON Feed ('items' is not a list)")
    title = plain_line(str(doc.get("title", "") or ""))
    link = str(doc.get("home_page_url", "") or url)
    source = title or (urlsplit(link).hostname or "").removeprefix("www.")
    items = []
    for number, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            items.append(Item(f"{name} entry {number}", error="an item must be a JSON object"))
            continue
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        entry = {
            "title": str(raw.get("title", "") or ""),
            "link": str(raw.get("url", "") or raw.get("external_url", "") or ""),
            "id": str(raw.get("id", "") or ""),
            "content": [
                {"type": "text/html", "value": str(raw.get("content_html") or "")},
                {"type": "text/plain", "value": str(raw.get("content_text") or "")},
            ],
            "summary": str(raw.get("summary", "") or ""),
            "author": ", ".join(
                str(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name")
            ),
            "published": iso_date(raw.get("date_published") or raw.get("date_modified") or ""),
        }
        items.append(_entry_item(entry, number, name, source, url, link))
    return ParsedFeed(title, link, "json" + version.rsplit("/", 1)[-1].replace(".", ""), items)


def _reason(problem: BaseException) -> str:
    text = getattr(problem, "getMessage", lambda: str(problem))()
    line = getattr(problem, "getLineNumber", lambda: None)()
    text = " ".join(str(text).split()) or type(problem).__name__
    return f"{text}, line {line}" if line else text


def entry_text(entry: Any) -> str:
    """An entry's full content when it has any, else its summary, as paragraphs."""
    best = ""
    for content in entry.get("content", []) or []:
        value = content.get("value", "") or ""
        text = (
            html_to_text(value)
            if "html" in content.get("type", "html")
            else decode_entities(value).strip()
        )
        if len(text) > len(best):
            best = text
    if best:
        return best
    summary = entry.get("summary", "") or ""
    detail = entry.get("summary_detail", {}) or {}
    if "html" in detail.get("type", "text/html"):
        return html_to_text(summary)
    return decode_entities(summary).strip()


def _entry_date(entry: Any) -> str:
    if isinstance(entry.get("published"), str) and not entry.get("published_parsed"):
        return iso_date(entry["published"])
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return ""


def _entry_item(
    entry: Any, number: int, name: str, source: str, feed_url: str, base: str = ""
) -> Item:
    title = plain_line(entry.get("title", "") or "")
    label = f"{name} entry {number}" + (f" ({title[:60]})" if title else "")
    link = (entry.get("link", "") or "").strip()
    if link and base.startswith(("http://", "https://")) and "://" not in link:
        link = urljoin(base, link)  # "/news/1" against the feed's or its site's address
    web_link = link if link.startswith(("http://", "https://")) else ""
    body = entry_text(entry)
    key = entry.get("id", "") or link or f"{number}:{title}"
    origin = f"feed:{feed_url or name}#{key}"
    if not title and not body.strip() and not web_link:
        # Nothing a reader could show (feed readers skip these too): a warning, not a failure.
        return Item(label, warning="skipped: the entry has no title, text or link")
    # A headline with no text of its own (or text that only repeats the headline): keep what
    # the feed gives; the full text can be fetched from the link on demand.
    headline_only = not body.strip() or _same_words(body, title)
    derived = not title
    if derived:
        title = derive_title(body) if body.strip() else web_link
    article = Article(
        id="",
        title=title,
        body=body,
        source=source,
        published=_entry_date(entry),
        url=web_link,
        author=_entry_author(entry),
        title_derived=derived,
        origin=origin,
        headline_only=headline_only,
    )
    return Item(label, article)


def _same_words(body: str, title: str) -> bool:
    words = re.findall(r"\w+", body.casefold())
    return bool(words) and words == re.findall(r"\w+", title.casefold())


def _entry_author(entry: Any) -> str:
    """The byline: the entry's author, else its authors' names, else the Dublin Core creator."""
    author = plain_line(entry.get("author", "") or "")
    if author:
        return author
    names = [
        plain_line(a.get("name", "") or "")
        for a in entry.get("authors", []) or []
        if isinstance(a, dict)
    ]
    return ", ".join(n for n in names if n)
