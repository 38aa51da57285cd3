"""Open the reader on a data dir headless and type queries into its search box key by key.

Keys arrive as a terminal delivers them: each is handed to the driver (as its input thread
does) 125 ms after the one before (8 keys a second), whatever the reader is doing meanwhile.
Measured per query: the time from the last key to the final result on screen, that is the
first frame the screen composes (and encodes for the terminal) after the result of the whole
query (the word last typed read as a prefix) has been put in the list; its stages; for a query
that finds little the time to its "did you mean" row; one second after the last key, how many
searches are still running (every call of Workspace.search is counted in and out, so a
cancelled search still running in its thread counts); and the CPU time the reader's process
used from the last key to that frame (all its threads; on a machine shared with other work
this is what the wait would be without the others). Also, for comparison with earlier runs,
the time until Textual's Pilot reports the screen idle after it (Pilot sleeps in 20 ms steps
until the process stops using CPU, so this is later than what a person sees). Prints one JSON
object.
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

from _startup_probe import peak_resident_mb, searchable_screen  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402

from reader.core.locations import resolve  # noqa: E402
from reader.core.search.typed import as_typed  # noqa: E402
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

    def __call__(self, query: str, options: Any, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.running += 1
            self.started += 1
        # The times are the first page's, what the person waits for: the rest of the page is
        # searched once the result has stayed on screen (MainScreen._rest_of_page).
        first = not options.offset
        if first:
            self.began[query] = time.perf_counter()
        try:
            found = self._search(query, options, *args, **kwargs)
            if first:
                self.ended[query] = time.perf_counter()
            return found
        except Exception:
            with self._lock:
                self.cancelled += 1
            raise
        finally:
            with self._lock:
                self.running -= 1


class Frames:
    """Records when the screen composes a frame, encoding it as a terminal driver would."""

    def __init__(self, app: App[Any]) -> None:
        self.times: list[float] = []
        self._display = app._display
        self._console = app.console
        app._display = self  # type: ignore[method-assign]

    def __call__(self, screen: Any, renderable: Any) -> None:
        self._display(screen, renderable)
        if renderable is not None:
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(self._console)  # the headless driver skips this
            self.times.append(time.perf_counter())

    def first_after(self, moment: float) -> float | None:
        return next((t for t in self.times if t >= moment), None)


async def type_keys(driver: Any, query: str) -> tuple[float, float]:
    """Hand the keys of `query` to the driver 125 ms apart, as a terminal's input thread does
    (not waiting for the reader); when the last one went, in wall and CPU time."""
    tick = time.perf_counter()
    last_key = last_key_cpu = 0.0
    for char in query:
        now = time.perf_counter()
        if tick > now:
            await asyncio.sleep(tick - now)
        last_key = time.perf_counter()
        last_key_cpu = time.process_time()
        driver.send_message(events.Key(char, char))
        tick += KEY_GAP
    return last_key, last_key_cpu


async def suggestion_after(results: ResultsList, total: int, last_key: float) -> float | None:
    """Seconds from the last key to a "did you mean" row, for a query that found little."""
    if total >= 3:
        return None
    while time.perf_counter() - last_key < 3:
        first = results.get_option_at_index(0) if results.option_count else None
        if first is not None and (first.id or "").startswith("suggest:"):
            return time.perf_counter() - last_key
        await asyncio.sleep(0.005)
    return None


async def session(data_dir: str, queries: list[str]) -> list[dict[str, Any]]:
    app = BroadsheetApp(resolve(data_dir))
    applied: dict[str, float] = {}  # query -> when its result was put in the list
    rows: list[dict[str, Any]] = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await searchable_screen(app, pilot)
        frames = Frames(app)
        finished = MainScreen.on_search_finished

        def on_search_finished(self: MainScreen, message: Any) -> None:
            finished(self, message)  # Textual finds handlers on the class, so wrap it there
            if message.result is not None and self.last_result is message.result:
                applied[message.result.query] = time.perf_counter()

        MainScreen.on_search_finished = on_search_finished  # type: ignore[method-assign]
        driver = app._driver
        assert driver is not None
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
            last_key, last_key_cpu = await type_keys(driver, query)
            while (moment := applied.get(expected)) is None or moment < last_key:
                await asyncio.sleep(0.001)
                if time.perf_counter() - last_key > 30:
                    raise SystemExit(f"no result for {query!r} within 30 s")
            while (frame := frames.first_after(moment)) is None:
                await asyncio.sleep(0.001)
            shown = frame - last_key
            shown_cpu = time.process_time() - last_key_cpu
            filled = moment - last_key
            await pilot.pause()  # Pilot's idle: the measure of earlier runs
            idle = time.perf_counter() - last_key
            result = screen.last_result
            suggestion_s = await suggestion_after(results, result.total, last_key)
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
                    "idle_ms": idle * 1000,
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
