"""Hostile-query benchmark: the reliability suite's 2,026 fuzzed queries on a real library.

The test (tests/reliability/test_query_fuzz.py) runs them on a dozen articles; here they run on
the news corpus (about 9,300 articles), where a query's cost is real. For each it records the
time to an answer or a refusal through Workspace.search (top 20, snippets, "did you mean").
The peer is the path before issue #11: Whoosh's parser and searcher on the same index, and
Whoosh's corrector for a suggestion when fewer than 3 articles match, on a sample of the same
queries (the whole set would take hours: the corrector alone costs 0.5-2.5 s a word). It
prints median, p95 and the slowest, how many raised, and how many took over 1 s.
Run with `make bench` or `python benchmarks/hostile_queries.py [--peer-sample N]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from _common import read_records, require_corpus, summary_ms, to_article  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402

from reader.core.locations import resolve  # noqa: E402
from reader.core.search.query import QueryError, make_parser  # noqa: E402
from reader.core.workspace import Workspace  # noqa: E402
from tests.reliability.queries import fuzzed  # noqa: E402


def build(root: Path) -> Workspace:
    workspace = Workspace(resolve(root))
    workspace.skip_sample_corpus()
    batch = []
    for record in read_records(require_corpus()):
        batch.append(to_article(record))
        if len(batch) == 2000:
            workspace.add_articles(batch)
            batch = []
    workspace.add_articles(batch)
    workspace.rebuild_index(procs=os.cpu_count() or 1)
    return workspace


def ours(workspace: Workspace, queries: list[str]) -> None:
    times, refused, raised = [], 0, 0
    for query in queries:
        started = time.perf_counter()
        try:
            workspace.search(query)
        except QueryError:
            refused += 1
        except Exception:  # noqa: BLE001 - counting what escapes is the point
            raised += 1
        times.append(time.perf_counter() - started)
    slowest = max(times)
    print(
        f"broadsheet: {len(queries)} queries, {summary_ms(times)}, slowest {slowest * 1000:.0f} ms; "
        f"{refused} refused with a reason, {raised} raised, "
        f"{sum(t > 1 for t in times)} over 1 s"
    )


def peer(workspace: Workspace, queries: list[str], budget: float) -> None:
    """Whoosh's own parser, searcher and corrector on the same index (before #11), until
    `budget` seconds have gone (it can take minutes a query)."""
    ix = whoosh_index.open_dir(str(workspace.locations.index_dir))
    parser = make_parser(ix.schema)
    times, raised = [], 0
    ends = time.perf_counter() + budget
    with ix.searcher() as searcher:
        corrector = searcher.corrector("body")
        for query in queries:
            if time.perf_counter() > ends:
                print(f"whoosh (peer): stopped at its {budget:.0f} s budget")
                break
            started = time.perf_counter()
            try:
                results = searcher.search(parser.parse(query), limit=20)
                if len(results) < 3:
                    for word in query.split()[:12]:
                        corrector.suggest(word.lower(), limit=3, maxdist=2)
            except Exception:  # noqa: BLE001 - what Whoosh raises is what the reader met
                raised += 1
            times.append(time.perf_counter() - started)
    print(
        f"whoosh (peer): {len(times)} of {len(queries)} queries, {summary_ms(times)}, slowest "
        f"{max(times) * 1000:.0f} ms; {raised} raised, {sum(t > 1 for t in times)} over 1 s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peer-sample", type=int, default=60, help="queries the peer runs")
    parser.add_argument("--peer-seconds", type=float, default=180, help="the peer's budget")
    args = parser.parse_args()
    print(
        f"# hostile-query benchmark on {platform.node()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    queries = fuzzed()
    with tempfile.TemporaryDirectory() as root:
        workspace = build(Path(root))
        print(f"library: {workspace.count_articles():,} articles")
        ours(workspace, queries)
        # The peer skips the megabyte queries of the issue (17-36 s each there).
        sample = [q for q in queries[:: max(1, len(queries) // args.peer_sample)] if len(q) < 5000]
        peer(workspace, sample, args.peer_seconds)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        workspace.close()


if __name__ == "__main__":
    main()
