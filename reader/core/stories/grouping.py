"""Stories: grouping articles about the same event by the words of their headline and lead.

Each article becomes a TF-IDF vector of its headline (counted twice) and the first words of its
clean text; capitalised words (names, places, organisations) weigh more. Candidate pairs are
found through an inverted index of the rarer terms, so the work grows with the pairs that share
something, not with all pairs. Two articles are joined when their cosine passes a threshold that
depends on what we know of them: dated articles more than a week apart never join, those of the
same or the next day need less in common than those further apart; undated ones
need more text in common; two articles of the same named outlet need near-duplicate text (an
outlet's follow-ups on a running topic share its house vocabulary). Groups grow by average
linkage (a new member must be close to the group on average), which stops a chain of loosely
related articles from becoming one giant story.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from reader.core.models import Article, Story
from reader.core.text import clean

LEAD_WORDS = 150
LEAD_CHARS = 4000  # of the original body: room for 150 words after leading boilerplate
SIMILARITY_THRESHOLD = 0.15  # both articles dated, within MAX_DAYS_APART
NEAR_THRESHOLD = 0.12  # both dated, at most NEAR_DAYS apart: the same news cycle
NEAR_DAYS = 1
UNDATED_THRESHOLD = 0.2  # at least one of the two has no date
SAME_OUTLET_THRESHOLD = 0.65  # both from the same named outlet
MAX_DAYS_APART = 7
NAME_BOOST = 1.5
BACKGROUND = 200  # pretend articles that share no term: a small library still has rare words
RARE_SHARE = 0.02  # terms in more than this share of articles do not propose candidates

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|\d[\d,.]*\d")
_STOP = frozenset(
    """the and for that with this from have has had was were are its their they them his her
    she him but not all any can will would could should been being which who whom what when
    where why how than then there these those into over under about after before while also
    more most such only other some very just our out said says say one two new now may""".split()
)


def _terms(title: str, lead: str) -> tuple[Counter[str], set[str]]:
    """Term counts of headline (twice) and lead, and the terms seen capitalised mid-sentence."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for text, times in ((title, 2), (lead, 1)):
        for match in _TOKEN.finditer(text):
            word = match.group(0)
            term = word.lower().replace("\u2019", "'").removesuffix("'s")
            if len(term) < 3 or term in _STOP:
                continue
            counts[term] += times
            before = text[max(0, match.start() - 2) : match.start()].strip()
            if word[0].isupper() and match.start() > 0 and before not in {".", "?", "!", "\u201c"}:
                names.add(term)
    return counts, names


_TERMS_CACHE: dict[tuple[str, str, str], tuple[Counter[str], set[str]]] = {}
_TERMS_CACHE_LIMIT = 100_000


def article_terms(article: Article) -> tuple[Counter[str], set[str]]:
    """The clustering terms of one article (headline and lead of its clean text).

    Remembered per (id, title, body), so regrouping after an import cleans only new articles.
    """
    key = (article.id, article.title, article.body)
    found = _TERMS_CACHE.get(key)
    if found is None:
        body = article.body
        if len(body) > LEAD_CHARS:  # only the lead is used: clean no more than needed
            cut = body.rfind("\n", 0, LEAD_CHARS)
            body = body[: cut if cut > 0 else LEAD_CHARS]
        lead = Article(id=article.id, title=article.title, body=body)
        words = clean(lead).text.split()[:LEAD_WORDS]
        found = _terms(article.title, " ".join(words))
        if len(_TERMS_CACHE) >= _TERMS_CACHE_LIMIT:
            _TERMS_CACHE.clear()
        _TERMS_CACHE[key] = found
    return found


def clear_caches() -> None:
    """Forget remembered article terms (benchmarks measuring a cold start use it)."""
    _TERMS_CACHE.clear()


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _threshold(a: Article, b: Article) -> float | None:
    """The similarity two articles need to join, or None when they never can."""
    gap = _days_apart(a.published, b.published)
    if gap is not None and gap > MAX_DAYS_APART:
        return None
    if a.source and a.source == b.source:
        return SAME_OUTLET_THRESHOLD
    if gap is None:
        return UNDATED_THRESHOLD
    return NEAR_THRESHOLD if gap <= NEAR_DAYS else SIMILARITY_THRESHOLD


def _vectors(items: list[Article]) -> tuple[list[dict[str, float]], Counter[str]]:
    raw = [article_terms(a) for a in items]
    document_frequency: Counter[str] = Counter()
    for counts, _ in raw:
        document_frequency.update(counts.keys())
    n = len(items)
    vectors = []
    for counts, names in raw:
        weights = {
            w: (1.0 + math.log(c))
            * math.log((1 + n + BACKGROUND) / (1 + document_frequency[w]))
            * (NAME_BOOST if w in names else 1.0)
            for w, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items()})
    return vectors, document_frequency


def pair_similarities(items: list[Article]) -> dict[tuple[int, int], float]:
    """Cosine similarity (over shared rare terms) of every pair that shares one; i < j."""
    vectors, document_frequency = _vectors(items)
    most = max(5, int(len(items) * RARE_SHARE))
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            if 2 <= document_frequency[term] <= most:
                postings[term].append((i, weight))
    sims: dict[tuple[int, int], float] = defaultdict(float)
    for posting in postings.values():
        for k, (i, wi) in enumerate(posting):
            for j, wj in posting[k + 1 :]:
                sims[(i, j)] += wi * wj
    return sims


def group_stories(articles: Iterable[Article]) -> list[Story]:
    """Group articles into stories; every article is in exactly one (maybe alone)."""
    items = list(articles)
    sims = pair_similarities(items)
    edges = []
    lowest = min(NEAR_THRESHOLD, SIMILARITY_THRESHOLD, UNDATED_THRESHOLD, SAME_OUTLET_THRESHOLD)
    for (i, j), sim in sims.items():
        if sim < lowest:
            continue
        need = _threshold(items[i], items[j])
        if need is not None and sim >= need:
            edges.append((sim, i, j))
    edges.sort(reverse=True)
    group = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for _, i, j in edges:
        a, b = group[i], group[j]
        if a == b or not _close_on_average(members[a], members[b], items, sims):
            continue
        for k in members[b]:
            group[k] = a
        members[a].extend(members.pop(b))
    stories = [tuple(sorted(items[k].id for k in ids)) for ids in members.values()]
    stories.sort(key=lambda ids: (-len(ids), ids[0]))
    return [Story(id=f"story-{ids[0]}", article_ids=ids) for ids in stories]


def _close_on_average(
    left: list[int], right: list[int], items: list[Article], sims: dict[tuple[int, int], float]
) -> bool:
    """Average linkage: the mean similarity across the two groups passes the mean threshold."""
    total = need = 0.0
    for i in left:
        for j in right:
            threshold = _threshold(items[i], items[j])
            if threshold is None:
                return False
            total += sims.get((min(i, j), max(i, j)), 0.0)
            need += threshold
    return total >= need


def story_of(article_id: str, stories: Iterable[Story]) -> Story | None:
    """The story an article belongs to."""
    for story in stories:
        if article_id in story.article_ids:
            return story
    return None
