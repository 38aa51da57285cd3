"""Messages that travel up from panes and workers to the main screen."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.core.models import Bookmark, SearchResult

if TYPE_CHECKING:  # only named in annotations: imported when first used, not at start
    from reader.core.stories.comparison import Comparison
    from reader.core.workspace import StoryRow


@dataclass
class SetupProgress(Message):
    """First-launch loading or indexing moved on."""

    stage: str
    done: int
    total: int


@dataclass
class LibraryReady(Message):
    """The library can be listed and read (the index may still be being built); `listed`
    is set once the list is on screen, when the index may start loading."""

    listed: threading.Event


@dataclass
class SetupFinished(Message):
    """The library and index are ready; notices say what was done."""

    notices: list[str]


@dataclass
class SearchFinished(Message):
    """A search worker finished (the screen drops it if the query has changed since)."""

    query: str
    result: SearchResult | None
    error: str = ""
    offset: int = 0  # >0: a further page of the same query, to append


@dataclass
class SuggestionFound(Message):
    """A "did you mean" for a query that found little, found after typing paused."""

    query: str
    suggestion: str


@dataclass
class OpenArticle(Message):
    """A pane asks to open an article, optionally at a passage of its clean text."""

    article_id: str
    start: int = -1
    end: int = -1


@dataclass
class BookmarkPassage(Message):
    """The article pane asks to bookmark clean_text[start:end] of an article."""

    article_id: str
    start: int
    end: int


@dataclass
class DeleteBookmark(Message):
    """The bookmarks pane asks to delete a bookmark (it stays undoable)."""

    bookmark: Bookmark
    position: int


@dataclass
class UndoDelete(Message):
    """The bookmarks pane asks to bring back the bookmark deleted last."""


@dataclass
class OpenBookmark(Message):
    """The bookmarks pane asks to open a bookmark's article at its passage."""

    bookmark: Bookmark


@dataclass
class ComparisonReady(Message):
    """A worker compared the story of an article."""

    comparison: Comparison


@dataclass
class StoriesReady(Message):
    """A worker grouped the library into stories."""

    rows: list[StoryRow]


@dataclass
class OpenStory(Message):
    """The story list asks to compare the story an article belongs to."""

    article_id: str


@dataclass
class ImportProgress(Message):
    """An import or feed refresh moved on (stage: reading, storing, indexing, …)."""

    stage: str
    done: int
    total: int


@dataclass
class ImportFinished(Message):
    """An import or feed refresh ended: a summary line and one line per failure."""

    summary: str
    failures: list[str]


@dataclass
class RunQuery(Message):
    """The list asks to run a query (a saved search or a suggestion)."""

    query: str


@dataclass
class ForgetSearch(Message):
    """The list asks to forget a saved search."""

    query: str


@dataclass
class LoadMore(Message):
    """The list asks for the next page of articles after `shown` rows."""

    shown: int


@dataclass
class EditBookmark(Message):
    """The bookmarks pane asks to edit a bookmark's note and tags."""

    bookmark: Bookmark


@dataclass
class ExportBookmarks(Message):
    """The bookmarks pane asks to export the bookmarks matching its filter."""

    query: str


@dataclass
class FetchText(Message):
    """The article pane asks for the full text of a headline-only article."""

    article_id: str


@dataclass
class ExportArticle(Message):
    """The article pane asks to save an article as Markdown."""

    article_id: str


class ShowArticle(Message):
    """A pane asks to go back to the article (Escape on the comparison overview)."""
