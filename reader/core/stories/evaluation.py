"""Measuring story grouping against known events: pairwise precision and recall.

Used by the evaluation test and `benchmarks/compare.py` on the BASIL event triplets (each event
covered by three outlets) mixed with BBC News articles as distractors.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from reader.core.models import Article, Story


@dataclass(frozen=True)
class Scores:
    """Pairwise agreement of a grouping with the true events."""

    precision: float
    recall: float
    predicted_pairs: int
    true_pairs: int
    correct_pairs: int


def read_labelled(path: Path) -> list[tuple[Article, str]]:
    """JSON-lines records (id, title, source, published, url, body[, cluster]) as Articles.

    The label is the record's `cluster`, or its own id when it has none (a singleton).
    """
    labelled = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            article = Article(
                id=str(record["id"]),
                title=record.get("title") or "",
                body=record.get("body") or "",
                source=record.get("source") or "",
                published=(record.get("published") or "")[:10],
                url=record.get("url") or "",
            )
            labelled.append((article, str(record.get("cluster") or record["id"])))
    return labelled


def merge_duplicates(labelled: list[tuple[Article, str]]) -> dict[str, str]:
    """The labels with exact duplicates (same outlet and same headline or same text) merged.

    A corpus that holds one article twice has one story there, whatever its labels say.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    first: dict[tuple[str, str], str] = {}
    for article, label in labelled:
        for key in ("t:" + article.title.strip(), "b:" + article.body.strip()):
            other = first.setdefault((article.source, key), label)
            root_a, root_b = find(label), find(other)
            if root_a != root_b:
                parent[root_a] = root_b
    return {article.id: find(label) for article, label in labelled}


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {(a, b) if a < b else (b, a) for ids in groups for a, b in combinations(sorted(ids), 2)}


def pairwise_scores(stories: Iterable[Story], truth: dict[str, str]) -> Scores:
    """Precision and recall over pairs of articles put in one story."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for article_id, label in truth.items():
        by_label[label].append(article_id)
    predicted = _pairs(s.article_ids for s in stories)
    true = _pairs(by_label.values())
    correct = len(predicted & true)
    return Scores(
        precision=correct / len(predicted) if predicted else 1.0,
        recall=correct / len(true) if true else 1.0,
        predicted_pairs=len(predicted),
        true_pairs=len(true),
        correct_pairs=correct,
    )


@dataclass(frozen=True)
class BCubed:
    """B-cubed agreement: per article, how much of its predicted story is its event and back."""

    precision: float
    recall: float


def bcubed_scores(stories: Iterable[Story], truth: dict[str, str]) -> BCubed:
    """B-cubed precision and recall, averaged over the articles that `truth` labels.

    Unlike pairwise scores, every article counts once, so one giant wrong story cannot hide
    behind many small right ones (nor the reverse).
    """
    by_label: dict[str, set[str]] = defaultdict(set)
    for article_id, label in truth.items():
        by_label[label].add(article_id)
    precision = recall = 0.0
    counted = 0
    for story in stories:
        members = [i for i in story.article_ids if i in truth]
        for article_id in members:
            event = by_label[truth[article_id]]
            right = sum(1 for other in members if other in event)
            precision += right / len(members)
            recall += right / len(event)
            counted += 1
    if not counted:
        return BCubed(1.0, 1.0)
    return BCubed(precision / counted, recall / counted)
