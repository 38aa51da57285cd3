"""A healthy library is never moved aside: the failures of issue #11, re-created one by one.

Locked, full, unwritable and unopenable libraries are refused with one line and left exactly
as they were; only a damaged file is moved aside, loudly, and the doctor gets its rows back.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main as cli_main
from reader.core.library import database as library_module
from tests.reliability.helpers import (
    article,
    broadsheet,
    environment,
    fingerprint,
    kept_copies,
    library_path,
    make_library,
    no_traceback,
)

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO meta (key, value) VALUES ('held', '1')")
print("locked", flush=True)
time.sleep(120)
"""


@contextlib.contextmanager
def another_process_holding(path: Path) -> Iterator[subprocess.Popen[str]]:
    """A process holding an exclusive lock on the library (like a sqlite3 shell mid-write)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_a_locked_library_is_waited_for_then_refused_and_never_moved(tmp_path: Path) -> None:
    make_library(tmp_path, [article(1), article(2)])
    path = library_path(tmp_path)
    before = fingerprint(path)
    with another_process_holding(path):
        started = time.monotonic()
        run = broadsheet(tmp_path, "list", BROADSHEET_LOCK_WAIT="1")
        waited = time.monotonic() - started
    assert run.code == 1
    no_traceback(run)
    assert "waiting up to 1 s" in run.err
    assert "locked by another process" in run.err and "nothing was changed" in run.err
    assert waited >= 1.0
    assert kept_copies(tmp_path) == []
    assert fingerprint(path)[0] == before[0]  # the same file, not a new one
    # Once the other process is done, everything is there.
    after = broadsheet(tmp_path, "list")
    assert after.code == 0 and "story-1" in after.out and "story-2" in after.out


@pytest.mark.parametrize(
    "message",
    ["database or disk is full", "unable to open database file", "disk I/O error"],
)
def test_a_full_disk_or_unopenable_file_is_one_line_and_nothing_moved(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    message: str,
) -> None:
    make_library(tmp_path, [article(1)])
    before = fingerprint(library_path(tmp_path))

    def failing(self: object, conn: sqlite3.Connection) -> None:
        conn.close()
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(library_module.Database, "_read_version", failing)
    assert cli_main(["--data-dir", str(tmp_path), "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "cannot be opened" in err
    assert kept_copies(tmp_path) == [] and fingerprint(library_path(tmp_path)) == before


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str = "4m") -> Iterator[Path]:
    """A small tmpfs mounted at `where` (root only; skipped where mounting is not allowed)."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Write until the disk is full."""
    with (disk / "filler").open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()


