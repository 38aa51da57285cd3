"""The main screen's searching: as the user types (the word being typed as a prefix), the
first hits the list shows, then the rest of the page once the result has stayed on screen,
"did you mean" once typing pauses; saved searches, the sort and the outlet filter."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.core.models import SORTS, Cancelled, QueryError, SearchOptions, SearchResult
from reader.core.search.typed import as_typed
from reader.tui import keys
from reader.tui.messages import ForgetSearch, RunQuery, SearchFinished, SuggestionFound
from reader.tui.render import outlet as outlet_name
from reader.tui.screens.dialogs import OutletPicker
from reader.tui.screens.starting import StartingScreen
from reader.tui.widgets.results import REST_AFTER, ResultsList
from reader.tui.widgets.search import SearchInput

if TYPE_CHECKING:
    from reader.core.workspace import Workspace

HITS = 100  # hits listed at a time for a query; the last row pages on
TYPING_PAUSE = 0.01  # seconds without a key before the query typed so far is searched
SUGGEST_PAUSE = 0.4  # seconds without a key before a query with few hits gets a suggestion


class SearchingScreen(StartingScreen):
    """Searching, for the main screen (which owns the panes)."""

    if TYPE_CHECKING:  # the main screen's own
        workspace: Workspace
        query_text: reactive[str]
        ready: reactive[bool]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "relevance"
        self.outlet: str | None = None
        self.last_result: SearchResult | None = None
        self.refused: tuple[str, str] | None = None  # (query, why) of a query that was refused
        self.searched_text = ""  # the query of the search whose result the screen shows
        self._as_written: str | None = None  # a query put in the box to run as written
        self._typing_timer: Timer | None = None
        self._suggest_timer: Timer | None = None
        # Results a worker still owes the screen: the search's, and the suggestion for a text.
        self._search_due = False
        self._rest_due: SearchResult | None = None  # the rest of its page waits to be searched
        self._suggest_due: str | None = None
        self._read_basis: frozenset[str] | None = None  # read articles left out of the hits

    # -- searching ------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        """Search as the user types: the word being typed as a prefix, after a short pause
        (a key within it restarts the wait), one search at a time (a newer one cancels it).
        A query typed before the index is ready runs when it is (on_setup_finished)."""
        self.query_text = event.value.strip()
        if not self.ready:
            return
        self._stop_typing_timers()
        if not self.query_text:
            self.workers.cancel_group(self, "search")
            self._search_due = False
            self._rest_due = None
            self.searched_text = ""
            self.show_all_articles()
            return
        if event.value == self._as_written:  # a saved search or a suggestion: run as written
            self._as_written = None
            self.run_search(self.query_text)
            return
        typed = as_typed(event.value)
        self._typing_timer = self.set_timer(TYPING_PAUSE, lambda: self._typing_paused(typed))

    def _typing_paused(self, typed: str) -> None:
        self._typing_timer = None
        self.run_search(typed)

    @property
    def typing_pending(self) -> bool:
        """Whether a search, a suggestion or the rows below the screen wait for typing to
        pause, or a search or suggestion is still to be shown (tests wait for it)."""
        return (
            self._typing_timer is not None
            or self._suggest_timer is not None
            or self._search_due
            or self._suggest_due is not None
            or self._rest_due is not None
            or self.query_one(ResultsList).rows_pending
        )

    def _stop_typing_timers(self) -> None:
        for timer in (self._typing_timer, self._suggest_timer):
            if timer is not None:
                timer.stop()
        self._typing_timer = self._suggest_timer = None
        self.workers.cancel_group(self, "suggest")
        self._suggest_due = None

    def action_submit_search(self) -> None:
        """Enter in the search box searches the query as written (the last word whole, no
        longer a prefix), keeps it in the history and moves to the results. A priority
        binding of the search box (keys.take_keys): the keys typed after Enter go to the
        results even when they were queued behind it."""
        self._stop_typing_timers()
        if self.query_text and self.searched_text != self.query_text:
            self.run_search(self.query_text)
        self._remember_query()
        keys.take_keys(self.query_one(ResultsList))

    def _remember_query(self) -> None:
        if self.query_text:
            self.workspace.remember_search(self.query_text)
            self.query_one(SearchInput).remember(self.query_text)

    def _options(self, offset: int = 0, limit: int = HITS) -> SearchOptions:
        """How to search: a page from `offset`, the sort, the outlet, maybe only unread hits
        (leaving out what was read when the first page was searched, so pages do not shift
        as articles are read)."""
        read = None
        if self.unread_only:
            if not offset or self._read_basis is None:
                self._read_basis = frozenset(self.workspace.read_ids())
            read = self._read_basis
        return SearchOptions(
            limit=limit,
            offset=offset,
            sort=self.sort,
            outlet=self.outlet,
            unread_only=self.unread_only,
            read=read,
        )

    def run_search(self, query: str, offset: int = 0, limit: int = HITS) -> None:
        """Search for `query` (a page of hits from `offset`) in the search worker; the screen
        shows only its result.

        A new query's first search finds only the hits the list shows at once, and the rest
        of its page once it has stayed on screen for REST_AFTER (_rest_of_page): their
        snippets, stored text and rows were three quarters of a search's time (20 -> 6 ms
        median over the 24 benchmark queries at 100,000 articles), paid at every key typed."""
        self.searched_text = query
        self._search_due = True
        if not offset:
            self._rest_due = None  # the rest of an earlier result is not wanted any more
            limit = min(limit, self.query_one(ResultsList).screenful)
        self._search(query, self._options(offset, limit))

    def _rest_of_page(self, result: SearchResult) -> None:
        """The hits below the screen, unless another search has started since."""
        if result is not self._rest_due:
            return  # the rest of an earlier result, replaced since
        self._rest_due = None
        typing = self._search_due or self._typing_timer is not None
        if result.query == self.searched_text and not typing:
            shown = len(result.hits)
            self.run_search(result.query, shown, HITS - shown)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, options: SearchOptions) -> None:
        """Search in a thread; the result comes back as a message. Starting another search
        cancels this worker, and the search itself stops at its next stage (Cancelled)."""
        offset = options.offset
        worker = get_current_worker()
        try:
            result = self.workspace.search(
                query,
                options,
                cancelled=lambda: worker.is_cancelled,
                suggestions=False,
            )
        except Cancelled:
            return
        except QueryError as exc:
            self.post_message(SearchFinished(query, None, str(exc), offset))
            return
        self.post_message(SearchFinished(query, result, offset=offset))

    def on_search_finished(self, message: SearchFinished) -> None:
        """Show hits, unless another search has started since; when a query finds little,
        look for a "did you mean" once typing pauses."""
        if message.query != self.searched_text:
            return
        self._search_due = False
        status = self.query_one("#search-status", Static)
        results = self.query_one(ResultsList)
        if message.result is None and message.query != self.query_text and self.query_text:
            self.run_search(self.query_text)  # refused as typed (a prefix): say why in its words
            return
        self.refused = None if message.result is not None else (message.query, message.error)
        if message.result is None:
            status.update(Text(message.error))
            self._show_outlets(None)
            results.clear_options()
            return
        result = message.result
        read = self.workspace.read_ids()
        if message.offset:
            results.show_hits(result.hits, read=read, total=result.total, append=True)
            self._show_search_status(result, results.hits_listed)
            return
        self.last_result = result
        results.show_hits(result.hits, result.suggestion, read=read, total=result.total)
        self._show_outlets(result)
        self._show_search_status(result, results.hits_listed)
        if len(result.hits) < min(result.total, HITS):
            self._rest_due = result
            rest = partial(self._rest_of_page, result)
            self.call_after_refresh(self.set_timer, REST_AFTER, rest)
        if result.total < 3 and not result.suggestion:
            text = self.query_text
            self._suggest_timer = self.set_timer(
                SUGGEST_PAUSE, lambda: self._suggest_when_paused(text)
            )

    def _suggest_when_paused(self, text: str) -> None:
        self._suggest_timer = None
        self._suggest_due = text
        self._suggest(text)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, text: str) -> None:
        """Look for a "did you mean" (milliseconds, from a table made when the reader
        opened); shown if the query is still the one typed."""
        self.post_message(SuggestionFound(text, self.workspace.suggest(text)))  # "" for none

    def on_suggestion_found(self, message: SuggestionFound) -> None:
        """Add the "did you mean" row above the hits of the query it was made for."""
        if message.query == self._suggest_due:
            self._suggest_due = None
        result = self.last_result
        if not message.suggestion or message.query != self.query_text or result is None:
            return
        self.query_one(ResultsList).show_hits(
            result.hits, message.suggestion, read=self.workspace.read_ids(), total=result.total
        )

    def _show_outlets(self, result: SearchResult | None) -> None:
        """Hits per outlet under the status line; the line is hidden when there are none."""
        outlets = self.query_one("#outlets", Static)
        outlets.display = bool(result and result.outlets)
        if result and result.outlets:
            shown = " · ".join(f"{outlet_name(name)} {n:,}" for name, n in result.outlets[:6])
            more = f" · {len(result.outlets) - 6} more (O)" if len(result.outlets) > 6 else ""
            outlets.update(Text(f"Outlets: {shown}{more}"))

    def key_escape(self) -> None:
        """Escape in the search box leaves it for the list."""
        if self.focused is self.query_one(SearchInput):
            keys.take_keys(self.query_one(ResultsList))

    def on_run_query(self, message: RunQuery) -> None:
        """Run a saved search or a suggestion as if typed."""
        if not self.ready:
            self.notify("Searching opens when the index is ready.", timeout=3)
            return
        search = self.query_one(SearchInput)
        self._as_written = message.query
        search.value = message.query
        search.cursor_position = len(message.query)
        keys.take_keys(self.query_one(ResultsList))

    def on_forget_search(self, message: ForgetSearch) -> None:
        """Forget a saved search and list the library again."""
        self.workspace.delete_saved_search(message.query)
        self.notify(f"Forgot the saved search {message.query!r}.", timeout=3, markup=False)
        self.show_all_articles()

    def action_save_search(self) -> None:
        """Save the current query; saved searches head the list when the search box is empty."""
        if not self.query_text:
            self.notify("Type a query first, then save it.", severity="warning", timeout=3)
            return
        if self.refused is not None and self.refused[0] in (self.query_text, self.searched_text):
            self.notify(
                f"Not saved: {self.refused[1]}", severity="warning", timeout=5, markup=False
            )
            return
        if self.workspace.save_search(self.query_text):
            self.notify(f"Saved the search {self.query_text!r}.", timeout=3, markup=False)
        else:
            self.say(f"{self.query_text!r} is saved already.", timeout=3)

    def _rerun(self) -> None:
        if self.query_text and self.ready:
            self.run_search(self.searched_text or self.query_text)

    def action_cycle_sort(self) -> None:
        """Relevance, newest first, oldest first (undated last either way)."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorting results by {self.sort}.", timeout=2, markup=False)
        self._rerun()

    def action_pick_outlet(self) -> None:
        """Narrow the results to one outlet, picked from the current counts."""
        if not self.query_text or self.last_result is None:
            self.notify("Search first; then pick an outlet from the results.", timeout=3)
            return

        def picked(choice: str | None) -> None:
            if choice is None:
                return
            self.outlet = None if choice == OutletPicker.ALL else choice
            self._rerun()

        self.app.push_screen(OutletPicker(self.last_result.outlets, self.outlet), picked)
