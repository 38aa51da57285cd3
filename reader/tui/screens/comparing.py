"""The main screen's comparison side: comparing the open article's story, the story list,
and the bookmarks the comparison marks (workers post the results as messages)."""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from reader.core.workspace import Workspace
from reader.tui.messages import ComparisonReady, OpenStory, StoriesReady
from reader.tui.render import trim
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.story_list import StoriesWanted, StoryList


class ComparingScreen(Screen[None]):
    """Compare and story-list actions of the main screen, which says what is open."""

    workspace: Workspace

    def _current_article_id(self) -> str | None:
        """The open or highlighted article (the main screen says which)."""
        raise NotImplementedError

    def action_compare(self) -> None:
        """Compare the story of the open (or highlighted) article, in a worker."""
        article_id = self._current_article_id()
        if article_id is None:
            self.notify("Open or highlight an article first.", severity="warning")
            return
        self.query_one(ContentSwitcher).current = "compare"
        found = self.workspace.summaries_of([article_id])
        title = f"\u201c{trim(found[0].title, 70)}\u201d" if found else "this article"
        self.query_one(ComparePane).wait_for(f"Comparing the story of {title}\u2026")
        self.compare_story(article_id)

    @work(thread=True, exclusive=True, group="compare")
    def compare_story(self, article_id: str) -> None:
        """Group and compare in a thread; the result comes back as a message."""
        self.post_message(ComparisonReady(self.workspace.compare(article_id)))

    def _still_here(self, pane: ComparePane) -> bool:
        """Whether the reader is still on the comparison side, waiting. A result that comes
        after they moved on (to the search box, another article) fills the pane for when
        they come back, and leaves the screen and the keys where they are."""
        return self.query_one(ContentSwitcher).current == "compare" and pane.has_focus_within

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        """Show the compared story."""
        pane = self.query_one(ComparePane)
        pane.bookmarked = self._located_bookmarks(message.comparison.views)
        pane.show_comparison(message.comparison, take_focus=self._still_here(pane))

    def _located_bookmarks(self, article_ids: Iterable[str]) -> list[tuple[str, int, int]]:
        """(article, start, end) of the bookmarks of some articles, where they are now."""
        found = []
        for article_id in article_ids:
            for _bookmark, where in self.workspace.located_bookmarks(article_id):
                if where.status != "orphaned":
                    found.append((article_id, where.start, where.end))
        return found

    def action_show_stories(self) -> None:
        """List the stories of the library (two outlets or more, at first), in a worker."""
        self.query_one(ContentSwitcher).current = "compare"
        pane = self.query_one(ComparePane)
        if pane.mode != "story-list":
            pane.wait_for("Grouping the library into stories\u2026", "story-list")
        self.list_stories(self.query_one(StoryList).wanted())

    def on_stories_wanted(self, message: StoriesWanted) -> None:
        """The story list's filter, order or search changed."""
        self.list_stories(message)

    @work(thread=True, exclusive=True, group="compare")
    def list_stories(self, wanted: StoriesWanted) -> None:
        """Group the library (incrementally) and pick the rows, in a thread."""
        rows = self.workspace.story_rows(wanted.min_outlets, wanted.sort, wanted.query)
        self.post_message(StoriesReady(rows))

    def on_stories_ready(self, message: StoriesReady) -> None:
        """Show the story list."""
        pane = self.query_one(ComparePane)
        pane.show_stories(message.rows, take_focus=self._still_here(pane))

    def on_open_story(self, message: OpenStory) -> None:
        """Compare the story chosen in the story list."""
        self.compare_story(message.article_id)
