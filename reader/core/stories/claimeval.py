"""Measuring claim alignment on BASIL: pairs found, outlet pairs left empty, judged precision.

BASIL has 100 events, each reported by three outlets: 300 outlet pairs. Every outlet pair is
aligned as `compare_story` would (claims and word weights from the event's three articles).
Precision comes from passage pairs judged by hand and kept as data in
tests/data/claim_pair_labels.jsonl: each line names two passages (article id, passage index and
a hash of the passage text, so a change in cleaning is noticed rather than mislabelled) and
whether they state the same claim. The judged pairs are a random sample of candidate pairs, so
the judged pairs among the output are a random sample of the output.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from reader.core.models import CleanArticle
from reader.core.stories.align import Alignment, align, story_claims
from reader.core.stories.evaluation import read_labelled
from reader.core.text import clean

PassageKey = tuple[str, int, str, int]  # left id, left passage, right id, right passage


def passage_hash(text: str) -> str:
    """The short hash a label keeps of each passage's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Label:
    """One judged passage pair."""

    key: PassageKey
    hashes: tuple[str, str]
    same_claim: bool


def read_labels(path: Path) -> list[Label]:
    """The judged pairs of a JSON Lines file."""
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            labels.append(
                Label(
                    (r["left"], r["left_passage"], r["right"], r["right_passage"]),
                    (r["left_sha1"], r["right_sha1"]),
                    bool(r["same_claim"]),
                )
            )
    return labels


@dataclass
class ClaimScores:
    """What the alignment found on BASIL and how much of it is right."""

    outlet_pairs: int = 0
    empty_outlet_pairs: int = 0
    claim_pairs: int = 0
    passage_pairs: int = 0
    same_words: int = 0
    judged: int = 0
    judged_correct: int = 0
    stale_labels: int = 0  # labels whose passage text no longer matches
    unjudged: list[PassageKey] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of judged output pairs that state the same claim."""
        return self.judged_correct / self.judged if self.judged else 0.0

    @property
    def correct_estimate(self) -> int:
        """Passage pairs found times the judged precision."""
        return round(self.passage_pairs * self.precision)


def basil_views(path: Path) -> dict[str, list[CleanArticle]]:
    """The clean articles of each BASIL event."""
    events: dict[str, list[CleanArticle]] = defaultdict(list)
    for article, label in read_labelled(path):
        events[label].append(clean(article))
    return dict(events)


def basil_alignments(events: dict[str, list[CleanArticle]]) -> list[Alignment]:
    """Every outlet pair of every event, aligned."""
    found = []
    for views in events.values():
        story = story_claims(views)
        found += [align(a, b, story) for a, b in combinations(views, 2)]
    return found


def score(
    alignments: list[Alignment], events: dict[str, list[CleanArticle]], labels: list[Label]
) -> ClaimScores:
    """Count pairs and judge them against the labels (either order of the two articles)."""
    texts = {
        (v.article.id, p.index): p.text
        for views in events.values()
        for v in views
        for p in v.passages
    }
    judged: dict[PassageKey, bool] = {}
    result = ClaimScores()
    for label in labels:
        a, i, b, j = label.key
        if (passage_hash(texts.get((a, i), "")), passage_hash(texts.get((b, j), ""))) != (
            label.hashes
        ):
            result.stale_labels += 1
            continue
        judged[label.key] = label.same_claim
        judged[(b, j, a, i)] = label.same_claim
    for alignment in alignments:
        result.outlet_pairs += 1
        result.claim_pairs += len(alignment.claims)
        result.same_words += sum(c.kind == "same words" for c in alignment.claims)
        keys = {
            (alignment.left_id, c.left.passage, alignment.right_id, c.right.passage)
            for c in alignment.claims
        }
        result.passage_pairs += len(keys)
        result.empty_outlet_pairs += not keys
        for key in sorted(keys):
            if key in judged:
                result.judged += 1
                result.judged_correct += judged[key]
            else:
                result.unjudged.append(key)
    return result
