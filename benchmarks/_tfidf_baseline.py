"""The textbook baseline story grouping is measured against (issue #15).

Plain TF-IDF cosine over headline and body (document frequencies from the articles being grouped,
smoothed idf, raw counts, a few stop words), average linkage (UPGMA) to a threshold, two articles
more than WINDOW days apart never in one story, and two articles of one named outlet never in one
story unless near-copies (cosine >= SAME_OUTLET). Its threshold is chosen on BASIL + BBC only.

Average linkage with cannot-links (-inf) stays monotone, so one run down to the lowest threshold
records every merge with its height, and any higher threshold replays the merges above it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date

import numpy as np

from reader.core.models import Article, Story

WINDOW = 3
SAME_OUTLET = 0.8
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    """a an the and or of to in on for with at by from as is are was were be been it its that this
    he she they we you i his her their our not but has have had will would said says""".split()
)

Merge = tuple[float, int, int]


def _vectors(articles: list[Article]) -> list[dict[str, float]]:
    counts = [
        Counter(t for t in _TOKEN.findall(f"{a.title}\n{a.body}".lower()) if t not in _STOP)
        for a in articles
    ]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    vectors = []
    for c in counts:
        v = {t: k * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


def similarity_matrix(articles: list[Article]) -> np.ndarray:
    """Cosines of all pairs, -inf where the window or the outlet rule forbids a pair."""
    n = len(articles)
    postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for i, vector in enumerate(_vectors(articles)):
        for term, weight in vector.items():
            postings[term][0].append(i)
            postings[term][1].append(weight)
    sims = np.zeros((n, n))
    for docs, weights in postings.values():
        if len(docs) > 1:
            idx = np.array(docs)
            w = np.array(weights)
            sims[np.ix_(idx, idx)] += np.outer(w, w)
    days = np.array([_day(a.published) for a in articles], dtype=float)
    apart = np.abs(days[:, None] - days[None, :]) > WINDOW  # NaN (undated) compares False
    outlets = np.array([a.source.strip().casefold() for a in articles])
    same = (outlets[:, None] == outlets[None, :]) & (outlets[:, None] != "")
    sims[apart | (same & (sims < SAME_OUTLET))] = -np.inf
    np.fill_diagonal(sims, -np.inf)
    return sims


def _day(published: str) -> float:
    try:
        return float(date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return math.nan


def merges(articles: list[Article], lowest: float) -> list[Merge]:
    """Every average-linkage merge (height, i, j) down to `lowest`, highest first."""
    sims = similarity_matrix(articles)
    size = np.ones(len(articles))
    done: list[Merge] = []
    while len(articles) > 1:
        flat = int(np.argmax(sims))
        i, j = divmod(flat, len(articles))
        height = float(sims[i, j])
        if not height >= lowest:
            break
        done.append((height, i, j))
        with np.errstate(invalid="ignore"):
            row = (size[i] * sims[i] + size[j] * sims[j]) / (size[i] + size[j])
        sims[i], sims[:, i] = row, row
        sims[j], sims[:, j] = -np.inf, -np.inf
        sims[i, i] = -np.inf
        size[i] += size[j]
    return done


def stories_at(articles: list[Article], done: list[Merge], threshold: float) -> list[Story]:
    """The stories left by replaying the merges at or above `threshold`."""
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for height, i, j in done:
        if height >= threshold:
            parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for k, article in enumerate(articles):
        groups[find(k)].append(article.id)
    return [Story(f"story-{min(ids)}", tuple(sorted(ids))) for ids in groups.values()]