def test_a_real_full_disk_never_moves_the_library(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        made = broadsheet(disk, "search", "mayor")  # sample corpus, index built
        assert made.code == 0, made.err
        path = library_path(disk)
        before = fingerprint(path)
        fill(disk)
        for args in (
            ["list"],
            ["search", "chicago"],
            ["bookmarks", "add", "003_664e7e63c6e16625", "--quote", "Chicago"],
            ["index", "--rebuild"],
        ):
            run = broadsheet(disk, *args)
            no_traceback(run)
            assert run.code in (0, 1), run.err
            if run.code == 1:
                assert len(run.err.strip().splitlines()) <= 2, run.err
        assert kept_copies(disk) == [] and path.stat().st_ino == before[0]
        (disk / "filler").unlink()
        listed = broadsheet(disk, "list")
        assert listed.code == 0 and listed.out.count("\n") == 5


def test_a_read_only_data_folder_never_moves_the_library(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        made = broadsheet(disk, "list")
        assert made.code == 0, made.err
        before = fingerprint(library_path(disk))
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=False)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only")
        run = broadsheet(disk, "list")
        no_traceback(run)
        assert run.code in (0, 1)
        if run.code == 1:
            assert "cannot" in run.err and len(run.err.strip().splitlines()) == 1
        assert kept_copies(disk) == [] and fingerprint(library_path(disk)) == before


def test_an_unwritable_data_folder_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_library(tmp_path, [article(1)])
    before = fingerprint(library_path(tmp_path))

    def refuse(self: object, conn: sqlite3.Connection) -> None:
        conn.close()
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(library_module.Database, "_read_version", refuse)
    assert cli_main(["--data-dir", str(tmp_path), "bookmarks"]) == 1
    assert "readonly" in capsys.readouterr().err
    assert kept_copies(tmp_path) == [] and fingerprint(library_path(tmp_path)) == before


def test_garbage_is_moved_aside_loudly_and_the_doctor_lists_it(tmp_path: Path) -> None:
    path = library_path(tmp_path)
    path.parent.mkdir(parents=True)
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    run = broadsheet(tmp_path, "list")
    no_traceback(run)
    (kept,) = kept_copies(tmp_path)
    assert kept.read_bytes() == garbage  # moved, unchanged
    assert str(kept) in run.err and "broadsheet doctor" in run.err
    doctor = broadsheet(tmp_path, "doctor")
    assert doctor.code == 0
    assert "integrity ok" in doctor.out and "kept copies (1)" in doctor.out
    assert kept.name in doctor.out and "damaged" in doctor.out
    salvage = broadsheet(tmp_path, "doctor", "--salvage", "1")
    no_traceback(salvage)
    assert salvage.code == 1 and "nothing could be salvaged" in salvage.err
    assert kept.read_bytes() == garbage


def damage_pages(path: Path, articles: int) -> None:
    """Overwrite a stretch of pages in the middle of the file (what a bad sector does)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xa5" * 8192)


def test_page_damage_is_one_line_and_the_doctor_salvages_and_restores(tmp_path: Path) -> None:
    articles = [article(n, body=f"Ferry story {n}. " + "word " * 400) for n in range(60)]
    make_library(tmp_path, articles)
    path = library_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage_pages(path, len(articles))
    run = broadsheet(tmp_path, "stories")
    no_traceback(run)
    assert run.code == 1 and "damaged" in run.err and "doctor --salvage library" in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert kept_copies(tmp_path) == []  # opening worked: the file stays where it is
    doctor = broadsheet(tmp_path, "doctor")
    assert doctor.code == 1 and "damaged" in doctor.out
    salvage = broadsheet(tmp_path, "doctor", "--salvage", "library")
    assert salvage.code == 0, salvage.err
    salvaged = Path(salvage.out.split(" into ")[1].split(" (")[0])
    recovered = sqlite3.connect(salvaged).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < recovered <= len(articles)
    restore = broadsheet(tmp_path, "doctor", "--restore", str(salvaged))
    assert restore.code == 0 and "kept as" in restore.out
    (kept,) = kept_copies(tmp_path)  # the damaged one, kept rather than deleted
    listed = broadsheet(tmp_path, "list")
    assert listed.code == 0 and listed.out.count("\n") == recovered


WRITE_AND_DIE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("BEGIN")
conn.execute("CREATE TABLE IF NOT EXISTS later_feature (x)")  # an upgrade's migration
conn.execute(
    "INSERT INTO bookmarks (article_id, quote, start, end, text_hash, created, updated, uid) "
    "VALUES ('story-1', 'the ferry crossed', 0, 17, 'h', 'now', 'now', 'u1')"
)
conn.execute("COMMIT")
os._exit(0)  # killed: the bookmark is only in the write-ahead log
"""


def test_a_zero_length_library_with_a_log_is_never_deleted(tmp_path: Path) -> None:
    """The log of the last writes (a migration and a bookmark) outlives the main file: it
    is never opened, so SQLite never deletes it, and the doctor rebuilds a file from it."""
    make_library(tmp_path, [article(1)])
    path = library_path(tmp_path)
    subprocess.run([sys.executable, "-c", WRITE_AND_DIE, str(path)], check=True)
    wal = path.with_name(path.name + "-wal")
    logged = wal.read_bytes()
    assert logged
    path.write_bytes(b"")  # the main file truncated (a crash of the file system, a bad copy)
    for args in (["list"], ["bookmarks"], ["doctor"]):
        run = broadsheet(tmp_path, *args)
        no_traceback(run)
        assert run.code == 1 and "write-ahead log holds" in run.said
        assert wal.read_bytes() == logged and path.stat().st_size == 0
    salvage = broadsheet(tmp_path, "doctor", "--salvage", "library")
    assert salvage.code == 0, salvage.err
    assert wal.read_bytes() == logged  # salvaging only reads it
    salvaged = Path(salvage.out.split(" into ")[1].split(" (")[0])
    rows = sqlite3.connect(salvaged).execute("SELECT quote FROM bookmarks").fetchall()
    assert rows == [("the ferry crossed",)]


def test_output_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    # `broadsheet list | head -1`: the reader of the pipe goes away after one line. Before,
    # the closed pipe was reported as trouble with the files ("cannot use: Broken pipe").
    make_library(tmp_path, [article(n) for n in range(1500)])  # more than a pipe buffer
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path), "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0
    assert first.startswith(b"story-")
    assert err == ""
