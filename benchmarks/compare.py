"""Story grouping quality and speed, and the time to open a comparison of a 10-article story.

Grouping: the 300 BASIL articles (100 events, each covered by NYT, Fox News and HuffPost) mixed
with 2,225 BBC News articles as distractors; pairwise precision and recall against the events.
Opening: the 5 sample articles plus the 5 longest BASIL articles, compared as one story (clean
text, facts, all 45 pairwise alignments, disagreements), as `Workspace.compare` does once the
story is known. Needs ../shared/corpora; prints a line and exits 0 without it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.corpus import read_corpus
from reader.core.locations import sample_corpus_dir
from reader.core.models import Article, Story
from reader.core.stories import align, embedding
from reader.core.stories import grouping as compare
from reader.core.stories.claims import claims_of
from reader.core.stories.comparison import compare_story
from reader.core.stories.evaluation import merge_duplicates, pairwise_scores, read_labelled
from reader.core.stories.graph import group_stories
from reader.core.text import clean

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def timed(run: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    """Wall times of `repeats` runs and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return times, result


def p95(times: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    """Print the figures."""
    events_path = SHARED / "events" / "basil_triplets_2010_2019.jsonl"
    bbc_path = SHARED / "news" / "bbc_news_2004_2005.jsonl"
    if not events_path.exists() or not bbc_path.exists():
        print(f"skipped: {SHARED} is not available")
        return 0
    events, bbc = read_labelled(events_path), read_labelled(bbc_path)
    labelled = events + bbc
    articles = [a for a, _ in labelled]

    def cold() -> list[Story]:
        compare.clear_caches()
        return group_stories(articles)

    times, stories = timed(cold, 3)
    assert isinstance(stories, list)
    print(
        f"grouping {len(articles)} articles ({len(events)} BASIL + {len(bbc)} BBC), cold: "
        f"median {statistics.median(times):.2f} s, p95 {p95(times):.2f} s over {len(times)} runs"
    )
    extra = Article(id="bench-new", title="A new article arrives", body="Fresh text. " * 40)
    warm, _ = timed(lambda: group_stories([*articles, extra]), 3)
    print(
        f"regrouping after one article is added (terms of the others remembered): "
        f"median {statistics.median(warm):.2f} s, p95 {p95(warm):.2f} s over {len(warm)} runs"
    )
    strict = pairwise_scores(stories, {a.id: label for a, label in labelled})
    merged = pairwise_scores(stories, merge_duplicates(labelled))
    event_ids = {a.id: label for a, label in events}
    among = pairwise_scores(
        [Story(s.id, tuple(i for i in s.article_ids if i in event_ids)) for s in stories], event_ids
    )
    for name, s in (
        ("duplicates merged", merged),
        ("strict labels", strict),
        ("BASIL articles only", among),
    ):
        print(
            f"  {name:20} precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"({s.correct_pairs} of {s.predicted_pairs} predicted pairs correct, "
            f"{s.true_pairs} true pairs)"
        )
    print(
        f"  {len(stories)} stories; largest has {max(len(s.article_ids) for s in stories)} articles"
    )

    sample = [a for a in read_corpus(sample_corpus_dir()) if isinstance(a, Article)]
    longest = sorted((a for a, _ in events), key=lambda a: -len(a.body))[:5]
    story = sample + longest
    words = sum(len(a.body.split()) for a in story)

    def open_comparison() -> object:
        align.clear_caches()  # a cold open: no remembered words or sentence vectors
        views = [clean(a) for a in story]
        return compare_story("bench", views, story[0].id)

    start = time.perf_counter()
    embedding.warm_up()  # the TUI loads the model in the background at start
    print(f"embedding model ({embedding.MODEL}) loaded in {time.perf_counter() - start:.2f} s")
    cpu: list[float] = []

    def measured() -> object:
        before = time.process_time()
        result = open_comparison()
        cpu.append(time.process_time() - before)
        return result

    times, _ = timed(measured, 20)
    print(
        f"opening a comparison of {len(story)} articles ({words:,} words: 5 sample + 5 longest "
        f"BASIL; cleaning, sentence embeddings, facts, 45 claim alignments, disagreements): "
        f"wall median {statistics.median(times) * 1000:.0f} ms, p95 {p95(times) * 1000:.0f} ms; "
        f"CPU median {statistics.median(cpu) * 1000:.0f} ms, p95 {p95(cpu) * 1000:.0f} ms over "
        f"{len(times)} runs; load {os.getloadavg()[0]:.1f} on 2 cores"
    )
    sentences = [c.text for v in (clean(a) for a in story) for c in claims_of(v)]
    embedding.clear_memo()
    start = time.perf_counter()
    embedding.sentence_vectors(sentences)
    spent = time.perf_counter() - start
    per_article = sum(len(claims_of(clean(a))) for a, _ in events) / len(events)
    size = 100_000 * per_article * embedding.DIMENSIONS * 2 / 1e9
    print(
        f"embedding its {len(sentences)} sentences: {spent * 1000:.0f} ms; stored as float16 "
        f"for 100,000 articles ({per_article:.0f} sentences each, as BASIL) they would take "
        f"{size:.1f} GB, so they are kept in an in-process memo of at most "
        f"{embedding.MEMO_SIZE:,} sentences ({embedding.MEMO_SIZE * embedding.DIMENSIONS * 4 / 1e6:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
