"""Typing benchmark: speed as a person feels it, typing into the reader and starting it cold.

For each library (the news corpus, about 9,300 articles, and 100,000 articles made by
repeating it; built once under --cache-dir and reused) it prints:
  - a session of the reader (Textual's Pilot, headless) that types the 24 benchmark queries
    of benchmarks/search.py and 10 misspelt ones key by key at 8 keys a second: per query the
    time from the last key to the final result on screen, its stages, the "did you mean" and
    when it appeared, and how many searches were still running one second after the last key;
    median and p95 over the 34 queries;
  - "did you mean" for the 10 misspelt queries, timed in this process;
  - a cold `broadsheet search 'white house' --json`, whole process, 9 runs (the package
    compiled to bytecode first, as an installed package is), with the CPU time it used and,
    as a floor, the same for a Python that only imports numpy and Whoosh (benchmarks/_cold.py;
    benchmarks/search.py runs it beside the peers' one-shot scripts);
  - start to the interactive reader, 5 runs (benchmarks/_startup_probe.py).
The machine is shared: the load average is printed with every figure, and CPU time beside
wall time (CPU time is what a quiet machine would take, less the waits for the disk).
Run with `make bench` or `python benchmarks/as_you_type.py [--sizes corpus,100000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cold import cold_commands  # noqa: E402
from _common import load, percentile  # noqa: E402
from _startup_probe import warm_starts  # noqa: E402
from search import QUERIES, build  # noqa: E402

from reader.core.library import SCHEMA_VERSION  # noqa: E402
from reader.core.locations import resolve  # noqa: E402
from reader.core.workspace import Workspace  # noqa: E402

MISSPELT = [
    "goverment",
    "immigartion",
    "quarentine",
    "senate filibustr",
    "climate chnage",
    "helth insurance",
    "presidnet trump",
    "suprme court",
    "economy chna",
    "tsunmai",
]
HERE = Path(__file__).resolve().parent


def library(size: str, cache: Path) -> Path:
    """A data dir with a library of `size` articles and its current index (built once for
    each library schema: a library of an older one lacks what newer ones keep, such as the
    clean spans the index is built from)."""
    data_dir = cache / f"typing-{size}-library{SCHEMA_VERSION}"
    if not (data_dir / "data" / "library.sqlite3").exists():
        print(f"building the {size} library under {data_dir} (once)", flush=True)
        workspace, _ = build(size, data_dir)
        workspace.close()
    workspace = Workspace(resolve(data_dir))
    for notice in workspace.prepare_index():  # rebuilt when the schema has changed
        print(f"  {notice}", flush=True)
    workspace.close()
    return data_dir


def typing_session(data_dir: Path) -> None:
    queries = [q for _, q in QUERIES] + MISSPELT
    before = load()
    out = subprocess.run(
        [sys.executable, str(HERE / "_typing_probe.py"), str(data_dir), json.dumps(queries)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = json.loads(out)
    rows = found["rows"]
    print(f"\ntyping at 8 keys/s ({before} before, {load()} after)")
    print(
        f"{'query':40} {'hits':>7} {'on screen':>9} {'CPU':>6} {'wait':>6} {'search':>6} "
        f"{'to list':>7} {'left 1s':>7} {'idle':>6}  did you mean"
    )
    for r in rows:
        suggestion = f"{r['suggestion']} ({r['suggestion_ms']:.0f} ms)" if r["suggestion"] else ""
        print(
            f"{r['query'][:40]:40} {r['hits']:7,} {r['shown_ms']:7.0f}ms "
            f"{r['shown_cpu_ms']:4.0f}ms {r['to_search_ms']:4.0f}ms "
            f"{r['searched_ms']:4.0f}ms {r['to_list_ms']:5.0f}ms {r['running_after_1s']:7} "
            f"{r['idle_ms']:4.0f}ms  "
            f"{suggestion}"
        )
    for label, part in (
        ("all 34", rows),
        ("the 24 benchmark queries", rows[: len(QUERIES)]),
        ("the 10 misspelt", rows[len(QUERIES) :]),
    ):
        shown = [r["shown_ms"] / 1000 for r in part]
        cpu = [r["shown_cpu_ms"] / 1000 for r in part]
        idle = [r["idle_ms"] / 1000 for r in part]
        print(
            f"last key to result on screen, {label}: median "
            f"{statistics.median(shown) * 1000:6.1f} ms, p95 {percentile(shown, 0.95) * 1000:6.1f} ms"
            f"; CPU of the reader meanwhile median {statistics.median(cpu) * 1000:5.1f} ms, "
            f"p95 {percentile(cpu, 0.95) * 1000:5.1f} ms; Pilot idle after it p95 "
            f"{percentile(idle, 0.95) * 1000:5.1f} ms"
        )
    offered = [r["suggestion_ms"] for r in rows if r["suggestion_ms"] is not None]
    if offered:
        print(
            f"last key to did-you-mean on screen ({len(offered)} queries): median "
            f"{statistics.median(offered):.0f} ms (after a {0.4 * 1000:.0f} ms pause by design)"
        )
    print(
        f"searches still running 1 s after the last key: most {max(r['running_after_1s'] for r in rows)}; "
        f"searches started per query: median {statistics.median(r['searches'] for r in rows):.0f}; "
        f"peak memory {found['peak_mb']:.0f} MB"
    )


def suggestions(data_dir: Path) -> None:
    """Time "did you mean" for the misspelt queries (the table made first, as when the reader
    opens), five runs each, in this process."""
    workspace = Workspace(resolve(data_dir))
    started = time.perf_counter()
    workspace.warm_search()
    warm = time.perf_counter() - started
    seconds = []
    offered = {}
    for _ in range(5):
        for query in MISSPELT:
            started = time.perf_counter()
            offered[query] = workspace.suggest(query)
            seconds.append(time.perf_counter() - started)
    workspace.close()
    print(
        f"\ndid you mean, {len(MISSPELT)} misspelt queries x 5: median "
        f"{statistics.median(seconds) * 1000:.2f} ms, p95 {percentile(seconds, 0.95) * 1000:.2f} ms, "
        f"max {max(seconds) * 1000:.2f} ms (table and searcher made first in {warm * 1000:.0f} ms; "
        f"{load()})"
    )
    print("  " + "; ".join(f"{q} -> {s or '(none)'}" for q, s in offered.items()))


def startup(data_dir: Path) -> None:
    """Start to the interactive reader (the list shown, the search box taking keys) and to
    searchable (the index open), 5 runs each in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, searchable, _ = warm_starts(data_dir)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) / 5
    print(
        f"start to interactive reader, 5 runs: median {statistics.median(seconds) * 1000:.0f} ms, "
        f"p95 {percentile(seconds, 0.95) * 1000:.0f} ms; to searchable: median "
        f"{statistics.median(searchable) * 1000:.0f} ms, p95 {percentile(searchable, 0.95) * 1000:.0f} ms; "
        f"CPU per run {cpu * 1000:.0f} ms ({load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="corpus,100000", help="comma separated: corpus or N")
    parser.add_argument(
        "--cache-dir",
        default=os.environ.get("BROADSHEET_BENCH_CACHE", "/tmp/broadsheet-bench-typing"),
        help="where the libraries are built once and reused",
    )
    parser.add_argument("--data-dir", help="use this data dir's library instead of building one")
    args = parser.parse_args()
    print(
        f"# typing benchmark on {platform.node()}: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, {load()}"
    )
    if args.data_dir:
        targets = [Path(args.data_dir)]
    else:
        from _common import require_corpus

        require_corpus()
        targets = [library(s.strip(), Path(args.cache_dir)) for s in args.sizes.split(",")]
    for data_dir in targets:
        workspace = Workspace(resolve(data_dir))
        print(f"\n## {workspace.count_articles():,} articles ({data_dir})")
        workspace.close()
        suggestions(data_dir)
        typing_session(data_dir)
        cold_commands(data_dir)
        startup(data_dir)


if __name__ == "__main__":
    main()
