"""Import speed: the news corpora with `broadsheet import`, and 100 articles into 10,000.

Corpus: ../shared/corpora/news/*.jsonl (about 9,300 articles); skipped when absent.
Each figure is the wall time of a real `broadsheet import` subprocess (start-up, reading,
deduplication, storing and incremental indexing included). BENCH_REPEATS sets how many
times the 100-into-10,000 import is repeated (default 5) for its median and p95.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "corpora" / "news"


def broadsheet(data: Path, *args: str) -> tuple[float, str]:
    """Run `broadsheet --data-dir DATA ARGS`; return (wall seconds, stdout)."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 1):
        raise SystemExit(f"broadsheet failed: {run.stderr}")
    return seconds, run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr


def synthetic(path: Path, count: int, prefix: str) -> Path:
    """`count` distinct made-up records in the news schema."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {
                "id": f"{prefix}-{i:06d}",
                "title": f"{prefix} report {i}: council weighs harbour plan",
                "source": ("Harbour Gazette", "Valley Courier", "River Times")[i % 3],
                "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "url": f"https://bench.example/{prefix}/{i}",
                "body": f"Councillors met on day {i} to weigh the harbour plan ({prefix}). "
                f"The vote on section {i * 3} was {'close' if i % 2 else 'clear'}.\n\n"
                f"Residents of ward {i % 17} asked about noise, traffic and the cost.",
            }
            out.write(json.dumps(record) + "\n")
    return path


def main() -> int:
    """Print the figures."""
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"{NEWS} is not available; nothing to measure")
        return 0
    records = sum(1 for f in files for _ in f.open(encoding="utf-8"))
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "library"
        seconds, summary = broadsheet(base, "import", *map(str, files))
        print(f"news corpus: {records} records in {len(files)} files")
        print(f"  broadsheet import: {seconds:.1f} s wall, {records / seconds:.0f} records/s")
        print(f"  {summary}")
        filler = synthetic(Path(tmp) / "filler.jsonl", 1000, "filler")
        broadsheet(base, "import", str(filler))
        size = _count(base)
        times = []
        for n in range(repeats):
            copy = Path(tmp) / f"copy{n}"
            shutil.copytree(base, copy)
            batch = synthetic(Path(tmp) / f"batch{n}.jsonl", 100, f"batch{n}")
            seconds, summary = broadsheet(copy, "import", str(batch))
            times.append(seconds)
            shutil.rmtree(copy)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"100 new articles into a library of {size} ({repeats} runs):")
        print(f"  median {statistics.median(times):.2f} s, p95 {p95:.2f} s wall  ({summary})")
    return 0


def _count(data: Path) -> int:
    import sqlite3

    db = next(data.rglob("library.sqlite3"))
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


if __name__ == "__main__":
    sys.exit(main())
