"""Search benchmark: build a library and index from ../shared/corpora/news and time queries.

For each size (the real corpus, about 9,300 articles, and a 100,000-article library made by
repeating it under new ids) it prints: library and index build times, articles per second,
index size, search median and p95 over a fixed set of queries returning the top 20 with
highlighted snippets, and the same queries as a newsboat-style SQLite LIKE scan (the peer),
with the ratio; then warm starts of the reader on the library and one session of the reader
with every query typed into its search box (time to the result on screen, peak memory). Run with `make bench` or `python benchmarks/search.py [--sizes corpus,100000]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    dir_size_mb,
    peak_rss_mb,
    read_records,
    require_corpus,
    summary_ms,
    to_article,
)

from reader.core.locations import resolve  # noqa: E402
from reader.core.search.index import SearchOptions  # noqa: E402
from reader.core.workspace import Workspace  # noqa: E402

# (kind, query, LIKE clauses or None when a LIKE scan cannot answer it faithfully)
QUERIES: list[tuple[str, str, list[list[str]] | None]] = [
    ("common word", "said", [["said"]]),
    ("common word", "government", [["government"]]),
    ("common word", "people", [["people"]]),
    ("rare word", "tsunami", [["tsunami"]]),
    ("rare word", "quarantine", [["quarantine"]]),
    ("rare word", "filibuster", [["filibuster"]]),
    ("two words", "climate change", [["climate", "change"]]),
    ("two words", "health insurance", [["health", "insurance"]]),
    ("phrase", '"prime minister"', [["prime minister"]]),
    ("phrase", '"white house"', [["white house"]]),
    ("phrase", '"supreme court"', [["supreme court"]]),
    ("near", '"police shooting"~5', None),
    ("boolean", "trump OR clinton", [["trump"], ["clinton"]]),
    ("boolean", "economy NOT china", None),
    ("boolean", "(oil OR gas) prices", [["oil", "prices"], ["gas", "prices"]]),
    ("field", "title:election", None),
    ("field", "outlet:bbc", None),
    ("fuzzy", "goverment~", None),
    ("fuzzy", "immigartion~", None),
    ("prefix", "immigra*", [["immigra"]]),
    ("prefix", "econom*", [["econom"]]),
    ("date", "date:2016 election", None),
    ("date", "date:[2019-01-01 to 2019-06-30] senate", None),
    ("date", "date:>2018 immigration", None),
]
REPEATS = 5


def build(size: str, root: Path) -> tuple[Workspace, dict[str, float]]:
    """A library of the corpus (or `size` articles of it repeated) and its index."""
    files = require_corpus()
    records = list(read_records(files))
    target = len(records) if size == "corpus" else int(size)
    workspace = Workspace(resolve(root))
    workspace.skip_sample_corpus()
    started = time.perf_counter()
    made, batch, copy = 0, [], 0
    while made < target:
        for record in records:
            if made >= target:
                break
            batch.append(to_article(record, f"~{copy}" if copy else ""))
            made += 1
            if len(batch) == 2000:
                workspace.add_articles(batch)
                batch = []
        copy += 1
    if batch:
        workspace.add_articles(batch)
    library_s = time.perf_counter() - started
    started = time.perf_counter()
    count = workspace.rebuild_index(procs=os.cpu_count() or 1)
    index_s = time.perf_counter() - started
    return workspace, {
        "articles": count,
        "library_s": library_s,
        "index_s": index_s,
        "index_mb": dir_size_mb(workspace.locations.index_dir),
        "library_mb": workspace.locations.library_path.stat().st_size / 1e6,
    }


def like_scan(db: Path, clauses: list[list[str]]) -> float:
    """Time newsboat's search: LIKE '%word%' over title and body, every matching row fetched."""
    where = " OR ".join(
        "(" + " AND ".join("(title LIKE ? OR body LIKE ?)" for _ in group) + ")"
        for group in clauses
    )
    params = [f"%{word}%" for group in clauses for word in group for _ in (0, 1)]
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    conn.execute(f"SELECT id, title FROM articles WHERE {where}", params).fetchall()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def run(size: str) -> None:
    """Build one size, then time every query with Broadsheet and with the LIKE peer."""
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as tmp:
        workspace, built = build(size, Path(tmp))
        n = int(built["articles"])
        print(f"\n## {n:,} articles")
        print(
            f"library build {built['library_s']:.1f} s ({n / built['library_s']:,.0f} articles/s), "
            f"{built['library_mb']:.0f} MB"
        )
        print(
            f"index build   {built['index_s']:.1f} s ({n / built['index_s']:,.0f} articles/s), "
            f"{built['index_mb']:.0f} MB"
        )
        ours: list[float] = []
        first_runs: list[float] = []
        ratios: dict[str, list[float]] = {}
        print(f"\n{'kind':12} {'query':42} {'hits':>7} {'ours ms':>9} {'LIKE ms':>9} {'ratio':>7}")
        for kind, query, clauses in QUERIES:
            timings = []
            result = None
            for _ in range(REPEATS):
                started = time.perf_counter()
                result = workspace.search(query, SearchOptions(limit=20))
                timings.append(time.perf_counter() - started)
            ours += timings
            first_runs.append(timings[0])
            median = statistics.median(timings)
            like = ""
            ratio = ""
            if clauses is not None:
                peer = statistics.median(
                    like_scan(workspace.locations.library_path, clauses) for _ in range(3)
                )
                like = f"{peer * 1000:9.1f}"
                ratio = f"{peer / median:6.1f}x"
                ratios.setdefault(kind, []).append(peer / median)
            assert result is not None
            print(
                f"{kind:12} {query:42} {result.total:7,} {median * 1000:9.1f} {like:>9} {ratio:>7}"
            )
        print(f"\nsearch, top 20 with snippets, {len(ours)} runs: {summary_ms(ours)}")
        print(f"first run of each query only, {len(first_runs)} runs: {summary_ms(first_runs)}")
        worst = min((min(v), k) for k, v in ratios.items())
        print(
            "LIKE scan / Broadsheet, by query kind (lowest): "
            + ", ".join(f"{k} {min(v):.0f}x" for k, v in ratios.items())
            + f"; slowest ratio {worst[0]:.1f}x ({worst[1]})"
        )
        print(f"peak memory of this benchmark process {peak_rss_mb():.0f} MB")
        workspace.close()
        startup(Path(tmp))


