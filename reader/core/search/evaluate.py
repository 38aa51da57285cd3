"""Running a Whoosh query over whole posting lists with numpy: matches, BM25F scores, counts.

Whoosh finds, scores and collects matches one posting at a time in Python: about 5 µs each,
so a word in 80,000 of 100,000 articles took 430 ms. Here the same query tree is evaluated
on dense arrays with one slot per document of the index: a term is its posting list read
whole (reader.core.search.codec), AND/OR/NOT are element-wise operations, a phrase is matched
on position arrays, a date range is a comparison on the day column. Scores are Whoosh's
BM25F (same idf, field lengths and parameters), so words and booleans rank as in Whoosh
(a phrase is scored as a term with the phrase's frequency, Whoosh adds its words' scores);
query kinds not handled here fall back to Whoosh's own matchers, which are slower but right.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import reduce
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from whoosh import query as q
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from reader.core.models import Cancelled as Cancelled
from reader.core.search.codec import LENGTH_OF_BYTE, stored_column
from reader.core.search.columns import Columns, cached
from reader.core.search.postings import TermPostings, following, term_postings
from reader.core.search.ranking import first
from reader.core.search.whoosh_internals import (
    LENGTHS_COLUMN,
    column_default,
    length_field,
    per_document,
)

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
_LENGTH_OF_BYTE = np.array(LENGTH_OF_BYTE, dtype=np.float64)
_SCORED = ("title", "body")  # the fields whose lengths BM25F reads

Mask = NDArray[np.bool_]
Scores = NDArray[np.float64]
Matches = tuple[Mask, Scores]  # which documents match, and their scores (0 where not)


def _column(reader: SegmentReader, name: str, column: object, dtype: str) -> NDArray[np.int64]:
    """A fixed-width numeric column of one segment as an array (absent: the default)."""
    size = reader.doc_count_all()
    values = np.full(size, column_default(column), dtype=np.int64)
    found = stored_column(per_document(reader), name, column)
    if found:
        raw, stored = found[0], min(found[1], size)
        values[:stored] = np.frombuffer(raw, dtype=dtype, count=stored)
    return values


class Snapshot:
    """One searcher's view of the index as arrays: live documents, outlets, days, lengths.

    With `directory`, the arrays are kept beside the index per generation
    (reader.core.search.columns), so a new process loads them rather than reading them again.
    """

    def __init__(self, searcher: Searcher, directory: Path | None = None) -> None:
        self.searcher = searcher
        self.schema = searcher.schema
        self.size = int(searcher.doc_count_all())
        # An empty index has an EmptyReader, with neither deletions nor columns to read.
        self.segments: list[tuple[SegmentReader, int]] = (
            [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
            if self.size
            else []
        )
        self.live = np.ones(self.size, dtype=bool)
        for reader, offset in self.segments:
            deleted = reader.deleted_docs_set
            if deleted:
                self.live[offset + np.fromiter(deleted, dtype=np.int64)] = False
        self.all_live = bool(self.live.all())  # no deleted documents to mask out
        if directory is not None and self.size:
            generation = int(searcher.reader().generation())
            found = cached(directory, generation, self.size, self._read_columns)
        else:
            found = self._read_columns()
        self.outlet_names = found.outlet_names
        self.outlet_codes = found.outlet_codes
        self.days = found.days
        self.published = found.published
        self._length_codes = dict(found.length_bytes)
        self.cancelled: Callable[[], bool] | None = None
        self._averages: dict[str, float] = {}  # Whoosh works it out from every segment
        self._doc_numbers: dict[str, int] | None = None  # article id -> document (doc_numbers)

    # -- columns --------------------------------------------------------------------------

    def _read_columns(self) -> Columns:
        """Every per-document column, read from the index (one document at a time for the
        outlet and date, whole for the rest)."""
        reader = self.searcher.reader()
        names = list(reader.column_reader("outlet")) if self.size else []
        outlet_names = sorted(set(names))
        code = {name: i for i, name in enumerate(outlet_names)}
        values = list(reader.column_reader("published")) if self.size else []
        rank = {v: i for i, v in enumerate(sorted(set(values) | {""}))}  # "" sorts first
        return Columns(
            outlet_names=outlet_names,
            outlet_codes=np.fromiter((code[n] for n in names), dtype=np.int32, count=len(names)),
            days=self._read_days(),
            published=np.fromiter((rank[v] for v in values), dtype=np.int32, count=len(values)),
            length_bytes={name: self._length_bytes(name) for name in _SCORED},
        )

    def _length_bytes(self, fieldname: str) -> NDArray[np.uint8]:
        parts = [np.zeros(0, dtype=np.int64)] + [
            _column(reader, length_field(fieldname), LENGTHS_COLUMN, "u1")
            for reader, _ in self.segments
        ]
        return np.concatenate(parts).astype(np.uint8)

    def length_codes(self, fieldname: str) -> NDArray[np.uint8]:
        """Each document's length in a field as Whoosh stores it: one byte, the code of an
        approximate length (`_LENGTH_OF_BYTE`). Kept as the codes, a query reads an eighth of
        the memory it would as lengths: what a query waits for once another program has
        emptied the processor's caches."""
        if fieldname not in self._length_codes:
            self._length_codes[fieldname] = self._length_bytes(fieldname)
        return self._length_codes[fieldname]

    def _read_days(self) -> NDArray[np.int32]:
        """Each document's publication day number (0 when undated)."""
        # Whoosh keeps a signed number in its column as unsigned (value + 2**31), and a
        # document without one as the column's default (the largest value).
        column = self.schema["day"].column_type
        raw = np.concatenate(
            [np.zeros(0, dtype=np.int64)]
            + [_column(reader, "day", column, ">u4") for reader, _ in self.segments]
        )
        return np.where(raw == column_default(column), 0, raw - 2**31).astype(np.int32)

    # -- evaluation -----------------------------------------------------------------------

    def empty(self) -> Matches:
        """No documents (arrays to fill)."""
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64)

    def evaluate(self, query: q.Query, cancelled: Callable[[], bool] | None = None) -> Matches:
        """The live documents a query matches, with their BM25F scores.

        `cancelled` is asked before each part of the query is read: when it says yes, the
        evaluation stops with Cancelled (a stale search of a user typing on)."""
        if not self.size:
            return self.empty()
        self.cancelled = cancelled
        try:
            mask, scores = self._eval(query)
        finally:
            self.cancelled = None
        if self.all_live:  # every part already scores 0 where it does not match
            return mask, scores
        mask &= self.live
        return mask, np.where(mask, scores, 0.0)

    def _eval(self, query: q.Query) -> Matches:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if isinstance(query, q.Term):
            return self.term(query.fieldname, query.text, query.boost)
        if isinstance(query, q.Or):
            return self._or(query)
        if isinstance(query, (q.And, q.DisjunctionMax)) and not isinstance(query, q.Ordered):
            return self._compound(query)
        if isinstance(query, q.Phrase):
            return self.phrase(query.fieldname, query.words, query.slop, query.boost)
        if isinstance(query, q.NumericRange) and query.fieldname == "day":
            return self._days_between(query)
        if isinstance(query, q.MultiTerm):
            return self._multi(query)
        if isinstance(query, q.Not):  # as in Whoosh, filters score a constant (their boost)
            mask, _ = self._eval(query.query)
            return self._constant(~mask & self.live, query.boost)
        if isinstance(query, (q.AndNot, q.AndMaybe, q.Require)):
            return self._binary(query)
        if isinstance(query, q.Every):
            return self._constant(self.live.copy(), query.boost)
        if isinstance(query, type(q.NullQuery)):
            return self.empty()
        return self._by_whoosh(query)

    def _constant(self, mask: Mask, boost: float) -> Matches:
        return mask, np.where(mask, boost, 0.0)

    def _compound(self, query: q.CompoundQuery) -> Matches:
        parts = [self._eval(sub) for sub in query.subqueries]
        if not parts:
            return self.empty()
        if isinstance(query, q.And):
            mask = reduce(np.logical_and, (m for m, _ in parts))
            scores = reduce(np.add, (s for _, s in parts))
        else:  # DisjunctionMax
            mask = reduce(np.logical_or, (m for m, _ in parts))
            scores = reduce(np.maximum, (s for _, s in parts))
        if query.boost != 1.0:
            scores = scores * query.boost
        if isinstance(query, q.And):  # a document some parts match scores 0 (a DisjunctionMax
            scores *= mask  # scores 0 where no part matches already)
        return mask, scores

    def _or(self, query: q.Or) -> Matches:
        """Scores add up; terms (a prefix may expand to hundreds) go straight into the sums."""
        mask, scores = self.empty()
        for sub in query.subqueries:
            if self.cancelled is not None and self.cancelled():
                raise Cancelled
            if isinstance(sub, q.Term):
                self._add_term(sub.fieldname, sub.text, sub.boost, mask, scores)
            else:
                sub_mask, sub_scores = self._eval(sub)
                mask |= sub_mask
                scores += sub_scores
        if query.boost != 1.0:
            scores *= query.boost
        return mask, scores

    def _binary(self, query: q.BinaryQuery) -> Matches:
        a_mask, a_scores = self._eval(query.a)
        b_mask, b_scores = self._eval(query.b)
        if isinstance(query, q.AndNot):
            mask = a_mask & ~b_mask
            return mask, np.where(mask, a_scores, 0.0)
        if isinstance(query, q.Require):
            mask = a_mask & b_mask
            return mask, np.where(mask, a_scores, 0.0)
        return a_mask, np.where(a_mask, a_scores + b_scores, 0.0)  # AndMaybe

    def _postings(self, fieldname: str, text: str | bytes) -> list[tuple[TermPostings, int]]:
        if fieldname not in self.schema:
            return []
        found = []
        for reader, offset in self.segments:
            postings = term_postings(reader, fieldname, text)
            if postings is not None:
                found.append((postings, offset))
        return found

    def _bm25(self, fieldname: str, docs: NDArray[np.int64], tf: Scores, df: int) -> Scores:
        """Whoosh's BM25F for documents with term frequencies `tf` in a field."""
        if not self.schema[fieldname].scorable:
            return tf
        idf = math.log(self.size / (df + 1)) + 1
        average = self._averages.get(fieldname)
        if average is None:
            average = self._averages[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        length = _LENGTH_OF_BYTE[self.length_codes(fieldname)[docs]]
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * length / average)))

    def term(self, fieldname: str, text: str | bytes, boost: float = 1.0) -> Matches:
        """The documents with a term in a field."""
        mask, scores = self.empty()
        self._add_term(fieldname, text, boost, mask, scores)
        return mask, scores

    def _add_term(
        self, fieldname: str, text: str | bytes, boost: float, mask: Mask, scores: Scores
    ) -> None:
        """Mark a term's documents in `mask` and add its scores to `scores`."""
        found = self._postings(fieldname, text)
        if not found:
            return
        # Every segment's postings in one array (a term's documents are distinct: += adds
        # once each), scored at once: per segment, the numpy calls cost more than the sums.
        if len(found) == 1:
            ((postings, offset),) = found
            docs, weights = postings.ids + offset, postings.weights
        else:
            docs = np.concatenate([p.ids + offset for p, offset in found])
            weights = np.concatenate([p.weights for p, _ in found])
        mask[docs] = True
        scores[docs] += self._bm25(fieldname, docs, weights, len(docs)) * boost

    def _multi(self, query: q.MultiTerm) -> Matches:
        """Prefixes, wildcards, fuzzy terms, term ranges: an OR of the terms they expand to,
        each scored by BM25F (Whoosh would give a constant score to every match)."""
        mask, scores = self.empty()
        for fieldname, text in query.expanded_terms(self.searcher.reader()):
            self._add_term(fieldname, text, query.boost, mask, scores)
        return mask, scores

    def phrase(self, fieldname: str, words: Iterable[str], slop: int, boost: float) -> Matches:
        """Words in order, each within `slop` positions of the one before (1 = adjacent)."""
        words = list(words)
        if len(words) == 1:
            return self.term(fieldname, words[0], boost)
        mask, scores = self.empty()
        if not words or fieldname not in self.schema:
            return mask, scores
        hits: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
        for reader, offset in self.segments:
            lists = [term_postings(reader, fieldname, word) for word in words]
            if any(p is None for p in lists):
                continue
            # An occurrence is a key, document << 32 | position: sorted, since postings are
            # in document order and positions in text order. A chain of the phrase's words is
            # followed by looking each next word up at the positions the chain allows.
            ends = lists[0].keys()  # type: ignore[union-attr]
            for nxt in lists[1:]:
                ends = following(ends, nxt.keys(), slop)  # type: ignore[union-attr]
                if not len(ends):
                    break
            if len(ends):
                docs = ends >> 32
                starts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
                counts = np.diff(np.append(starts, len(docs)))
                hits.append((docs[starts] + offset, counts))
        df = sum(len(d) for d, _ in hits)
        for docs, counts in hits:
            mask[docs] = True
            scores[docs] = self._bm25(fieldname, docs, counts.astype(np.float64), df) * boost
        return mask, scores

    def _days_between(self, query: q.NumericRange) -> Matches:
        days = self.days
        start, end = query.start, query.end
        mask = days > 0
        if start is not None:
            mask &= (days > start) if query.startexcl else (days >= start)
        if end is not None:
            mask &= (days < end) if query.endexcl else (days <= end)
        return self._constant(mask, query.boost)

    def _by_whoosh(self, query: q.Query) -> Matches:
        """Any other query kind: Whoosh's own matchers, one posting at a time."""
        mask, scores = self.empty()
        for sub, offset in self.searcher.leaf_searchers():
            matcher = query.matcher(sub, sub.context())
            while matcher.is_active():
                doc = offset + matcher.id()
                mask[doc] = True
                scores[doc] = matcher.score()
                matcher.next()
        return mask, scores

    # -- ranking --------------------------------------------------------------------------

    def outlet_counts(self, docs: NDArray[np.int64]) -> dict[str, int]:
        """How many of the documents each outlet has."""
        counts = np.bincount(self.outlet_codes[docs], minlength=len(self.outlet_names))
        return {self.outlet_names[i]: int(c) for i, c in enumerate(counts) if c}

    def of_outlet(self, docs: NDArray[np.int64], outlet: str) -> NDArray[np.int64]:
        """The documents of one outlet."""
        if outlet not in self.outlet_names:
            return docs[:0]
        return docs[self.outlet_codes[docs] == self.outlet_names.index(outlet)]

    def without_ids(self, docs: NDArray[np.int64], ids: Iterable[str]) -> NDArray[np.int64]:
        """The documents whose article id is not one of `ids` (the read articles)."""
        numbers = self.doc_numbers()
        found = [n for n in (numbers.get(i) for i in ids) if n is not None]
        return docs[~np.isin(docs, np.asarray(found, dtype=np.int64))]

    def doc_numbers(self) -> dict[str, int]:
        """Article id -> live document, read once per snapshot (its documents do not move).
        Reading every stored id takes ~35 ms at 9,300 articles; looking ids up one by one
        took 66 us each (0.3 s for 4,652 read articles)."""
        if self._doc_numbers is None:
            self._doc_numbers = {
                str(fields["id"]): offset + docnum
                for reader, offset in self.segments
                for docnum, fields in reader.iter_docs()  # live documents only
            }
        return self._doc_numbers

    def top(self, docs: NDArray[np.int64], scores: Scores, limit: int, sort: str) -> list[int]:
        """The first `limit` documents by relevance (ties by index order), newest or oldest
        (undated last either way)."""
        if not len(docs) or limit <= 0:
            return []
        if sort == "relevance":
            key = -scores[docs]
        else:
            rank = self.published[docs]
            undated = rank == 0
            key = np.where(undated, np.inf, -rank if sort == "newest" else rank).astype(np.float64)
        return first(docs, key, limit)
