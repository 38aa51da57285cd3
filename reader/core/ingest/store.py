"""Import bookkeeping in the library: dedup keys, feed subscriptions and read state.

The tables come from schema version 4 (see library.MIGRATIONS). The dedup keys are derived
from the articles and caught up from the library revision, like the search index, so articles
written by any code path (the sample corpus, an import) are found again by URL or text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.core.library import Library
from reader.core.models import Article

KEYS_REVISION = "import_keys_revision"
_WORDS = re.compile(r"\w+")


def now() -> str:
    """The current UTC time, ISO seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def url_key(url: str) -> str:
    """A URL normalised for 'same article' tests: scheme/host case, fragment, tracking, slash."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    )  # fmt: skip
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port:
        host += f":{parts.port}"
    path = parts.path.rstrip("/") or "/"
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


@lru_cache(maxsize=4096)  # one import asks for the same body's key several times
def text_key(body: str) -> str:
    """A fingerprint of the words of a text: case, punctuation and spacing do not count."""
    words = " ".join(_WORDS.findall(body.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def sync_keys(library: Library) -> None:
    """Bring the dedup keys up to the library's revision (cheap when already current)."""
    since = int(library.get_meta(KEYS_REVISION, "0"))
    changes = library.changes_since(since)
    if changes.revision == since and not changes.changed_ids:
        return
    rows = [
        (a.id, url_key(a.url), a.origin, "" if a.headline_only else text_key(a.body))
        for a in library.get_articles(changes.changed_ids)
    ]
    with library._transaction() as conn:  # one transaction with the library's own lock
        conn.executemany(
            "INSERT OR REPLACE INTO import_keys (article_id, url_key, origin, text_key) "
            "VALUES (?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "DELETE FROM import_keys WHERE article_id = ?", [(i,) for i in changes.removed_ids]
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (KEYS_REVISION, str(changes.revision)),
        )


def find_by_identity(library: Library, article: Article) -> str | None:
    """The id of a stored article with the same URL or the same origin, or None."""
    for column, value in (("url_key", url_key(article.url)), ("origin", article.origin)):
        if value:
            rows = library._query(
                f"SELECT article_id FROM import_keys WHERE {column} = ? LIMIT 1", (value,)
            )
            if rows:
                return str(rows[0][0])
    return None


def find_by_text(library: Library, article: Article) -> str | None:
    """The id of a stored article with the same words (normalised text), or None."""
    rows = library._query(
        "SELECT article_id FROM import_keys WHERE text_key = ? LIMIT 1", (text_key(article.body),)
    )
    return str(rows[0][0]) if rows else None


def stored_length(library: Library, origin: str) -> int:
    """The length of the text stored for the article imported from this origin (0 if none)."""
    rows = library._query(
        "SELECT length(a.body) FROM import_keys k JOIN articles a ON a.id = k.article_id "
        "WHERE k.origin = ? AND a.headline_only = 0 LIMIT 1",
        (origin,),
    )
    return int(rows[0][0]) if rows else 0


def id_taken(library: Library, article_id: str) -> bool:
    """True when an article with this id is stored."""
    return bool(library._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))


# -- read state -------------------------------------------------------------------------


def mark_read(library: Library, article_id: str, read: bool = True) -> None:
    """Mark an article read (or unread again)."""
    with library._transaction() as conn:
        if read:
            conn.execute(
                "INSERT OR IGNORE INTO read_articles (article_id, read_at) VALUES (?, ?)",
                (article_id, now()),
            )
        else:
            conn.execute("DELETE FROM read_articles WHERE article_id = ?", (article_id,))


def read_ids(library: Library) -> set[str]:
    """The ids of every article marked read."""
    return {row[0] for row in library._query("SELECT article_id FROM read_articles")}


# -- feeds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """A subscription and what its last refresh did."""

    url: str
    title: str = ""
    etag: str = ""
    last_modified: str = ""
    last_refresh: str = ""
    last_error: str = ""
    new_count: int = 0
    added_at: str = ""
    fetch_pages: bool = False  # fetch every entry's linked page for its full text


def set_fetch_pages(library: Library, url: str, on: bool) -> bool:
    """Turn a feed's fetch-pages setting on or off; False when not subscribed."""
    with library._transaction() as conn:
        return (
            conn.execute("UPDATE feeds SET fetch_pages = ? WHERE url = ?", (int(on), url)).rowcount
            > 0
        )


def add_feed(library: Library, url: str, title: str = "") -> bool:
    """Subscribe; False when already subscribed."""
    with library._transaction() as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO feeds (url, title, added_at) VALUES (?, ?, ?)",
            (url, title, now()),
        )
        return cursor.rowcount > 0


def remove_feed(library: Library, url: str) -> bool:
    """Unsubscribe (its articles stay in the library); False when not subscribed."""
    with library._transaction() as conn:
        return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0


def feeds(library: Library, urls: Iterable[str] | None = None) -> list[Feed]:
    """Subscriptions in the order they were added; all, or the given URLs."""
    rows = library._query("SELECT * FROM feeds ORDER BY added_at, url")
    wanted = set(urls) if urls is not None else None
    fields: list[dict[str, Any]] = [{k: row[k] for k in row.keys()} for row in rows]
    for values in fields:
        values["fetch_pages"] = bool(values.get("fetch_pages", 0))
    return [Feed(**values) for values in fields if wanted is None or values["url"] in wanted]


def record_refresh(
    library: Library,
    url: str,
    *,
    title: str = "",
    etag: str | None = None,
    last_modified: str | None = None,
    error: str = "",
    new_count: int = 0,
) -> None:
    """Store the outcome of refreshing one feed (validators kept when not given)."""
    with library._transaction() as conn:
        conn.execute(
            "UPDATE feeds SET title = CASE WHEN ? != '' THEN ? ELSE title END, "
            "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
            "last_refresh = ?, last_error = ?, new_count = ? WHERE url = ?",
            (title, title, etag, last_modified, now(), error, new_count, url),
        )
