"""Open the reader on a data dir headless and print how long until it is interactive.

Interactive: the list shows articles and the search box has the focus, so keys are taken
(a query typed before the index is open is searched as soon as it is). Searchable: the index
is open too. Prints one line: `<seconds to interactive> <peak resident MB> <seconds to
searchable>`. Used by benchmarks/search.py in a fresh
process per run, so each run is a warm start of a new process on an existing library. The
peak is VmHWM of this process's own memory: getrusage's ru_maxrss would also carry the peak of
the benchmark process it was started from (Linux keeps it across fork and exec).
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

STARTED = time.perf_counter()

# What the `broadsheet` command imports (its console script's module), then the reader as
# the command makes it: reader_app imports the reader itself.
from reader.cli.main import reader_app  # noqa: E402

if TYPE_CHECKING:
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.main import MainScreen


async def probe(data_dir: str) -> tuple[float, float]:
    """Seconds from process start until the list shows articles with the search box focused,
    and until searches run."""
    app = reader_app(data_dir)
    from reader.tui.screens.main import MainScreen
    from reader.tui.widgets.results import ResultsList
    from reader.tui.widgets.search import SearchInput

    interactive = None
    async with app.run_test(size=(120, 36)) as pilot:
        while True:
            await pilot.pause(0.002)
            screen = app.screen
            now = time.perf_counter() - STARTED
            if isinstance(screen, MainScreen) and interactive is None:
                listed = screen.query_one(ResultsList).option_count
                if listed and isinstance(app.focused, SearchInput):
                    interactive = now
            if interactive is not None and isinstance(screen, MainScreen) and screen.ready:
                return interactive, now
            if now > 60:
                raise SystemExit("the list did not appear within 60 s")


async def searchable_screen(app: BroadsheetApp, pilot: Any) -> MainScreen:
    """The main screen, once its index is open (the typing and session probes start there)."""
    from reader.tui.screens.main import MainScreen

    screen = app.screen
    while not (isinstance(screen, MainScreen) and screen.ready):
        await pilot.pause(0.01)
        screen = app.screen
    return screen


def warm_starts(data_dir: Path, runs: int = 5) -> tuple[list[float], list[float], list[float]]:
    """Seconds to interactive, seconds to searchable and peak resident MB of `runs` starts of
    the reader on `data_dir`, each this probe in a new process."""
    interactive, searchable, memory = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, str(data_dir)], capture_output=True, text=True, check=True
        ).stdout.split()
        interactive.append(float(out[0]))
        memory.append(float(out[1]))
        searchable.append(float(out[2]))
    return interactive, searchable, memory


def peak_resident_mb() -> float:
    """VmHWM from /proc (Linux); elsewhere getrusage's figure."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    interactive, searchable = asyncio.run(probe(sys.argv[1]))
    print(f"{interactive:.3f} {peak_resident_mb():.0f} {searchable:.3f}")
