"""Sparse term vectors (word -> weight) and their cosine, for grouping and alignment."""

from __future__ import annotations

Vector = dict[str, float]


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two length-normalised sparse vectors (their dot product)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
