"""Re-anchoring speed and outcome on real human-marked passages (BASIL, ../shared corpora).

Prints, for each change to the article bodies, the outcome counts and the median and p95
time of one `locate` call. Skips (exit 0) when ../shared is not there.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.bookmarks.anchors import locate, make_anchor  # noqa: E402
from reader.core.bookmarks.entries import clean_span  # noqa: E402
from reader.core.models import Bookmark  # noqa: E402
from reader.core.text import clean  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "events" / "basil_triplets_2010_2019.jsonl"


def main() -> int:
    """Measure and print."""
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not available")
        return 0
    from tests.unit.bookmarks.test_real_highlights import CHANGES, load

    corpus = load()
    marks: list[tuple[str, Bookmark]] = []
    for article, highlights in corpus:
        text = clean(article).text
        for h in highlights:
            span = clean_span(article, int(h["start"]), int(h["end"]))  # type: ignore[call-overload]
            if span is None:
                continue
            a = make_anchor(text, *span)
            marks.append(
                (
                    article.id,
                    Bookmark(
                        0, article.id, a.quote, a.prefix, a.suffix, a.start, a.end, a.text_hash
                    ),
                )
            )
    print(f"corpus: {len(corpus)} articles, {len(marks)} bookmarks from human highlights")
    for name, change in CHANGES:
        texts = {a.id: clean(replace(a, body=change(a.body)[0])).text for a, _ in corpus}
        timings: list[float] = []
        outcome: Counter[str] = Counter()
        for article_id, bookmark in marks:
            began = time.perf_counter()
            where = locate(bookmark, texts[article_id])
            timings.append(time.perf_counter() - began)
            outcome[f"{where.status}/{where.method}"] += 1
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"{name}: locate median {statistics.median(timings) * 1000:.2f} ms, "
            f"p95 {p95 * 1000:.2f} ms, max {timings[-1] * 1000:.1f} ms; {dict(sorted(outcome.items()))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
