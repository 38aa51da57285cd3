"""The SQLite library: articles, ordering, revisions, bookmarks, and what happens to bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.library import SCHEMA_VERSION, Library, LibraryError
from reader.core.models import Article
from tests.conftest import version_1_library


def article(
    id: str, published: str = "", body: str = "Body text of the article.", **kw: str
) -> Article:
    return Article(
        id=id, title=kw.pop("title", f"Headline {id}"), body=body, published=published, **kw
    )


def test_upsert_counts_added_updated_and_unchanged(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    first = library.upsert_articles([article("a"), article("b")])
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    again = library.upsert_articles([article("a"), article("b", body="Changed text.")])
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert library.get_article("b").body == "Changed text."  # type: ignore[union-attr]


def test_articles_are_listed_newest_first_and_undated_last(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    library.upsert_articles(
        [
            article("old", "2020-01-01"),
            article("none"),
            article("new", "2025-03-04"),
            article("mid", "2023-06-30"),
        ]
    )
    assert [s.id for s in library.summaries()] == ["new", "mid", "old", "none"]


def test_listing_carries_word_counts_of_the_clean_text(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    library.upsert_articles([article("a", body="One two three four.\n\nLeave a Reply")])
    assert library.summaries()[0].word_count == 4


def test_every_write_advances_the_revision_and_is_reported_as_a_change(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    library.upsert_articles([article("a"), article("b")])
    seen = library.revision
    library.upsert_articles([article("a"), article("b", body="New body.")])
    library.remove_article("a")
    changes = library.changes_since(seen)
    assert changes.changed_ids == ("b",)
    assert changes.removed_ids == ("a",)
    assert changes.revision == library.revision > seen


def test_bookmarks_survive_reopening_and_can_be_deleted_and_restored(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    library = Library(path)
    library.upsert_articles([article("a")])
    saved = library.add_bookmark(
        "a", "Body", "", " text", 0, 4, "hash", note="why", tags=["x", "y"]
    )
    library.close()
    reopened = Library(path)
    assert reopened.bookmarks() == [saved]
    deleted = reopened.delete_bookmark(saved.id)
    assert deleted == saved and reopened.bookmarks() == []
    reopened.restore_bookmark(saved)
    assert reopened.bookmarks() == [saved]


def test_removing_an_article_keeps_its_bookmarks(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    library.upsert_articles([article("a")])
    library.add_bookmark("a", "Body", "", "", 0, 4, "hash")
    library.remove_article("a")
    assert len(library.bookmarks()) == 1


def test_an_unreadable_library_is_moved_aside_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(b"this is not a database, but it is somebody's file" * 100)
    notices: list[str] = []
    library = Library(path, notices)
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("lib.sqlite3.unreadable-")]
    assert len(moved) == 1
    assert moved[0].read_bytes().startswith(b"this is not a database")
    assert len(notices) == 1 and "moved aside" in notices[0] and moved[0].name in notices[0]
    assert library.count_articles() == 0


def test_a_library_from_a_newer_broadsheet_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LibraryError, match="schema version 99"):
        Library(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99


def test_search_history_and_saved_searches_persist(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib.sqlite3")
    for query in ("mayor", "raids", "mayor"):
        library.remember_search(query)
    assert library.search_history() == ["raids", "mayor"]
    assert library.save_search("mayor johnson") is True
    assert library.save_search("mayor johnson") is False
    library.close()
    reopened = Library(tmp_path / "lib.sqlite3")
    assert reopened.saved_searches() == ["mayor johnson"]
    assert reopened.delete_saved_search("mayor johnson") is True
    assert reopened.saved_searches() == []


def test_a_version_1_library_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = version_1_library(
        tmp_path / "lib.sqlite3",
        "INSERT INTO bookmarks (article_id, quote, start, end, text_hash, created, updated) "
        "VALUES ('a', 'q', 0, 1, 'h', 'now', 'now')",
    )
    library = Library(path)
    assert [b.quote for b in library.bookmarks()] == ["q"]
    library.remember_search("kept")
    assert library.search_history() == ["kept"]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
