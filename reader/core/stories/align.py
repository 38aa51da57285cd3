"""Passage alignment between two articles: which passages say the same thing.

Passages are compared as TF-IDF vectors of lightly stemmed content words (document frequency
taken over the passages of the articles being compared, so words every passage uses count for
little). Pairs are chosen greedily, best first, each passage in at most one pair. A pair is
"exact" when the normalised words are the same and "paraphrase" when the cosine passes
PARAPHRASE_THRESHOLD; every other passage is unique to its article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest

from reader.core.models import CleanArticle, Passage
from reader.core.stories.vectors import cosine

PARAPHRASE_THRESHOLD = 0.25
MIN_WORDS = 8  # shorter passages (headings like "Challenges Ahead") pair only when identical

_WORD = re.compile(r"[^\W\d_]+|\d[\d,.]*\d|\d")
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they them his her their our we you i not no so than then
    there which who whom what when where why how has have had do does did will would could should
    can may might also just more most such only other into over about after before while said""".split()
)


def stem(word: str) -> str:
    """A crude English stem: enough to match "raids" with "raid" and "enforced" with "enforce"."""
    for suffix in (
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ied",
        "es",
        "ed",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Content words of a text, case-folded and stemmed."""
    found = (w.casefold().replace("\u2019", "'") for w in _WORD.findall(text))
    return [stem(w) for w in found if w not in _STOP]


@dataclass(frozen=True)
class PassagePair:
    """Two passages, one from each article, that say the same thing."""

    left: int  # passage index in the left article
    right: int
    similarity: float  # cosine of their word vectors, 0..1
    kind: str  # "exact" | "paraphrase"


@dataclass(frozen=True)
class Alignment:
    """How two articles' passages correspond."""

    left_id: str
    right_id: str
    pairs: tuple[PassagePair, ...]
    unique_left: tuple[int, ...]
    unique_right: tuple[int, ...]

    def rows(self) -> list[tuple[int | None, int | None, PassagePair | None]]:
        """Reading order for two columns: pairs side by side, unique passages in between.

        Follows the left article. The unique passages of both sides that fall between two
        pairs share rows (each still marked unique); a right passage goes no later than the
        pair that follows it on its own side.
        """
        by_left = {p.left: p for p in self.pairs}
        right_unique = sorted(self.unique_right)
        rows: list[tuple[int | None, int | None, PassagePair | None]] = []
        waiting: list[int] = []

        def flush(before: int | None) -> None:
            taken = [r for r in right_unique if before is None or r < before]
            del right_unique[: len(taken)]
            for left, right in zip_longest(waiting, taken):
                rows.append((left, right, None))
            waiting.clear()

        for left in range(max([*self.unique_left, *by_left, -1]) + 1):
            pair = by_left.get(left)
            if pair is None:
                if left in self.unique_left:
                    waiting.append(left)
                continue
            flush(pair.right)
            rows.append((left, pair.right, pair))
        flush(None)
        return rows


Vectors = dict[str, list[dict[str, float]]]


@lru_cache(maxsize=16384)
def _bag(text: str) -> Counter[str]:
    return Counter(words(text))


def passage_vectors(views: Sequence[CleanArticle]) -> Vectors:
    """TF-IDF vectors of every comparable passage, document frequency over all of `views`."""
    bags = {v.article.id: [_bag(p.text) for p in _comparable(v)] for v in views}
    frequency: Counter[str] = Counter()
    total = 0
    for group in bags.values():
        for bag in group:
            frequency.update(bag.keys())
            total += 1
    vectors: Vectors = {}
    for article_id, group in bags.items():
        out = []
        for bag in group:
            weights = {
                w: (1 + math.log(c)) * math.log((1 + total) / frequency[w]) for w, c in bag.items()
            }
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            out.append({w: v / norm for w, v in weights.items()})
        vectors[article_id] = out
    return vectors


def _comparable(view: CleanArticle) -> list[Passage]:
    return [p for p in view.passages if p.kind != "table"]


@lru_cache(maxsize=16384)
def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def align(
    left: CleanArticle,
    right: CleanArticle,
    threshold: float = PARAPHRASE_THRESHOLD,
    vectors: Vectors | None = None,
) -> Alignment:
    """Pair the passages of two articles that say the same thing; the rest are unique.

    `vectors` (from `passage_vectors` over the whole story) saves recomputing them per pair.
    """
    lp, rp = _comparable(left), _comparable(right)
    if vectors is None:
        vectors = passage_vectors([left, right])
    lv, rv = vectors[left.article.id], vectors[right.article.id]
    right_normal = [_normal(b.text) for b in rp]
    right_long = [len(b.text.split()) >= MIN_WORDS for b in rp]
    candidates = []
    for i, a in enumerate(lp):
        normal = _normal(a.text)
        long_a = len(a.text.split()) >= MIN_WORDS
        for j in range(len(rp)):
            if normal == right_normal[j]:
                candidates.append((1.0, i, j, "exact"))
            elif long_a and right_long[j]:
                sim = cosine(lv[i], rv[j])
                if sim >= threshold:
                    candidates.append((sim, i, j, "paraphrase"))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for sim, i, j, kind in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append(PassagePair(lp[i].index, rp[j].index, round(min(sim, 1.0), 3), kind))
    pairs.sort(key=lambda p: p.left)
    paired_left = {p.left for p in pairs}
    paired_right = {p.right for p in pairs}
    return Alignment(
        left.article.id,
        right.article.id,
        tuple(pairs),
        tuple(p.index for p in left.passages if p.index not in paired_left),
        tuple(p.index for p in right.passages if p.index not in paired_right),
    )


def shared_share(view: CleanArticle, paired: Iterable[int]) -> float:
    """The share of an article's words that lie in passages paired with another article."""
    chosen = set(paired)
    total = sum(len(p.text.split()) for p in view.passages)
    shared = sum(len(p.text.split()) for p in view.passages if p.index in chosen)
    return shared / total if total else 0.0


def clear_caches() -> None:
    """Forget the memoised passage words (for benchmarks that measure a cold start)."""
    _bag.cache_clear()
    _normal.cache_clear()
