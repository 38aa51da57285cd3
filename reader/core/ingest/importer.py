"""Reading sources into items, and storing items in the library with deduplication.

Failed items never reach the library, so bad input leaves what is stored untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.ingest.feeds import FeedError, parse_feed
from reader.core.ingest.fetch import FetchError, Response, check_url, fetch, is_url
from reader.core.ingest.files import (
    inner_suffix,
    looks_like_feed,
    not_readable,
    record_items,
    sniff,
    text_item,
    walk,
)
from reader.core.ingest.html import html_item
from reader.core.ingest.items import (
    ADDED,
    DUPLICATE,
    FAILED,
    UPDATED,
    WARNING,
    ImportResult,
    Item,
    PageError,
    Subscription,
)
from reader.core.ingest.opml import read_opml
from reader.core.ingest.prepare import Cleaned, cleaned_ahead
from reader.core.ingest.textio import MAX_SOURCE_BYTES, size_error
from reader.core.library import Library
from reader.core.library.dedup import text_key, url_key
from reader.core.models import Article, Progress

Fetcher = Callable[..., Response]
BATCH = 500
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_CONTENT_FIELDS = (
    "title", "source", "published", "url", "language", "author", "body", "headline_only",
)  # fmt: skip


def read_source(
    source: str, fetch_pages: bool = False, fetcher: Fetcher = fetch
) -> list[Item | Subscription]:
    """Every item of a path (file or folder, recursively) or an http(s) URL."""
    source = unquoted(source)
    if is_url(source):
        try:
            response = fetcher(check_url(source))
        except FetchError as exc:
            return [Item(source, error=str(exc))]
        suffix = Path(urlsplit(response.url).path).suffix
        return read_bytes(source, response.body, suffix, response, fetch_pages, fetcher)
    path = Path(source).expanduser()
    if path.is_dir():
        files = list(walk(path))
        if not files:
            return [Item(source, error="no importable files in this folder")]
        found: list[Item | Subscription] = []
        for file in files:
            why = not_readable(file, path)
            found += [Item(str(file), error=why)] if why else read_file(file, fetch_pages, fetcher)
        return found
    if path.is_file():
        return read_file(path, fetch_pages, fetcher)
    if path.exists():
        return [Item(source, error="not a regular file or folder")]
    return [Item(source, error="no such file or folder")]


def unquoted(source: str) -> str:
    """A typed or pasted path without the quotes a file manager or shell copy puts around it."""
    text = source.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1].strip()
    return text


def read_file(
    path: Path, fetch_pages: bool = False, fetcher: Fetcher = fetch
) -> list[Item | Subscription]:
    """Every item of one file (size limit checked before reading; for a gzip file, checked on
    the decompressed size as it is read, so a small bomb cannot fill memory)."""
    name = str(path)
    why = not_readable(path)
    if why:
        return [Item(name, error=why)]
    try:
        too_big = size_error(path.stat().st_size)
        if too_big:
            return [Item(name, error=too_big)]
        data = path.read_bytes()
    except OSError as exc:
        return [Item(name, error=f"cannot read ({exc.strerror or exc})")]
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip_capped(data)
        except ValueError as exc:
            return [Item(name, error=str(exc))]
    return read_bytes(name, data, inner_suffix(path), None, fetch_pages, fetcher)


def gunzip_capped(data: bytes, limit: int | None = None) -> bytes:
    """The decompressed bytes of a gzip file; ValueError past the import size limit."""
    import gzip
    import io
    import zlib

    limit = MAX_SOURCE_BYTES if limit is None else limit
    chunks: list[bytes] = []
    size = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ValueError(f"{size_error(size, limit)} (decompressed)")
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"not a readable gzip file ({exc})") from exc
    return b"".join(chunks)


def read_bytes(
    name: str,
    data: bytes,
    suffix: str,
    response: Response | None = None,
    fetch_pages: bool = False,
    fetcher: Fetcher = fetch,
) -> list[Item | Subscription]:
    """Every item of one document, whatever its format."""
    if not data.strip():
        empty = "empty response" if response else "empty file"
        return [Item(name, error=empty if not data else "only white space, no text")]
    url = response.url if response else ""
    origin = url or str(Path(name).resolve())
    kind = _kind_from_type(response.content_type) if response else ""
    kind = kind or sniff(data, suffix)
    if kind == "html" and looks_like_feed(data):
        kind = "feed"  # a feed served as text/html, as many are
    if kind == "opml":
        return list(read_opml(name, data))
    if kind in ("feed", "jsonfeed"):
        try:
            parsed = parse_feed(data, name, url, response.headers if response else None)
        except FeedError as exc:
            return [Item(name, error=str(exc))]
        items: list[Item | Subscription] = []
        if parsed.warning:
            items.append(Item(name, warning=parsed.warning))
        for item in parsed.items:
            items.append(complete_entry(item, fetcher) if fetch_pages else item)
        return items  # a well-formed feed with no entries yet imports nothing, and is no error
    if kind == "html":
        return [html_item(name, data, url, origin, response.charset if response else "")]
    if kind == "records":
        return list(record_items(name, data, origin))
    return [text_item(name, data, origin, Path(urlsplit(name).path).stem or name)]


def _kind_from_type(content_type: str) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("application/feed+json", "application/json+feed"):
        return "jsonfeed"
    if content_type == "text/x-opml":
        return "opml"
    if any(marker in content_type for marker in _FEED_TYPES):
        return ""  # XML of some kind: sniff feed vs OPML from the bytes
    return ""


def complete_entry(item: Item, fetcher: Fetcher = fetch) -> Item:
    """A feed entry with the full text of its linked page when that is longer than the feed's.

    A headline-only entry whose page cannot be fetched is still kept (headline only), with a
    warning that says why.
    """
    article = item.article
    if article is None or not article.url:
        return item
    try:
        page = fetch_page_text(article, fetcher)
    except PageError as exc:
        if article.headline_only:
            return replace(item, warning=f"kept the headline only: its page failed: {exc}")
        return item
    if not article.headline_only and len(page.body) <= len(article.body):
        return item
    return Item(
        item.name,
        replace(article, body=page.body, author=article.author or page.author, headline_only=False),
    )


def fetch_page_text(article: Article, fetcher: Fetcher = fetch) -> Article:
    """The article of the page an entry links to (same time-out, size and redirect limits)."""
    from reader.core.ingest.html import ExtractError, extract
    from reader.core.ingest.textio import DecodeError, decode

    if not article.url:
        raise PageError("it has no link to a web page")
    try:
        response = fetcher(check_url(article.url))
        return extract(decode(response.body, response.charset), response.url, article.origin)
    except (FetchError, ExtractError, DecodeError) as exc:
        raise PageError(str(exc)) from exc


def make_id(article: Article) -> str:
    """A readable id for an article that came without one: headline words and a short hash."""
    words = re.findall(r"[a-z0-9]+", article.title.lower())
    slug = "-".join(words)[:40].strip("-") or "article"
    basis = article.url or article.origin or text_key(article.body)
    return f"{slug}-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:8]}"


def _same_content(a: Article, b: Article) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in _CONTENT_FIELDS)


class _Run:
    """Dedup state of one import run: keys of articles decided but not yet stored."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.pending: dict[str, Article] = {}
        self.keys: dict[str, str] = {}
        self.text_keys: dict[str, str] = {}  # body -> text_key, worked out ahead (prepare)

    def remember(self, article: Article) -> None:
        self.pending[article.id] = article
        for key in self._keys(article):
            self.keys.setdefault(key, article.id)

    def _keys(self, article: Article) -> list[str]:
        # A headline-only entry has no text of its own to match by ("t:" never matches).
        if article.headline_only:
            keys = ["t:"]
        else:
            keys = [f"t:{self.text_keys.get(article.body) or text_key(article.body)}"]
        if article.url:
            keys.append(f"u:{url_key(article.url)}")
        if article.origin:
            keys.append(f"o:{article.origin}")
        return keys

    def stored(self, article_id: str) -> Article | None:
        return self.pending.get(article_id) or self.library.get_article(article_id)

    def match(self, article: Article) -> tuple[str | None, bool]:
        """(id of the same stored article, whether only the text matched)."""
        if article.id and (article.id in self.pending or self.library.has_article(article.id)):
            return article.id, False
        text, *identity = self._keys(article)
        for key in identity:
            if key in self.keys:
                return self.keys[key], False
        found = self.library.find_by_identity(article)
        if found is not None:
            return found, False
        if article.headline_only:
            return None, False
        if text in self.keys:
            return self.keys[text], True
        found = self.library.find_by_text(article, text.removeprefix("t:"))
        return found, found is not None

    def fresh_id(self, article: Article) -> str:
        base = article.id or make_id(article)
        candidate, n = base, 1
        while candidate in self.pending or self.library.has_article(candidate):
            n += 1
            candidate = f"{base}-{n}"
        return candidate


