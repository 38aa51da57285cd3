"""Incremental story grouping: the graph of article pairs that could join, kept between imports.

After an import only the new, changed or removed articles, the articles they could join and the
whole stories of these are grouped again; every other story is kept as it was, object for
object. This is what makes grouping stable (an article that joins nothing changes nothing) and
cheap (an import of 100 articles costs the pairs of those 100, not of the library).

Pairs are found through postings of the rarer words of each article (background rarity at least
CANDIDATE_RARITY), bucketed by day: a dated article meets only articles at most MAX_SPAN days
away; an undated one meets undated ones, and dated ones only through very rare words
(STRONG_RARITY), the only way it could reach the strong threshold it needs.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from reader.core.models import Article, Story
from reader.core.stories import grouping
from reader.core.stories import story_vectors as vectors
from reader.core.stories.grouping import Item

CANDIDATE_RARITY = 3.5  # words at least this rare propose pairs (zipf about 4.6 or rarer)
STRONG_RARITY = 7.0  # words this rare (zipf about 3.3 or rarer) link undated to dated articles
TOP_TERMS = 20  # an article is found through its heaviest words only
UNDATED_TERMS = (20, 3.5)  # an undated article: found by the same words as a dated one
UNDATED_CAP = 300  # a word shared by more undated articles than this proposes no pair
WORTH_A_COSINE = 0.05  # what the heaviest words of two articles must share to be compared
BUCKET_CAP = 5_000  # a word shared by more articles of one day (or undated) proposes nothing

Bucket = int | None
Posting = tuple[str, float]  # an article id and the word's weight in its vector


class StoryGraph:
    """Articles, the similarities of their candidate pairs, and the current stories."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}
        self._keys: dict[str, int] = {}
        self._terms: dict[str, tuple[str, ...]] = {}
        self._postings: dict[str, dict[Bucket, list[Posting]]] = defaultdict(dict)
        self._sims: dict[str, dict[str, float]] = {}
        self._story: dict[str, Story] = {}

    def __len__(self) -> int:
        return len(self._items)

    # -- changes --------------------------------------------------------------------------

    def update(self, articles: Iterable[Article]) -> int:
        """Add new articles and replace changed ones; regroup what they touch. Returns count."""
        dirty: set[str] = set()
        fresh: list[Article] = []
        for article in articles:
            key = hash((article.title, article.body, article.source, article.published))
            if self._keys.get(article.id) == key:
                continue
            if article.id in self._items:
                dirty |= self._drop(article.id)
            self._keys[article.id] = key
            fresh.append(article)
        for article in fresh:
            self._add(grouping.item_of(article))
            dirty.add(article.id)
        self._regroup(dirty)
        return len(fresh)

    def sync(self, articles: Iterable[Article]) -> None:
        """Make the graph hold exactly these articles (removing those that are gone)."""
        articles = list(articles)
        present = {a.id for a in articles}
        self.remove(i for i in list(self._items) if i not in present)
        self.update(articles)

    def remove(self, ids: Iterable[str]) -> None:
        """Forget articles; regroup their former neighbours."""
        dirty: set[str] = set()
        for article_id in list(ids):
            if article_id in self._items:
                dirty |= self._drop(article_id)
                del self._keys[article_id]
        self._regroup(dirty - self._missing(dirty))

    def _missing(self, ids: set[str]) -> set[str]:
        return {i for i in ids if i not in self._items}

    def _add(self, item: Item) -> None:
        terms = _posted_terms(item)
        shared: dict[str, float] = defaultdict(float)
        for term in terms:
            buckets = self._postings.get(term)
            if buckets:
                weight = item.vector[term]
                for other_id, other_weight in _meet(item.day, buckets, vectors.term_rarity(term)):
                    shared[other_id] += weight * other_weight
        sims = self._sims.setdefault(item.id, {})
        for other_id, heavy in shared.items():
            if heavy < WORTH_A_COSINE:
                continue  # their heaviest words share too little for any threshold
            sim = vectors.cosine(item.vector, self._items[other_id].vector)
            if sim >= grouping.FLOOR:
                sims[other_id] = sim
                self._sims[other_id][item.id] = sim
        for term in terms:
            self._postings[term].setdefault(item.day, []).append((item.id, item.vector[term]))
        self._items[item.id] = item
        self._terms[item.id] = terms

    def _drop(self, article_id: str) -> set[str]:
        item = self._items.pop(article_id)
        for term in self._terms.pop(article_id):
            buckets = self._postings[term]
            kept = [entry for entry in buckets[item.day] if entry[0] != article_id]
            if kept:
                buckets[item.day] = kept
            else:
                del buckets[item.day]
        neighbours = set(self._sims.pop(article_id, {}))
        for other in neighbours:
            self._sims[other].pop(article_id, None)
        story = self._story.pop(article_id, None)
        if story is not None:
            neighbours.update(i for i in story.article_ids if i != article_id)
        return neighbours

    # -- grouping -------------------------------------------------------------------------

    def _region(self, dirty: set[str]) -> list[str]:
        """The articles to regroup: the changed ones, those they could join, and the whole
        stories of all of these. Everything else keeps its story: an article that joins
        nothing changes nothing, and an import costs its neighbourhood, not its component
        (undated articles can chain into components of thousands)."""
        region = {i for i in dirty if i in self._items}
        for article_id in list(region):
            item = self._items[article_id]
            for other, sim in self._sims[article_id].items():
                if grouping.joinable(item, self._items[other], sim):
                    region.add(other)
        for article_id in list(region):
            story = self._story.get(article_id)
            if story is not None:
                region.update(i for i in story.article_ids if i in self._items)
        return sorted(region)

    def _regroup(self, dirty: set[str]) -> None:
        ids = self._region(dirty)
        items = [self._items[i] for i in ids]
        position = {article_id: n for n, article_id in enumerate(ids)}
        sims: dict[tuple[int, int], float] = {}
        for n, article_id in enumerate(ids):
            for other, sim in self._sims[article_id].items():
                m = position.get(other)
                if m is not None and n < m:
                    sims[(n, m)] = sim
        for group in grouping.cluster(items, sims):
            story = grouping.make_story([items[k] for k in group])
            for article_id in story.article_ids:
                self._story[article_id] = story

    # -- reading --------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, biggest first, then by id."""
        unique = {story.id: story for story in self._story.values()}
        return sorted(unique.values(), key=lambda s: (-len(s.article_ids), s.id))

    def story_of(self, article_id: str) -> Story | None:
        """The story an article belongs to, or None when the graph does not hold it."""
        return self._story.get(article_id)

    def similarity(self, a: str, b: str) -> float:
        """The kept similarity of two articles (0 below the floor or when never compared)."""
        return self._sims.get(a, {}).get(b, 0.0)


