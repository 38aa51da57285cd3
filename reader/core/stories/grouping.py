"""Stories: grouping articles about the same event, one outlet's article at most, within days.

Each article is a weighted word vector of its headline and lead (reader.core.stories.story_vectors), weighed
by a fixed background, so the similarity of two articles never depends on the rest of the
library. Two articles can join when their cosine passes a threshold set by what we know of them:
- time is a first-class signal: articles of the same or the next day need THRESHOLD; the need
  rises by DAY_STEP for every further day, and no story spans more than MAX_SPAN days. The
  day-by-day events of a running story (strikes on the 11th, the 13th, the 15th) share all their
  topic words; only the calendar tells them apart.
- two undated articles need UNDATED_THRESHOLD; an undated article joins a dated one only on
  strong evidence (STRONG_THRESHOLD), and the story lists it as undated.
- one article per outlet per story: two articles of one named outlet share a story only when one
  is a copy of the other (DUPLICATE_THRESHOLD), checked for the whole story, not the pair.
Stories grow by average linkage (the mean similarity across two groups must pass their mean
threshold), strongest pairs first; ties are broken by article id, never by import order.

Grouping is incremental (reader.core.stories.graph): an import regroups only the articles it
brings, those they could join and their stories, so an article that joins nothing leaves every
story as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reader.core.models import Article, Story
from reader.core.stories import story_vectors as vectors

THRESHOLD = 0.18  # both dated, the same or the next day
DAY_STEP = 0.08  # added for each day apart beyond the first
MAX_SPAN = 3  # days between the first and the last dated article of a story
UNDATED_THRESHOLD = 0.18  # both undated: no date is no evidence of distance either
STRONG_THRESHOLD = 0.5  # one dated, one undated
DUPLICATE_THRESHOLD = 0.8  # two articles of one named outlet: a copy, not a follow-up
FLOOR = 0.04  # similarities below this count as none (and are not kept)


@dataclass(frozen=True)
class Item:
    """What grouping needs of an article: id, outlet, day number (or None) and vector."""

    id: str
    outlet: str
    day: int | None
    vector: vectors.Vector


def day_number(published: str) -> int | None:
    """The proleptic day number of an ISO date, or None when there is none (or it is bad)."""
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def item_of(article: Article) -> Item:
    """The grouping view of an article."""
    return Item(
        id=article.id,
        outlet=article.source.strip().casefold(),
        day=day_number(article.published),
        vector=vectors.article_vector(article),
    )


def threshold(a: Item, b: Item) -> float | None:
    """The similarity two articles need to join, or None when they never can."""
    if a.outlet and a.outlet == b.outlet:
        return DUPLICATE_THRESHOLD
    if a.day is None and b.day is None:
        return UNDATED_THRESHOLD
    if a.day is None or b.day is None:
        return STRONG_THRESHOLD
    gap = abs(a.day - b.day)
    if gap > MAX_SPAN:
        return None
    return THRESHOLD + DAY_STEP * max(0, gap - 1)


def joinable(a: Item, b: Item, sim: float) -> bool:
    """True when the pair alone passes its threshold (an edge of the story graph)."""
    need = threshold(a, b)
    return need is not None and sim >= need


class _Groups:
    """Union of groups with the checks a merge must pass; members kept per group."""

    def __init__(self, items: Sequence[Item], sims: dict[tuple[int, int], float]) -> None:
        self.items = items
        self.sims = sims
        self.group = list(range(len(items)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def sim(self, i: int, j: int) -> float:
        """The pair's similarity; pairs the candidate search skipped are computed here."""
        key = (i, j) if i < j else (j, i)
        found = self.sims.get(key)
        if found is None:
            found = vectors.cosine(self.items[i].vector, self.items[j].vector)
            self.sims[key] = found
        return found

    def try_merge(self, i: int, j: int) -> None:
        a, b = self.group[i], self.group[j]
        if a == b or not self._allowed(self.members[a], self.members[b]):
            return
        for k in self.members[b]:
            self.group[k] = a
        self.members[a].extend(self.members.pop(b))

    def _allowed(self, left: list[int], right: list[int]) -> bool:
        days = [self.items[k].day for k in (*left, *right)]
        dated = [d for d in days if d is not None]
        if dated and max(dated) - min(dated) > MAX_SPAN:
            return False
        total = need = 0.0
        for i in left:
            a = self.items[i]
            for j in right:
                b = self.items[j]
                sim = self.sim(i, j)
                if a.outlet and a.outlet == b.outlet and sim < DUPLICATE_THRESHOLD:
                    return False  # one article per outlet per story
                pair_need = threshold(a, b)
                if pair_need is None:
                    return False
                total += sim
                need += pair_need
        return total >= need


def cluster(items: Sequence[Item], sims: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups (lists of indexes) of items; sims maps index pairs i < j to their similarity."""
    edges = [
        (-sim, items[i].id, items[j].id, i, j)
        for (i, j), sim in sims.items()
        if joinable(items[i], items[j], sim)
    ]
    edges.sort()
    groups = _Groups(items, sims)
    for _, _, _, i, j in edges:
        groups.try_merge(i, j)
    return list(groups.members.values())


def make_story(items: Sequence[Item]) -> Story:
    """A story of these items: its id is that of its first article id, undated members named."""
    ids = tuple(sorted(item.id for item in items))
    undated = tuple(sorted(item.id for item in items if item.day is None))
    if len(ids) < 2 or len(undated) == len(ids):
        undated = ()  # "undated" is news only beside dated members
    return Story(id=f"story-{ids[0]}", article_ids=ids, undated_ids=undated)


def clear_caches() -> None:
    """Forget remembered article vectors (benchmarks measuring a cold start use it)."""
    vectors.clear_caches()


def story_of(article_id: str, stories: Iterable[Story]) -> Story | None:
    """The story an article belongs to."""
    for story in stories:
        if article_id in story.article_ids:
            return story
    return None
