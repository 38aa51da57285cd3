"""Import quality over real third-party corpora in ../shared (skipped when it is absent).

1. Every file of ../shared/corpora/feeds/feedparser/ imported into one fresh library: how many
   files parsed, how many were refused (and why), entries added, and a consistency check.
2. HTML extraction over ../shared/corpora/html/trafilatura-eval/: pages keeping every `with`
   snippet and dropping every `without` snippet, and pages whose title and date match.
"""

from __future__ import annotations

import collections
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.core.ingest.html import ExtractError, extract  # noqa: E402
from reader.core.ingest.items import ADDED, DUPLICATE, FAILED  # noqa: E402
from reader.core.ingest.textio import decode  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.locations import resolve  # noqa: E402
from reader.core.workspace import Workspace  # noqa: E402

SHARED = REPO.parent / "shared" / "corpora"


def norm(text: str) -> str:
    """Case and spacing do not count when comparing snippets and titles."""
    return " ".join(text.split()).casefold()


def consistency(ws: Workspace) -> list[str]:
    """Problems with the library after an import (an empty list when all is well)."""
    problems = []
    lib = Library(ws.locations.library_path)
    if lib.query("PRAGMA integrity_check")[0][0] != "ok":
        problems.append("SQLite integrity check failed")
    keys = lib.query("SELECT count(*) FROM import_keys")[0][0]
    if keys != lib.count_articles():
        problems.append(f"{keys} dedup keys for {lib.count_articles()} articles")
    if ws.indexed_count() != lib.count_articles():
        problems.append(f"index has {ws.indexed_count()} docs, library {lib.count_articles()}")
    return problems


def feed_corpus() -> dict[str, object]:
    """Import the feedparser test feeds folder and count what happened."""
    root = SHARED / "feeds" / "feedparser" / "tests"
    files = sorted(p for p in root.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(resolve(tmp))
        before = ws.count_articles()
        started = time.perf_counter()
        report = ws.import_sources([str(root)])
        seconds = time.perf_counter() - started
        refused = {r.item: r.error for r in report.results if r.status == FAILED and
                   r.item in {str(f) for f in files}}  # fmt: skip
        entry_failures = collections.Counter(
            r.error for r in report.results if r.status == FAILED and r.item not in refused
        )
        reasons = collections.Counter(e.split(" (")[0] for e in refused.values())
        illformed = [f for f in files if "/illformed/" in str(f)]
        result = {
            "files": len(files),
            "parsed": len(files) - len(refused),
            "refused": len(refused),
            "refused_reasons": dict(reasons),
            "illformed_folder": len(illformed),
            "illformed_refused": sum(1 for f in illformed if str(f) in refused),
            "entries_added": report.count(ADDED),
            "entries_duplicate": report.count(DUPLICATE),
            "entries_failed": sum(entry_failures.values()),
            "entry_failure_reasons": dict(entry_failures),
            "library_articles": ws.count_articles() - before,
            "consistency_problems": consistency(ws),
            "seconds": round(seconds, 2),
        }
        ws.close()
    return result


def html_corpus(step: int = 1) -> dict[str, object]:
    """Extract every `step`-th page of the trafilatura evaluation set and score it."""
    base = SHARED / "html" / "trafilatura-eval"
    expected = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    names = sorted(expected)[::step]
    counts = collections.Counter()
    timings: list[float] = []
    for name in names:
        entry = expected[name]
        html = gzip.decompress((base / entry["file"]).read_bytes())
        started = time.perf_counter()
        try:
            article = extract(decode(html), entry.get("url", ""))
            text, title, date = norm(article.body), norm(article.title), article.published
        except (ExtractError, ValueError):
            text, title, date = "", "", ""
            counts["no_text"] += 1
        timings.append(time.perf_counter() - started)
        keeps = all(norm(s) in text for s in entry.get("with", []))
        drops = not any(norm(s) in text for s in entry.get("without", []))
        counts["keep_all_with"] += keeps
        counts["drop_all_without"] += drops
        counts["both"] += keeps and drops
        counts["title_exact"] += title == norm(entry["title"])
        counts["title_contains"] += norm(entry["title"]) in title
        counts["date"] += date == entry["date"]
        counts["title_and_date"] += (norm(entry["title"]) in title) and date == entry["date"]
    timings.sort()
    return {
        "pages": len(names),
        **dict(counts),
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))] * 1000, 1),
    }


def main() -> int:
    """Print both reports."""
    if not SHARED.exists():
        print(f"{SHARED} is not available; nothing to measure")
        return 0
    print("feedparser test feeds:", json.dumps(feed_corpus(), indent=2, ensure_ascii=False))
    print("trafilatura evaluation pages:", json.dumps(html_corpus(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
