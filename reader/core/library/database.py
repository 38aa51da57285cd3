"""The library's connection: opening by cause (see repair), locking, transactions.

Every table family (articles, bookmarks, searches, feeds, dedup keys) is a mixin over this
class and writes through `transaction()` and reads through `query()`, so one lock and one
connection serve the whole library.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reader.core.library import migrations, repair
from reader.core.library.repair import LibraryBusy, LibraryError

__all__ = ["Database", "LibraryBusy", "LibraryError", "lock_wait", "utc_now"]


def lock_wait() -> float:
    """Seconds to wait for another process's lock on the library before refusing
    (BROADSHEET_LOCK_WAIT, default 10)."""
    try:
        return max(0.0, float(os.environ.get("BROADSHEET_LOCK_WAIT", "10")))
    except ValueError:
        return 10.0


def utc_now() -> str:
    """The current UTC time, ISO seconds (every stored timestamp uses it)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
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
        """Open by cause (see repair): a lock is waited for, then refused; a full
        disk or an unwritable folder is refused; only a damaged file is moved aside."""
        orphaned = repair.orphaned_log(self.path)
        if orphaned:
            raise LibraryError(orphaned)
        try:
            conn, version = self._try_open()
        except sqlite3.DatabaseError as exc:
            why = repair.cause(exc)
            if why == "locked":
                raise LibraryBusy(
                    f"library {self.path} is locked by another process (waited "
                    f"{self._wait:.0f} s); nothing was changed: try again when it is done"
                ) from exc
            if why != "damaged":
                raise LibraryError(f"library {self.path} cannot be opened: {exc}") from exc
            if not self._move_aside_unreadable:
                raise
            moved = repair.move_aside(self.path)
            self.notices.append(
                f"library {self.path} is damaged ({exc}); it was moved aside, unchanged, to "
                f"{moved} and a new library started: `broadsheet doctor` checks, salvages "
                "or restores kept copies"
            )
            conn, version = self._try_open()
        if version > migrations.SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"library {self.path} has schema version {version}, newer than this "
                f"Broadsheet understands ({migrations.SCHEMA_VERSION}); upgrade Broadsheet"
            )
        migrations.migrate(conn, version)
        return conn

    def _try_open(self) -> tuple[sqlite3.Connection, int]:
        """Connect and read the schema version; a lock is first tried without waiting, so
        the wait can be announced (another import, a rebuild, a sqlite3 shell)."""
        try:
            return self._read_version(self._connect(0.0))
        except sqlite3.OperationalError as exc:
            if repair.cause(exc) != "locked":
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
