"""Index trouble never blocks reading, and a damaged index mends itself with one line.

Before: every command brought the index up to date first (so a full disk or an unwritable
cache ended `list`, `search` and `bookmarks add` in tracebacks); an empty postings file made
every search fail for good; a garbled vocabulary was silently read and written back empty;
a killed rebuild's `index.building-*` folder stayed forever.
"""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main as cli_main
from reader.core.library import Library
from reader.core.search.index import STATE_FILE, SearchIndex
from tests.reliability.helpers import article, broadsheet, library_path, make_library

ARTICLES = [article(n) for n in range(12)]


def index_dir(data: Path) -> Path:
    return data / "cache" / "index"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    make_library(tmp_path, ARTICLES)
    built = broadsheet(tmp_path, "index")
    assert built.code == 0, built.err
    return tmp_path


def test_an_empty_postings_file_is_found_and_rebuilt_with_one_line(data: Path) -> None:
    (postings,) = index_dir(data).glob("*.pst")
    postings.write_bytes(b"")
    run = broadsheet(data, "search", "ferry")
    assert run.code == 0, run.err
    assert "search index damaged" in run.err and "rebuilt it from the library" in run.err
    assert run.out.startswith("12 hits")


def test_a_garbled_vocabulary_is_found_and_rebuilt_not_emptied(data: Path) -> None:
    vocabulary = index_dir(data) / "vocabulary.json"
    vocabulary.write_text('{"harbour": "harbour", "ferr', encoding="utf-8")
    run = broadsheet(data, "search", "harb*")
    assert run.code == 0, run.err
    assert "vocabulary unreadable" in run.err
    assert run.out.startswith("12 hits")  # prefixes work again
    assert len(vocabulary.read_text(encoding="utf-8")) > 100


def test_a_vocabulary_swapped_for_another_valid_one_is_found_by_its_fingerprint(
    data: Path,
) -> None:
    # Opening the index checks the vocabulary against the fingerprint it wrote, not by parsing
    # every word: a well-formed file that is not the one written must still be caught.
    vocabulary = index_dir(data) / "vocabulary.json"
    vocabulary.write_text('{"zebra": "zebra"}', encoding="utf-8")
    run = broadsheet(data, "search", "harb*")
    assert run.code == 0, run.err
    assert "vocabulary changed since the index wrote it" in run.err
    assert run.out.startswith("12 hits")
    again = broadsheet(data, "search", "harb*")
    assert again.err == "" and again.out.startswith("12 hits")


def test_an_index_fingerprinted_by_an_earlier_version_is_used_and_still_checked(
    data: Path,
) -> None:
    # Indexes written before the CRC kept a blake2b fingerprint: they open without a
    # rebuild, and a swapped vocabulary is still caught.
    state_path = index_dir(data) / STATE_FILE
    vocabulary = index_dir(data) / "vocabulary.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    assert state["vocabulary_digest"].startswith("crc32-")
    state["vocabulary_digest"] = hashlib.blake2b(
        vocabulary.read_bytes(), digest_size=16
    ).hexdigest()
    state_path.write_text(json.dumps(state), encoding="utf-8")
    run = broadsheet(data, "search", "harb*")
    assert run.code == 0 and run.err == "" and run.out.startswith("12 hits")
    vocabulary.write_text('{"zebra": "zebra"}', encoding="utf-8")
    swapped = broadsheet(data, "search", "harb*")
    assert "vocabulary changed since the index wrote it" in swapped.err
    assert swapped.out.startswith("12 hits")


def test_a_killed_rebuild_leaves_nothing_behind_for_long(data: Path) -> None:
    leftover = index_dir(data).with_name("index.building-dead0001")
    shutil.copytree(index_dir(data), leftover)
    run = broadsheet(data, "index")
    assert run.code == 0, run.err
    assert not leftover.exists()


def test_reading_commands_never_need_a_writable_index(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library(library_path(data))
    library.upsert_articles([article(99, title="Late ferry news")])  # the index is behind
    library.close()

    def disk_full(self: SearchIndex, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.directory))

    monkeypatch.setattr(SearchIndex, "update", disk_full)
    monkeypatch.setattr(SearchIndex, "rebuild", disk_full)
    root = ["--data-dir", str(data)]
    assert cli_main([*root, "search", "ferry"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("12 hits") and "search index is behind the library" in err
    assert cli_main([*root, "list"]) == 0
    assert "story-99" in capsys.readouterr().out
    assert cli_main([*root, "bookmarks", "add", "story-99", "--quote", "ferry crossed"]) == 0
    assert "bookmark #1 saved" in capsys.readouterr().out
    # Bringing the index up to date is what fails, with one line; nothing else is lost.
    assert cli_main([*root, "index"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err


def test_an_import_ends_with_its_report_when_the_index_cannot_be_written(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def disk_full(self: SearchIndex, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SearchIndex, "update", disk_full)
    note = data / "note.md"
    note.write_text("---\ntitle: Ferry timetable\n---\nThe new ferry timetable starts.\n")
    assert cli_main(["--data-dir", str(data), "import", str(note)]) == 0
    out, err = capsys.readouterr()
    assert "1 added" in out
    assert "could not be written" in err and "articles are stored" in err


@pytest.mark.parametrize("trouble", ["damaged", "unreadable"])
def test_a_damaged_index_is_not_left_open_by_its_check(
    data: Path, trouble: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The check opens a searcher (kept for the first search when the index is sound); when
    # it finds the index damaged or unreadable, the index is rebuilt and its files closed.
    from whoosh.index import FileIndex

    from reader.core.search import index_check

    opened = []
    real_searcher = FileIndex.searcher

    def searcher(self: FileIndex, **kwargs: object) -> object:
        opened.append(real_searcher(self, **kwargs))
        return opened[-1]

    def damage(ix: object, directory: Path) -> str:
        if trouble == "unreadable":
            raise OSError("cannot read")
        return "a file is short"

    monkeypatch.setattr(FileIndex, "searcher", searcher)
    monkeypatch.setattr(index_check, "damage", damage)
    index = SearchIndex(index_dir(data), Library(library_path(data)))
    notice = index.ensure()
    expected = "damaged (a file is short)" if trouble == "damaged" else "unreadable (OSError)"
    assert notice.startswith(f"search index {expected}"), notice
    assert opened[0].is_closed  # the check's searcher, on the index it found damaged