def store_items(
    library: Library, items: Sequence[Item], progress: Progress | None = None
) -> list[ImportResult]:
    """Store the articles of the items: added, updated, duplicate (skipped) or failed."""
    library.sync_keys()
    run = _Run(library)
    results: list[ImportResult] = []
    batch: list[Article] = []
    cleaned: Cleaned = {}
    articles = [item.article for item in items if item.article is not None]
    with cleaned_ahead(articles, os.cpu_count() or 1) as facts:
        for n, item in enumerate(items, start=1):
            if item.article is not None:
                prepared = next(facts, None)
                if prepared is not None:
                    cleaned[(item.article.title, item.article.body)] = prepared[0]
                    run.text_keys[item.article.body] = prepared[1]
            _store_item(item, run, batch, results)
            if len(batch) >= BATCH:
                _flush(library, batch, run, cleaned)
            if progress and (n % 50 == 0 or n == len(items)):
                progress("storing", n, len(items))
    _flush(library, batch, run, cleaned)
    return results


def _store_item(item: Item, run: _Run, batch: list[Article], results: list[ImportResult]) -> None:
    """Decide what one item is (added, updated, duplicate, failed) and queue it for storing."""
    article = item.article
    if article is None and item.warning and not item.error:
        results.append(ImportResult(item.name, WARNING, "", item.warning))
        return
    if article is None:
        results.append(ImportResult(item.name, FAILED, "", item.error or "nothing to import"))
        return
    found, by_text_only = run.match(article)
    existing = run.stored(found) if found else None
    if existing is None:
        new = replace(article, id=run.fresh_id(article))
        run.remember(new)
        batch.append(new)
        results.append(ImportResult(item.name, ADDED, new.id))
    elif by_text_only or _same_content(existing, _merged(article, existing)):
        results.append(ImportResult(item.name, DUPLICATE, existing.id))
    else:
        changed = _merged(article, existing)
        run.remember(changed)
        batch.append(changed)
        results.append(ImportResult(item.name, UPDATED, existing.id))
    if item.warning:
        results.append(ImportResult(item.name, WARNING, results[-1].id, item.warning))


def _merged(new: Article, old: Article) -> Article:
    """A changed version keeps the stored id, and the old value of any field it lacks.

    A feed entry never shortens the text stored for it: feeds carry summaries (or only a
    headline), and the longer text was fetched from the entry's page or an earlier version.
    """
    if new.origin.startswith("feed:") and len(new.body) < len(old.body):
        new = replace(new, body=old.body, headline_only=old.headline_only)
    return replace(
        new,
        id=old.id,
        source=new.source or old.source,
        published=new.published or old.published,
        url=new.url or old.url,
        language=new.language or old.language,
        author=new.author or old.author,
        origin=old.origin or new.origin,
    )


def _flush(library: Library, batch: list[Article], run: _Run, cleaned: Cleaned) -> None:
    if batch:
        # Later versions in one run replace earlier ones; upsert each id once.
        library.upsert_articles({a.id: a for a in batch}.values(), cleaned)
        cleaned.clear()  # what was stored; the rest comes ahead of the next batch
        batch.clear()
        library.sync_keys(run.text_keys)
        run.pending.clear()
        run.keys.clear()
        run.text_keys.clear()
