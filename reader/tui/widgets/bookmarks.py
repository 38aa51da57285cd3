"""The bookmarks pane: saved passages, newest first, filtered as you type.

Enter jumps back to the passage, e edits note and tags, d deletes (u undoes), x exports.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.bookmarks.entries import BookmarkEntry, filtered, status_line
from reader.tui import keys
from reader.tui.messages import (
    DeleteBookmark,
    EditBookmark,
    ExportBookmarks,
    OpenBookmark,
    UndoDelete,
)
from reader.tui.render import literal, outlet, trim

EMPTY = "No bookmarks yet: press b on a passage to save it."
FILTER_PLACEHOLDER = "Filter (f): words of quote, note, tags, outlet; #tag for a tag"


class BookmarkFilter(Input):
    """The filter box; Enter, Escape or ↓ go back to the list."""

    BINDINGS = keys.bindings("bookmark-filter")

    def action_to_list(self) -> None:
        """Back to the list."""
        self.screen.query_one(BookmarkList).focus()


class BookmarkList(OptionList):
    """The list of bookmarks; the keys of the bookmarks scope act on the highlighted one."""

    BINDINGS = keys.bindings("bookmarks")

    @property
    def pane(self) -> BookmarksPane:
        """The pane this list belongs to."""
        return next(a for a in self.ancestors if isinstance(a, BookmarksPane))

    def action_delete_bookmark(self) -> None:
        """Delete the highlighted bookmark."""
        bookmark = self.pane.highlighted_bookmark()
        if bookmark is None:
            self.notify("No bookmark to delete.", severity="warning")
            return
        self.post_message(DeleteBookmark(bookmark.bookmark, self.highlighted or 0))

    def action_undo_delete(self) -> None:
        """Bring back the last deleted bookmark."""
        self.post_message(UndoDelete())

    def action_edit_bookmark(self) -> None:
        """Edit the note and tags of the highlighted bookmark."""
        bookmark = self.pane.highlighted_bookmark()
        if bookmark is None:
            self.notify("No bookmark to edit.", severity="warning")
            return
        self.post_message(EditBookmark(bookmark.bookmark))

    def action_filter_bookmarks(self) -> None:
        """Move to the filter box."""
        self.pane.query_one(BookmarkFilter).focus()

    def action_export_bookmarks(self) -> None:
        """Export the bookmarks the filter lets through."""
        self.post_message(ExportBookmarks(self.pane.filter_text))


class BookmarksPane(Vertical):
    """All bookmarks with quote, headline, outlet, date, note, tags and anchor status."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_entries: list[BookmarkEntry] = []
        self.entries: list[BookmarkEntry] = []

    def compose(self) -> ComposeResult:
        """A count line, the filter box and the list."""
        yield Static(EMPTY, id="bookmarks-title")
        yield BookmarkFilter(placeholder=FILTER_PLACEHOLDER, id="bookmark-filter")
        yield BookmarkList(id="bookmark-list")

    @property
    def filter_text(self) -> str:
        """The filter as typed."""
        return self.query_one(BookmarkFilter).value.strip()

    @property
    def bookmarks(self) -> list[BookmarkEntry]:
        """The entries listed (after the filter)."""
        return self.entries

    def show_entries(self, entries: list[BookmarkEntry], keep: int | None = None) -> None:
        """Hold every bookmark and list those the filter lets through."""
        self.all_entries = entries
        self._fill(keep)

    @on(Input.Changed, "#bookmark-filter")
    def filter_changed(self) -> None:
        """Filter as the user types."""
        self._fill(0)

    @on(Input.Submitted, "#bookmark-filter")
    def filter_submitted(self) -> None:
        """Enter in the filter box goes to the list."""
        self.query_one(BookmarkList).focus()

    def _fill(self, keep: int | None) -> None:
        self.entries = filtered(self.all_entries, self.query_one(BookmarkFilter).value)
        title = self.query_one("#bookmarks-title", Static)
        total, shown = len(self.all_entries), len(self.entries)
        if not total:
            title.update(EMPTY)
        else:
            count = f"{total} bookmark{'s' if total != 1 else ''}"
            if shown != total:
                count = f"{shown} of {count} match the filter"
            title.update(
                f"{count} · Enter: go to passage · e: edit · d: delete · u: undo · x: export"
            )
        listing = self.query_one(BookmarkList)
        listing.clear_options()
        for entry in self.entries:
            listing.add_option(Option(_row(entry), id=str(entry.bookmark.id)))
        if self.entries:
            listing.highlighted = min(keep or 0, len(self.entries) - 1)

    def highlighted_bookmark(self) -> BookmarkEntry | None:
        """The bookmark under the list cursor."""
        index = self.query_one(BookmarkList).highlighted
        if index is None or not (0 <= index < len(self.entries)):
            return None
        return self.entries[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the article at the bookmarked passage."""
        event.stop()
        entry = next((e for e in self.entries if str(e.bookmark.id) == event.option.id), None)
        if entry is not None:
            self.post_message(OpenBookmark(entry.bookmark))


def _row(entry: BookmarkEntry) -> Text:
    """Quote, headline · outlet · date, note, tags and (if not exact) the anchor status."""
    b = entry.bookmark
    row = Text()
    row.append("\u201c")
    row.append_text(literal(trim(b.quote, 160)))
    row.append("\u201d\n")
    if entry.article_present:
        row.append_text(literal(trim(entry.headline, 70), "bold"))
        row.append_text(
            literal(f" · {outlet(entry.outlet)} · {entry.published or 'undated'}", "dim")
        )
        row.append(f" · saved {b.created[:10]}", "dim")
    else:
        row.append(f"article {b.article_id} is no longer in the library", "dim italic")
    if b.note:
        row.append("\nNote: ", "italic")
        row.append_text(literal(trim(b.note, 160)))
    if b.tags:
        row.append("\nTags: ", "italic")
        row.append_text(literal(", ".join(b.tags)))
    if entry.located.status != "exact":
        row.append("\n" + status_line(entry), "bold yellow")
    return row
