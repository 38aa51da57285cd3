"""The library: the SQLite source of truth (WAL, versioned schema, one transaction per change).

It owns every table: articles and their change log (`articles`), bookmarks and their anchor
cache (`bookmarks`), search history (`history`), feeds and read state (`feeds`) and the keys
imports deduplicate by (`dedup`). Each is a mixin over `database.Database`, which holds the one
connection, its lock, `transaction()` and `query()`; `migrations` holds the schema.
"""

from reader.core.library.articles import Changes, UpsertResult
from reader.core.library.bookmarks import BookmarkTable
from reader.core.library.database import Database, LibraryError, utc_now
from reader.core.library.dedup import KEYS_REVISION, DedupKeys, text_key, url_key
from reader.core.library.feeds import Feed, FeedTable
from reader.core.library.history import HISTORY_LIMIT, SearchHistory
from reader.core.library.migrations import MIGRATIONS, SCHEMA_VERSION


class Library(DedupKeys, BookmarkTable, SearchHistory, FeedTable):
    """A connection to the SQLite library with every table family; safe to share between threads."""


__all__ = [
    "HISTORY_LIMIT",
    "KEYS_REVISION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Changes",
    "Database",
    "Feed",
    "Library",
    "LibraryError",
    "UpsertResult",
    "text_key",
    "url_key",
    "utc_now",
]
