"""The engines a user could pick instead, for benchmarks/search.py: tantivy-py and SQLite FTS5.

Both index the same documents Broadsheet indexes (headline, the clean body text Broadsheet
stores, outlet, publication day), stem English words (tantivy: Snowball "en_stem"; FTS5:
its porter tokenizer) and answer a query with its hit count and the top 20 with a snippet.
Installed by `make bench` from the `bench` optional dependencies; absent, they are skipped.

Syntax differences, so some counts cannot be equal (printed with the counts):
- fuzzy: FTS5 has none; tantivy's fuzzy term matches stems within one edit, Broadsheet's
  matches real words within one edit and searches their stems.
- prefix: the peers match prefixes of stems ("immigra*" misses "immigration", stemmed
  "immigr"); Broadsheet expands prefixes over real words.
- near: FTS5's NEAR is unordered; Broadsheet's and tantivy's slop phrases are ordered, but
  tantivy's slop counts the words moved and every word has a position, where Broadsheet's
  is the gap between the words with stop words not counted ("police in the shooting" is a
  gap of 2 here, 3 words in tantivy).
Not syntax, so flagged "!" in the table: stemmers (Broadsheet and tantivy use Snowball, FTS5's
tokenizer is the older Porter, which keeps "immigrated" apart from "immigration" and stems
"gas" to "ga") and how words are cut (Broadsheet splits "tsunami.Steve" but keeps "U.S.").
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

try:
    import tantivy
except ImportError:  # `make bench` installs it; `python benchmarks/search.py` may lack it
    tantivy = None

EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Doc:
    """One document as every engine indexes it."""

    title: str
    body: str
    outlet: str
    day: int  # days since 1970-01-01, 0 when undated


def day_of(iso: str) -> int:
    try:
        return date.fromisoformat(iso[:10]).toordinal() - EPOCH
    except ValueError:
        return 0


def _days(start: str, end: str) -> tuple[int, int]:
    return day_of(start), day_of(end)


@dataclass(frozen=True)
class PeerQuery:
    """One benchmark query as each peer writes it (None: the peer cannot express it)."""

    tantivy: object | None  # a query string, or a callable building a tantivy Query
    fts5: str | None
    days: tuple[int, int] | None = None  # an inclusive day range, applied by both


# The 24 queries of benchmarks/search.py, in the same order.
PEER_QUERIES: list[PeerQuery] = [
    PeerQuery("said", "said"),
    PeerQuery("government", "government"),
    PeerQuery("people", "people"),
    PeerQuery("tsunami", "tsunami"),
    PeerQuery("quarantine", "quarantine"),
    PeerQuery("filibuster", "filibuster"),
    PeerQuery("+climate +change", "climate AND change"),
    PeerQuery("+health +insurance", "health AND insurance"),
    PeerQuery('"prime minister"', '"prime minister"'),
    PeerQuery('"white house"', '"white house"'),
    PeerQuery('"supreme court"', '"supreme court"'),
    PeerQuery('"police shooting"~5', "NEAR(police shooting, 5)"),
    PeerQuery("trump OR clinton", "trump OR clinton"),
    PeerQuery("+economy -china", "economy NOT china"),
    PeerQuery("+(oil gas) +prices", "(oil OR gas) AND prices"),
    PeerQuery("title:election", "title : election"),
    PeerQuery("outlet:bbc", "outlet : bbc"),
    PeerQuery(("fuzzy", "goverment"), None),
    PeerQuery(("fuzzy", "immigartion"), None),
    PeerQuery(("prefix", "immigra"), "immigra*"),
    PeerQuery(("prefix", "econom"), "econom*"),
    PeerQuery("election", "election", _days("2016-01-01", "2016-12-31")),
    PeerQuery("senate", "senate", _days("2019-01-01", "2019-06-30")),
    PeerQuery("immigration", "immigration", (day_of("2019-01-01"), 10**6)),
]


@dataclass
class Answer:
    total: int
    snippets: list[str]


class Tantivy:
    """tantivy-py: the index in a directory, one searcher kept open."""

    name = "tantivy"

    def __init__(self, directory: Path, docs: Iterable[Doc]) -> None:
        assert tantivy is not None
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("outlet", stored=True)
        builder.add_integer_field("day", stored=True, indexed=True, fast=True)
        self.schema = builder.build()
        directory.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self.index = tantivy.Index(self.schema, path=str(directory))
        writer = self.index.writer(heap_size=256_000_000)
        count = 0
        for doc in docs:
            writer.add_document(
                tantivy.Document(title=doc.title, body=doc.body, outlet=doc.outlet, day=doc.day)
            )
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.build_seconds = time.perf_counter() - started
        self.count = count
        self.searcher = self.index.searcher()
        self.one_shot = ("tantivy", directory)  # benchmarks/_cold_peer.py's arguments

    def _query(self, spec: PeerQuery) -> object:
        text = spec.tantivy
        Query = tantivy.Query  # noqa: N806
        if isinstance(text, tuple):
            kind, word = text
            if kind == "fuzzy":
                parts = [
                    (tantivy.Occur.Should, Query.fuzzy_term_query(self.schema, f, word, 1, True))
                    for f in ("title", "body")
                ]
            else:
                parts = [
                    (tantivy.Occur.Should, Query.regex_query(self.schema, f, f"{word}.*"))
                    for f in ("title", "body")
                ]
            query = Query.boolean_query(parts)
        else:
            query = self.index.parse_query(str(text), ["title", "body"])
        if spec.days is not None:
            low, high = spec.days
            days = Query.range_query(self.schema, "day", tantivy.FieldType.Integer, low, high)
            query = Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, days)])
        return query

    def search(self, spec: PeerQuery) -> Answer | None:
        if spec.tantivy is None:
            return None
        query = self._query(spec)
        searcher = self.searcher
        result = searcher.search(query, 20, count=True)
        snippets = tantivy.SnippetGenerator.create(searcher, query, self.schema, "body")
        found = [
            snippets.snippet_from_doc(searcher.doc(address)).to_html() for _, address in result.hits
        ]
        return Answer(result.count or 0, found)


class Fts5:
    """SQLite FTS5 with the porter tokenizer, headline weighted 2.5 in bm25()."""

    name = "FTS5"

    def __init__(self, path: Path, docs: Iterable[Doc]) -> None:
        started = time.perf_counter()
        self.conn = sqlite3.connect(path)
        self.conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, body, outlet, day UNINDEXED, "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        with self.conn:
            self.conn.executemany(
                "INSERT INTO docs(title, body, outlet, day) VALUES (?, ?, ?, ?)",
                ((d.title, d.body, d.outlet, d.day) for d in docs),
            )
        self.build_seconds = time.perf_counter() - started
        self.one_shot = ("fts5", path)  # benchmarks/_cold_peer.py's arguments

    def search(self, spec: PeerQuery) -> Answer | None:
        if spec.fts5 is None:
            return None
        where, params = "docs MATCH ?", [spec.fts5]
        if spec.days is not None:
            where += " AND day BETWEEN ? AND ?"
            params += list(spec.days)
        total = self.conn.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT rowid, title, snippet(docs, 1, '[', ']', '…', 24) FROM docs "
            f"WHERE {where} ORDER BY bm25(docs, 2.5, 1.0, 0.0) LIMIT 20",
            params,
        ).fetchall()
        return Answer(int(total), [row[2] for row in rows])

    def close(self) -> None:
        self.conn.close()
