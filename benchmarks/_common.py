"""Helpers shared by the benchmarks: the real corpora in ../shared, timing and memory."""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import threading
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


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, to print beside a figure."""
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


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


class disk_watch:  # noqa: N801 (used as a context manager, like a function)
    """Samples, every 0.2 s while open, the size of the files under `path` and the resident
    memory of this process and its descendants, and keeps the peaks (MB)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.peak_disk_mb = 0.0
        self.peak_memory_mb = 0.0
        self.start_memory_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> disk_watch:
        self.start_memory_mb = _tree_rss_mb(os.getpid())
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                disk = sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file()) / 1e6
            except OSError:  # a file removed while walking
                disk = 0.0
            self.peak_disk_mb = max(self.peak_disk_mb, disk)
            self.peak_memory_mb = max(self.peak_memory_mb, _tree_rss_mb(os.getpid()))
            self._stop.wait(0.2)


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(c) for c in children)
        except OSError:
            continue
    return total
