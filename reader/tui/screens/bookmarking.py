"""The main screen's bookmark handling: saving a passage, editing, deleting with undo,
opening a bookmark where its passage is now, and exporting (the pane posts the messages)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher

from reader.core.models import Bookmark
from reader.core.workspace import NotFound
from reader.tui.messages import (
    BookmarkPassage,
    DeleteBookmark,
    EditBookmark,
    ExportBookmarks,
    OpenBookmark,
    UndoDelete,
)
from reader.tui.screens.dialogs import BookmarkDialog, BookmarkInput, ExportDialog
from reader.tui.screens.ingest import IngestScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.bookmarks import BookmarksPane
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.side_by_side import SideBySide


class BookmarkingScreen(IngestScreen):
    """Bookmark actions of the main screen, which supplies `open_article`."""

    deleted: list[tuple[Bookmark, int]]

    async def open_article(
        self, article_id: str, at: int = -1, mark: tuple[int, int] | None = None
    ) -> None:
        """Show an article (the main screen says how)."""

    def action_show_bookmarks(self) -> None:
        """Show the bookmarks pane."""
        self.refresh_bookmarks()
        self.query_one(ContentSwitcher).current = "bookmarks"
        self.query_one("#bookmark-list").focus()

    def refresh_bookmarks(self, keep: int | None = None) -> None:
        """Reload the bookmarks pane from the library."""
        self.query_one(BookmarksPane).show_entries(self.workspace.bookmark_entries(), keep)

    def on_bookmark_passage(self, message: BookmarkPassage) -> None:
        """Ask for a note, then save the passage."""
        try:
            quote = self.workspace.clean_article(message.article_id).text[
                message.start : message.end
            ]
        except NotFound:
            return

        def save(answer: BookmarkInput | None) -> None:
            if answer is None:
                self.notify("Bookmark cancelled.", timeout=2)
                return
            saved = self.workspace.add_bookmark(
                message.article_id, message.start, message.end, answer.note, answer.tags
            )
            if self.query_one(ArticleView).article_id == message.article_id:
                self.query_one(ArticleView).add_bookmark(saved, message.start, message.end)
            pane = self.query_one(ComparePane)
            pane.bookmarked.append((message.article_id, message.start, message.end))
            pane.query_one(SideBySide).mark_bookmarked(
                message.article_id, message.start, message.end
            )
            self.refresh_bookmarks()
            self.notify("Bookmark saved." + (" With a note." if answer.note else ""), timeout=3)

        self.app.push_screen(BookmarkDialog(quote), save)

    def on_delete_bookmark(self, message: DeleteBookmark) -> None:
        """Delete, keeping it for undo."""
        deleted = self.workspace.delete_bookmark(message.bookmark.id)
        if deleted is None:
            return
        self.deleted.append((deleted, message.position))
        self.refresh_bookmarks(keep=message.position)
        self.notify("Bookmark deleted. Press u to undo.", timeout=5)

    def on_undo_delete(self, message: UndoDelete) -> None:
        """Bring back the bookmark deleted last."""
        if not self.deleted:
            self.notify("Nothing to undo.", severity="warning", timeout=3)
            return
        bookmark, position = self.deleted.pop()
        self.workspace.restore_bookmark(bookmark)
        self.refresh_bookmarks(keep=position)
        self.notify("Bookmark restored.", timeout=3)

    async def on_open_bookmark(self, message: OpenBookmark) -> None:
        """Open the bookmark's article with its passage under the cursor and highlighted."""
        bookmark = message.bookmark
        if not self.workspace.has_article(bookmark.article_id):
            self.notify(
                f"Article {bookmark.article_id} is no longer in the library; "
                "the bookmark keeps its quote.",
                severity="warning",
            )
            return
        where = self.workspace.locate_bookmark(bookmark)
        if where.status == "orphaned":
            await self.open_article(bookmark.article_id)
            self.notify(
                "This passage is no longer in the article (orphaned); the bookmark keeps its "
                "quote: \u201c" + bookmark.quote[:120] + "\u201d",
                severity="warning",
                markup=False,
            )
            return
        await self.open_article(bookmark.article_id, where.start, (where.start, where.end))
        if where.status == "moved":
            self.notify(
                f"The article changed since; the closest match ({where.similarity:.0%} similar) "
                "is highlighted.",
                timeout=5,
            )

    def on_edit_bookmark(self, message: EditBookmark) -> None:
        """Ask for the new note and tags, then save them."""
        bookmark = message.bookmark

        def save(answer: BookmarkInput | None) -> None:
            if answer is None:
                return
            updated = self.workspace.update_bookmark(bookmark.id, answer.note, answer.tags)
            pane = self.query_one(BookmarksPane)
            position = next(
                (n for n, e in enumerate(pane.entries) if e.bookmark.id == bookmark.id), 0
            )
            self.refresh_bookmarks(keep=position)
            self.query_one(ArticleView).update_bookmark(updated)
            self.notify("Bookmark updated.", timeout=3)

        self.app.push_screen(
            BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, editing=True), save
        )

    def on_export_bookmarks(self, message: ExportBookmarks) -> None:
        """Ask where to, then export the bookmarks matching the pane's filter."""
        count = len(self.workspace.bookmark_entries(message.query))
        if not count:
            self.notify("No bookmarks to export.", severity="warning")
            return

        def write(answer: tuple[Path, str] | None) -> None:
            if answer is None:
                return
            path, fmt = answer
            try:
                written = self.workspace.export_bookmarks(path, fmt, message.query)
            except OSError as exc:
                self.notify(
                    f"Cannot write {path}: {exc.strerror or exc}", severity="error", markup=False
                )
                return
            self.notify(f"Exported {written} bookmarks to {path}", markup=False, timeout=5)

        default = Path.cwd() / "broadsheet-bookmarks.md"
        self.app.push_screen(ExportDialog(default, count, bool(message.query)), write)
