"""The Whoosh index: schema, build/update/rebuild from the library, query parsing, search.

The index is derived: it lives under the cache dir, records the schema version, the identity
of the library it was built from and the library revision it has caught up with. When it is
missing, from another schema, another library or unreadable, it is rebuilt from the library;
when it is only behind, the changed articles are re-indexed.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser
from whoosh.qparser.plugins import FieldAliasPlugin
from whoosh.query import NullQuery, Query
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from reader.core.library import Library
from reader.core.models import Article, SearchHit, Span
from reader.core.text import clean

SCHEMA_VERSION = 1
STATE_FILE = "broadsheet-index.json"
SNIPPET_CHARS = 220
# A headline word counts this many times a body word (applied at query time, after BM25's
# term-frequency saturation, so one headline match outranks one passing mention in a body).
TITLE_BOOST = 2.5

Progress = Callable[[int, int], None]


class QueryError(ValueError):
    """A query that cannot be searched; the message says why."""


def make_analyzer() -> Analyzer:
    """Words, lower-cased, accents folded, stop words dropped, stemmed (raids -> raid)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter()
    )


ANALYZER = make_analyzer()


def make_schema() -> Schema:
    """Headline weighted above body; bodies are not stored (the library has them)."""
    plain = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=ANALYZER),
        body=TEXT(analyzer=ANALYZER),
        source=TEXT(analyzer=plain),
        author=TEXT(analyzer=plain),
    )


@dataclass(frozen=True)
class SearchResult:
    """The ranked hits of one query, how it was read and how long it took."""

    query: str
    read_as: str
    hits: tuple[SearchHit, ...]
    total: int
    seconds: float


def _document(article: Article) -> dict[str, str]:
    text = clean(article).text
    return {
        "id": article.id,
        "title": article.title,
        "body": text,
        "source": article.source,
        "author": article.author,
    }


