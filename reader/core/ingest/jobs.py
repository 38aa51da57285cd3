"""The import and refresh runs that the CLI and the TUI start (through the Workspace).

Feeds are fetched and parsed concurrently with a bound; storing stays on the calling thread,
one transaction per batch, so the library sees one writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from reader.core.ingest.feeds import FeedError, parse_feed
from reader.core.ingest.fetch import FetchError, check_url, fetch
from reader.core.ingest.importer import (
    Fetcher,
    _needs_text,
    complete_entry,
    read_source,
    store_items,
)
from reader.core.ingest.items import (
    ADDED,
    DUPLICATE,
    FAILED,
    ImportReport,
    ImportResult,
    Item,
    Subscription,
)
from reader.core.library import Feed, Library
from reader.core.models import Progress

MAX_CONCURRENT_FEEDS = 4


def import_sources(
    library: Library,
    sources: Sequence[str],
    progress: Progress | None = None,
    fetch_pages: bool = False,
    fetcher: Fetcher = fetch,
) -> ImportReport:
    """Import paths and URLs; OPML lists subscribe to their feeds and refresh the new ones."""
    items: list[Item] = []
    subscriptions: list[Subscription] = []
    for n, source in enumerate(sources, start=1):
        for found in read_source(source, fetch_pages, fetcher):
            if isinstance(found, Subscription):
                subscriptions.append(found)
            else:
                items.append(found)
        if progress:
            progress("reading", n, len(sources))
    results = store_items(library, items, progress)
    new_feeds: list[str] = []
    for sub in subscriptions:
        result = subscribe(library, sub.url, sub.title)
        results.append(ImportResult(f"subscription {sub.url}", *result))
        if result[0] == ADDED:
            new_feeds.append(sub.url)
    if new_feeds:
        for outcome in refresh_feeds(library, new_feeds, progress, fetch_pages, fetcher):
            results += outcome.results
    return ImportReport(results)


def subscribe(library: Library, url: str, title: str = "") -> tuple[str, str, str]:
    """(status, id, error) of subscribing to a feed URL."""
    try:
        check_url(url)
    except FetchError as exc:
        return FAILED, "", str(exc)
    if library.add_feed(url, title):
        return ADDED, "", ""
    return DUPLICATE, "", "already subscribed"


@dataclass
class FeedOutcome:
    """What refreshing one feed did."""

    url: str
    status: str  # "refreshed", "not modified" or "failed"
    error: str = ""
    results: list[ImportResult] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        """Articles this refresh added."""
        return sum(1 for r in self.results if r.status == ADDED)


@dataclass
class _Fetched:
    feed: Feed
    status: str
    error: str = ""
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    items: list[Item] = field(default_factory=list)


def _fetch_feed(feed: Feed, fetch_pages: bool, fetcher: Fetcher) -> _Fetched:
    try:
        response = fetcher(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if response.not_modified:
            return _Fetched(feed, "not modified")
        parsed = parse_feed(response.body, feed.url, response.url, response.headers)
    except (FetchError, FeedError) as exc:
        return _Fetched(feed, "failed", str(exc))
    items = [complete_entry(i, fetcher) if fetch_pages else _needs_text(i) for i in parsed.items]
    return _Fetched(
        feed, "refreshed", "", parsed.title, response.etag, response.last_modified, items
    )


def refresh_feeds(
    library: Library,
    urls: Sequence[str] | None = None,
    progress: Progress | None = None,
    fetch_pages: bool = False,
    fetcher: Fetcher = fetch,
    workers: int = MAX_CONCURRENT_FEEDS,
) -> list[FeedOutcome]:
    """Refresh subscriptions (all, or the given URLs) with conditional requests."""
    feeds = library.feeds(urls)
    outcomes: list[FeedOutcome] = []
    if not feeds:
        return outcomes
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(feeds)))) as pool:
        futures = [pool.submit(_fetch_feed, feed, fetch_pages, fetcher) for feed in feeds]
        for done, future in enumerate(as_completed(futures), start=1):
            got = future.result()
            outcome = FeedOutcome(got.feed.url, got.status, got.error)
            if got.status == "failed":
                outcome.results.append(ImportResult(f"feed {got.feed.url}", FAILED, "", got.error))
                library.record_refresh(got.feed.url, error=got.error)
            else:
                outcome.results = store_items(library, got.items)
                library.record_refresh(
                    got.feed.url,
                    title=got.title,
                    etag=got.etag if got.status == "refreshed" else None,
                    last_modified=got.last_modified if got.status == "refreshed" else None,
                    new_count=outcome.new_count,
                )
            outcomes.append(outcome)
            if progress:
                progress("refreshing feeds", done, len(feeds))
    outcomes.sort(key=lambda o: [f.url for f in feeds].index(o.url))
    return outcomes


def refresh_summary(outcomes: Sequence[FeedOutcome]) -> str:
    """`N feeds: N new articles, N not modified, N failed` for people."""
    new = sum(o.new_count for o in outcomes)
    unchanged = sum(1 for o in outcomes if o.status == "not modified")
    failed = sum(1 for o in outcomes if o.status == "failed")
    return (
        f"{len(outcomes)} feed{'s' if len(outcomes) != 1 else ''}: {new} new "
        f"article{'s' if new != 1 else ''}, {unchanged} not modified, {failed} failed"
    )
