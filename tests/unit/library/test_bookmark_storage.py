"""Bookmarks survive a killed process, a second reader on the same library, and an upgrade."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reader.core.library import SCHEMA_VERSION, Library
from reader.core.models import Article
from tests.conftest import version_1_library

REPO = Path(__file__).resolve().parents[3]

WRITER = """
import sys
from reader.core.library import Library
library = Library(__import__("pathlib").Path(sys.argv[1]))
for i in range(100000):
    b = library.add_bookmark(
        "a", f"quote {i} " + "x" * 2000, "pre", "suf", 0, 10, "h",
        note=f"note {i} [bold]", tags=[f"t{i}", "loop"],
    )
    print(b.id, i, flush=True)
"""


def start_writer(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def read_until(process: subprocess.Popen[str], count: int) -> list[tuple[int, int]]:
    assert process.stdout is not None
    seen = []
    while len(seen) < count:
        line = process.stdout.readline()
        assert line, "the writer stopped early"
        bookmark_id, i = line.split()
        seen.append((int(bookmark_id), int(i)))
    return seen


def test_killing_the_process_mid_write_loses_no_saved_bookmark_and_tears_none(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    writer = start_writer(path)
    confirmed = read_until(writer, 150)
    os.kill(writer.pid, signal.SIGKILL)  # at whatever instant it is in, mid-transaction likely
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    library = Library(path)
    stored = {b.id: b for b in library.bookmarks()}
    for bookmark_id, _ in confirmed:
        assert bookmark_id in stored, f"bookmark {bookmark_id} was confirmed, then lost"
    for b in stored.values():  # every row there is whole: its fields belong to one write
        i = int(b.quote.split()[1])
        assert b.quote == f"quote {i} " + "x" * 2000
        assert b.note == f"note {i} [bold]" and b.tags == (f"t{i}", "loop")
    assert len(stored) >= len(confirmed)


def test_two_readers_on_one_library_keep_each_others_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    first, second = Library(path), Library(path)
    first.upsert_articles([Article(id="a", title="A", body="Some words here.")])
    made = []
    for n in range(20):
        library = first if n % 2 else second
        made.append(library.add_bookmark("a", f"q{n}", "", "", 0, 4, "h", note=f"by {n % 2}"))
    deleted = first.delete_bookmark(made[0].id)
    late = second.add_bookmark("a", "late", "", "", 0, 4, "h")
    assert deleted is not None
    first.restore_bookmark(deleted)  # undo in one reader after the other wrote
    for library in (first, second):
        assert {b.id for b in library.bookmarks()} == {b.id for b in made} | {late.id}


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    writers = [start_writer(path), start_writer(path)]
    confirmed = [read_until(w, 80) for w in writers]
    for w in writers:
        w.kill()
        w.wait(timeout=30)
    ids = {b.id for b in Library(path).bookmarks()}
    for seen in confirmed:
        assert {bookmark_id for bookmark_id, _ in seen} <= ids


def test_a_version_1_library_opens_with_its_bookmarks_and_gains_uids(tmp_path: Path) -> None:
    path = version_1_library(
        tmp_path / "library.sqlite3",
        "INSERT INTO bookmarks (article_id, quote, prefix, suffix, start, end, text_hash, note, "
        "tags, created, updated) VALUES ('a', 'old quote', '', '', 0, 9, 'h', 'kept', "
        "'[\"t\"]', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')",
    )
    library = Library(path)
    (old,) = library.bookmarks()
    assert (old.quote, old.note, old.tags) == ("old quote", "kept", ("t",))
    assert len(old.uid) == 32
    assert library.bookmark_by_uid(old.uid) == old
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_export_killed_mid_write_leaves_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from reader.core.locations import write_atomic\n"
        "for i in range(100000):\n"
        "    write_atomic(Path(sys.argv[1]), json.dumps({'i': i, 'pad': 'y' * 400000}))\n"
        "    print(i, flush=True)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert writer.stdout is not None
    for _ in range(5):
        writer.stdout.readline()
    time.sleep(0.05)
    writer.kill()
    writer.wait(timeout=30)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["i"] >= 4 and len(data["pad"]) == 400000
