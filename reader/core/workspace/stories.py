"""Stories through the Workspace: grouping the library, the story list, comparing a story."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.models import Story, StoryRow
from reader.core.text import clean
from reader.core.workspace.searching import SearchDoor

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    from reader.core.stories.comparison import Comparison


class StoryDoor(SearchDoor):
    """Stories through the Workspace: grouping the library, the story list, comparing a story."""

    # -- stories -----------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """The library grouped into stories, regrouped incrementally when the library changes.

        The first call groups every article; later ones pass only the articles written or
        removed since to the story graph, which regroups just the stories they touch.
        """
        with self._story_lock:
            revision = self._library.revision
            if self._stories is None or self._stories[0] != revision:
                if self._story_graph is None:
                    from reader.core.stories.graph import StoryGraph

                    self._story_graph = StoryGraph()
                graph = self._story_graph
                if self._story_graph_revision is None:
                    graph.update(self._library.get_articles(self._library.all_ids()))
                else:
                    changes = self._library.changes_since(self._story_graph_revision)
                    revision = changes.revision
                    written = set(changes.changed_ids)
                    graph.remove(i for i in changes.removed_ids if i not in written)
                    graph.update(self._library.get_articles(changes.changed_ids))
                self._story_graph_revision = revision
                self._stories = (revision, graph.stories())
            return self._stories[1]

    def story_of(self, article_id: str) -> Story:
        """The story an article belongs to (maybe just itself)."""
        from reader.core.stories import grouping

        self.article(article_id)
        story = grouping.story_of(article_id, self.stories())
        return story or Story(id=f"story-{article_id}", article_ids=(article_id,))

    def story_rows(
        self, min_outlets: int = 1, sort: str = "outlets", query: str = ""
    ) -> list[StoryRow]:
        """Stories with their outlets, date span and members, filtered, searched and sorted
        (see reader.core.stories.listing.story_rows)."""
        from reader.core.stories import listing

        return listing.story_rows(self.stories(), self._library.summaries, min_outlets, sort, query)

    def compare(self, article_id: str, with_id: str | None = None) -> Comparison:
        """The comparison of an article's story (optionally with one other article only)."""
        from reader.core.stories.comparison import compare_story

        story = self.story_of(article_id)
        if with_id is not None:
            self.article(with_id)
            if with_id not in story.article_ids:
                story = Story(story.id, (*story.article_ids, with_id))
        key = (self._library.revision, ",".join(story.article_ids) + "|" + article_id, with_id)
        if self._comparison is None or self._comparison[0] != key:
            views = [clean(a) for a in self._library.get_articles(story.article_ids)]
            order = {article_id: 0}
            views.sort(key=lambda v: (order.get(v.article.id, 1), v.article.id))
            self._comparison = (key, compare_story(story.id, views, article_id, with_id))
        return self._comparison[1]
