"""The articles table: storing, reading and listing articles, and the changes the index follows.

Every article write bumps the library's revision so the derived search index and dedup keys
can catch up incrementally (see `changes_since`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from reader.core.library.database import Database, utc_now
from reader.core.library.rows import SUMMARY_COLUMNS, article_from, summary_from
from reader.core.models import Article, ArticleSummary
from reader.core.text import CLEAN_VERSION, CleanFacts, WithSpans, clean_facts, text_hash

# Newest first, undated last, then by headline for a stable order.
_NEWEST_FIRST = "ORDER BY published = '', published DESC, title COLLATE NOCASE, id"


@dataclass(frozen=True)
class UpsertResult:
    """What storing a batch of articles did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Changes:
    """Articles written and removed after a given revision."""

    revision: int
    changed_ids: tuple[str, ...]
    removed_ids: tuple[str, ...]


def _content_hash(article: Article) -> str:
    fields = [
        article.title,
        article.source,
        article.published,
        article.url,
        article.language,
        article.author,
        article.body,
        # only when set, so the stored hashes of full articles stay the same
        *(["headline only"] if article.headline_only else []),
    ]
    return text_hash(json.dumps(fields))


class ArticleTable(Database):
    """Articles, their summaries and the revision-ordered change log."""

    def upsert_articles(
        self,
        articles: Iterable[Article],
        cleaned: Mapping[tuple[str, str], CleanFacts] | None = None,
    ) -> UpsertResult:
        """Add new articles and update changed ones, all in one transaction. `cleaned` may
        hold an article's clean_facts by (headline, body), worked out beforehand
        (reader.core.ingest.prepare); the others are cleaned here."""
        added = updated = unchanged = 0
        with self.transaction() as conn:
            revision = int(
                conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0]
            )
            for article in articles:
                content = _content_hash(article)
                row = conn.execute(
                    "SELECT content_hash FROM articles WHERE id = ?", (article.id,)
                ).fetchone()
                if row is not None and row["content_hash"] == content:
                    unchanged += 1
                    continue
                revision += 1
                facts = cleaned.get((article.title, article.body)) if cleaned else None
                _write_article(conn, article, content, revision, row is None, facts)
                if row is None:
                    added += 1
                else:
                    updated += 1
            conn.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision),))
        return UpsertResult(added, updated, unchanged)

    def remove_article(self, article_id: str) -> bool:
        """Remove an article (its bookmarks stay, showing their stored quote)."""
        with self.transaction() as conn:
            if conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount == 0:
                return False
            revision = int(
                conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0]
            )
            conn.execute(
                "INSERT OR REPLACE INTO removed_articles (id, revision) VALUES (?, ?)",
                (article_id, revision + 1),
            )
            conn.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision + 1),))
        return True

    def count_articles(self) -> int:
        """How many articles the library holds."""
        return int(self.query("SELECT count(*) FROM articles")[0][0])

    def get_article(self, article_id: str) -> Article | None:
        """One article with its original body, or None."""
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return article_from(rows[0]) if rows else None

    def has_article(self, article_id: str) -> bool:
        """True when an article with this id is stored."""
        return bool(self.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def _rows_for_ids(self, columns: str, ids: list[str]) -> Iterator[sqlite3.Row]:
        """Rows of the articles with these ids, asked in chunks under SQLite's variable limit."""
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.query(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk)

    def get_articles(self, ids: Iterable[str]) -> Iterator[Article]:
        """The given articles that exist, in no particular order."""
        for row in self._rows_for_ids("*", list(ids)):
            yield article_from(row)

    def articles_with_spans(self, ids: Iterable[str]) -> Iterator[WithSpans]:
        """The given articles that exist (in no particular order), each with its clean_spans
        when they were worked out by this version of cleaning, else None (to be cleaned), and
        the fingerprint of its clean text."""
        for row in self._rows_for_ids("*", list(ids)):
            current = row["clean_version"] == CLEAN_VERSION
            yield article_from(row), row["clean_spans"] if current else None, row["clean_hash"]

    def summaries(
        self, ids: Iterable[str] | None = None, limit: int = -1, offset: int = 0
    ) -> list[ArticleSummary]:
        """List rows, newest first and undated last; all articles (a page of them) or the ids."""
        if ids is None:
            rows = self.query(
                f"SELECT {SUMMARY_COLUMNS} FROM articles {_NEWEST_FIRST} LIMIT ? OFFSET ?",
                (limit, offset),
            )
        else:
            wanted = list(ids)
            rows = list(self._rows_for_ids(SUMMARY_COLUMNS, wanted))
            order = {article_id: n for n, article_id in enumerate(wanted)}
            rows.sort(key=lambda row: order[row["id"]])
        return [summary_from(row) for row in rows]

    def all_ids(self) -> list[str]:
        """Every article id."""
        return [row[0] for row in self.query("SELECT id FROM articles")]

    def ids_newest_first(self) -> list[str]:
        """Every article id in list order: newest first, undated last."""
        return [row[0] for row in self.query(f"SELECT id FROM articles {_NEWEST_FIRST}")]

    def changes_since(self, revision: int) -> Changes:
        """Articles written or removed after `revision` (for incremental indexing)."""
        changed = self.query("SELECT id FROM articles WHERE revision > ?", (revision,))
        removed = self.query("SELECT id FROM removed_articles WHERE revision > ?", (revision,))
        return Changes(self.revision, tuple(r[0] for r in changed), tuple(r[0] for r in removed))

    def ids_with_origin_prefix(self, prefix: str) -> list[str]:
        """Ids of the articles whose origin starts with `prefix` ("sample:"), in id order."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.query(
            "SELECT id FROM articles WHERE origin LIKE ? ESCAPE '\\' ORDER BY id", (escaped + "%",)
        )
        return [str(row[0]) for row in rows]

    def clean_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> hash of its current clean text (what bookmark anchors refer to);
        for every article, or only the given ones."""
        if ids is None:
            return {row[0]: row[1] for row in self.query("SELECT id, clean_hash FROM articles")}
        return {row[0]: row[1] for row in self._rows_for_ids("id, clean_hash", list(ids))}


def _write_article(
    conn: sqlite3.Connection,
    article: Article,
    content: str,
    revision: int,
    new: bool,
    facts: CleanFacts | None = None,
) -> None:
    clean_hash, word_count, spans = facts or clean_facts(article)
    now = utc_now()
    values = (
        article.title,
        int(article.title_derived),
        article.source,
        article.published,
        article.url,
        article.language,
        article.author,
        article.origin,
        article.body,
        content,
        clean_hash,
        word_count,
        spans,
        CLEAN_VERSION if spans is not None else 0,
        now,
        revision,
        int(article.headline_only),
    )
    if new:
        conn.execute(
            "INSERT INTO articles (title, title_derived, source, published, url, "
            "language, author, origin, body, content_hash, clean_hash, word_count, "
            "clean_spans, clean_version, updated_at, revision, headline_only, added_at, id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, now, article.id),
        )
        conn.execute("DELETE FROM removed_articles WHERE id = ?", (article.id,))
    else:
        conn.execute(
            "UPDATE articles SET title=?, title_derived=?, source=?, published=?, "
            "url=?, language=?, author=?, origin=?, body=?, content_hash=?, "
            "clean_hash=?, word_count=?, clean_spans=?, clean_version=?, updated_at=?, "
            "revision=?, headline_only=? WHERE id=?",
            (*values, article.id),
        )
