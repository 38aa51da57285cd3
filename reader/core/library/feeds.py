"""Feed subscriptions (with what their last refresh did) and which articles were read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.core.library.database import Database, utc_now


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


class FeedTable(Database):
    """Subscriptions and read state (schema version 4)."""

    def add_feed(self, url: str, title: str = "") -> bool:
        """Subscribe; False when already subscribed."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, title, added_at) VALUES (?, ?, ?)",
                (url, title, utc_now()),
            )
            return cursor.rowcount > 0

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe (its articles stay in the library); False when not subscribed."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feeds(self, urls: Iterable[str] | None = None) -> list[Feed]:
        """Subscriptions in the order they were added; all, or the given URLs."""
        rows = self.query("SELECT * FROM feeds ORDER BY added_at, url")
        wanted = set(urls) if urls is not None else None
        fields: list[dict[str, Any]] = [{k: row[k] for k in row.keys()} for row in rows]
        for values in fields:
            values["fetch_pages"] = bool(values.get("fetch_pages", 0))
        return [Feed(**values) for values in fields if wanted is None or values["url"] in wanted]

    def set_fetch_pages(self, url: str, on: bool) -> bool:
        """Turn a feed's fetch-pages setting on or off; False when not subscribed."""
        with self.transaction() as conn:
            sql = "UPDATE feeds SET fetch_pages = ? WHERE url = ?"
            return conn.execute(sql, (int(on), url)).rowcount > 0

    def record_refresh(
        self,
        url: str,
        *,
        title: str = "",
        etag: str | None = None,
        last_modified: str | None = None,
        error: str = "",
        new_count: int = 0,
    ) -> None:
        """Store the outcome of refreshing one feed (validators kept when not given)."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET title = CASE WHEN ? != '' THEN ? ELSE title END, "
                "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                "last_refresh = ?, last_error = ?, new_count = ? WHERE url = ?",
                (title, title, etag, last_modified, utc_now(), error, new_count, url),
            )

    def mark_read(self, article_id: str, read: bool = True) -> None:
        """Mark an article read (or unread again)."""
        with self.transaction() as conn:
            if read:
                conn.execute(
                    "INSERT OR IGNORE INTO read_articles (article_id, read_at) VALUES (?, ?)",
                    (article_id, utc_now()),
                )
            else:
                conn.execute("DELETE FROM read_articles WHERE article_id = ?", (article_id,))

    def read_ids(self) -> set[str]:
        """The ids of every article marked read."""
        return {row[0] for row in self.query("SELECT article_id FROM read_articles")}

    def mark_many_read(self, ids: Iterable[str], read: bool = True) -> int:
        """Mark many articles read (or unread) in one transaction; how many changed."""
        stamp = utc_now()
        changed = 0
        with self.transaction() as conn:
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

    def feed_article_ids(self, feed_url: str) -> list[str]:
        """The ids of the articles that came from one feed, newest first (undated last).

        Feed entries carry the origin "feed:<feed url>#<entry key>" (reader.core.ingest.feeds).
        """
        pattern = "feed:" + _escape_like(feed_url) + "#%"
        rows = self.query(
            "SELECT id FROM articles WHERE origin LIKE ? ESCAPE '\\' "
            "ORDER BY published = '', published DESC, title COLLATE NOCASE, id",
            (pattern,),
        )
        return [row[0] for row in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
