"""Helpers shared by the benchmarks: the real corpora in ../shared, timing and memory."""

from __future__ import annotations

import json
import resource
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.core.models import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = SHARED / "corpora" / "news"


def require_corpus() -> list[Path]:
    """The news JSONL files, or exit with a one-line message when ../shared is absent."""
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: no corpus at {NEWS}", file=sys.stderr)
        raise SystemExit(0)
    return files


def read_records(files: list[Path]) -> Iterator[dict[str, object]]:
    """Every JSON record of the given JSON Lines files."""
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def to_article(record: dict[str, object], suffix: str = "") -> Article:
    """A corpus record as an Article (a suffix makes a repeated copy's id unique)."""

    def text(key: str) -> str:
        value = record.get(key)
        return str(value) if value is not None else ""

    return Article(
        id=text("id") + suffix,
        title=text("title"),
        body=text("body"),
        source=text("source"),
        published=text("published")[:10],
        url=text("url"),
        origin="benchmark",
    )


def percentile(values: list[float], fraction: float) -> float:
    """The value at the given fraction of the sorted values (nearest rank)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary_ms(seconds: list[float]) -> str:
    """`median X ms, p95 Y ms` for a list of durations in seconds."""
    return (
        f"median {statistics.median(seconds) * 1000:7.1f} ms, "
        f"p95 {percentile(seconds, 0.95) * 1000:7.1f} ms"
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_size_mb(path: Path) -> float:
    """Total size of the files under path, in MB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6
