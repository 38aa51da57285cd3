"""Bookmarks through the Workspace: adding, locating, editing, exporting and importing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.locations import write_atomic
from reader.core.models import Bookmark
from reader.core.text import clean
from reader.core.workspace.base import (
    NotFound,
)

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    from reader.core.bookmarks import annotations as web_annotations
    from reader.core.bookmarks import entries
    from reader.core.bookmarks.anchors import Located

from reader.core.workspace.stories import StoryDoor


class BookmarkDoor(StoryDoor):
    """Bookmarks through the Workspace: adding, locating, editing, exporting and importing."""

    # -- bookmarks ---------------------------------------------------------------------------

    def add_bookmark(
        self, article_id: str, start: int, end: int, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Bookmark clean_text[start:end] of an article."""
        from reader.core.bookmarks.anchors import make_anchor

        anchor = make_anchor(self.clean_article(article_id).text, start, end)
        return self._library.add_bookmark(
            article_id,
            anchor.quote,
            anchor.prefix,
            anchor.suffix,
            anchor.start,
            anchor.end,
            anchor.text_hash,
            note=note,
            tags=tags,
        )

    def bookmarks(self, article_id: str | None = None) -> list[Bookmark]:
        """Bookmarks newest first; all of them, or one article's in text order."""
        return self._library.bookmarks(article_id)

    def located_bookmarks(self, article_id: str) -> list[tuple[Bookmark, Located]]:
        """An article's bookmarks with where each is in its current clean text."""
        from reader.core.bookmarks.anchors import Located, locate

        article = self._library.get_article(article_id)
        text = clean(article).text if article is not None else None
        return [
            (bookmark, locate(bookmark, text) if text is not None else Located("orphaned"))
            for bookmark in self.bookmarks(article_id)
        ]

    def locate_bookmark(self, bookmark: Bookmark) -> Located:
        """Where a bookmark's passage is in its article's current clean text."""
        from reader.core.bookmarks.anchors import Located, locate

        article = self._library.get_article(bookmark.article_id)
        if article is None:
            return Located("orphaned")
        return locate(bookmark, clean(article).text)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """Delete a bookmark, returning it for undo."""
        return self._library.delete_bookmark(bookmark_id)

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        """Undo a deletion."""
        self._library.restore_bookmark(bookmark)

    def update_bookmark(self, bookmark_id: int, note: str, tags: Iterable[str]) -> Bookmark:
        """Change a bookmark's note and tags."""
        updated = self._library.update_bookmark(bookmark_id, note, tags)
        if updated is None:
            raise NotFound(f"no bookmark with id {bookmark_id}")
        return updated

    def bookmark_entries(self, query: str = "") -> list[entries.BookmarkEntry]:
        """Bookmarks newest first with their article and where they are now, maybe filtered."""
        from reader.core.bookmarks import entries

        return entries.filtered(entries.entries(self._library), query)

    def add_bookmark_by_quote(
        self, article_id: str, quote: str, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Bookmark the one place in an article's clean text where a quote occurs."""
        from reader.core.bookmarks import entries

        start, end = entries.find_quote(self.clean_article(article_id).text, quote)
        return self.add_bookmark(article_id, start, end, note, tags)

    def render_bookmarks(self, fmt: str, query: str = "") -> tuple[str, int]:
        """Bookmarks (all, or those matching query) as "markdown" or "json" text; and the count."""
        from reader.core.bookmarks import annotations as web_annotations
        from reader.core.bookmarks import markdown

        chosen = self.bookmark_entries(query)
        if fmt == "json":
            return web_annotations.to_json(chosen), len(chosen)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        return markdown.to_markdown(chosen, exported_at=stamp), len(chosen)

    def export_bookmarks(self, path: Path, fmt: str, query: str = "") -> int:
        """Write bookmarks (all, or those matching query) to a file, atomically; the count."""
        text, count = self.render_bookmarks(fmt, query)
        write_atomic(path, text)
        return count

    def import_bookmarks(self, raw: str, name: str) -> web_annotations.AnnotationImport:
        """Add the bookmarks of a Web Annotation JSON document, skipping duplicates."""
        from reader.core.bookmarks import annotations as web_annotations

        return web_annotations.import_annotations(self._library, raw, name)
