"""Story grouping against known events, beside a textbook TF-IDF baseline, and its speed.

Quality (pairwise and B-cubed precision/recall, duplicates merged as in benchmarks/grouping.py):
- BASIL + BBC: 100 events of 3 outlets (NYT, Fox News, HuffPost; full articles) among 2,225
  undated BBC articles;
- BASIL short + BBC: the same, each BASIL article cut to its headline and first 90 words (the
  length of a roundup excerpt), to see whether short texts split;
- running stories: tests/data/running_stories.jsonl, written for this test: 6 running stories,
  each 3 day-level events (days 1-4 apart) of 3 outlets, every event labelled on its own;
  alone, and among the BBC distractors.
The baseline (benchmarks/_tfidf_baseline.py) has its threshold chosen on BASIL + BBC only (best
pairwise F1), then scored unchanged on the other sets.

Speed: a library of 100,000 articles made of the ../shared news and event corpora repeated
(every repeat's dates moved 20 years on, so repeats never meet; see library()): a full grouping,
then imports of 100 new articles regrouped incrementally. Needs ../shared/corpora; prints a line and exits 0 without it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _tfidf_baseline as baseline  # noqa: E402
from _common import percentile, read_records, to_article  # noqa: E402

from reader.core.models import Article, Story  # noqa: E402
from reader.core.stories import story_vectors as vectors  # noqa: E402
from reader.core.stories.evaluation import (  # noqa: E402
    bcubed_scores,
    merge_duplicates,
    pairwise_scores,
    read_labelled,
)
from reader.core.stories.graph import (
    StoryGraph,  # noqa: E402
    group_stories,  # noqa: E402
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
RUNNING = ROOT / "tests" / "data" / "running_stories.jsonl"
Labelled = list[tuple[Article, str]]


def short(article: Article, words: int = 90) -> Article:
    """The article cut to its headline and first `words` words."""
    body = " ".join(article.body.split()[:words])
    return Article(article.id, article.title, body, article.source, article.published)


def line(name: str, stories: list[Story], labelled: Labelled) -> str:
    """One line of pairwise and B-cubed figures."""
    truth = merge_duplicates(labelled)
    pair = pairwise_scores(stories, truth)
    cube = bcubed_scores(stories, truth)
    return (
        f"  {name:9} pairwise P {pair.precision:.3f} R {pair.recall:.3f} "
        f"({pair.correct_pairs}/{pair.predicted_pairs} right, {pair.true_pairs} true)  "
        f"B-cubed P {cube.precision:.3f} R {cube.recall:.3f}"
    )


def f1(stories: list[Story], labelled: Labelled) -> float:
    s = pairwise_scores(stories, merge_duplicates(labelled))
    return 2 * s.precision * s.recall / (s.precision + s.recall or 1.0)


def quality() -> None:
    """Print our grouping and the baseline on every labelled set."""
    basil = read_labelled(SHARED / "events" / "basil_triplets_2010_2019.jsonl")
    bbc = read_labelled(SHARED / "news" / "bbc_news_2004_2005.jsonl")
    running = read_labelled(RUNNING)
    sets: dict[str, Labelled] = {
        "BASIL + BBC": basil + bbc,
        "BASIL short (headline + 90 words) + BBC": [(short(a), c) for a, c in basil] + bbc,
        f"running stories ({len(running)} excerpts)": running,
        "running stories + BBC": running + bbc,
    }
    tuning = sets["BASIL + BBC"]
    tuning_articles = [a for a, _ in tuning]
    tuning_merges = baseline.merges(tuning_articles, 0.05)
    grid = [round(0.05 + 0.025 * k, 3) for k in range(31)]
    chosen = max(
        grid, key=lambda t: f1(baseline.stories_at(tuning_articles, tuning_merges, t), tuning)
    )
    print(f"TF-IDF baseline threshold chosen on BASIL + BBC (best pairwise F1): {chosen}")
    for name, labelled in sets.items():
        articles = [a for a, _ in labelled]
        start = time.perf_counter()
        ours = group_stories(articles)
        took = time.perf_counter() - start
        done = tuning_merges if labelled is tuning else baseline.merges(articles, chosen)
        print(f"{name} ({len(articles)} articles; ours grouped in {took:.1f} s)")
        print(line("ours", ours, labelled))
        print(line("baseline", baseline.stories_at(articles, done, chosen), labelled))


def library(size: int) -> list[Article]:
    """`size` articles: the shared corpora repeated. Each repeat's dates move 20 years on, and
    a repeat of an undated article gets a date of its own (spread over ten years), so the
    library keeps the corpora's 3,091 undated articles rather than ten copies of each."""
    files = sorted((SHARED / "news").glob("*.jsonl")) + sorted((SHARED / "events").glob("*.jsonl"))
    records = list(read_records(files))
    articles: list[Article] = []
    repeat = 0
    while len(articles) < size:
        for n, record in enumerate(records[: size - len(articles)]):
            article = to_article(record, f"~{repeat}" if repeat else "")
            if repeat:
                try:
                    moved = date.fromisoformat(article.published)
                except ValueError:
                    moved = date(2000 + n % 10, 1 + n % 12, 1 + n % 28)
                year = min(9999, moved.year + 20 * repeat)
                moved = moved.replace(year=year, day=min(moved.day, 28 if moved.month == 2 else 31))
                article = Article(**{**article.__dict__, "published": moved.isoformat()})
            articles.append(article)
        repeat += 1
    return articles


def speed(size: int = 100_000, batch: int = 100, repeats: int = 5) -> None:
    """A full grouping of `size` articles, then incremental imports of `batch` new ones."""
    articles = library(size + batch * repeats)
    base = articles[:size]
    extra = [  # new headlines: their vectors are made during the import, as for a real one
        Article(**{**a.__dict__, "title": f"{a.title} (update)"}) for a in articles[size:]
    ]
    start = time.perf_counter()
    for article in base:
        vectors.article_vector(article)
    took = time.perf_counter() - start
    print(
        f"vectors (cleaning headline + lead) of {size:,} articles: {took:.1f} s "
        f"({took / size * 1000:.2f} ms per article; repeats reuse the first copy's)"
    )
    start, cpu = time.perf_counter(), time.process_time()
    graph = StoryGraph()
    graph.update(base)
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    stories = graph.stories()
    print(
        f"full grouping of {size:,} articles (vectors known): {full:.1f} s wall, "
        f"{full_cpu:.1f} s CPU (load {os.getloadavg()[0]:.1f}); "
        f"{len(stories):,} stories, {sum(1 for s in stories if len(s.article_ids) > 1):,} "
        f"of 2 or more"
    )
    times, cpus = [], []
    for k in range(repeats):
        new = extra[k * batch : (k + 1) * batch]
        start, cpu = time.perf_counter(), time.process_time()
        graph.update(new)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    print(
        f"importing {batch} articles into {size:,} (vectors included, {repeats} imports): "
        f"median {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s wall; "
        f"median {statistics.median(cpus):.2f} s CPU (load {os.getloadavg()[0]:.1f})"
    )


def main() -> int:
    """Print the figures."""
    if not (SHARED / "events").exists():
        print(f"skipped: {SHARED} is not available")
        return 0
    print(f"load: {os.getloadavg()[0]:.1f} (1-minute average), {os.cpu_count()} cores")
    quality()
    speed(int(os.environ.get("STORIES_BENCH_SIZE", "100000")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
