"""The Workspace's core: one library, its search index and the sample corpus; opening,
setting up, reading articles. The capability doors are mixins over it (see __init__)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core import locks
from reader.core.library import Library, UpsertResult
from reader.core.locations import Locations, sample_corpus_dir
from reader.core.models import Article, ArticleSummary, CleanArticle, Progress, Story
from reader.core.search.rebuild import RebuildStopped
from reader.core.text import clean

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    from reader.core.search.index import SearchIndex
    from reader.core.stories.comparison import Comparison
    from reader.core.stories.graph import StoryGraph

SAMPLE_LOADED = "sample_corpus_loaded"


def _index_failure(exc: BaseException) -> str:
    """One line for an index that could not be brought up to date."""
    if isinstance(exc, locks.LockTimeout):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"the search index could not be written{where}: {exc.strerror or exc}"
    return f"the search index could not be updated ({type(exc).__name__}: {str(exc)[:120]})"


class NotFound(LookupError):
    """An id that names nothing in the library."""


class IndexUnavailable(RuntimeError):
    """The search index could not be made ready (full disk, unwritable cache, a lock held
    too long); the message is one line and nothing in the library was changed."""


# What can go wrong bringing the index up to date, other than a stop asked for by the user.
_INDEX_FAILURES = (OSError, locks.LockTimeout, RuntimeError, sqlite3.Error, ValueError)


@dataclass
class WorkspaceBase:
    """The library and its index, opened; setting up and reading articles."""

    locations: Locations
    notices: list[str] = field(default_factory=list)
    say: locks.Say | None = None  # hears "waiting for another process" messages at once

    def __post_init__(self) -> None:

        self.locations.ensure()
        self._library = Library(self.locations.library_path, self.notices, on_wait=self.say)
        self._search_index: SearchIndex | None = None  # made on first use (see _index)
        self._index_lock = threading.Lock()
        # Held by an import from its first dedup decision to its last write (see core.locks).
        self.writer_lock = self.locations.library_path.with_name("library.writer-lock")
        self._stories: tuple[int, list[Story]] | None = None
        self._story_graph: StoryGraph | None = None
        self._story_graph_revision: int | None = None
        self._story_lock = threading.Lock()
        self._comparison: tuple[tuple[int, str, str | None], Comparison] | None = None
        self._ingest_lock = threading.Lock()

    @property
    def _index(self) -> SearchIndex:
        """The search index, made when first needed: the search engine (Whoosh, numpy) is
        imported then, so the reader's first screen and the commands that only read the
        library start without it."""
        index = self._search_index
        if index is None:
            with self._index_lock:
                if self._search_index is None:
                    from reader.core.search.index import SearchIndex

                    self._search_index = SearchIndex(self.locations.index_dir, self._library)
                    self._search_index.say = self.say
                index = self._search_index
        return index

    def close(self) -> None:
        """Stop a rebuild running in a child process, and release the library connection."""
        if self._search_index is not None:
            self._search_index.stopping.set()
        self._library.close()

    # -- setting up ---------------------------------------------------------------------

    def needs_setup(self) -> bool:
        """True on first launch: the sample corpus has never been loaded into this library."""
        return self._library.get_meta(SAMPLE_LOADED) != "1" and self._library.count_articles() == 0

    def decline_samples(self) -> None:
        """Never load the sample corpus into this library when it is new and being filled by an
        import (`broadsheet import` / `feeds` into a fresh data dir)."""
        if self.needs_setup():
            self.skip_sample_corpus()

    def setup(self, progress: Progress | None = None) -> list[str]:
        """Load the sample corpus on first launch, then make the index current.

        Returns one-line notices of what was done (and of any file that failed to load).
        """
        return self.prepare_library(progress) + self.prepare_index(progress)

    def prepare_library(self, progress: Progress | None = None) -> list[str]:
        """Load the sample corpus on first launch; notices of what was done."""
        messages: list[str] = []
        if self.needs_setup():
            with locks.exclusive(self.writer_lock, "library", self.say):
                if self.needs_setup():  # another process may have loaded it while we waited
                    loaded, errors = self.load_sample_corpus(progress)
                    messages.append(f"loaded {loaded} sample articles into a new library")
                    messages.extend(errors)
        self.notices.extend(messages)
        return messages

    def prepare_index(self, progress: Progress | None = None, reading: bool = False) -> list[str]:
        """Make the index current (built, updated or rebuilt); a notice of what was done.

        `reading`: only make it searchable (an index that is only behind is used as it is, so
        a full disk or an unwritable cache does not stop a search). IndexUnavailable (one
        line) when it cannot be made searchable."""

        def index_progress(done: int, total: int) -> None:
            if progress:
                progress("indexing", done, total)

        with self._ingest_lock:  # an import started meanwhile waits, then updates the index
            try:
                if reading:
                    notice = self._index.for_reading(index_progress)
                else:
                    notice = self._index.ensure(index_progress)
            except RebuildStopped:
                raise
            except _INDEX_FAILURES as exc:
                raise IndexUnavailable(_index_failure(exc)) from exc
        messages = [notice] if notice else []
        self.notices.extend(messages)
        return messages

    def skip_sample_corpus(self) -> None:
        """Never load the sample corpus into this library (a library of the user's own)."""
        self._library.set_meta(SAMPLE_LOADED, "1")

    def load_sample_corpus(self, progress: Progress | None = None) -> tuple[int, list[str]]:
        """Read the bundled sample corpus into the library; return (count, error lines)."""
        from reader.core.corpus import CorpusError, read_corpus

        articles: list[Article] = []
        errors: list[str] = []
        items = list(read_corpus(sample_corpus_dir(), origin_prefix="sample:"))
        for n, item in enumerate(items, start=1):
            if isinstance(item, CorpusError):
                errors.append(f"sample corpus: {item}")
            else:
                articles.append(item)
            if progress:
                progress("loading sample corpus", n, len(items))
        self._library.upsert_articles(articles)
        self._library.set_meta(SAMPLE_LOADED, "1")
        return len(articles), errors

    # -- reading ------------------------------------------------------------------------

    def summaries(self, limit: int = -1, offset: int = 0) -> list[ArticleSummary]:
        """All articles (or a page of them), newest first, undated last."""
        return self._library.summaries(limit=limit, offset=offset)

    def article(self, article_id: str) -> Article:
        """An article by id, or NotFound."""
        article = self._library.get_article(article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id!r}")
        return article

    def clean_article(self, article_id: str) -> CleanArticle:
        """The reading view of an article."""
        return clean(self.article(article_id))

    def summaries_of(self, ids: Iterable[str]) -> list[ArticleSummary]:
        """List rows of the given articles, in the order given."""
        return self._library.summaries(ids)

    def count_articles(self) -> int:
        """How many articles the library holds."""
        return self._library.count_articles()

    def has_article(self, article_id: str) -> bool:
        """True when the library holds an article with this id."""
        return self._library.has_article(article_id)

    @property
    def revision(self) -> int:
        """The library's revision: it changes with every article written or removed."""
        return self._library.revision

    def add_articles(self, articles: Iterable[Article]) -> UpsertResult:
        """Store articles as they are (no dedup: that is import_sources' job); the index follows
        on the next prepare_index or search."""
        return self._library.upsert_articles(articles)

    def remove_article(self, article_id: str) -> bool:
        """Remove an article; its bookmarks stay (shown orphaned). False when there was none."""
        return self._library.remove_article(article_id)
