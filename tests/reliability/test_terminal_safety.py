"""Data never drives the terminal: escapes in every field, read back through a real pty.

Before: an OSC 52 in an outlet wrote the clipboard and an OSC 0 set the window title each
time the TUI drew the list; the CLI printed ids, URLs, feed titles, annotation fields and
file names raw; bidi overrides reordered list rows.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.models import Article
from reader.core.text import printable
from tests.reliability.helpers import environment, library_path, make_library

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"
CSI_CLEAR = "\x1b[2J"
C1_CSI = "\x9b31m"
BIDI = "\u202e"
EVIL = OSC_TITLE + OSC_CLIPBOARD + CSI_CLEAR + C1_CSI + BIDI

# The only escapes Broadsheet's CLI writes itself: the highlight of matched words, and the
# progress bar clearing its line.
OURS = (b"\x1b[1;33m", b"\x1b[0m", b"\x1b[K")


def hostile_article(n: int) -> Article:
    return Article(
        id=f"evil-{n}{EVIL}",
        title=f"Ferry strike {EVIL} spreads",
        body=f"The ferry strike spread to the harbour {EVIL} on Monday. Workers said {n}.",
        source=f"Harbour{EVIL} Times",
        published=f"2025-03-0{n}{EVIL}",
        url=f"https://gazette.example/{n}{EVIL}",
        author=f"Reporter{EVIL}",
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    make_library(tmp_path, [hostile_article(1), hostile_article(2)])
    library = Library(library_path(tmp_path))
    library.add_feed(f"https://feeds.example/rss{EVIL}", f"Feed title{EVIL}")
    library.close()
    return tmp_path


def through_a_pty(args: list[str], keys: list[tuple[float, bytes]] = (), wait: float = 60) -> bytes:  # type: ignore[assignment]
    """Run a command with a pty as its terminal; everything it wrote to the terminal."""
    master, slave = pty.openpty()
    env = environment(TERM="xterm-256color", COLUMNS="120", LINES="36")
    child = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    written = bytearray()
    started = time.monotonic()
    pending = list(keys)
    try:
        while time.monotonic() - started < wait:
            if pending and time.monotonic() - started >= pending[0][0]:
                os.write(master, pending.pop(0)[1])
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed its side
                    break
                if not chunk:
                    break
                written += chunk
            elif child.poll() is not None and not pending:
                break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        os.close(master)
    return bytes(written)


def broadsheet_args(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--data-dir", str(data), *args]


def assert_inert(written: bytes, allowed: tuple[bytes, ...] = OURS) -> None:
    """No escape sequence from the data, no C1 control, no bidi control."""
    rest = written
    for ours in allowed:
        rest = rest.replace(ours, b"")
    assert b"\x1b" not in rest, rest[max(0, rest.find(b"\x1b") - 60) :][:160]
    assert "\x9b".encode() not in rest
    assert BIDI.encode() not in rest


def test_every_cli_field_reaches_the_terminal_inert(data: Path, tmp_path: Path) -> None:
    annotations = tmp_path / "notes.json"
    annotations.write_text(
        json.dumps(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "AnnotationCollection",
                "items": [
                    {
                        "type": "Annotation",
                        "id": f"urn:uuid:{EVIL}",
                        "created": f"2025-01-01{EVIL}",
                        "body": [{"type": "TextualBody", "value": f"note{EVIL}"}],
                        "target": {
                            "source": f"broadsheet:article:missing{EVIL}",
                            "selector": [{"type": "TextQuoteSelector", "exact": f"q{EVIL}"}],
                        },
                        "article_id": f"missing{EVIL}",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    bad_name = tmp_path / f"bad{OSC_TITLE}.md"
    bad_name.write_bytes(b"")
    commands = [
        ["list"],
        ["search", "ferry"],
        ["search", "harbour", "--sort", "newest"],
        ["show", f"evil-1{EVIL}"],
        ["story", f"evil-1{EVIL}"],
        ["stories"],
        ["compare", f"evil-1{EVIL}"],
        ["bookmarks", "add", f"evil-1{EVIL}", "--quote", "ferry strike", "--note", EVIL],
        ["bookmarks"],
        ["bookmarks", "export"],
        ["bookmarks", "import", str(annotations)],
        ["feeds", "list"],
        ["import", str(bad_name)],
        ["show", f"nothing{EVIL}"],
        ["search", f"ferry{EVIL}"],
    ]
    for command in commands:
        written = through_a_pty(broadsheet_args(data, *command))
        assert b"Traceback" not in written, (command, written[-400:])
        assert_inert(written)
    # The fields are still there, as text: nothing was lost but the control characters.
    listed = through_a_pty(broadsheet_args(data, "list"))
    assert printable(f"evil-1{EVIL}", True).encode() in listed


def test_the_reader_draws_hostile_fields_without_obeying_them(data: Path) -> None:
    """The TUI over a pty: the list, an opened article and its comparison are drawn, then
    quit. Textual writes its own escapes; none of the data's may be among them."""
    keys = [(6.0, b"\r"), (9.0, b"c"), (12.0, b"q"), (13.0, b"q")]
    written = through_a_pty(broadsheet_args(data), keys, wait=25)
    assert b"Ferry strike" in written  # the list was drawn
    for payload in (OSC_TITLE, OSC_CLIPBOARD, C1_CSI, BIDI):  # Textual clears screens itself
        assert payload.encode() not in written, payload.encode()
    assert b"\x1b]0;PWNED" not in written and b"\x1b]52;c;" not in written  # not even a part
