"""Writing whole index segments at once: the analysed words of thousands of documents as
arrays, sorted in one go and written as packed posting blocks.

Whoosh's writer sends every posting of every document through a Python sorting pool (with
temporary run files: 3.8 GB of them for a 508 MB index) and then through its field writer one
posting at a time. Here a segment's headline and body are analysed into one array of term
numbers per field (a dictionary lookup per word: reader.core.schema.index_words), and at
the end of the segment numpy sorts them by term, document and position, and each term's
postings are written as reader.core.search.codec's packed blocks directly. Stored fields, field
lengths and columns go through Whoosh's own per-document writer, the few terms of the other
fields (id, outlet, author, dates) through its field writer, so the segment is an ordinary
Whoosh segment: Whoosh's searcher reads it, merges it and deletes from it as any other.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import W3Segment
from whoosh.fields import Schema
from whoosh.filedb.filestore import Storage
from whoosh.util.numeric import length_to_byte

from reader.core.search.analysis import BULK_FIELDS, index_words, term_of
from reader.core.search.codec import BLOCK_LIMIT, LENGTH_OF_BYTE, PackedPostingsWriter
from reader.core.search.schema import CODEC
from reader.core.search.vocabulary import Vocabulary
from reader.core.search.whoosh_internals import postings_writer_of

_LITTLE_ENDIAN = sys.byteorder == "little"
_STOP = -1  # the term number of a word the index leaves out (stop words, single letters)
_LENGTH_BYTE = np.array([length_to_byte(n) for n in range(256)], dtype=np.int64)
_QUANTISED = np.array(LENGTH_OF_BYTE, dtype=np.int64)


def _quantised(lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    """Field lengths as Whoosh keeps them: one byte each, read back as an approximate length."""
    small = lengths < 256
    out = np.empty_like(lengths)
    out[small] = _QUANTISED[_LENGTH_BYTE[lengths[small]]]
    out[~small] = [LENGTH_OF_BYTE[length_to_byte(int(n))] for n in lengths[~small]]
    return out


class _BlockStats:
    """What W3TermInfo.add_block reads of a block, for a block written from arrays."""

    __slots__ = ("_weights", "_n", "_min_id", "_max_id", "_min_length", "_max_length", "_max_w")

    def __init__(
        self, n: int, total: float, ids: tuple[int, int], lengths: tuple[int, int], most: float
    ) -> None:
        self._weights = (total,)  # add_block sums these
        self._n = n
        self._min_id, self._max_id = ids
        self._min_length, self._max_length = lengths
        self._max_w = most

    def __len__(self) -> int:
        return self._n

    def min_id(self) -> int:
        return self._min_id

    def max_id(self) -> int:
        return self._max_id

    def min_length(self) -> int:
        return self._min_length

    def max_length(self) -> int:
        return self._max_length

    def max_weight(self) -> float:
        return self._max_w


class SegmentBuilder:
    """One new segment of an index: add documents (index_document's dicts), then finish."""

    def __init__(self, storage: Storage, schema: Schema, indexname: str = "MAIN") -> None:
        self.schema = schema
        self.storage = storage
        self.segment = CODEC.new_segment(storage, indexname)
        self._perdoc = CODEC.per_document_writer(storage, self.segment)
        self.docs = 0
        self.vocabulary = Vocabulary()
        self._numbers: dict[str, int] = {}  # word -> term number (or _STOP)
        self._terms: list[str] = []  # term number -> term
        self._term_number: dict[str, int] = {}
        self._stream = {name: array("i") for name in BULK_FIELDS}  # kept words' term numbers
        self._lengths = {name: array("i") for name in BULK_FIELDS}  # kept words per document
        self._other: dict[str, list[tuple[bytes, int, float, bytes]]] = defaultdict(list)
        self._other_lengths: dict[str, dict[int, int]] = defaultdict(dict)
        self._small_terms: dict[tuple[str, object], list[tuple[Any, ...]]] = {}

    # -- adding ---------------------------------------------------------------------------

    def _number(self, word: str) -> int:
        term = term_of(word)
        if term is None:
            number = _STOP
        else:
            number = self._term_number.get(term, -2)
            if number == -2:
                number = self._term_number[term] = len(self._terms)
                self._terms.append(term)
        self._numbers[word] = number
        self.vocabulary.add_words((word,))
        return number

    def _analyse(self, fieldname: str, text: str) -> int:
        """Append a text's term numbers to the field's stream; the field length."""
        words = index_words(text)
        lookup = self._numbers.get
        numbers: list[int] = list(map(lookup, words))  # type: ignore[arg-type]
        if None in numbers:  # words not seen before: rare once a few thousand are in
            for word in set(words).difference(self._numbers):
                self._number(word)
            numbers = list(map(lookup, words))  # type: ignore[arg-type]
        # Stop words stay in the stream (as _STOP) and are dropped in _write_bulk.
        self._stream[fieldname].extend(numbers)
        kept = len(numbers) - numbers.count(_STOP)
        self._lengths[fieldname].append(kept)
        return kept

    def _terms_of(self, fieldname: str, field: Any, value: object) -> list[tuple[Any, ...]]:
        """Whoosh's own terms of a small field's value (field.index), kept for values that
        repeat (outlets, authors, dates: a third of the time of adding a document)."""
        if fieldname == "id":
            return list(field.index(value))
        key = (fieldname, value)
        found = self._small_terms.get(key)
        if found is None:
            found = self._small_terms[key] = list(field.index(value))
        return found

    def add(self, document: dict[str, object]) -> None:
        """Add one document, as SegmentWriter.add_document would (same stored fields,
        lengths, columns and terms)."""
        docnum = self.docs
        perdoc = self._perdoc
        schema = self.schema
        perdoc.start_doc(docnum)
        for fieldname in sorted(document):
            value = document[fieldname]
            field = schema[fieldname]
            if value is None:
                continue
            length = 0
            if fieldname in self._stream:
                length = self._analyse(fieldname, str(value))
            elif field.indexed:
                postings = self._other[fieldname]
                for tbytes, freq, weight, vbytes in self._terms_of(fieldname, field, value):
                    if field.scorable:
                        length += freq
                    postings.append((tbytes, docnum, weight, vbytes))
                if length:
                    self._other_lengths[fieldname][docnum] = length
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(fieldname, column, field.to_column_value(value))
        for lengths in self._lengths.values():
            if len(lengths) == docnum:  # the document has no such field
                lengths.append(0)
        perdoc.finish_doc()
        self.docs += 1

    # -- finishing ------------------------------------------------------------------------

    def finish(self) -> W3Segment:
        """Write the postings and close the segment's files; the segment for the TOC."""
        self._perdoc.close()
        fieldwriter = CODEC.field_writer(self.storage, self.segment)
        try:
            for fieldname in sorted(set(self._stream) | set(self._other)):
                if fieldname in self._stream:
                    self._write_bulk(fieldwriter, fieldname)
                else:
                    self._write_other(fieldwriter, fieldname)
        finally:
            fieldwriter.close()
        self.segment.set_doc_count(self.docs)
        return self.segment

    def _write_other(self, fieldwriter: object, fieldname: str) -> None:
        """A small field's postings, through Whoosh's field writer one by one."""
        postings = sorted(self._other.pop(fieldname), key=itemgetter(0))  # stable: doc order
        if not postings:
            return
        lengths = self._other_lengths.get(fieldname, {})
        quantised = {d: LENGTH_OF_BYTE[length_to_byte(n)] for d, n in lengths.items()}
        fieldwriter.start_field(fieldname, self.schema[fieldname])  # type: ignore[attr-defined]
        last = None
        for tbytes, docnum, weight, vbytes in postings:
            if tbytes != last:
                if last is not None:
                    fieldwriter.finish_term()  # type: ignore[attr-defined]
                fieldwriter.start_term(tbytes)  # type: ignore[attr-defined]
                last = tbytes
            fieldwriter.add(docnum, weight, vbytes or b"", quantised.get(docnum, 0))  # type: ignore[attr-defined]
        fieldwriter.finish_term()  # type: ignore[attr-defined]
        fieldwriter.finish_field()  # type: ignore[attr-defined]

    def _write_bulk(self, fieldwriter: object, fieldname: str) -> None:
        """A headline or body field: its postings sorted by term, document and position and
        written block by block, a range of terms at a time (SORT_GROUP postings or so), so the
        sort's arrays are a fraction of the field's (a worker's peak memory is that sort)."""
        numbers = np.frombuffer(self._stream.pop(fieldname), dtype=np.int32)
        numbers = numbers[numbers != _STOP]
        per_doc = np.frombuffer(self._lengths.pop(fieldname), dtype=np.int32).astype(np.int64)
        count = len(numbers)
        if not count:
            return
        # A word's document and position follow from its place in the stream (documents one
        # after another), so they are worked out for each range of terms, not kept for all.
        ends = np.cumsum(per_doc)
        starts = ends - per_doc
        # Term numbers are in order of first sight; rank them in the terms' byte order.
        alphabetical = sorted(range(len(self._terms)), key=self._terms.__getitem__)
        rank = np.empty(len(self._terms), dtype=np.int32)
        rank[alphabetical] = np.arange(len(alphabetical), dtype=np.int32)
        ranks = rank[numbers]
        del numbers, rank
        lengths = _quantised(per_doc)
        terms = [self._terms[n].encode("utf-8") for n in alphabetical]
        fieldwriter.start_field(fieldname, self.schema[fieldname])  # type: ignore[attr-defined]
        postwriter: PackedPostingsWriter = postings_writer_of(fieldwriter)
        for low, high in rank_ranges(ranks, len(terms)):
            if low == 0 and high == len(terms):
                order = np.argsort(ranks, kind="stable")  # documents and positions stay in order
            else:
                chosen = np.flatnonzero((ranks >= low) & (ranks < high))
                order = chosen[np.argsort(ranks[chosen], kind="stable")]
                del chosen
            # 32-bit arrays: a segment has far fewer than 2**31 words.
            docs = np.searchsorted(ends, order, side="right")
            positions = (order - starts[docs]).astype(np.int32)
            _write_blocks(
                fieldwriter,
                postwriter,
                terms,
                ranks[order],
                docs.astype(np.int32),
                positions,
                lengths,
            )
            del order, docs, positions
        fieldwriter.finish_field()  # type: ignore[attr-defined]


SORT_GROUP = 1_000_000  # postings sorted and written at a time (a range of whole terms)


def rank_ranges(ranks: NDArray[np.int32], terms: int) -> list[tuple[int, int]]:
    """Ranges [low, high) of term ranks holding about SORT_GROUP postings each (a term is
    never split; one with more postings has a range of its own)."""
    per_term = np.bincount(ranks, minlength=terms)
    cumulative = np.cumsum(per_term)
    ranges: list[tuple[int, int]] = []
    low = 0
    while low < terms:
        before = int(cumulative[low - 1]) if low else 0
        high = int(np.searchsorted(cumulative, before + SORT_GROUP, side="right"))
        high = min(terms, max(high, low + 1))
        ranges.append((low, high))
        low = high
    return ranges


def _write_blocks(
    fieldwriter: Any,
    postwriter: PackedPostingsWriter,
    terms: list[bytes],
    ranks: NDArray[np.int32],
    docs: NDArray[np.int32],
    positions: NDArray[np.int32],
    lengths: NDArray[np.int64],
) -> None:
    """Write the packed blocks of postings sorted by term rank, document and position."""
    count = len(ranks)
    if not count:
        return
    # The positions' bytes, sliced per block without copying the whole array again.
    little = positions.view("<u4") if _LITTLE_ENDIAN else positions.astype("<u4")
    values = little.data.cast("B")
    del positions, little
    new_posting = np.ones(count, dtype=bool)
    new_posting[1:] = (ranks[1:] != ranks[:-1]) | (docs[1:] != docs[:-1])
    first = np.flatnonzero(new_posting)  # token index where each posting starts
    del new_posting
    post_docs, post_ranks = docs[first], ranks[first]
    del docs, ranks
    freqs = np.diff(np.append(first, count))
    blocks = _Blocks(post_ranks, post_docs, freqs, lengths[post_docs])
    ids = post_docs.astype("<u4").tobytes()
    counts = freqs.astype("<u2").tobytes() if freqs.max() < 65536 else None
    value_lengths = (freqs * 4).astype("<u4").tobytes()
    del post_docs
    starting = True  # the next block is a term's first
    for s, e, total, most, shortest, longest, low, high, rank_, v0, v1, last in blocks.rows(
        post_ranks, first, freqs
    ):
        if starting:
            fieldwriter.start_term(terms[rank_])
        stats = _BlockStats(e - s, float(total), (low, high), (shortest, longest), float(most))
        weights = None if most == 1 else (counts[2 * s : 2 * e] if counts else None)
        if weights is None and most > 1:  # a count too large for two bytes
            weights = freqs[s:e].astype("<f4").tobytes()
        postwriter.write_packed(
            stats,
            ids[4 * s : 4 * e],
            weights,
            value_lengths[4 * s : 4 * e],
            values[v0:v1],
            bool(last),
        )
        if last:
            fieldwriter.finish_term()
        starting = bool(last)


class _Blocks:
    """A field's postings (sorted by term, then document) cut into blocks: each term's
    postings every BLOCK_LIMIT, with each block's statistics computed for all at once."""

    def __init__(
        self,
        ranks: NDArray[np.int32],
        docs: NDArray[np.int32],
        freqs: NDArray[np.int64],
        lengths: NDArray[np.int64],
    ) -> None:
        term_starts = np.flatnonzero(np.diff(ranks, prepend=-1))
        term_ends = np.append(term_starts[1:], len(ranks))
        per_term = -(-(term_ends - term_starts) // BLOCK_LIMIT)
        term = np.repeat(np.arange(len(term_starts)), per_term)
        within = np.arange(len(term)) - np.repeat(np.cumsum(per_term) - per_term, per_term)
        self.starts = term_starts[term] + within * BLOCK_LIMIT
        self.ends = np.minimum(self.starts + BLOCK_LIMIT, term_ends[term])
        self.last = self.ends == term_ends[term]
        self.totals = np.add.reduceat(freqs, self.starts)
        self.most = np.maximum.reduceat(freqs, self.starts)
        self.shortest = np.minimum.reduceat(lengths, self.starts)
        self.longest = np.maximum.reduceat(lengths, self.starts)
        self.low = docs[self.starts]
        self.high = docs[self.ends - 1]

    def rows(
        self, ranks: NDArray[np.int32], first: NDArray[np.int64], freqs: NDArray[np.int64]
    ) -> Iterator[tuple[int, ...]]:
        """(start, end, total frequency, largest frequency, shortest and longest document,
        first and last document, term rank, start and end of the positions' bytes, whether
        last of its term) of every block, in order."""
        ends = self.ends - 1
        return zip(
            self.starts.tolist(),
            self.ends.tolist(),
            self.totals.tolist(),
            self.most.tolist(),
            self.shortest.tolist(),
            self.longest.tolist(),
            self.low.tolist(),
            self.high.tolist(),
            ranks[self.starts].tolist(),
            (first[self.starts] * 4).tolist(),
            ((first[ends] + freqs[ends]) * 4).tolist(),
            self.last.tolist(),
            strict=True,
        )


def build_segment(
    storage: Storage, schema: Schema, documents: Iterable[dict[str, object]]
) -> tuple[W3Segment | None, Vocabulary]:
    """A segment of the documents (None when there are none) and their vocabulary."""
    builder = SegmentBuilder(storage, schema)
    for document in documents:
        builder.add(document)
    if not builder.docs:
        return None, builder.vocabulary
    return builder.finish(), builder.vocabulary


__all__ = ["SegmentBuilder", "build_segment"]
