"""The keys imports deduplicate by: normalised URL, origin and a fingerprint of the words.

The import_keys table (schema version 4) is derived from the articles and caught up from the
library revision, like the search index, so articles written by any code path (the sample
corpus, an import) are found again by URL or text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.core.library.articles import ArticleTable
from reader.core.models import Article
from reader.core.words import ascii_spaced, ascii_spaces

KEYS_REVISION = "import_keys_revision"
_WORDS = re.compile(r"\w+")
_ASCII_SPACES = ascii_spaces()


@lru_cache(maxsize=4096)  # an import asks for each URL's key three times
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
    import hashlib  # here: the reader's first screen does not wait for OpenSSL (3 ms)

    folded = body.casefold()
    spaced = ascii_spaced(folded)  # split where it can: the same words, a third less time
    words = " ".join(
        _WORDS.findall(folded) if spaced is None else spaced.translate(_ASCII_SPACES).split()
    )
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


class DedupKeys(ArticleTable):
    """Finding an article that is already stored under another id."""

    def sync_keys(self, known: Mapping[str, str] | None = None) -> None:
        """Bring the dedup keys up to the library's revision (cheap when already current);
        `known` may hold the text_key of some bodies, worked out beforehand."""
        known = known or {}
        since = int(self.get_meta(KEYS_REVISION, "0"))
        changes = self.changes_since(since)
        if changes.revision == since and not changes.changed_ids:
            return
        rows = [
            # A headline-only article has no text of its own to be matched by.
            (
                a.id,
                url_key(a.url),
                a.origin,
                "" if a.headline_only else known.get(a.body) or text_key(a.body),
            )
            for a in self.get_articles(changes.changed_ids)
        ]
        with self.transaction() as conn:
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

    def find_by_identity(self, article: Article) -> str | None:
        """The id of a stored article with the same URL or the same origin, or None."""
        for column, value in (("url_key", url_key(article.url)), ("origin", article.origin)):
            if value:
                rows = self.query(
                    f"SELECT article_id FROM import_keys WHERE {column} = ? LIMIT 1", (value,)
                )
                if rows:
                    return str(rows[0][0])
        return None

    def stored_length(self, origin: str) -> int:
        """The length of the text stored for the article imported from this origin (0 if none
        or headline only): a refresh fetches an entry's page only when it may add text."""
        rows = self.query(
            "SELECT length(a.body) FROM import_keys k JOIN articles a ON a.id = k.article_id "
            "WHERE k.origin = ? AND a.headline_only = 0 LIMIT 1",
            (origin,),
        )
        return int(rows[0][0]) if rows else 0

    def find_by_text(self, article: Article, key: str = "") -> str | None:
        """The id of a stored article with the same words (normalised text), or None; `key`
        is the text_key of its body when already known."""
        rows = self.query(
            "SELECT article_id FROM import_keys WHERE text_key = ? LIMIT 1",
            (key or text_key(article.body),),
        )
        return str(rows[0][0]) if rows else None
