"""Measuring quote attribution against speakers judged by hand (tests/data/quote_speaker_labels.jsonl).

Each label names a quotation (article, passage, offsets in the passage, a hash of the passage
text) and its true speaker's surname, or "" when no named person said it (a title, a document,
an unnamed officer). Precision counts attributed quotes whose speaker ends with that surname;
unattributed quotes are allowed and counted apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reader.core.models import CleanArticle
from reader.core.stories.facts import extract


@dataclass(frozen=True)
class QuoteScores:
    """How attribution did on the judged quotes."""

    judged: int
    attributed: int
    correct: int
    stale: int
    wrong: tuple[tuple[str, str, str], ...]  # (quote start, said, truth)

    @property
    def precision(self) -> float:
        """Share of attributed judged quotes given to their true speaker."""
        return self.correct / self.attributed if self.attributed else 0.0


def score_quotes(views: dict[str, CleanArticle], labels_path: Path) -> QuoteScores:
    """Attribute every judged quote's article and compare with the labels."""
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()]
    facts: dict[str, dict[tuple[int, int], str]] = {}
    judged = attributed = correct = stale = 0
    wrong = []
    for label in labels:
        view = views.get(label["article"])
        passage = view.passages[label["passage"]] if view else None
        if (
            view is None
            or passage is None
            or hashlib.sha1(passage.text.encode("utf-8")).hexdigest()[:12] != label["passage_sha1"]
        ):
            stale += 1
            continue
        if label["article"] not in facts:
            facts[label["article"]] = {
                (f.start, f.end): f.key for f in extract(view) if f.kind == "quote"
            }
        said = facts[label["article"]].get(
            (passage.start + label["start"], passage.start + label["end"]), "unattributed"
        )
        judged += 1
        if said == "unattributed":
            continue
        attributed += 1
        truth = label["speaker"].lower()
        if truth and said.lower().split()[-1] == truth:
            correct += 1
        else:
            wrong.append((passage.text[label["start"] : label["start"] + 40], said, truth))
    return QuoteScores(judged, attributed, correct, stale, tuple(wrong))
