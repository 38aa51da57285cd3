"""The library: a SQLite store (WAL, versioned schema, transactions) of articles and bookmarks.

The library is the source of truth. Every article write bumps a revision counter so the
derived search index can catch up incrementally (see `changes_since`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.core import library_repair
from reader.core.library_repair import LibraryBusy, LibraryError
from reader.core.models import Article, ArticleSummary, Bookmark
from reader.core.text import clean

SCHEMA_VERSION = 5  # the version new code writes; see MIGRATIONS below

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    title_derived INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    clean_hash TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL
);
CREATE INDEX articles_by_date ON articles (published);
CREATE INDEX articles_by_revision ON articles (revision);
CREATE TABLE removed_articles (id TEXT PRIMARY KEY, revision INTEGER NOT NULL);
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text_hash TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX bookmarks_by_article ON bookmarks (article_id);
INSERT INTO meta (key, value) VALUES ('revision', '0');
"""

# MIGRATIONS[n] turns a version n-1 library into version n, inside one transaction. A new
# library is created at version 1 and migrated up like any other, so there is one code path.


def _add_searches(conn: sqlite3.Connection) -> None:
    """Version 2: search history and saved searches."""
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS search_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            query TEXT NOT NULL,
            used_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS saved_searches (query TEXT PRIMARY KEY, created TEXT NOT NULL);
        """
    )


def _add_bookmark_uids_and_anchors(conn: sqlite3.Connection) -> None:
    """Version 3: a stable uid per bookmark (export/import identity) and a re-anchoring cache.

    bookmark_anchors is derived data: where each bookmark was last found, against which clean
    text hash. It can be dropped and recomputed at any time; the bookmark row is never changed.
    """
    # Each step tolerates having run before: sqlite runs DDL outside the implicit transaction.
    columns = {row[1] for row in conn.execute("PRAGMA table_info(bookmarks)")}
    if "uid" not in columns:
        conn.execute("ALTER TABLE bookmarks ADD COLUMN uid TEXT")
    conn.execute("UPDATE bookmarks SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL")
    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS bookmarks_by_uid ON bookmarks (uid)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bookmark_anchors (bookmark_id INTEGER PRIMARY KEY, text_hash TEXT NOT NULL, "
        "status TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, "
        "method TEXT NOT NULL, similarity REAL NOT NULL)"
    )


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _add_searches,
    3: _add_bookmark_uids_and_anchors,
}
HISTORY_LIMIT = 200


def _migrate_feeds_read_state_import_keys(conn: sqlite3.Connection) -> None:
    """Version 4: feed subscriptions, read state, and the keys imports deduplicate by."""
    for statement in (
        "CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', "
        "etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', "
        "last_refresh TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', "
        "new_count INTEGER NOT NULL DEFAULT 0, added_at TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS read_articles (article_id TEXT PRIMARY KEY, read_at TEXT NOT NULL)",
        # Derived from articles (caught up from the revision in meta 'import_keys_revision').
        "CREATE TABLE IF NOT EXISTS import_keys (article_id TEXT PRIMARY KEY, url_key TEXT NOT NULL, "
        "origin TEXT NOT NULL, text_key TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS import_keys_by_url ON import_keys (url_key)",
        "CREATE INDEX IF NOT EXISTS import_keys_by_origin ON import_keys (origin)",
        "CREATE INDEX IF NOT EXISTS import_keys_by_text ON import_keys (text_key)",
    ):
        conn.execute(statement)


MIGRATIONS[4] = _migrate_feeds_read_state_import_keys


def _add_list_order_index(conn: sqlite3.Connection) -> None:
    """Version 5: an index in the list's own order, so the first page of a large library is
    read from it instead of sorting every article (138 ms at 100,000 articles)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS articles_newest_first ON articles "
        "(published = '', published DESC, title COLLATE NOCASE, id)"
    )


MIGRATIONS[5] = _add_list_order_index

_SUMMARY_COLUMNS = "id, title, source, published, word_count, title_derived"
# Newest first, undated last, then by headline for a stable order.
_NEWEST_FIRST = "ORDER BY published = '', published DESC, title COLLATE NOCASE, id"


def lock_wait() -> float:
    """Seconds to wait for another process's lock on the library before refusing
    (BROADSHEET_LOCK_WAIT, default 10)."""
    try:
        return max(0.0, float(os.environ.get("BROADSHEET_LOCK_WAIT", "10")))
    except ValueError:
        return 10.0


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a text (used for change detection and anchors)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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


