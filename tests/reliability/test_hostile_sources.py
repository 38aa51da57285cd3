"""One bad source never stops an import: each is its own error boundary, with bounds.

Before: JSON nested 100,000 deep aborted the whole command; a FIFO named *.md hung it; a
symlink to /dev/zero was read until memory ran out and one to /etc/passwd was imported; an
element with 200,000 attributes took minutes; a dripped body was accepted after 160 s; NUL
bytes after the first 8 KB were stored.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core.ingest.fetch import FetchError, fetch
from tests.reliability.helpers import broadsheet, make_library, no_traceback

GOOD = "---\ntitle: Tram line opens\n---\nThe new tram line opened on Monday morning.\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    make_library(tmp_path, [])
    return tmp_path


def folder_with_hostile_files(root: Path) -> Path:
    folder = root / "drop"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "nested.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "nul.md").write_bytes(GOOD.encode() + b"x" * 9000 + b"\x00 hidden")
    big = '{"title": "Huge", "body": "' + "word " * 900_000 + '"}\n'
    (folder / "big.jsonl").write_text(big + '{"title": "Small", "body": "A small record."}\n')
    attributes = " ".join(f'a{n}="v"' for n in range(200_000))
    (folder / "attrs.html").write_text(f"<html><body><p {attributes}>x</p></body></html>")
    return folder


def test_a_folder_of_hostile_files_imports_the_good_ones_and_names_the_rest(
    data: Path,
) -> None:
    folder = folder_with_hostile_files(data)
    started = time.monotonic()
    run = broadsheet(data, "import", str(folder), timeout=120)
    took = time.monotonic() - started
    no_traceback(run)
    assert run.code == 1  # some items failed...
    assert "2 added" in run.out  # ...and the good file and the small record are in
    lines = run.err.splitlines()

    def line_for(name: str) -> str:
        (found,) = [line for line in lines if f"/{name}" in line]
        return found

    assert "not a regular file" in line_for("pipe.md")
    assert "outside the folder" in line_for("zero.md")
    assert "outside the folder" in line_for("passwd.txt")
    assert "nested too deeply" in line_for("nested.json")
    assert "NUL character" in line_for("nul.md")
    assert "character limit" in line_for("big.jsonl line 1")
    assert "too many attributes" in line_for("attrs.html")
    assert took < 60, took
    listed = broadsheet(data, "list")
    assert "root:" not in listed.out and len(listed.out.splitlines()) == 2


def test_a_source_that_breaks_its_reader_does_not_stop_the_others(data: Path) -> None:
    deep = data / "deep.json"
    deep.write_text('{"body": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    good = data / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    fifo = data / "fifo.md"
    os.mkfifo(fifo)
    run = broadsheet(data, "import", str(deep), str(fifo), str(good), timeout=60)
    no_traceback(run)
    assert run.code == 1 and "1 added" in run.out
    assert "deep.json" in run.err and "fifo.md" in run.err


def test_gzip_files_meet_the_same_rules_once_decompressed(data: Path) -> None:
    import gzip

    folder = data / "packed"
    folder.mkdir()
    (folder / "good.md.gz").write_bytes(gzip.compress(GOOD.encode()))
    (folder / "nul.md.gz").write_bytes(gzip.compress(GOOD.encode() + b"x" * 9000 + b"\x00 hid"))
    big = '{"title": "Huge", "body": "' + "word " * 900_000 + '"}\n'
    (folder / "big.jsonl.gz").write_bytes(gzip.compress(big.encode()))
    deep = "[" * 100_000 + "]" * 100_000
    (folder / "nested.json.gz").write_bytes(gzip.compress(deep.encode()))
    run = broadsheet(data, "import", str(folder), timeout=120)
    no_traceback(run)
    assert run.code == 1 and "1 added" in run.out
    lines = run.err.splitlines()

    def line_for(name: str) -> str:
        (found,) = [line for line in lines if f"/{name}" in line]
        return found

    assert "NUL character" in line_for("nul.md.gz")
    assert "character limit" in line_for("big.jsonl.gz")  # one record, ending in a newline
    assert "nested too deeply" in line_for("nested.json.gz")


@contextmanager
def dripping_server(
    interval: float, headers: bytes = b"", start: bytes = b"", drip: bytes = b"<"
) -> Iterator[str]:
    """An HTTP server that sends its headers and `start`, then `drip` every `interval` s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n"
                    + headers
                    + b"\r\n"
                    + start
                )
                while not stop.is_set():
                    try:
                        conn.sendall(drip)
                    except OSError:
                        break
                    time.sleep(interval)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_a_dripping_server_meets_the_total_deadline_not_the_read_time_out() -> None:
    with dripping_server(0.2) as url:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetch(url, timeout=5, total=1.5)
        took = time.monotonic() - started
    assert 1.5 <= took < 4, took  # each byte came well within the 5 s read time-out


def test_a_compressed_drip_that_decompresses_to_nothing_meets_the_deadline_too() -> None:
    # A gzip header whose file name never ends: every byte arrives, none decompresses.
    header = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03"
    with dripping_server(0.2, b"Content-Encoding: gzip\r\n", header, b"a") as url:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetch(url, timeout=5, total=1.5)
        took = time.monotonic() - started
    assert 1.5 <= took < 4, took
