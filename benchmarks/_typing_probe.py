"""Open the reader on a data dir headless and type queries into its search box key by key.

Each query is typed at 8 keys a second (a key every 125 ms, as `pilot.press` sends real key
events). Measured per query: the time from the last key to the final result on screen (the
search of the whole text, the word last typed read as a prefix, its list filled and the screen
idle after it), for a query that finds little the time to its "did you mean" row, and, one
second after the last key, how many searches are still running (every call of
Workspace.search is counted in and out, so a cancelled search still running in its thread
counts), and the CPU time the reader's process used from the last key to the result (all its
threads; on a machine shared with other work this, plus the 30 ms pause, is what the wait
would be without the others). Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _startup_probe import peak_resident_mb  # noqa: E402

from reader.core.locations import resolve  # noqa: E402
from reader.core.search.query import as_typed  # noqa: E402
from reader.tui.app import BroadsheetApp  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.widgets.results import ResultsList  # noqa: E402
from reader.tui.widgets.search import SearchInput  # noqa: E402

KEY_GAP = 0.125  # 8 keys a second


class Counting:
    """Counts the searches running now, and how many were started and given up."""

    def __init__(self, search: Any) -> None:
        self._search = search
        self.running = 0
        self.started = 0
        self.cancelled = 0
        self._lock = threading.Lock()
        self.began: dict[str, float] = {}  # query -> when its latest search began
        self.ended: dict[str, float] = {}

    def __call__(self, query: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.running += 1
            self.started += 1
        self.began[query] = time.perf_counter()
        try:
            found = self._search(query, *args, **kwargs)
            self.ended[query] = time.perf_counter()
            return found
        except Exception:
            with self._lock:
                self.cancelled += 1
            raise
        finally:
            with self._lock:
                self.running -= 1


async def session(data_dir: str, queries: list[str]) -> list[dict[str, Any]]:
    app = BroadsheetApp(resolve(data_dir))
    rows: list[dict[str, Any]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        while not (isinstance(screen, MainScreen) and screen.ready):
            await pilot.pause(0.01)
            screen = app.screen
        assert isinstance(screen, MainScreen)
        counting = Counting(screen.workspace.search)
        screen.workspace.search = counting  # type: ignore[method-assign]
        await asyncio.sleep(1.5)  # the searcher is warmed 0.5 s after the list shows
        box = screen.query_one(SearchInput)
        results = screen.query_one(ResultsList)
        box.focus()
        for query in queries:
            box.value = ""
            await pilot.pause(0.3)
            screen.last_result = None
            started_before = counting.started
            expected = as_typed(query)
            tick = time.perf_counter()
            last_key = tick
            for char in query:
                now = time.perf_counter()
                if tick > now:
                    await asyncio.sleep(tick - now)
                last_key = time.perf_counter()
                last_key_cpu = time.process_time()
                await pilot.press(char)
                tick += KEY_GAP
            while screen.last_result is None or screen.last_result.query != expected:
                await asyncio.sleep(0.002)
                if time.perf_counter() - last_key > 30:
                    raise SystemExit(f"no result for {query!r} within 30 s")
            filled = time.perf_counter() - last_key
            await pilot.pause()  # the screen idle after the list is filled
            shown = time.perf_counter() - last_key
            shown_cpu = time.process_time() - last_key_cpu
            result = screen.last_result
            suggestion_s = None
            if result.total < 3:
                while time.perf_counter() - last_key < 3:
                    first = results.get_option_at_index(0) if results.option_count else None
                    if first is not None and (first.id or "").startswith("suggest:"):
                        suggestion_s = time.perf_counter() - last_key
                        break
                    await asyncio.sleep(0.005)
            wait = 1.0 - (time.perf_counter() - last_key)
            if wait > 0:
                await asyncio.sleep(wait)
            rows.append(
                {
                    "query": query,
                    "keys": len(query),
                    "hits": result.total,
                    "read_as": result.read_as,
                    "search_ms": result.seconds * 1000,
                    "shown_ms": shown * 1000,
                    "shown_cpu_ms": shown_cpu * 1000,
                    "to_search_ms": (counting.began[expected] - last_key) * 1000,
                    "searched_ms": (counting.ended[expected] - counting.began[expected]) * 1000,
                    "to_list_ms": (filled * 1000) - (counting.ended[expected] - last_key) * 1000,
                    "suggestion": (results.get_option_at_index(0).id or "")[8:]
                    if suggestion_s is not None
                    else "",
                    "suggestion_ms": suggestion_s * 1000 if suggestion_s is not None else None,
                    "running_after_1s": counting.running,
                    "searches": counting.started - started_before,
                }
            )
    return rows


if __name__ == "__main__":
    typed = json.loads(sys.argv[2])
    found = asyncio.run(session(sys.argv[1], typed))
    print(json.dumps({"rows": found, "peak_mb": peak_resident_mb()}))
