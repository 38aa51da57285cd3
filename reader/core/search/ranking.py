"""The first hits of a query's matches, by a key per match (a score or a date rank)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

TOP_BLOCK = 64  # keys to a block when `first` narrows many matches by the blocks' minima


def first(docs: NDArray[np.int64], key: NDArray[np.float64], limit: int) -> list[int]:
    """The `limit` documents with the smallest keys, in order (equal keys by document)."""
    if len(docs) >= TOP_BLOCK * limit * 4:
        # The limit-th smallest of the blocks' minima: at least `limit` keys are at most
        # that, so every one of the first `limit` (and any tie with the last) is kept.
        # One pass and a partition of a 64th of the keys, instead of one of all of them.
        whole = len(key) // TOP_BLOCK * TOP_BLOCK
        minima = key[:whole].reshape(-1, TOP_BLOCK).min(axis=1)
        keep = key <= np.partition(minima, limit - 1)[limit - 1]
        docs, key = docs[keep], key[keep]
    if len(docs) > limit:
        cut = np.partition(key, limit - 1)[limit - 1]
        keep = key <= cut
        docs, key = docs[keep], key[keep]
    order = np.lexsort((docs, key))[:limit]
    return [int(d) for d in docs[order]]


__all__ = ["TOP_BLOCK", "first"]
