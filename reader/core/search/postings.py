"""One term's posting list in one segment, read whole into arrays for the evaluator
(reader.core.search.evaluate), from the packed blocks reader.core.search.codec writes."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from whoosh.reading import SegmentReader, TermNotFound

from reader.core.search.codec import PackedBlock, read_blocks
from reader.core.search.whoosh_internals import postings_file

_U32 = np.dtype("<u4")
IntArray = NDArray[np.int64]


class TermPostings:
    """One term's postings in one segment, as arrays (segment-local document numbers)."""

    __slots__ = ("ids", "weights", "_blocks")

    def __init__(self, blocks: list[PackedBlock]) -> None:
        self._blocks = blocks
        self.ids = np.concatenate([b.ids for b in blocks]).astype(np.int64)
        self.weights = np.concatenate([b.weights for b in blocks])

    def positions(self) -> tuple[IntArray, IntArray]:
        """(document number, position) of every occurrence, in posting order."""
        lengths, joined = [], []
        for block in self._blocks:  # each block inflated, the arrays made once for all
            block_lengths, block_joined = block.values()
            lengths.append(block_lengths)
            joined.append(block_joined)
        docs = np.repeat(self.ids, np.concatenate(lengths) // 4)
        return docs, np.frombuffer(b"".join(joined), dtype=_U32).astype(np.int64)

    def keys(self) -> IntArray:
        """document << 32 | position of every occurrence, in ascending order."""
        owner, positions = self.positions()
        return (owner << 32) | positions


def term_postings(reader: SegmentReader, fieldname: str, text: str | bytes) -> TermPostings | None:
    """A term's postings in one segment (deleted documents included), or None if absent."""
    field = reader.schema[fieldname]
    tbytes = text if isinstance(text, bytes) else field.to_bytes(text)
    try:
        info = reader.term_info(fieldname, tbytes)
    except TermNotFound:
        return None
    if info.is_inlined():  # Whoosh's writer inlines some lists; Broadsheet's never does
        raise TypeError(f"{fieldname}:{tbytes!r} is not in packed postings: rebuild the index")
    # Read as they are, deleted documents included (SegmentReader.postings() skips them).
    return TermPostings(read_blocks(postings_file(reader), *info.extent()))


def following(ends: IntArray, keys: IntArray, slop: int) -> IntArray:
    """The keys 1 to `slop` positions after one of `ends` (both sorted): for each key, only
    the nearest end before it matters, found by binary search, so any slop costs the same."""
    if not len(ends) or not len(keys):
        return keys[:0]
    if slop == 1:
        # The keys just after an end: both lists are sorted and hold no key twice, so after
        # a stable sort (a merge of two sorted runs) a key equal to its neighbour is one.
        merged = np.concatenate((ends + 1, keys))
        merged.sort(kind="stable")
        return merged[1:][merged[1:] == merged[:-1]]
    before = np.searchsorted(ends, keys) - 1  # the last end below each key
    gap = keys - ends[np.maximum(before, 0)]
    return keys[(before >= 0) & (gap >= 1) & (gap <= slop)]


__all__ = ["TermPostings", "following", "term_postings"]
