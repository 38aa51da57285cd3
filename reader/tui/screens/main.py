"""The main screen: owns the shared state and wires the four panes together."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Input, ProgressBar, Static

from reader.core.index import QueryError
from reader.core.models import Bookmark
from reader.core.workspace import NotFound, Workspace
from reader.tui import keys
from reader.tui.messages import (
    BookmarkPassage,
    ComparisonReady,
    DeleteBookmark,
    OpenArticle,
    OpenBookmark,
    OpenStory,
    SearchFinished,
    SetupFinished,
    SetupProgress,
    StoriesReady,
    UndoDelete,
)
from reader.tui.screens.dialogs import BookmarkDialog, BookmarkInput, HelpScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.bookmarks import BookmarksPane
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.side_by_side import SideBySide

SEARCH_PLACEHOLDER = 'Search (/): words "phrases" OR NOT title:'


class MainScreen(Screen[None]):
    """Search and list on the left; article, comparison or bookmarks on the right."""

    BINDINGS = keys.bindings("global")

    query_text: reactive[str] = reactive("", init=False)
    ready: reactive[bool] = reactive(False, init=False)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.deleted: list[tuple[Bookmark, int]] = []

    def compose(self) -> ComposeResult:
        """Header, the two columns, Footer."""
        yield Header()
        with Horizontal(id="columns"):
            with Vertical(id="sidebar"):
                yield Input(placeholder=SEARCH_PLACEHOLDER, id="search")
                yield Static("Opening the library\u2026", id="search-status")
                yield ProgressBar(id="progress", show_eta=False)
                yield ResultsList(id="results")
            with ContentSwitcher(initial="article", id="panes"):
                yield ArticleView(id="article")
                yield ComparePane(id="compare")
                yield BookmarksPane(id="bookmarks")
        yield Footer()

    def on_mount(self) -> None:
        """Load the sample corpus on first launch and make the index current, in a worker."""
        self.query_one("#search", Input).disabled = True
        self.query_one(ResultsList).focus()
        self.set_up()

    # -- first launch -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="setup")
    def set_up(self) -> None:
        """Load and index in a thread; progress and the end arrive as messages."""

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(SetupProgress(stage, done, total))

        self.workspace.setup(progress)
        self.post_message(SetupFinished(list(self.workspace.notices)))

    def on_setup_progress(self, message: SetupProgress) -> None:
        """Show what first launch is doing."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=message.total, progress=message.done)
        self.query_one("#search-status", Static).update(
            f"{message.stage.capitalize()}: {message.done}/{message.total}"
        )

    def on_setup_finished(self, message: SetupFinished) -> None:
        """The library is ready: list it and let the user search."""
        self.query_one("#progress", ProgressBar).display = False
        for notice in dict.fromkeys(message.notices):
            self.notify(notice, title="Library", timeout=6)
        search = self.query_one("#search", Input)
        search.disabled = False
        self.ready = True
        self.show_all_articles()
        self.refresh_bookmarks()

    def show_all_articles(self) -> None:
        """The whole library in the list, newest first."""
        summaries = self.workspace.summaries()
        self.query_one(ResultsList).show_articles(summaries)
        count = len(summaries)
        self.query_one("#search-status", Static).update(
            f"{count} article{'s' if count != 1 else ''} · newest first, undated last"
        )
        self.app.sub_title = f"{count} articles"

    # -- searching ------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        self.query_text = event.value.strip()
        if not self.query_text:
            self.workers.cancel_group(self, "search")
            self.show_all_articles()
            return
        self.run_search(self.query_text)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        """Enter in the search box moves to the results."""
        self.query_one(ResultsList).focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Search in a thread; the result comes back as a message."""
        try:
            result = self.workspace.search(query, limit=50)
        except QueryError as exc:
            self.post_message(SearchFinished(query, None, str(exc)))
            return
        self.post_message(SearchFinished(query, result))

    def on_search_finished(self, message: SearchFinished) -> None:
        """Show hits, unless the query has changed since the search began."""
        if message.query != self.query_text:
            return
        status = self.query_one("#search-status", Static)
        results = self.query_one(ResultsList)
        if message.result is None:
            status.update(message.error)
            results.clear_options()
            return
        result = message.result
        more = f", showing {len(result.hits)}" if len(result.hits) < result.total else ""
        status.update(
            f"{result.total} hit{'s' if result.total != 1 else ''}{more} "
            f"({result.seconds * 1000:.0f} ms) · read as {result.read_as}"
        )
        results.show_hits(result.hits)

    def key_escape(self) -> None:
        """Escape in the search box leaves it for the list."""
        if self.focused is self.query_one("#search", Input):
            self.query_one(ResultsList).focus()

    # -- opening articles -----------------------------------------------------------------

    def _terms(self) -> frozenset[str]:
        if not self.query_text:
            return frozenset()
        try:
            return self.workspace.index.terms_for(self.query_text)
        except QueryError:
            return frozenset()

    async def open_article(self, article_id: str, at: int = -1) -> None:
        """Show an article in the article pane and move the focus there."""
        try:
            view = self.workspace.clean_article(article_id)
        except NotFound as exc:
            self.notify(str(exc.args[0]), severity="error")
            return
        located = []
        for bookmark in self.workspace.library.bookmarks(article_id):
            where = self.workspace.locate_bookmark(bookmark)
            if where.status != "orphaned":
                located.append((bookmark, where.start, where.end))
        article = self.query_one(ArticleView)
        await article.show(view, self._terms(), located, at)
        self.query_one(ContentSwitcher).current = "article"
        article.focus()

    async def on_open_article(self, message: OpenArticle) -> None:
        """A pane asked to open an article."""
        await self.open_article(message.article_id, message.start)

    def _current_article_id(self) -> str | None:
        opened = self.query_one(ArticleView).article_id
        if opened and self.query_one(ContentSwitcher).current != "bookmarks":
            return opened
        return self.query_one(ResultsList).highlighted_id or opened

    # -- actions (bound in keys.KEYS) -----------------------------------------------------

    def action_focus_search(self) -> None:
        """Focus the search box."""
        self.query_one("#search", Input).focus()

    def action_show_library(self) -> None:
        """Focus the list."""
        self.query_one(ResultsList).focus()

    def action_show_article(self) -> None:
        """Show the article pane."""
        self.query_one(ContentSwitcher).current = "article"
        self.query_one(ArticleView).focus()

    def action_compare(self) -> None:
        """Compare the story of the open (or highlighted) article, in a worker."""
        article_id = self._current_article_id()
        if article_id is None:
            self.notify("Open or highlight an article first.", severity="warning")
            return
        self.query_one(ContentSwitcher).current = "compare"
        self.compare_story(article_id)

    @work(thread=True, exclusive=True, group="compare")
    def compare_story(self, article_id: str) -> None:
        """Group and compare in a thread; the result comes back as a message."""
        self.post_message(ComparisonReady(self.workspace.compare(article_id)))

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        """Show the compared story."""
        self.query_one(ContentSwitcher).current = "compare"
        pane = self.query_one(ComparePane)
        pane.bookmarked = self._located_bookmarks(message.comparison.views)
        pane.show_comparison(message.comparison)

    def _located_bookmarks(self, article_ids: Iterable[str]) -> list[tuple[str, int, int]]:
        """(article, start, end) of the bookmarks of some articles, where they are now."""
        found = []
        for article_id in article_ids:
            for bookmark in self.workspace.library.bookmarks(article_id):
                where = self.workspace.locate_bookmark(bookmark)
                if where.status != "orphaned":
                    found.append((article_id, where.start, where.end))
        return found

    def action_show_stories(self) -> None:
        """List every story of the library, in a worker."""
        self.query_one(ContentSwitcher).current = "compare"
        self.list_stories()

    @work(thread=True, exclusive=True, group="compare")
    def list_stories(self) -> None:
        """Group the library in a thread."""
        self.post_message(StoriesReady(self.workspace.story_rows()))

    def on_stories_ready(self, message: StoriesReady) -> None:
        """Show the story list."""
        self.query_one(ComparePane).show_stories(message.rows)

    def on_open_story(self, message: OpenStory) -> None:
        """Compare the story chosen in the story list."""
        self.compare_story(message.article_id)

    def action_show_bookmarks(self) -> None:
        """Show the bookmarks pane."""
        self.refresh_bookmarks()
        self.query_one(ContentSwitcher).current = "bookmarks"
        self.query_one("#bookmark-list").focus()

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen(getattr(self.app, "keymap", {})))

    # -- bookmarks ------------------------------------------------------------------------

    def refresh_bookmarks(self, keep: int | None = None) -> None:
        """Reload the bookmarks pane from the library."""
        bookmarks = self.workspace.bookmarks()
        articles = {
            s.id: s for s in self.workspace.library.summaries({b.article_id for b in bookmarks})
        }
        self.query_one(BookmarksPane).show_bookmarks(bookmarks, articles, keep)

    def on_bookmark_passage(self, message: BookmarkPassage) -> None:
        """Ask for a note, then save the passage."""
        try:
            quote = self.workspace.clean_article(message.article_id).text[message.start : message.end]
        except NotFound:
            return

        def save(answer: BookmarkInput | None) -> None:
            if answer is None:
                self.notify("Bookmark cancelled.", timeout=2)
                return
            self.workspace.add_bookmark(
                message.article_id, message.start, message.end, answer.note, answer.tags
            )
            if self.query_one(ArticleView).article_id == message.article_id:
                self.query_one(ArticleView).mark_bookmarked(message.start, message.end)
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
        """Open the bookmark's article with the cursor on its passage."""
        where = self.workspace.locate_bookmark(message.bookmark)
        if where.status == "orphaned":
            self.notify(
                "This passage is no longer in the article; the bookmark keeps its quote.",
                severity="warning",
            )
            return
        await self.open_article(message.bookmark.article_id, where.start)
