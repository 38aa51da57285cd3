"""Open the reader on a data dir headless, run every benchmark query through its search box,
and print how long each took to reach the screen and the peak memory of the whole session.

Prints one line: `<median ms> <p95 ms> <peak resident MB>`. The time is from setting the
search box's text to the result list being filled with the reader's 50 hits (the exclusive
search worker, the message back and the list's rows built; the paint that follows is not
counted), one query after another, as a person pasting queries would.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import percentile  # noqa: E402
from _startup_probe import peak_resident_mb, searchable_screen  # noqa: E402

from reader.core.locations import resolve  # noqa: E402
from reader.core.search.typed import as_typed  # noqa: E402
from reader.tui.app import BroadsheetApp  # noqa: E402
from reader.tui.widgets.search import SearchInput  # noqa: E402


async def session(data_dir: str, queries: list[str]) -> list[float]:
    """Seconds from typing each query to its result on screen."""
    app = BroadsheetApp(resolve(data_dir))
    took = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await searchable_screen(app, pilot)
        box = screen.query_one(SearchInput)
        for query in queries:
            expected = as_typed(query)  # as typed: a last word of 3+ letters is a prefix
            started = time.perf_counter()
            box.value = query
            while screen.last_result is None or screen.last_result.query != expected:
                await asyncio.sleep(0.001)  # not pilot.pause(), which waits for a full refresh
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"no result for {query!r} within 30 s")
            took.append(time.perf_counter() - started)
    return took


if __name__ == "__main__":
    from search import QUERIES

    seconds = asyncio.run(session(sys.argv[1], [query for _, query in QUERIES]))
    median, p95 = statistics.median(seconds), percentile(seconds, 0.95)
    print(f"{median * 1000:.1f} {p95 * 1000:.1f} {peak_resident_mb():.0f}")
