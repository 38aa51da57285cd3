"""The library's connection: opening, moving an unreadable file aside, locking, transactions.

Every table family (articles, bookmarks, searches, feeds, dedup keys) is a mixin over this
class and writes through `transaction()` and reads through `query()`, so one lock and one
connection serve the whole library.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reader.core.library import migrations


class LibraryError(RuntimeError):
    """The library cannot be used as it is; the message says why."""


def utc_now() -> str:
    """The current UTC time, ISO seconds (every stored timestamp uses it)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """A connection to the SQLite library; safe to share between threads."""

    def __init__(
        self, path: Path, notices: list[str] | None = None, move_aside: bool = True
    ) -> None:
        """Open (or create) the library; an unreadable file is moved aside unless
        `move_aside` is False, when the error is raised instead."""
        self.path = path
        self._move_aside_unreadable = move_aside
        self.notices: list[str] = notices if notices is not None else []
        self._lock = threading.RLock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = self._open()

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            conn = self._connect()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if not self._move_aside_unreadable:
                raise
            moved = self._move_aside(str(exc))
            self.notices.append(
                f"library {self.path} could not be read ({exc}); moved aside to {moved.name}"
            )
            conn = self._connect()
            version = 0
        if version > migrations.SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"library {self.path} has schema version {version}, newer than this "
                f"Broadsheet understands ({migrations.SCHEMA_VERSION}); upgrade Broadsheet"
            )
        migrations.migrate(conn, version)
        return conn

    def _move_aside(self, reason: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{n}")
            n += 1
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    # -- the two ways in -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE) under the library's lock."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.rollback()
                raise
            else:
                self._conn.commit()

    def query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        """The rows of one read statement."""
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        """A value from the meta table."""
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def revision(self) -> int:
        """The revision of the last article write or removal."""
        return int(self.get_meta("revision", "0"))
