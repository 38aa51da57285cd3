"""Search benchmark: build a library and index from ../shared/corpora/news and time queries
against the engines a user could pick instead.

For each size (the real corpus, about 9,300 articles, and a 100,000-article library made by
repeating it under new ids) it prints: library and index build times, articles per second,
index size and peak memory of the build; the same documents indexed by tantivy-py and SQLite
FTS5 (benchmarks/_peers.py, installed by `make bench`); then the 24 queries, each returning its
hit count and the top 20 with snippets, run by the three engines taking turns (interleaved
query by query, in every order: `turns`; Broadsheet's side opened as the reader opens it to
search: `reading_workspace`), with hit counts side by side and the ratio Broadsheet/peer per
query, per kind and overall (geometric mean); then a cold `broadsheet search` beside each
peer's one-shot script giving the same answer, and a floor (benchmarks/_cold.py); then warm
starts of the reader on the library and one session of the reader with every query typed into
its search box (time to the result on screen, peak memory). Run with `make bench` or
`python benchmarks/search.py [--sizes corpus,100000]`.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cold import cold_commands  # noqa: E402
from _common import (  # noqa: E402
    dir_size_mb,
    disk_watch,
    peak_rss_mb,
    read_records,
    require_corpus,
    summary_ms,
    to_article,
)
from _peers import PEER_QUERIES, Doc, Fts5, Tantivy, day_of, tantivy  # noqa: E402
from _startup_probe import warm_starts  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402

from reader.core.library import Library  # noqa: E402
from reader.core.locations import resolve  # noqa: E402
from reader.core.search.index import SearchOptions  # noqa: E402
from reader.core.workspace import Workspace  # noqa: E402

# (kind, query); benchmarks/_peers.py writes each in the peers' syntax, in the same order.
QUERIES: list[tuple[str, str]] = [
    ("common word", "said"),
    ("common word", "government"),
    ("common word", "people"),
    ("rare word", "tsunami"),
    ("rare word", "quarantine"),
    ("rare word", "filibuster"),
    ("two words", "climate change"),
    ("two words", "health insurance"),
    ("phrase", '"prime minister"'),
    ("phrase", '"white house"'),
    ("phrase", '"supreme court"'),
    ("near", '"police shooting"~5'),
    ("boolean", "trump OR clinton"),
    ("boolean", "economy NOT china"),
    ("boolean", "(oil OR gas) prices"),
    ("field", "title:election"),
    ("field", "outlet:bbc"),
    ("fuzzy", "goverment~"),
    ("fuzzy", "immigartion~"),
    ("prefix", "immigra*"),
    ("prefix", "econom*"),
    ("date", "date:2016 election"),
    ("date", "date:[2019-01-01 to 2019-06-30] senate"),
    ("date", "date:>2018 immigration"),
]
REPEATS = 6  # each order of three engines once (`turns`)
# Counts that cannot agree, by the syntax differences listed in benchmarks/_peers.py.
DIFFERENT_BY_SYNTAX = {
    "near": {"tantivy", "FTS5"},
    "fuzzy": {"tantivy"},
    "prefix": {"tantivy", "FTS5"},
}


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
    index_dir = workspace.locations.index_dir
    started = time.perf_counter()
    with disk_watch(index_dir.parent) as watch:
        count = workspace.rebuild_index(procs=os.cpu_count() or 1)
    index_s = time.perf_counter() - started
    return workspace, {
        "articles": count,
        "library_s": library_s,
        "index_s": index_s,
        "index_mb": dir_size_mb(index_dir),
        "peak_disk_mb": watch.peak_disk_mb,
        "peak_memory_mb": watch.peak_memory_mb,
        "start_memory_mb": watch.start_memory_mb,
        "library_mb": workspace.locations.library_path.stat().st_size / 1e6,
    }


def peer_docs(workspace: Workspace) -> list[Doc]:
    """The documents Broadsheet indexed, for the peers: headline, outlet and date from the
    library, the clean body text Broadsheet stored in its index."""
    library = Library(workspace.locations.library_path)
    ids = library.all_ids()
    text: dict[str, str] = {}
    with whoosh_index.open_dir(str(workspace.locations.index_dir)).searcher() as searcher:
        for docnum in range(searcher.doc_count_all()):
            fields = searcher.stored_fields(docnum)
            text[fields["id"]] = fields.get("text", "")
    docs = []
    for start in range(0, len(ids), 1000):
        for summary in library.summaries(ids[start : start + 1000]):
            docs.append(
                Doc(
                    summary.title,
                    text.get(summary.id, ""),
                    summary.source,
                    day_of(summary.published),
                )
            )
    return docs


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def run(size: str) -> None:
    """Build one size, then time every query with Broadsheet and its peers, interleaved."""
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as tmp:
        workspace, built = build(size, Path(tmp))
        n = int(built["articles"])
        print(f"\n## {n:,} articles (load average {os.getloadavg()[0]:.1f})")
        print(
            f"library build {built['library_s']:.1f} s ({n / built['library_s']:,.0f} articles/s), "
            f"{built['library_mb']:.0f} MB"
        )
        print(
            f"index build   {built['index_s']:.1f} s ({n / built['index_s']:,.0f} articles/s), "
            f"{built['index_mb']:.0f} MB; during the build: disk at most "
            f"{built['peak_disk_mb']:.0f} MB ({built['peak_disk_mb'] / built['index_mb']:.2f}x "
            f"the index), memory at most {built['peak_memory_mb']:.0f} MB (all processes; "
            f"{built['start_memory_mb']:.0f} MB of it this benchmark's own before the build)"
        )
        docs = peer_docs(workspace)
        peers: list[Tantivy | Fts5] = []
        if tantivy is not None:
            peers.append(Tantivy(Path(tmp) / "tantivy", docs))
        else:
            print("tantivy not installed (make bench installs it): skipped")
        peers.append(Fts5(Path(tmp) / "fts5.sqlite3", docs))
        del docs
        for peer in peers:
            print(
                f"{peer.name:13} {peer.build_seconds:.1f} s ({n / peer.build_seconds:,.0f} "
                "articles/s, from the clean text)"
            )
        workspace.close()
        reading = reading_workspace(Path(tmp))
        compare(reading, peers)
        reading.close()
        print(f"peak memory of this benchmark process {peak_rss_mb():.0f} MB")
        cold_commands(Path(tmp), {p.name: p.one_shot for p in peers})
        startup(Path(tmp))


def reading_workspace(data_dir: Path) -> Workspace:
    """The library opened as the reader opens it to search: the index made ready for
    reading, the searcher warmed, then what has been loaded so far frozen out of the garbage
    collector's sight (reader/tui/screens/starting.py, `warm_search`). Without this the
    queries would run beside the objects of this benchmark's build (1.5 GB at 100,000
    articles), which no reader holds and each full collection would walk."""
    gc.collect()
    workspace = Workspace(resolve(data_dir))
    workspace.prepare_library()
    workspace.prepare_index(reading=True)
    workspace.warm_search()
    gc.freeze()
    return workspace


def turns(engines: int) -> list[tuple[int, ...]]:
    """The order the engines take their turns in, REPEATS rounds: every order in turn, so
    that each engine runs after each other one as often. In one fixed order an engine always
    follows the same one, and pays for what that one did to the processor's caches (FTS5
    reads tens of megabytes for a common word: the engine after it took 1.2 ms longer)."""
    orders = list(itertools.permutations(range(engines)))
    return [orders[i % len(orders)] for i in range(REPEATS)]


def compare(workspace: Workspace, peers: list[Tantivy | Fts5]) -> None:
    """The queries, each run REPEATS times by every engine, taking turns (`turns`); the table
    and ratios."""
    names = [p.name for p in peers]
    header = f"{'kind':12} {'query':40} {'hits':>7} " + " ".join(
        f"{m + ' hits':>13}" for m in names
    )
    header += f" {'ours ms':>8} " + " ".join(f"{m + ' ms':>10} {'ratio':>6}" for m in names)
    print("\n" + header)
    ours_all: list[float] = []
    ratios: dict[str, dict[str, list[float]]] = {m: {} for m in names}
    unequal: list[str] = []
    for (kind, query), spec in zip(QUERIES, PEER_QUERIES, strict=True):
        timings: dict[str, list[float]] = {"ours": [], **{m: [] for m in names}}
        totals: dict[str, int | None] = {}
        for order in turns(len(peers) + 1):
            for engine in order:
                started = time.perf_counter()
                if engine == 0:
                    total: int | None = workspace.search(query, SearchOptions(limit=20)).total
                    name = "ours"
                else:
                    peer = peers[engine - 1]
                    answer = peer.search(spec)
                    total, name = (None if answer is None else answer.total), peer.name
                timings[name].append(time.perf_counter() - started)
                totals[name] = total
        ours = statistics.median(timings["ours"])
        ours_all += timings["ours"]
        line = f"{kind:12} {query:40} {totals['ours']:7,} "
        cells = []
        for m in names:
            total = totals[m]
            mark = ""
            if total is not None and total != totals["ours"]:
                expected = m in DIFFERENT_BY_SYNTAX.get(kind, set())
                mark = "~" if expected else "!"
                if not expected:
                    unequal.append(f"{query} ({m} {total:,} vs {totals['ours']:,})")
            cells.append(f"{'-' if total is None else f'{total:,}{mark}':>13}")
        line += " ".join(cells) + f" {ours * 1000:8.1f} "
        times = []
        for m in names:
            if totals[m] is None:
                times.append(f"{'-':>10} {'-':>6}")
                continue
            peer_ms = statistics.median(timings[m])
            ratio = ours / peer_ms
            ratios[m].setdefault(kind, []).append(ratio)
            times.append(f"{peer_ms * 1000:10.1f} {ratio:5.2f}x")
        print(line + " ".join(times))
    print(f"\nBroadsheet, top 20 with snippets, {len(ours_all)} runs: {summary_ms(ours_all)}")
    print("hit counts: ~ differs by a documented syntax difference (benchmarks/_peers.py), ! not")
    for m in names:
        by_kind = ", ".join(f"{k} {geometric_mean(v):.2f}x" for k, v in ratios[m].items())
        overall = geometric_mean([r for v in ratios[m].values() for r in v])
        print(f"Broadsheet/{m} time, geometric mean by kind: {by_kind}; overall {overall:.2f}x")
    print(
        "hit counts equal to the peers' on every query both express, apart from documented "
        "differences: " + ("yes" if not unequal else "NO: " + "; ".join(unequal))
    )


def startup(data_dir: Path) -> None:
    """Warm starts of the reader on this library, each in a new process; then one session
    that types every query into the running reader's search box."""
    seconds, searchable, memory = warm_starts(data_dir)
    print(
        f"reader start to interactive list, 5 warm starts: {summary_ms(seconds)}; "
        f"to searchable {summary_ms(searchable)}; peak resident memory {max(memory):.0f} MB"
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
        f"load average {os.getloadavg()[0]:.1f} (shared machine: figures scale with the load)"
    )
    for size in args.sizes.split(","):
        run(size.strip())


if __name__ == "__main__":
    main()
