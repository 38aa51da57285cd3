"""Searching the index: reading queries (once per text), ranked hits with snippets, "did
you mean", the terms to highlight, and the searcher kept open between queries.

SearchIndex (reader.core.search.index) keeps the index current and inherits this side.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.query import And, Query
from whoosh.searching import Searcher

from reader.core.library import Library
from reader.core.models import SORTS as SORTS
from reader.core.models import SearchOptions as SearchOptions
from reader.core.models import SearchResult as SearchResult
from reader.core.search import query_guard
from reader.core.search.evaluate import Cancelled, Snapshot
from reader.core.search.query import (
    ParsedQuery,
    QueryError,
    date_range,
    parse,
    query_terms,
)
from reader.core.search.schema import DISPLAY_SCHEMA, make_schema
from reader.core.search.snippets import search_hits
from reader.core.search.spelling import Speller, suggest
from reader.core.search.vocabulary import Vocabulary
from reader.core.search.whoosh_internals import searcher_index

VOCABULARY_FILE = "vocabulary.json"
PARSED_KEPT = 256  # queries whose reading is kept (typing a query reads each prefix once)
QUERY_SCHEMA = make_schema()


class Searching:
    """The reading side of a SearchIndex."""

    directory: Path
    library: Library
    _index: whoosh_index.FileIndex | None
    _vocabulary: Vocabulary | None
    _snapshot: Snapshot | None
    _opened: Searcher | None  # opened by the index's check, for the next snapshot
    _speller: Speller | None
    _parsed: dict[str, ParsedQuery]
    _lock: threading.RLock

    def _open(self) -> whoosh_index.FileIndex:
        if self._index is None:
            self._index = whoosh_index.open_dir(str(self.directory))
        return self._index

    def doc_count(self) -> int:
        """How many articles the index holds."""
        with self._open().searcher() as searcher:
            return int(searcher.doc_count())

    # -- reading --------------------------------------------------------------------------

    def _forget_readings(self) -> None:
        """The vocabulary changed: queries read before may expand differently now."""
        self._parsed = {}
        self._speller = None

    def parse(self, text: str) -> ParsedQuery:
        """Read a query (see reader.core.search.query for the language), once per text: the reading
        is kept, so re-running a query (another sort, an outlet) does not read it again. Whatever
        the parser raises becomes a reading of the plain words, or a QueryError (query_guard)."""
        parsed = self._parsed.get(text)
        if parsed is None:
            # The schema of this SCHEMA_VERSION (an index of another is rebuilt): FileIndex.schema
            # would read the index's table of contents from disk.
            schema, vocabulary = QUERY_SCHEMA, self.vocabulary

            def read(words: str) -> ParsedQuery:
                found = parse(words, schema, vocabulary, DISPLAY_SCHEMA)
                query_guard.check_parsed(found.query)
                return found

            def noted(found: ParsedQuery) -> ParsedQuery:
                note = "the operators could not be read: searched for the words alone"
                return replace(found, text=text, notes=(*found.notes, note))

            parsed = query_guard.parse_safely(read, text, noted)
            if len(self._parsed) >= PARSED_KEPT:
                self._parsed.pop(next(iter(self._parsed)))
            self._parsed[text] = parsed
        return parsed

    @property
    def vocabulary(self) -> Vocabulary:
        """The words of the index (read on first use: prefixes and suggestions need it)."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.load(self.directory / VOCABULARY_FILE)
        return self._vocabulary

    def search(
        self,
        text: str,
        options: SearchOptions | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
        suggestions: bool = True,
    ) -> SearchResult:
        """Ranked hits (BM25F, headline weighted) with the best snippet of each.

        `cancelled` is asked between the stages of the search (and within the evaluation):
        when it says yes, the search stops with Cancelled. Without `suggestions`, a query
        with few hits gets no "did you mean" (see `suggest`, asked when typing pauses).
        Whatever else goes wrong becomes a QueryError: no exception escapes a search.
        """
        try:
            return self._search(text, options, cancelled, suggestions)
        except (QueryError, Cancelled):
            raise
        except (Exception, RecursionError) as exc:  # a damaged index, or a Whoosh surprise
            self._index = None  # opened afresh (and checked) by the next search
            raise QueryError(
                f"the search could not be completed ({type(exc).__name__}: {str(exc)[:80]}); "
                "`broadsheet index --rebuild` rebuilds the index if this persists"
            ) from exc

    def _search(
        self,
        text: str,
        options: SearchOptions | None,
        cancelled: Callable[[], bool] | None,
        suggestions: bool,
    ) -> SearchResult:
        options = options or SearchOptions()
        if options.sort not in SORTS:
            raise QueryError(f"unknown sort {options.sort!r}: use one of {', '.join(SORTS)}")
        started = time.perf_counter()
        parsed = self.parse(text)
        narrowing: list[Query] = []
        if options.since or options.until:
            try:
                narrowing.append(date_range(options.since, options.until))
            except ValueError as exc:
                raise QueryError(f"not a date: {exc}") from exc
        query = And([parsed.query, *narrowing]).normalize() if narrowing else parsed.query
        with self._lock:
            _check(cancelled)
            snapshot = self.snapshot()
            mask, scores = snapshot.evaluate(query, cancelled)
            docs = np.flatnonzero(mask)
            unread = docs
            if options.unread_only:
                read = self.library.read_ids() if options.read is None else options.read
                unread = snapshot.without_ids(docs, read)
            counts = snapshot.outlet_counts(unread)
            if options.outlet is not None:
                docs = snapshot.of_outlet(docs, options.outlet)
                unread = snapshot.of_outlet(unread, options.outlet)
            matched = len(docs) if options.unread_only else None
            docs = unread
            total = len(docs)
            top = snapshot.top(docs, scores, options.offset + options.limit, options.sort)
            top = top[options.offset :]
            _check(cancelled)
            searcher = snapshot.searcher
            # Relevance is only computed for a relevance sort.
            relevant = options.sort == "relevance"
            relevance = [float(scores[d]) if relevant else 0.0 for d in top]
            stored = [searcher.stored_fields(d) for d in top]
            stems = query_terms(parsed.query, searcher)
        few = suggestions and total < 3 and not options.offset
        suggestion = self.suggest(text) if few else ""
        _check(cancelled)
        outlets = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        summaries = self.library.summaries(f["id"] for f in stored)
        hits = search_hits(relevance, stored, stems, summaries)
        return SearchResult(
            query=text,
            read_as=parsed.read_as,
            hits=tuple(hits),
            total=total,
            seconds=time.perf_counter() - started,
            notes=parsed.notes,
            outlets=outlets,
            suggestion=suggestion,
            matched=matched,
        )

    def suggest(self, text: str) -> str:
        """A "did you mean" query with misspelt words replaced by real, frequent words of
        the library, or "" (reader.core.search.spelling)."""
        with self._lock:
            snapshot = self.snapshot()
            reader = snapshot.searcher.reader()
            speller = self._speller
            if speller is None:
                speller = self._speller = Speller(self.vocabulary, snapshot.size)

            def frequency(stem: str) -> int:  # about how many articles hold it
                return int(max(reader.doc_frequency(f, stem) for f in ("title", "body")))

            return suggest(text, speller, frequency)

    def warm(self) -> None:
        """Open the searcher and load what typing needs (columns, the vocabulary for the
        prefix of the word being typed, the speller), so the first keys do not wait."""
        with self._lock:
            size = self.snapshot().size
        self.vocabulary.expand("a*")  # reads the words and sorts them for prefixes
        if self._speller is None:
            self._speller = Speller(self.vocabulary, size)

    def terms_for(self, text: str) -> frozenset[str]:
        """The stems a query matches on, for highlighting an article."""
        parsed = self.parse(text)
        with self._lock:
            return query_terms(parsed.query, self.snapshot().searcher)

    def snapshot(self) -> Snapshot:
        """One searcher kept open between queries (opening one costs tens of milliseconds),
        opened afresh when the index has changed, with its documents' columns as arrays.

        Not Searcher.refresh(): in whoosh-reloaded 2.7.5 it reuses readers whose deletions
        are out of date and adds back segments a merge has removed (and fails on an empty
        index)."""
        index = self._open()
        snapshot = self._snapshot
        if snapshot is not None:
            if searcher_index(snapshot.searcher) is index and snapshot.searcher.up_to_date():
                return snapshot
            snapshot.searcher.close()
            self._snapshot = None
        searcher, self._opened = self._opened, None
        if searcher is None or searcher_index(searcher) is not index or not searcher.up_to_date():
            if searcher is not None:
                searcher.close()
            searcher = index.searcher()
        self._snapshot = Snapshot(searcher, self.directory)
        return self._snapshot

    def _adopt(self, searcher: Searcher) -> None:
        """Keep a searcher the index's check opened, for the next snapshot."""
        with self._lock:
            if self._opened is not None:
                self._opened.close()
            self._opened = searcher


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled
