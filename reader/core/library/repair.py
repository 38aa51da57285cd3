"""Why a library cannot be opened, and what may be done about it (`broadsheet doctor`).

SQLite reports every failure as a `DatabaseError`, but they mean very different things for
the user's library. A locked file, a full disk or an unwritable folder says nothing about the
file itself: it must be left exactly where it is and the command refused with one line. Only
a file SQLite calls "not a database" or "malformed" is damaged; that one is moved aside (never
deleted), the path of the kept copy is printed, and the doctor lists kept copies, checks them,
salvages rows from one (SQLite's `.recover`) and restores one.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

KEPT_MARK = ".unreadable-"  # library.sqlite3.unreadable-20260101-120000[-n]
SIDE_FILES = ("-wal", "-shm")

# sqlite3 primary result codes (sqlite_errorcode & 0xff).
_BUSY, _LOCKED, _CORRUPT, _NOTADB = 5, 6, 11, 26


class LibraryError(RuntimeError):
    """The library cannot be used as it is; the message says why (one line)."""


class LibraryBusy(LibraryError):
    """Another process holds the library's lock for longer than we wait."""


def cause(exc: sqlite3.Error) -> str:
    """'damaged', 'locked' or 'other': what a SQLite error says about the library file."""
    code = getattr(exc, "sqlite_errorcode", None)
    message = str(exc).lower()
    if message.startswith("could not decode"):  # text bytes overwritten: a damaged page
        return "damaged"
    if code is not None:
        primary = code & 0xFF
        if primary in (_CORRUPT, _NOTADB):
            return "damaged"
        if primary in (_BUSY, _LOCKED):
            return "locked"
        return "other"
    if "not a database" in message or "malformed" in message:
        return "damaged"
    if "locked" in message or "busy" in message:
        return "locked"
    return "other"


def side(path: Path, suffix: str) -> Path:
    """The -wal or -shm file beside a library file."""
    return path.with_name(path.name + suffix)


def orphaned_log(path: Path) -> str:
    """A reason not to open a zero-length library whose write-ahead log holds data, or "".

    SQLite reads such a pair as a new, empty database and deletes the log on close: the
    articles and bookmarks written since the last checkpoint would be gone for good.
    """
    try:
        if path.stat().st_size != 0:
            return ""
        wal_size = side(path, "-wal").stat().st_size
    except OSError:
        return ""
    if wal_size == 0:
        return ""
    return (
        f"library {path} is empty but its write-ahead log holds {wal_size:,} bytes; "
        "not opened, so nothing in it is lost: `broadsheet doctor --salvage library` "
        "recovers what the log holds"
    )