def _posted_terms(item: Item) -> tuple[str, ...]:
    """The words an article is found by: its heaviest rare words (fewer and rarer when it is
    undated, as undated articles meet every other undated one, whatever the year)."""
    top, rarest = (TOP_TERMS, CANDIDATE_RARITY) if item.day is not None else UNDATED_TERMS
    ranked = heapq.nlargest(top, item.vector.items(), key=lambda kv: (kv[1], kv[0]))
    return tuple(t for t, _ in ranked if vectors.term_rarity(t) >= rarest)


def _meet(day: int | None, buckets: dict[Bucket, list[Posting]], rarity: float) -> list[Posting]:
    """The postings of a word that an article of this day may be paired with."""
    met: list[Posting] = []
    strong = rarity >= STRONG_RARITY
    if day is None:
        for bucket_day, ids in buckets.items():
            if (bucket_day is None or strong) and len(ids) <= UNDATED_CAP:
                met.extend(ids)
        return met
    days: list[Bucket] = list(range(day - grouping.MAX_SPAN, day + grouping.MAX_SPAN + 1))
    if strong:
        days.append(None)
    for other_day in days:
        found = buckets.get(other_day)
        if found and len(found) <= BUCKET_CAP:
            met.extend(found)
    return met


def group_stories(articles: Iterable[Article]) -> list[Story]:
    """Group articles into stories at once; every article is in exactly one (maybe alone)."""
    graph = StoryGraph()
    graph.update(articles)
    return graph.stories()
