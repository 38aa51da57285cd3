"""The bookmarks pane: saved passages, newest first; Enter jumps back, d deletes, u undoes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.core.models import ArticleSummary, Bookmark
from reader.tui import keys
from reader.tui.messages import DeleteBookmark, OpenBookmark, UndoDelete
from reader.tui.render import literal, outlet, trim


class BookmarkList(OptionList):
    """The list of bookmarks; d deletes the highlighted one, u brings it back."""

    BINDINGS = keys.bindings("bookmarks")

    def action_delete_bookmark(self) -> None:
        """Delete the highlighted bookmark."""
        pane = next(a for a in self.ancestors if isinstance(a, BookmarksPane))
        bookmark = pane.highlighted_bookmark()
        if bookmark is None:
            self.notify("No bookmark to delete.", severity="warning")
            return
        self.post_message(DeleteBookmark(bookmark, self.highlighted or 0))

    def action_undo_delete(self) -> None:
        """Bring back the last deleted bookmark."""
        self.post_message(UndoDelete())


class BookmarksPane(Vertical):
    """All bookmarks with quote, headline, outlet, date and note."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bookmarks: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        """A count line and the list."""
        yield Static("No bookmarks yet: press b on a passage to save it.", id="bookmarks-title")
        yield BookmarkList(id="bookmark-list")

    def show_bookmarks(
        self,
        bookmarks: list[Bookmark],
        articles: dict[str, ArticleSummary],
        keep: int | None = None,
    ) -> None:
        """Fill the list; `keep` is an index to leave highlighted."""
        self.bookmarks = bookmarks
        title = self.query_one("#bookmarks-title", Static)
        if bookmarks:
            title.update(
                f"{len(bookmarks)} bookmark{'s' if len(bookmarks) != 1 else ''} · "
                "Enter: go to passage · d: delete · u: undo"
            )
        else:
            title.update("No bookmarks yet: press b on a passage to save it.")
        listing = self.query_one(BookmarkList)
        listing.clear_options()
        for bookmark in bookmarks:
            summary = articles.get(bookmark.article_id)
            row = Text()
            row.append("\u201c")
            row.append_text(literal(trim(bookmark.quote, 160)))
            row.append("\u201d\n")
            if summary is not None:
                row.append_text(literal(trim(summary.title, 70), "bold"))
                row.append(f" · {outlet(summary.source)} · {summary.published or 'undated'}", "dim")
            else:
                row.append(
                    f"article {bookmark.article_id} is no longer in the library", "dim italic"
                )
            if bookmark.note:
                row.append("\nNote: ", "italic")
                row.append_text(literal(trim(bookmark.note, 160)))
            if bookmark.tags:
                row.append("\nTags: ", "italic")
                row.append_text(literal(", ".join(bookmark.tags)))
            listing.add_option(Option(row, id=str(bookmark.id)))
        if bookmarks:
            listing.highlighted = min(keep or 0, len(bookmarks) - 1)

    def highlighted_bookmark(self) -> Bookmark | None:
        """The bookmark under the list cursor."""
        listing = self.query_one(BookmarkList)
        index = listing.highlighted
        if index is None or not (0 <= index < len(self.bookmarks)):
            return None
        return self.bookmarks[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the article at the bookmarked passage."""
        event.stop()
        bookmark = next((b for b in self.bookmarks if str(b.id) == event.option.id), None)
        if bookmark is not None:
            self.post_message(OpenBookmark(bookmark))