class Library:
    """A connection to the SQLite library; safe to share between threads."""

    def __init__(
        self,
        path: Path,
        notices: list[str] | None = None,
        move_aside: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open (or create) the library; a damaged file is moved aside unless `move_aside`
        is False, when the error is raised instead. `on_wait` hears when opening has to wait
        for another process's lock (LibraryBusy when that lasts over lock_wait() seconds)."""
        self.path = path
        self._move_aside_unreadable = move_aside
        self._on_wait = on_wait
        self._wait = lock_wait()
        self.notices: list[str] = notices if notices is not None else []
        self._lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = self._open()

    # -- opening ---------------------------------------------------------------------------

    def _connect(self, wait: float) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=wait)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _open(self) -> sqlite3.Connection:
        """Open by cause (see library_repair): a lock is waited for, then refused; a full
        disk or an unwritable folder is refused; only a damaged file is moved aside."""
        orphaned = library_repair.orphaned_log(self.path)
        if orphaned:
            raise LibraryError(orphaned)
        try:
            conn, version = self._try_open()
        except sqlite3.DatabaseError as exc:
            why = library_repair.cause(exc)
            if why == "locked":
                raise LibraryBusy(
                    f"library {self.path} is locked by another process (waited "
                    f"{self._wait:.0f} s); nothing was changed: try again when it is done"
                ) from exc
            if why != "damaged":
                raise LibraryError(f"library {self.path} cannot be opened: {exc}") from exc
            if not self._move_aside_unreadable:
                raise
            moved = library_repair.move_aside(self.path)
            self.notices.append(
                f"library {self.path} is damaged ({exc}); it was moved aside, unchanged, to "
                f"{moved} and a new library started: `broadsheet doctor` checks, salvages "
                "or restores kept copies"
            )
            conn, version = self._try_open()
        if version > SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"library {self.path} has schema version {version}, newer than this "
                f"Broadsheet understands ({SCHEMA_VERSION}); upgrade Broadsheet"
            )
        if version == 0:
            with conn:
                conn.executescript(_SCHEMA)
                conn.execute("PRAGMA user_version = 1")
            version = 1
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with conn:
                MIGRATIONS[target](conn)
                conn.execute(f"PRAGMA user_version = {target}")
        return conn

    def _try_open(self) -> tuple[sqlite3.Connection, int]:
        """Connect and read the schema version; a lock is first tried without waiting, so
        the wait can be announced (another import, a rebuild, a sqlite3 shell)."""
        try:
            return self._read_version(self._connect(0.0))
        except sqlite3.OperationalError as exc:
            if library_repair.cause(exc) != "locked":
                raise
        if self._on_wait is not None:
            self._on_wait(
                f"library {self.path} is locked by another process; waiting up to "
                f"{self._wait:.0f} s"
            )
        return self._read_version(self._connect(self._wait))

    def _read_version(self, conn: sqlite3.Connection) -> tuple[sqlite3.Connection, int]:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(f"PRAGMA busy_timeout = {max(int(self._wait * 1000), 1000)}")
        except BaseException:
            conn.close()
            raise
        return conn, version

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.rollback()
                raise
            else:
                self._conn.commit()

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        """A value from the meta table."""
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def revision(self) -> int:
        """The revision of the last article write or removal."""
        return int(self.get_meta("revision", "0"))

    # -- articles -------------------------------------------------------------------------

    def upsert_articles(self, articles: Iterable[Article]) -> UpsertResult:
        """Add new articles and update changed ones, all in one transaction."""
        added = updated = unchanged = 0
        with self._transaction() as conn:
            revision = int(
                conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0]
            )
            for article in articles:
                content = text_hash(
                    json.dumps(
                        [
                            article.title,
                            article.source,
                            article.published,
                            article.url,
                            article.language,
                            article.author,
                            article.body,
                        ]
                    )
                )
                row = conn.execute(
                    "SELECT content_hash FROM articles WHERE id = ?", (article.id,)
                ).fetchone()
                if row is not None and row["content_hash"] == content:
                    unchanged += 1
                    continue
                revision += 1
                cleaned = clean(article)
                now = _now()
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
                    text_hash(cleaned.text),
                    cleaned.word_count,
                    now,
                    revision,
                )
                if row is None:
                    conn.execute(
                        "INSERT INTO articles (title, title_derived, source, published, url, "
                        "language, author, origin, body, content_hash, clean_hash, word_count, "
                        "updated_at, revision, added_at, id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, now, article.id),
                    )
                    conn.execute("DELETE FROM removed_articles WHERE id = ?", (article.id,))
                    added += 1
                else:
                    conn.execute(
                        "UPDATE articles SET title=?, title_derived=?, source=?, published=?, "
                        "url=?, language=?, author=?, origin=?, body=?, content_hash=?, "
                        "clean_hash=?, word_count=?, updated_at=?, revision=? WHERE id=?",
                        (*values, article.id),
                    )
                    updated += 1
            conn.execute("UPDATE meta SET value = ? WHERE key = 'revision'", (str(revision),))
        return UpsertResult(added, updated, unchanged)

    def remove_article(self, article_id: str) -> bool:
        """Remove an article (its bookmarks stay, showing their stored quote)."""
        with self._transaction() as conn:
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
        return int(self._query("SELECT count(*) FROM articles")[0][0])

    def get_article(self, article_id: str) -> Article | None:
        """One article with its original body, or None."""
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _article(rows[0]) if rows else None

    def _rows_for_ids(self, columns: str, ids: list[str]) -> Iterator[sqlite3.Row]:
        """Rows of the articles with these ids, asked in chunks under SQLite's variable limit."""
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._query(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk)

    def get_articles(self, ids: Iterable[str]) -> Iterator[Article]:
        """The given articles that exist, in no particular order."""
        for row in self._rows_for_ids("*", list(ids)):
            yield _article(row)

    def summaries(
        self, ids: Iterable[str] | None = None, limit: int = -1, offset: int = 0
    ) -> list[ArticleSummary]:
        """List rows, newest first and undated last; all articles (a page of them) or the ids."""
        if ids is None:
            rows = self._query(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles {_NEWEST_FIRST} LIMIT ? OFFSET ?",
                (limit, offset),
            )
        else:
            wanted = list(ids)
            rows = list(self._rows_for_ids(_SUMMARY_COLUMNS, wanted))
            order = {article_id: n for n, article_id in enumerate(wanted)}
            rows.sort(key=lambda row: order[row["id"]])
        return [_summary(row) for row in rows]

    def all_ids(self) -> list[str]:
        """Every article id."""
        return [row[0] for row in self._query("SELECT id FROM articles")]

    def changes_since(self, revision: int) -> Changes:
        """Articles written or removed after `revision` (for incremental indexing)."""
        changed = self._query("SELECT id FROM articles WHERE revision > ?", (revision,))
        removed = self._query("SELECT id FROM removed_articles WHERE revision > ?", (revision,))
        return Changes(self.revision, tuple(r[0] for r in changed), tuple(r[0] for r in removed))

    # -- bookmarks ------------------------------------------------------------------------

    def add_bookmark(
        self,
        article_id: str,
        quote: str,
        prefix: str,
        suffix: str,
        start: int,
        end: int,
        hash_of_text: str,
        note: str = "",
        tags: Iterable[str] = (),
        uid: str = "",
        created: str = "",
        updated: str = "",
    ) -> Bookmark:
        """Store a new bookmark and return it with its id (uid and times kept when given)."""
        now = _now()
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO bookmarks (article_id, quote, prefix, suffix, start, end, "
                "text_hash, note, tags, created, updated, uid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article_id,
                    quote,
                    prefix,
                    suffix,
                    start,
                    end,
                    hash_of_text,
                    note,
                    json.dumps(list(tags)),
                    created or now,
                    updated or created or now,
                    uid or uuid.uuid4().hex,
                ),
            )
            new_id = cursor.lastrowid
        bookmark = self.get_bookmark(int(new_id or 0))
        assert bookmark is not None
        return bookmark

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        """Put back a deleted bookmark exactly as it was (undo)."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO bookmarks (id, article_id, quote, prefix, suffix, start, "
                "end, text_hash, note, tags, created, updated, uid) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    bookmark.id,
                    bookmark.article_id,
                    bookmark.quote,
                    bookmark.prefix,
                    bookmark.suffix,
                    bookmark.start,
                    bookmark.end,
                    bookmark.text_hash,
                    bookmark.note,
                    json.dumps(list(bookmark.tags)),
                    bookmark.created,
                    bookmark.updated,
                    bookmark.uid or uuid.uuid4().hex,
                ),
            )

    def update_bookmark(self, bookmark_id: int, note: str, tags: Iterable[str]) -> Bookmark | None:
        """Change a bookmark's note and tags."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (note, json.dumps(list(tags)), _now(), bookmark_id),
            )
        return self.get_bookmark(bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """Delete a bookmark and return what it was, for undo."""
        with self._transaction() as conn:
            row = conn.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
            conn.execute("DELETE FROM bookmark_anchors WHERE bookmark_id = ?", (bookmark_id,))
        return _bookmark(row)

    def get_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """One bookmark, or None."""
        rows = self._query("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,))
        return _bookmark(rows[0]) if rows else None

    def bookmarks(self, article_id: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first; all of them or one article's."""
        if article_id is None:
            rows = self._query("SELECT * FROM bookmarks ORDER BY created DESC, id DESC")
        else:
            rows = self._query(
                "SELECT * FROM bookmarks WHERE article_id = ? ORDER BY start, id", (article_id,)
            )
        return [_bookmark(row) for row in rows]

    # -- searches -------------------------------------------------------------------------

    def remember_search(self, query: str) -> None:
        """Add a query to the history (most recent last; repeats move to the end)."""
        query = query.strip()
        if not query:
            return
        with self._transaction() as conn:
            conn.execute("DELETE FROM search_history WHERE query = ?", (query,))
            conn.execute(
                "INSERT INTO search_history (query, used_at) VALUES (?, ?)", (query, _now())
            )
            conn.execute(
                "DELETE FROM search_history WHERE id NOT IN "
                "(SELECT id FROM search_history ORDER BY id DESC LIMIT ?)",
                (HISTORY_LIMIT,),
            )

    def search_history(self) -> list[str]:
        """Past queries, oldest first."""
        return [r[0] for r in self._query("SELECT query FROM search_history ORDER BY id")]

    def save_search(self, query: str) -> bool:
        """Keep a query as a saved search; False if it was saved already."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO saved_searches (query, created) VALUES (?, ?)",
                (query.strip(), _now()),
            )
            return cursor.rowcount == 1

    def delete_saved_search(self, query: str) -> bool:
        """Forget a saved search."""
        with self._transaction() as conn:
            return (
                conn.execute("DELETE FROM saved_searches WHERE query = ?", (query,)).rowcount == 1
            )

    def saved_searches(self) -> list[str]:
        """Saved searches, in the order they were saved."""
        return [
            r[0] for r in self._query("SELECT query FROM saved_searches ORDER BY created, query")
        ]

    def bookmark_by_uid(self, uid: str) -> Bookmark | None:
        """The bookmark with this stable uid, or None."""
        rows = self._query("SELECT * FROM bookmarks WHERE uid = ?", (uid,))
        return _bookmark(rows[0]) if rows else None

    def clean_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> hash of its current clean text (what bookmark anchors refer to);
        for every article, or only the given ones."""
        if ids is None:
            return {row[0]: row[1] for row in self._query("SELECT id, clean_hash FROM articles")}
        return {row[0]: row[1] for row in self._rows_for_ids("id, clean_hash", list(ids))}

    def stored_anchors(self) -> dict[int, tuple[str, str, int, int, str, float]]:
        """Bookmark id -> (text hash, status, start, end, method, similarity) last computed."""
        rows = self._query("SELECT * FROM bookmark_anchors")
        return {
            row["bookmark_id"]: (
                row["text_hash"],
                row["status"],
                row["start"],
                row["end"],
                row["method"],
                row["similarity"],
            )
            for row in rows
        }

    def store_anchors(self, found: Iterable[tuple[int, str, str, int, int, str, float]]) -> None:
        """Remember where bookmarks were found: (id, text hash, status, start, end, method, sim)."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO bookmark_anchors (bookmark_id, text_hash, status, start, "
                "end, method, similarity) SELECT ?, ?, ?, ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM bookmarks WHERE id = ?)",
                [(*row, row[0]) for row in found],
            )


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        source=row["source"],
        published=row["published"],
        url=row["url"],
        language=row["language"],
        author=row["author"],
        title_derived=bool(row["title_derived"]),
        origin=row["origin"],
    )


def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        word_count=row["word_count"],
        title_derived=bool(row["title_derived"]),
    )


def _bookmark(row: sqlite3.Row) -> Bookmark:
    return Bookmark(
        id=row["id"],
        article_id=row["article_id"],
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        start=row["start"],
        end=row["end"],
        text_hash=row["text_hash"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        created=row["created"],
        updated=row["updated"],
        uid=row["uid"] or "",
    )