class SearchIndex:
    """The Whoosh index of one library."""

    def __init__(self, directory: Path, library: Library) -> None:
        self.directory = directory
        self.library = library
        self._index: whoosh_index.FileIndex | None = None

    # -- state ----------------------------------------------------------------------------

    def _state_path(self) -> Path:
        return self.directory / STATE_FILE

    def _read_state(self) -> dict[str, object]:
        try:
            state = json.loads(self._state_path().read_text(encoding="utf-8"))
            return state if isinstance(state, dict) else {}
        except (OSError, ValueError):
            return {}

    def _write_state(self, revision: int, directory: Path | None = None) -> None:
        target = (directory or self.directory) / STATE_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_text(
            json.dumps(
                {
                    "schema_version": SCHEMA_VERSION,
                    "library_id": self.library_id(),
                    "library_revision": revision,
                }
            ),
            encoding="utf-8",
        )
        tmp.replace(target)

    def library_id(self) -> str:
        """A random identity of the library, so an index never serves another library."""
        value = self.library.get_meta("library_id")
        if not value:
            value = uuid.uuid4().hex
            self.library.set_meta("library_id", value)
        return value

    def _why_rebuild(self) -> str:
        """Why the index must be rebuilt from scratch, or "" if it can be used or updated."""
        try:
            if not whoosh_index.exists_in(str(self.directory)):
                return "search index missing"
        except Exception as exc:  # a damaged table of contents fails even this check
            return f"search index unreadable ({type(exc).__name__})"
        state = self._read_state()
        if state.get("schema_version") != SCHEMA_VERSION:
            return "search index has an old schema"
        if state.get("library_id") != self.library_id():
            return "search index belongs to another library"
        revision = state.get("library_revision")
        if not isinstance(revision, int) or revision > self.library.revision:
            return "search index does not match the library"
        try:
            ix = whoosh_index.open_dir(str(self.directory))
            with ix.searcher() as searcher:
                searcher.doc_count()
        except Exception as exc:  # whoosh raises many kinds on damaged files
            return f"search index unreadable ({type(exc).__name__})"
        self._index = ix
        return ""

    def ensure(self, progress: Progress | None = None) -> str:
        """Make the index usable and current; return a one-line notice of what was done, or ""."""
        reason = self._why_rebuild()
        if reason:
            count = self.rebuild(progress)
            return f"{reason}: rebuilt it from the library ({count} articles)"
        state = self._read_state()
        revision = int(state.get("library_revision", 0))  # type: ignore[call-overload]
        if revision < self.library.revision:
            changed = self.update(revision, progress)
            return f"search index was behind the library: updated {changed} articles"
        return ""

    # -- writing --------------------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None) -> int:
        """Build a fresh index from the whole library beside the old one, then swap it in."""
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.directory.with_name(f"{self.directory.name}.building-{uuid.uuid4().hex[:8]}")
        fresh.mkdir(parents=True)
        revision = self.library.revision
        ids = self.library.all_ids()
        ix = whoosh_index.create_in(str(fresh), make_schema())
        writer = ix.writer(limitmb=128)
        try:
            self._add(writer, ids, progress, update=False)
        except BaseException:
            writer.cancel()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        writer.commit()
        self._write_state(revision, fresh)
        old = self.directory.with_name(f"{self.directory.name}.old-{uuid.uuid4().hex[:8]}")
        if self.directory.exists():
            self.directory.rename(old)
        fresh.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)
        self._index = whoosh_index.open_dir(str(self.directory))
        return len(ids)

    def update(self, since: int, progress: Progress | None = None) -> int:
        """Re-index the articles changed or removed after library revision `since`."""
        changes = self.library.changes_since(since)
        ix = self._open()
        writer = ix.writer(limitmb=64)
        try:
            for article_id in changes.removed_ids:
                writer.delete_by_term("id", article_id)
            self._add(writer, list(changes.changed_ids), progress, update=True)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._write_state(changes.revision)
        return len(changes.changed_ids) + len(changes.removed_ids)

    def _add(self, writer: object, ids: list[str], progress: Progress | None, update: bool) -> None:
        total = len(ids)
        done = 0
        for start in range(0, total, 200):
            for article in self.library.get_articles(ids[start : start + 200]):
                document = _document(article)
                if update:
                    writer.update_document(**document)  # type: ignore[attr-defined]
                else:
                    writer.add_document(**document)  # type: ignore[attr-defined]
                done += 1
                if progress:
                    progress(done, total)

    def _open(self) -> whoosh_index.FileIndex:
        if self._index is None:
            self._index = whoosh_index.open_dir(str(self.directory))
        return self._index

    def doc_count(self) -> int:
        """How many articles the index holds."""
        with self._open().searcher() as searcher:
            return int(searcher.doc_count())

    # -- reading --------------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        """Read a query: words all must match; phrases, OR, NOT, fields, wildcards, fuzzy~."""
        if not text.strip():
            raise QueryError("empty query: type some words to search for")
        parser = MultifieldParser(
            ["title", "body"], self._open().schema, fieldboosts={"title": TITLE_BOOST}
        )
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(FieldAliasPlugin({"source": ["outlet"], "body": ["text"]}))
        query = parser.parse(text)
        if query is NullQuery:
            raise QueryError(f"query {text!r} has no searchable words")
        return query

    def search(self, text: str, limit: int = 20) -> SearchResult:
        """Ranked hits (BM25F, headline weighted) with the best snippet of each."""
        started = time.perf_counter()
        query = self.parse(text)
        with self._open().searcher() as searcher:
            results = searcher.search(query, limit=limit)
            scored = [(hit["id"], float(hit.score)) for hit in results]
            total = len(results)
            terms = query_terms(query, searcher)
        summaries = {s.id: s for s in self.library.summaries(i for i, _ in scored)}
        articles = {a.id: a for a in self.library.get_articles(i for i, _ in scored)}
        hits = []
        for article_id, score in scored:
            summary = summaries.get(article_id)
            article = articles.get(article_id)
            if summary is None or article is None:
                continue  # removed since the index was read
            snippet, spans = best_snippet(clean(article).text, terms)
            hits.append(
                SearchHit(
                    id=article_id,
                    title=summary.title,
                    source=summary.source,
                    published=summary.published,
                    score=round(score, 4),
                    snippet=snippet,
                    highlights=spans,
                    word_count=summary.word_count,
                    title_derived=summary.title_derived,
                )
            )
        return SearchResult(
            query=text,
            read_as=str(query),
            hits=tuple(hits),
            total=total,
            seconds=time.perf_counter() - started,
        )

    def terms_for(self, text: str) -> frozenset[str]:
        """The analysed terms a query matches on, for highlighting an article."""
        query = self.parse(text)
        with self._open().searcher() as searcher:
            return query_terms(query, searcher)