def move_aside(path: Path) -> Path:
    """Rename a damaged library (and its -wal/-shm) to a kept copy beside it; its new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{KEPT_MARK}{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}{KEPT_MARK}{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in SIDE_FILES:
        if side(path, suffix).exists():
            side(path, suffix).rename(side(target, suffix))
    return target


def kept_copies(path: Path) -> list[Path]:
    """The copies of this library moved aside as damaged, oldest first."""
    found = [
        p
        for p in path.parent.glob(f"{path.name}{KEPT_MARK}*")
        if not p.name.endswith(SIDE_FILES) and ".salvaged" not in p.name
    ]
    return sorted(found, key=lambda p: p.name)


@dataclass(frozen=True)
class Check:
    """What SQLite says about one library file."""

    path: Path
    ok: bool
    detail: str  # "ok", or the first problems reported, or why it could not be read
    articles: int | None = None
    bookmarks: int | None = None


def check(path: Path) -> Check:
    """Integrity of a library file, read-only (the file and its log are not changed)."""
    if not path.exists():
        return Check(path, False, "missing")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        return Check(path, False, f"cannot open ({exc})")
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)").fetchall()]
        ok = rows == ["ok"]
        counts: list[int | None] = []
        for table in ("articles", "bookmarks"):
            try:
                counts.append(int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))
            except sqlite3.Error:
                counts.append(None)
        return Check(path, ok, "ok" if ok else "; ".join(rows)[:300], counts[0], counts[1])
    except sqlite3.Error as exc:
        return Check(path, False, f"{exc}")
    finally:
        conn.close()


def salvage(source: Path) -> tuple[Path, str]:
    """Rows recovered from a damaged file into a new file beside it; (its path, how).

    SQLite's own `.recover` (the sqlite3 shell) reads every page it can, including rows a
    damaged b-tree no longer reaches; without the shell, each table is copied row by row in
    Python and unreadable stretches are skipped. The source is only read (from a copy).
    """
    target = source.with_name(f"{source.name}.salvaged-{time.strftime('%Y%m%d-%H%M%S')}")
    scratch = source.with_name(f"{source.name}.salvage-scratch")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        copy = scratch / "copy.sqlite3"
        if orphaned_log(source):
            # SQLite deletes the log of an empty file on open: read its pages ourselves.
            replay_log(side(source, "-wal"), copy)
        else:
            shutil.copyfile(source, copy)
            if side(source, "-wal").exists():
                shutil.copyfile(side(source, "-wal"), side(copy, "-wal"))
        import subprocess  # only a salvage runs the sqlite3 shell: not every command's import

        shell = shutil.which("sqlite3")
        how = ""
        if shell:
            try:
                how = _recover_with_shell(shell, copy, target)
            except (LibraryError, OSError, subprocess.SubprocessError):
                how = ""
        if not how:  # no shell, or one whose .recover fails (Debian's 3.40.1 does)
            target.unlink(missing_ok=True)
            try:
                how = _recover_in_python(copy, target)
            except sqlite3.DatabaseError as exc:  # not even a table list can be read
                target.unlink(missing_ok=True)
                raise LibraryError(f"nothing could be salvaged from {source}: {exc}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target, how


def replay_log(wal: Path, target: Path) -> int:
    """Write the last committed version of every page a write-ahead log holds into a new
    database file; how many pages. (Pages never changed since the last checkpoint were in
    the lost main file: what the log holds is what can be had.)"""
    data = wal.read_bytes()
    if len(data) < 32:
        raise LibraryError(f"{wal} is too short to be a write-ahead log")
    page_size = int.from_bytes(data[8:12], "big")
    if page_size < 512 or page_size & (page_size - 1):
        raise LibraryError(f"{wal} is not a write-ahead log (page size {page_size})")
    pages: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    offset = 32
    while offset + 24 + page_size <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        commit = int.from_bytes(data[offset + 4 : offset + 8], "big")
        pending[number] = data[offset + 24 : offset + 24 + page_size]
        if commit:  # a commit frame: everything since the last one is committed
            pages.update(pending)
            pending.clear()
        offset += 24 + page_size
    if 1 not in pages:
        raise LibraryError(f"{wal} does not hold the first page; nothing can be salvaged")
    with target.open("wb") as out:
        for number in sorted(pages):
            out.seek((number - 1) * page_size)
            out.write(pages[number])
    return len(pages)


def _recover_with_shell(shell: str, copy: Path, target: Path) -> str:
    import subprocess

    dump = subprocess.run(
        [shell, str(copy), ".recover"], capture_output=True, timeout=600, check=False
    )
    if dump.returncode != 0 and not dump.stdout:
        raise LibraryError(f"sqlite3 .recover failed: {dump.stderr.decode(errors='replace')}")
    load = subprocess.run(
        [shell, str(target)], input=dump.stdout, capture_output=True, timeout=600, check=False
    )
    if not target.exists() or not _has_articles(target):
        raise LibraryError(f"could not load the recovered rows: {load.stderr.decode()[:200]}")
    return "sqlite3 .recover"


def _has_articles(path: Path) -> bool:
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM articles").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _recover_in_python(copy: Path, target: Path) -> str:
    """Every row that can be read, one rowid at a time, so a damaged page costs only its own
    rows; text with damaged bytes is kept with U+FFFD in their place."""
    src = sqlite3.connect(copy)
    src.text_factory = lambda raw: raw.decode("utf-8", "replace")
    dst = sqlite3.connect(target)
    try:
        tables = src.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for name, sql in tables:
            dst.execute(sql)
            try:
                last = src.execute(f'SELECT max(rowid) FROM "{name}"').fetchone()[0] or 0
            except sqlite3.DatabaseError:
                last = 0
            for rowid in range(1, int(last) + 1):
                try:
                    row = src.execute(
                        f'SELECT * FROM "{name}" WHERE rowid = ?', (rowid,)
                    ).fetchone()
                except sqlite3.DatabaseError:
                    continue  # this row's page is unreadable: the others are not
                if row is not None:
                    marks = ",".join("?" * len(row))
                    dst.execute(f'INSERT OR IGNORE INTO "{name}" VALUES ({marks})', tuple(row))
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall():
            try:
                dst.execute(sql)
            except sqlite3.DatabaseError:
                pass  # e.g. a unique index the salvaged rows no longer satisfy
        version = src.execute("PRAGMA user_version").fetchone()[0]
        dst.execute(f"PRAGMA user_version = {int(version)}")
        dst.commit()
    finally:
        src.close()
        dst.close()
    return "row-by-row copy (no sqlite3 shell found)"


def restore(path: Path, copy: Path) -> Path | None:
    """Put a kept (or salvaged) copy back as the library; the replaced library, if any, is
    itself moved aside first and its kept path returned. Nothing is deleted."""
    if not copy.is_file():
        raise LibraryError(f"no such copy: {copy}")
    replaced = move_aside(path) if path.exists() else None
    shutil.copyfile(copy, path)
    if side(copy, "-wal").exists():
        shutil.copyfile(side(copy, "-wal"), side(path, "-wal"))
    return replaced
