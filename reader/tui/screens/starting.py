"""The main screen's first launch: load the sample corpus and make the index ready in a
worker, list the library meanwhile, open search when the index is ready, warm what the
first search and comparison need; and the next page of the list or the hits."""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING

from textual import work
from textual.widgets import ProgressBar

from reader.core.search.rebuild import RebuildStopped
from reader.core.search.typed import as_typed
from reader.tui.messages import LibraryReady, LoadMore, SetupFinished, SetupProgress
from reader.tui.screens.habits import HabitsScreen
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput

if TYPE_CHECKING:
    from reader.tui.settings import Settings


LIST_FIRST_WAIT = 2.0  # seconds the index waits at most for the first list to be drawn


class StartingScreen(HabitsScreen):
    """First launch and paging of the main screen (which searches)."""

    if TYPE_CHECKING:  # the main screen's own state and search
        ready: bool
        settings: Settings
        searched_text: str

        def run_search(self, query: str, offset: int = 0) -> None: ...

    def first_frame_drawn(self, listed: bool) -> None:
        """The garbage collector back on, with what exists so far frozen out of its sight
        (`broadsheet` turns it off while the reader starts: reader.cli.main.reader_app); then
        the setup thread."""
        gc.freeze()
        gc.enable()
        self.set_up(listed)

    @work(thread=True, exclusive=True, group="setup")
    def set_up(self, listed: bool = False) -> None:
        """Load and index in a thread; progress and the end arrive as messages.

        `listed`: the library is on screen already (it needed no loading)."""

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(SetupProgress(stage, done, total))

        self.workspace.prepare_library(progress)
        if not listed:
            drawn = threading.Event()
            self.post_message(LibraryReady(drawn))
            # The list is drawn first: opening the index imports the search engine (Whoosh
            # and numpy, 150 ms of CPU), and this thread doing that while the screen is laid
            # out would share one interpreter lock with it and delay the first screen.
            drawn.wait(timeout=LIST_FIRST_WAIT)
        try:
            self.workspace.prepare_index(progress)  # minutes when a large index is rebuilt
        except RebuildStopped:
            return  # the reader is quitting
        self.post_message(SetupFinished(list(self.workspace.notices)))

    def on_setup_progress(self, message: SetupProgress) -> None:
        """Show what first launch is doing."""
        self.show_progress(message.stage, message.done, message.total)

    def on_library_ready(self, message: LibraryReady) -> None:
        """List the library and let the user read while the index is made ready."""
        self.list_library()
        self.call_after_refresh(message.listed.set)

    def list_library(self) -> None:
        """The library's first page and the bookmarks, before the index is ready."""
        self.show_all_articles()
        self.refresh_bookmarks()

    def on_setup_finished(self, message: SetupFinished) -> None:
        """The index is ready too: let the user search."""
        self.query_one("#progress", ProgressBar).display = False
        for notice in dict.fromkeys(message.notices):
            self.say(notice, title="Library", timeout=6)
        search = self.query_one(SearchInput)
        search.set_history(self.workspace.search_history())
        self._show_library_status(self.workspace.count_articles())  # was the progress
        self.ready = True
        self.start_auto_refresh(self.settings.refresh_interval)
        if self.query_text:  # typed while the index was being made ready: read as typed
            self.run_search(as_typed(search.value))
        # Once the list is on screen, open the searcher so the first query does not wait.
        self.set_timer(0.5, self.warm_search)
        self.set_timer(8.0, self.warm_comparison)  # 1-3 s of load, once searches are warm

    @work(thread=True, exclusive=True, group="warm")
    def warm_search(self) -> None:
        """Load what the first search needs, in a thread (searches wait for it, no longer).

        Then everything loaded so far (the index's arrays, the vocabulary, the widgets) is
        moved out of the garbage collector's sight: it lives as long as the reader, and
        otherwise each full collection walks it again, 80 ms at a time in the middle of
        someone's typing (measured on 9,315 articles)."""
        self.workspace.warm_search()
        gc.freeze()

    @work(thread=True, exclusive=True, group="warm-compare")
    def warm_comparison(self) -> None:
        """Load the embedding model the first comparison needs, in its own thread."""
        self.workspace.warm_comparison()

    def on_load_more(self, message: LoadMore) -> None:
        """The next page of the hits, or of the library."""
        if self.query_text and self.ready:
            self.run_search(self.searched_text or self.query_text, message.shown)
            return
        page, count = self._listing(message.shown)
        self.query_one(ResultsList).show_articles(
            page, [], count, append=True, read=self.workspace.read_ids()
        )