def query_terms(query: Query, searcher: Searcher) -> frozenset[str]:
    """Index terms of the title/body fields the query matches, wildcards and fuzzy expanded."""
    # Not Query.existing_terms: in Whoosh 2.7 it reuses its `fieldname` argument as a loop
    # variable and so skips every leaf after the first field it meets.
    reader = searcher.reader()
    found: set[str] = set()
    for leaf in query.leaves():
        for fieldname, term in leaf.expanded_terms(reader, phrases=True):
            if fieldname not in ("title", "body"):
                continue
            text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            if (fieldname, text) in reader:
                found.add(text)
    return frozenset(found)


def match_spans(text: str, terms: Iterable[str]) -> tuple[Span, ...]:
    """Every place in text whose analysed word is one of the terms."""
    wanted = frozenset(terms)
    if not wanted:
        return ()
    spans = []
    for token in ANALYZER(text, chars=True, mode="index", removestops=True):
        if token.text in wanted:
            spans.append(Span(token.startchar, token.endchar))
    return tuple(spans)


def best_snippet(text: str, terms: Iterable[str]) -> tuple[str, tuple[Span, ...]]:
    """The window of text with the most distinct matched words, and the matches within it."""
    spans = match_spans(text, terms)
    flat = " ".join(text.split("\n")) if "\n" in text else text
    if not spans:
        cut = _trim(flat, 0, SNIPPET_CHARS)
        return flat[cut[0] : cut[1]].strip() + ("\u2026" if cut[1] < len(flat) else ""), ()
    best_start, best_key = spans[0].start, (-1, 0)
    for i, first in enumerate(spans):
        inside = [s for s in spans[i:] if s.end <= first.start + SNIPPET_CHARS - 40]
        distinct = len({text[s.start : s.end].lower() for s in inside})
        key = (distinct, len(inside))
        if key > best_key:
            best_key, best_start = key, first.start
    start, end = _trim(flat, max(0, best_start - 40), best_start - 40 + SNIPPET_CHARS)
    lead = "\u2026" if start > 0 else ""
    tail = "\u2026" if end < len(flat) else ""
    body = flat[start:end]
    strip_left = len(body) - len(body.lstrip())
    body = body.strip()
    shift = start + strip_left
    within = tuple(
        Span(s.start - shift, s.end - shift)
        for s in spans
        if s.start >= shift and s.end <= shift + len(body)
    )
    body, within = _collapse_spaces(body, within)
    return lead + body + tail, tuple(Span(s.start + len(lead), s.end + len(lead)) for s in within)


def _collapse_spaces(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """Runs of whitespace become one space; spans are moved to match."""
    out: list[str] = []
    new_index = [0] * (len(text) + 1)
    previous_space = False
    for i, char in enumerate(text):
        new_index[i] = len(out)
        if char.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    new_index[len(text)] = len(out)
    shift = [Span(new_index[s.start], new_index[s.end]) for s in spans]
    return "".join(out), tuple(shift)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words."""
    start = max(0, start)
    end = min(len(text), max(end, start))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
