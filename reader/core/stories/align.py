"""Passage alignment between two articles: which passages report the same claims.

The pairing itself is claim by claim (reader.core.claims): sentences that state the same thing,
by meaning and shared specifics. This module turns claim pairs into what the two-column view
and coverage need: passage pairs for side-by-side rows (each passage in at most one row pair,
best first), the passages that share a claim with the other article but sit in another row, and
the passages unique to each article. Two passages with the same normalised words (short
headings included) always pair as "same words".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest

from reader.core.models import CleanArticle
from reader.core.stories.claims import ClaimPair, StoryClaims, pair_claims, words

__all__ = ["Alignment", "PassagePair", "align", "story_claims", "shared_share", "words"]


@dataclass(frozen=True)
class PassagePair:
    """Two passages, one from each article, that say the same thing."""

    left: int  # passage index in the left article
    right: int
    similarity: float  # (embedding cosine + lexical cosine) / 2 of the best claim pair, 0..1
    kind: str  # "same words" | "same claim"


@dataclass(frozen=True)
class Alignment:
    """How two articles' passages correspond."""

    left_id: str
    right_id: str
    pairs: tuple[PassagePair, ...]
    unique_left: tuple[int, ...]
    unique_right: tuple[int, ...]
    claims: tuple[ClaimPair, ...] = ()  # every claim pair, best first
    also_left: tuple[int, ...] = ()  # share a claim, but their partner sits in another row
    also_right: tuple[int, ...] = ()

    def rows(self) -> list[tuple[int | None, int | None, PassagePair | None]]:
        """Reading order for two columns: pairs side by side, unique passages in between.

        Follows the left article. The unique passages of both sides that fall between two
        pairs share rows (each still marked unique); a right passage goes no later than the
        pair that follows it on its own side.
        """
        by_left = {p.left: p for p in self.pairs}
        left_unpaired = {*self.unique_left, *self.also_left}
        right_unique = sorted({*self.unique_right, *self.also_right})
        rows: list[tuple[int | None, int | None, PassagePair | None]] = []
        waiting: list[int] = []

        def flush(before: int | None) -> None:
            taken = [r for r in right_unique if before is None or r < before]
            del right_unique[: len(taken)]
            for left, right in zip_longest(waiting, taken):
                rows.append((left, right, None))
            waiting.clear()

        for left in range(max([*left_unpaired, *by_left, -1]) + 1):
            pair = by_left.get(left)
            if pair is None:
                if left in left_unpaired:
                    waiting.append(left)
                continue
            flush(pair.right)
            rows.append((left, pair.right, pair))
        flush(None)
        return rows


def story_claims(views: Sequence[CleanArticle]) -> StoryClaims:
    """The claims of a story's articles with their vectors, computed once for all its pairs."""
    return StoryClaims(views)


@lru_cache(maxsize=16384)
def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def align(left: CleanArticle, right: CleanArticle, story: StoryClaims | None = None) -> Alignment:
    """Pair the passages of two articles that report the same claims; the rest are unique.

    `story` (from `story_claims` over the whole story) saves recomputing vectors per pair and
    gives word weights from the whole story.
    """
    if story is None:
        story = story_claims([left, right])
    claims = pair_claims(story, left.article.id, right.article.id)
    candidates: dict[tuple[int, int], PassagePair] = {}
    right_normal = {p.index: _normal(p.text) for p in right.passages if p.kind != "table"}
    for passage in left.passages:
        normal = _normal(passage.text)
        for j, other in right_normal.items():
            if normal and normal == other:
                candidates[(passage.index, j)] = PassagePair(passage.index, j, 1.0, "same words")
    for c in claims:
        key = (c.left.passage, c.right.passage)
        if key not in candidates or candidates[key].similarity < c.similarity:
            candidates[key] = PassagePair(*key, c.similarity, c.kind)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for pair in sorted(candidates.values(), key=lambda p: (-p.similarity, p.left, p.right)):
        if pair.left in used_left or pair.right in used_right:
            continue
        used_left.add(pair.left)
        used_right.add(pair.right)
        pairs.append(pair)
    pairs.sort(key=lambda p: p.left)
    sharing_left = {p.left for p in candidates.values()}
    sharing_right = {p.right for p in candidates.values()}
    return Alignment(
        left.article.id,
        right.article.id,
        tuple(pairs),
        tuple(p.index for p in left.passages if p.index not in sharing_left),
        tuple(p.index for p in right.passages if p.index not in sharing_right),
        tuple(claims),
        tuple(sorted(sharing_left - used_left)),
        tuple(sorted(sharing_right - used_right)),
    )


def shared_share(view: CleanArticle, paired: Iterable[int]) -> float:
    """The share of an article's words that lie in passages paired with another article."""
    chosen = set(paired)
    total = sum(len(p.text.split()) for p in view.passages)
    shared = sum(len(p.text.split()) for p in view.passages if p.index in chosen)
    return shared / total if total else 0.0


def clear_caches() -> None:
    """Forget memoised words and sentence vectors (for benchmarks that measure a cold start)."""
    from reader.core.stories import embedding

    _normal.cache_clear()
    embedding.clear_memo()
