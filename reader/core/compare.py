"""Stories: grouping articles about the same event by the words of their headline and lead.

Two articles belong to one story when the TF-IDF cosine similarity of their headline and
opening paragraphs passes a threshold and their dates (when both have one) are close.
Stories are the connected groups of that relation.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from reader.core.models import Article, Story
from reader.core.text import clean

LEAD_WORDS = 150
SIMILARITY_THRESHOLD = 0.2
MAX_DAYS_APART = 7

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    """the and for that with this from have has had was were are its their they them his her
    she him but not all any can will would could should been being which who whom what when
    where why how than then there these those into over under about after before while also
    more most such only other some very just our out said says say one two new now may""".split()
)


def _terms(article: Article) -> Counter[str]:
    text = clean(article).text
    lead = " ".join(text.split()[:LEAD_WORDS])
    words = [w.lower() for w in _WORD.findall(f"{article.title} {article.title} {lead}")]
    return Counter(w for w in words if w not in _STOP)


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def group_stories(articles: Iterable[Article]) -> list[Story]:
    """Group articles into stories; every article is in exactly one (maybe alone)."""
    items = list(articles)
    vectors = [_terms(a) for a in items]
    document_frequency: Counter[str] = Counter()
    for vector in vectors:
        document_frequency.update(vector.keys())
    n = len(items)
    weighted = []
    for vector in vectors:
        weights = {
            w: c * (math.log((1 + n) / (1 + document_frequency[w])) + 1.0)
            for w, c in vector.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        weighted.append({w: v / norm for w, v in weights.items()})
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            gap = _days_apart(items[i].published, items[j].published)
            if gap is not None and gap > MAX_DAYS_APART:
                continue
            if similarity(weighted[i], weighted[j]) >= SIMILARITY_THRESHOLD:
                parent[find(i)] = find(j)
    groups: dict[int, list[str]] = {}
    for i, article in enumerate(items):
        groups.setdefault(find(i), []).append(article.id)
    stories = [tuple(sorted(ids)) for ids in groups.values()]
    stories.sort(key=lambda ids: (-len(ids), ids[0]))
    return [Story(id=f"story-{ids[0]}", article_ids=ids) for ids in stories]


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def story_of(article_id: str, stories: Iterable[Story]) -> Story | None:
    """The story an article belongs to."""
    for story in stories:
        if article_id in story.article_ids:
            return story
    return None
