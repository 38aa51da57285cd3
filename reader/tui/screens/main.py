"""The main screen: owns the shared state and wires the four panes together."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Header, Input, ProgressBar, Static

from reader.core.models import Bookmark, QueryError
from reader.core.workspace import NotFound, Workspace
from reader.tui import keys
from reader.tui.messages import OpenArticle
from reader.tui.screens.comparing import ComparingScreen
from reader.tui.screens.dialogs import HelpScreen
from reader.tui.screens.library_actions import LibraryActions
from reader.tui.screens.searching import SearchingScreen
from reader.tui.settings import Settings
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.bookmarks import BookmarksPane
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.footer import FittingFooter
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.side_by_side import SideBySide

SEARCH_PLACEHOLDER = 'Search (/): words "phrases" OR NOT title:'


class MainScreen(LibraryActions, ComparingScreen, SearchingScreen):
    """Search and list on the left; article, comparison or bookmarks on the right.

    Below NARROW columns the screen shows one of the two at a time (`-narrow`): the list
    while the search box or the list has the focus, the pane once something is opened in it
    (`-reading`); `l` or `/` brings the list back. `z` hides the list at any width."""

    BINDINGS = keys.bindings("global")

    query_text: reactive[str] = reactive("", init=False)
    ready: reactive[bool] = reactive(False, init=False)

    def __init__(self, workspace: Workspace, settings: Settings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings or Settings()
        self.deleted: list[tuple[Bookmark, int]] = []

    def compose(self) -> ComposeResult:
        """Header, the two columns, Footer."""
        yield Header()
        with Horizontal(id="columns"):
            with Vertical(id="sidebar"):
                yield SearchInput(placeholder=SEARCH_PLACEHOLDER, id="search")
                yield Static("Opening the library\u2026", id="search-status")
                yield Static("", id="outlets")
                yield ProgressBar(id="progress", show_eta=False)
                yield ResultsList(id="results")
            with ContentSwitcher(initial="article", id="panes"):
                yield ArticleView(id="article")
                yield ComparePane(id="compare")
                yield BookmarksPane(id="bookmarks")
        yield FittingFooter()

    def on_mount(self) -> None:
        """Load the sample corpus on first launch and make the index current, in a worker.

        The search box has the focus from the start, so the first key typed is the start of
        a query (not a command); a query typed before the index is ready runs once it is."""
        self.query_one(SearchInput).focus()
        self.query_one(ArticleView).reading_width = self.settings.reading_width
        self.query_one(SideBySide).reading_width = self.settings.reading_width
        listed = not self.workspace.needs_setup()  # else the list waits for the sample corpus
        if listed:  # in the first frame, not after a message from the setup thread
            self.list_library()
        self.call_after_refresh(self.first_frame_drawn, listed)

    # -- opening articles -----------------------------------------------------------------

    def _terms(self) -> frozenset[str]:
        if self.query_text and self.ready:  # a query typed during indexing waits for the index
            try:
                return self.workspace.terms_for(self.query_text)
            except QueryError:
                pass
        return frozenset()

    async def open_article(
        self, article_id: str, at: int = -1, mark: tuple[int, int] | None = None
    ) -> None:
        """Show an article in the article pane and move the focus there."""
        try:
            view = self.workspace.clean_article(article_id)
        except NotFound as exc:
            self.say(str(exc.args[0]), severity="error")
            return
        located = self.workspace.located_bookmarks(article_id)
        article = self.query_one(ArticleView)
        await article.show(view, self._terms(), located, at, mark)
        self.workspace.mark_read(article_id)
        self.query_one(ResultsList).mark_read(article_id)
        self.query_one(ContentSwitcher).current = "article"
        keys.take_keys(article)

    async def on_open_article(self, message: OpenArticle) -> None:
        """A pane asked to open an article (from the results: the query joins the history)."""
        if self.query_text and self.query_one(ContentSwitcher).current != "compare":
            self._remember_query()
        await self.open_article(message.article_id, message.start)

    def _current_article_id(self) -> str | None:
        opened = self.query_one(ArticleView).article_id
        if opened and self.query_one(ContentSwitcher).current != "bookmarks":
            return opened
        return self.query_one(ResultsList).highlighted_id or opened

    # -- actions (bound in keys.KEYS) -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A slash typed in a text box (the search box, the story or bookmark filter) is a
        character, not a jump to the search box (a priority binding, offered every key first)."""
        if action == "focus_search" and isinstance(self.focused, Input):
            return False
        return super().check_action(action, parameters)

    def action_focus_search(self) -> None:
        """Focus the search box."""
        keys.take_keys(self.query_one(SearchInput))

    def action_show_library(self) -> None:
        """Focus the list."""
        keys.take_keys(self.query_one(ResultsList))

    def action_show_article(self) -> None:
        """Show the article pane."""
        self.query_one(ContentSwitcher).current = "article"
        keys.take_keys(self.query_one(ArticleView))

    def action_help(self) -> None:
        """Show every key."""
        self.app.push_screen(HelpScreen(getattr(self.app, "keymap", {})))

    def relist(self) -> None:
        """Show the library again, or re-run the current query over it (after an import)."""
        if self.query_text and self.ready:
            self.run_search(self.searched_text or self.query_text)
        else:
            self.show_all_articles()
