"""News through the Workspace: imports, feeds, read state, removing articles, exports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import locks
from reader.core.library import Feed
from reader.core.locations import write_atomic
from reader.core.models import Article, Progress
from reader.core.search.rebuild import RebuildStopped
from reader.core.workspace.base import (
    _INDEX_FAILURES,
    IndexUnavailable,
    _index_failure,
)

if TYPE_CHECKING:  # the rest is imported where used: a cold command imports what it needs
    from reader.core.ingest import jobs
    from reader.core.ingest.items import ImportReport

from reader.core.workspace.bookmarks import BookmarkDoor


class NewsDoor(BookmarkDoor):
    """News through the Workspace: imports, feeds, read state, removing articles, exports."""

    # -- bringing in news (reader.core.ingest) -----------------------------------------------

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

    # -- removing articles -------------------------------------------------------------------

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
