"""Searching through the Workspace: queries, suggestions, history and saved searches."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core.models import SearchOptions, SearchResult
from reader.core.workspace.base import WorkspaceBase

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    pass


class SearchDoor(WorkspaceBase):
    """Searching through the Workspace: queries, suggestions, history and saved searches."""

    # -- searching ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        options: SearchOptions | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
        suggestions: bool = True,
    ) -> SearchResult:
        """Ranked hits for a query (QueryError for one that cannot be searched; Cancelled
        when `cancelled` says a newer search replaced it). Without `suggestions`, a query
        with few hits gets no "did you mean": ask `suggest` when typing pauses."""
        return self._index.search(query, options, cancelled=cancelled, suggestions=suggestions)

    def suggest(self, query: str) -> str:
        """A "did you mean" query of real, frequent words of the library, or ""."""
        return self._index.suggest(query)

    def terms_for(self, query: str) -> frozenset[str]:
        """The indexed words a query matches (for highlighting them in an article)."""
        return self._index.terms_for(query)

    def warm_search(self) -> None:
        """Load what the first search needs, so it does not wait for it."""
        self._index.warm()

    def warm_comparison(self) -> None:
        """Load the sentence-embedding model the first comparison needs (about 1 s)."""
        from reader.core.stories import embedding

        embedding.warm_up()

    def indexed_count(self) -> int:
        """How many articles the search index holds."""
        return self._index.doc_count()

    def search_history(self) -> list[str]:
        """Past queries, oldest first."""
        return self._library.search_history()

    def remember_search(self, query: str) -> None:
        """Add a query to the history."""
        self._library.remember_search(query)

    def saved_searches(self) -> list[str]:
        """Saved searches, in the order they were saved."""
        return self._library.saved_searches()

    def save_search(self, query: str) -> bool:
        """Keep a query as a saved search; False if it was saved already."""
        return self._library.save_search(query)

    def delete_saved_search(self, query: str) -> bool:
        """Forget a saved search."""
        return self._library.delete_saved_search(query)