def startup(data_dir: Path) -> None:
    """Warm starts of the reader on this library, each in a new process; then one session
    that types every query into the running reader's search box."""
    probe = Path(__file__).resolve().parent / "_startup_probe.py"
    seconds, memory = [], []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, str(probe), str(data_dir)], capture_output=True, text=True, check=True
        ).stdout.split()
        seconds.append(float(out[0]))
        memory.append(float(out[1]))
    print(
        f"reader start to interactive list, 5 warm starts: {summary_ms(seconds)}; "
        f"peak resident memory {max(memory):.0f} MB"
    )
    session = Path(__file__).resolve().parent / "_session_probe.py"
    median, p95, peak = subprocess.run(
        [sys.executable, str(session), str(data_dir)], capture_output=True, text=True, check=True
    ).stdout.split()
    print(
        f"the {len(QUERIES)} queries typed into the running reader, query to result on screen: "
        f"median {float(median):7.1f} ms, p95 {float(p95):7.1f} ms; "
        f"peak resident memory of the session {peak} MB"
    )


def main() -> None:
    """Parse the sizes and run each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="corpus,100000", help="comma separated: corpus or N")
    parser.add_argument(
        "--startup-only", metavar="DIR", help="only time warm starts of the reader on DIR's library"
    )
    args = parser.parse_args()
    if args.startup_only:
        startup(Path(args.startup_only))
        return
    print(
        f"# search benchmark on {platform.node()}: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for size in args.sizes.split(","):
        run(size.strip())


if __name__ == "__main__":
    main()
