"""A Workspace ties one library to its search index and the bundled sample corpus.

It is what the CLI and the TUI both hold: every user action goes through its methods.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import locks
from reader.core.ingest.items import PageError as PageError  # re-exported for front ends
from reader.core.library import Feed, Library, UpsertResult
from reader.core.locations import Locations, sample_corpus_dir, write_atomic
from reader.core.models import STORY_SORTS as STORY_SORTS
from reader.core.models import Article, ArticleSummary, Bookmark, CleanArticle, Progress, Story
from reader.core.models import StoryRow as StoryRow
from reader.core.search.index import SearchIndex, SearchOptions, SearchResult
from reader.core.search.rebuild import RebuildStopped
from reader.core.text import clean

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    from reader.core.bookmarks import annotations as web_annotations
    from reader.core.bookmarks import entries
    from reader.core.bookmarks.anchors import Located
    from reader.core.ingest import jobs
    from reader.core.ingest.items import ImportReport
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
class Workspace:
    """The library, its index and the operations a user can perform on them."""

    locations: Locations
    notices: list[str] = field(default_factory=list)
    say: locks.Say | None = None  # hears "waiting for another process" messages at once

    def __post_init__(self) -> None:

        self.locations.ensure()
        self._library = Library(self.locations.library_path, self.notices, on_wait=self.say)
        self._index = SearchIndex(self.locations.index_dir, self._library)
        self._index.say = self.say
        # Held by an import from its first dedup decision to its last write (see core.locks).
        self.writer_lock = self.locations.library_path.with_name("library.writer-lock")
        self._stories: tuple[int, list[Story]] | None = None
        self._story_graph: StoryGraph | None = None
        self._story_graph_revision: int | None = None
        self._story_lock = threading.Lock()
        self._comparison: tuple[tuple[int, str, str | None], Comparison] | None = None
        self._ingest_lock = threading.Lock()

    def close(self) -> None:
        """Stop a rebuild running in a child process, and release the library connection."""
        self._index.stopping.set()
        self._library.close()

    # -- setting up -----------------------------------------------------------------------

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

    # -- reading --------------------------------------------------------------------------

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

    # -- searching ------------------------------------------------------------------------

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

    # -- stories --------------------------------------------------------------------------

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

    # -- bookmarks ------------------------------------------------------------------------

    def add_bookmark(
        self, article_id: str, start: int, end: int, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Bookmark clean_text[start:end] of an article."""
        from reader.core.bookmarks.anchors import make_anchor

        anchor = make_anchor(self.clean_article(article_id).text, start, end)
        return self._library.add_bookmark(
            article_id,
            anchor.quote,
            anchor.prefix,
            anchor.suffix,
            anchor.start,
            anchor.end,
            anchor.text_hash,
            note=note,
            tags=tags,
        )

    def bookmarks(self, article_id: str | None = None) -> list[Bookmark]:
        """Bookmarks newest first; all of them, or one article's in text order."""
        return self._library.bookmarks(article_id)

    def located_bookmarks(self, article_id: str) -> list[tuple[Bookmark, Located]]:
        """An article's bookmarks with where each is in its current clean text."""
        from reader.core.bookmarks.anchors import Located, locate

        article = self._library.get_article(article_id)
        text = clean(article).text if article is not None else None
        return [
            (bookmark, locate(bookmark, text) if text is not None else Located("orphaned"))
            for bookmark in self.bookmarks(article_id)
        ]

    def locate_bookmark(self, bookmark: Bookmark) -> Located:
        """Where a bookmark's passage is in its article's current clean text."""
        from reader.core.bookmarks.anchors import Located, locate

        article = self._library.get_article(bookmark.article_id)
        if article is None:
            return Located("orphaned")
        return locate(bookmark, clean(article).text)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark | None:
        """Delete a bookmark, returning it for undo."""
        return self._library.delete_bookmark(bookmark_id)

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        """Undo a deletion."""
        self._library.restore_bookmark(bookmark)

    def update_bookmark(self, bookmark_id: int, note: str, tags: Iterable[str]) -> Bookmark:
        """Change a bookmark's note and tags."""
        updated = self._library.update_bookmark(bookmark_id, note, tags)
        if updated is None:
            raise NotFound(f"no bookmark with id {bookmark_id}")
        return updated

    def bookmark_entries(self, query: str = "") -> list[entries.BookmarkEntry]:
        """Bookmarks newest first with their article and where they are now, maybe filtered."""
        from reader.core.bookmarks import entries

        return entries.filtered(entries.entries(self._library), query)

    def add_bookmark_by_quote(
        self, article_id: str, quote: str, note: str = "", tags: Iterable[str] = ()
    ) -> Bookmark:
        """Bookmark the one place in an article's clean text where a quote occurs."""
        from reader.core.bookmarks import entries

        start, end = entries.find_quote(self.clean_article(article_id).text, quote)
        return self.add_bookmark(article_id, start, end, note, tags)

    def render_bookmarks(self, fmt: str, query: str = "") -> tuple[str, int]:
        """Bookmarks (all, or those matching query) as "markdown" or "json" text; and the count."""
        from reader.core.bookmarks import annotations as web_annotations
        from reader.core.bookmarks import markdown

        chosen = self.bookmark_entries(query)
        if fmt == "json":
            return web_annotations.to_json(chosen), len(chosen)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        return markdown.to_markdown(chosen, exported_at=stamp), len(chosen)

    def export_bookmarks(self, path: Path, fmt: str, query: str = "") -> int:
        """Write bookmarks (all, or those matching query) to a file, atomically; the count."""
        text, count = self.render_bookmarks(fmt, query)
        write_atomic(path, text)
        return count

    def import_bookmarks(self, raw: str, name: str) -> web_annotations.AnnotationImport:
        """Add the bookmarks of a Web Annotation JSON document, skipping duplicates."""
        from reader.core.bookmarks import annotations as web_annotations

        return web_annotations.import_annotations(self._library, raw, name)

    # -- bringing in news (reader.core.ingest) -------------------------------------------

    def import_sources(
        self, sources: Sequence[str], progress: Progress | None = None, fetch_pages: bool = False
    ) -> ImportReport:
        """Import files, folders and URLs, then index the new articles incrementally."""
        from reader.core.ingest import jobs

        with self._ingest_lock:  # one import or refresh at a time: dedup sees every write
            with locks.exclusive(self.writer_lock, "library", self.say):
                report = jobs.import_sources(self._library, sources, progress, fetch_pages)
            self._index_after(progress)
        return report

    def refresh_feeds(
        self,
        urls: Sequence[str] | None = None,
        progress: Progress | None = None,
        fetch_pages: bool = False,
    ) -> list[jobs.FeedOutcome]:
        """Refresh subscriptions (conditional requests, concurrent), then index what arrived."""
        from reader.core.ingest import jobs

        with self._ingest_lock:
            with locks.exclusive(self.writer_lock, "library", self.say):
                outcomes = jobs.refresh_feeds(self._library, urls, progress, fetch_pages)
            self._index_after(progress)
        return outcomes

    def _index_after(self, progress: Progress | None) -> None:
        def index_progress(done: int, total: int) -> None:
            if progress:
                progress("indexing", done, total)

        try:
            self._index.ensure(index_progress)
        except RebuildStopped:
            raise
        except _INDEX_FAILURES as exc:  # what was stored stays stored; the report still comes
            self.notices.append(
                f"{_index_failure(exc)}; the articles are stored and will be indexed by the "
                "next `broadsheet index` or search"
            )

    def rebuild_index(self, procs: int = 1) -> int:
        """Rebuild the index from the library (holding the index lock); the article count."""
        try:
            with locks.exclusive(self._index.lock_path, "search index", self.say):
                return self._index.rebuild(procs=procs)
        except _INDEX_FAILURES as exc:
            raise IndexUnavailable(_index_failure(exc)) from exc

    def fetch_text(self, article_id: str) -> Article:
        """Fetch the full text of a headline-only article from its page (the import limits),
        store it and index it; PageError says why it could not be fetched."""
        article = self.article(article_id)
        from reader.core.ingest.importer import fetch_page_text

        page = fetch_page_text(article)  # outside the lock: an import need not wait for it
        full = replace(
            article,
            body=page.body,
            author=article.author or page.author,
            published=article.published or page.published,
            headline_only=False,
        )
        with self._ingest_lock:
            with locks.exclusive(self.writer_lock, "library", self.say):
                self._library.upsert_articles([full])
            self._index_after(None)
        return full

    # -- removing articles ----------------------------------------------------------------

    def remove_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """Remove the articles with these ids (ids that name nothing are skipped).

        Their bookmarks are kept and show as orphaned; the removed articles are returned so
        that `restore_articles` can undo the removal.
        """
        with self._ingest_lock:
            with locks.exclusive(self.writer_lock, "library", self.say):
                articles = list(self._library.get_articles(dict.fromkeys(article_ids)))
                for article in articles:
                    self._library.remove_article(article.id)
            self._index_after(None)
        return articles

    def restore_articles(self, articles: Iterable[Article]) -> None:
        """Undo a removal: the articles come back with the same ids (their bookmarks re-attach)."""
        with self._ingest_lock:
            with locks.exclusive(self.writer_lock, "library", self.say):
                self._library.upsert_articles(articles)
            self._index_after(None)

    def sample_ids(self) -> list[str]:
        """Ids of the bundled sample articles still in the library."""
        return self._library.ids_with_origin_prefix("sample:")

    def remove_samples(self) -> list[Article]:
        """Remove every sample article in one step (they are never loaded again)."""
        removed = self.remove_articles(self.sample_ids())
        self.skip_sample_corpus()
        return removed

    def set_feed_fetch_pages(self, url: str, on: bool) -> bool:
        """Fetch every entry's page on refresh (or stop); False when not subscribed."""
        return self._library.set_fetch_pages(url, on)

    def bookmark_count(self, article_ids: Iterable[str]) -> int:
        """How many bookmarks point at these articles (kept, orphaned, when they are removed)."""
        wanted = set(article_ids)
        return sum(1 for b in self._library.bookmarks() if b.article_id in wanted)

    def feeds(self) -> list[Feed]:
        """Subscriptions, oldest first."""
        return self._library.feeds()

    def subscribe(self, url: str, fetch_pages: bool = False) -> tuple[str, str, str]:
        """Subscribe to a feed: (status, title, error) as jobs.subscribe reports it; with
        fetch_pages, every refresh fetches each new entry's page for its full text."""
        from reader.core.ingest import jobs

        with self._ingest_lock:
            return jobs.subscribe(self._library, url, fetch_pages=fetch_pages)

    def unsubscribe(self, url: str) -> bool:
        """Stop following a feed (its articles stay); False when it was not subscribed."""
        return self._library.remove_feed(url)

    def mark_read(self, article_id: str, read: bool = True) -> None:
        """Mark an article read (opening it does) or unread."""
        self._library.mark_read(article_id, read)

    def read_ids(self) -> set[str]:
        """Ids of the articles marked read."""
        return self._library.read_ids()

    def article_ids(self, feed_url: str | None = None, unread_only: bool = False) -> list[str]:
        """Article ids newest first: all, or one feed's; maybe only those not read yet."""
        if feed_url is None:
            ids = self._library.ids_newest_first()
        else:
            ids = self._library.feed_article_ids(feed_url)
        if unread_only:
            read = self.read_ids()
            ids = [i for i in ids if i not in read]
        return ids

    def mark_many_read(self, ids: Iterable[str], read: bool = True) -> int:
        """Mark articles read or unread; how many changed."""
        return self._library.mark_many_read(ids, read)

    def article_markdown(self, article_id: str) -> str:
        """An article's reading view as Markdown (NotFound for an unknown id)."""
        from reader.core.bookmarks import markdown

        return markdown.article_markdown(self.clean_article(article_id))

    def export_article(self, article_id: str, path: Path) -> None:
        """Write an article as Markdown to path (old file or new, never torn)."""
        write_atomic(path, self.article_markdown(article_id))

    def feeds_opml(self) -> str:
        """Every subscription as an OPML document."""
        from reader.core.ingest import opml

        return opml.feeds_opml((f.url, f.title) for f in self.feeds())
