"""The child process of a rebuild: `python -m reader.core.search.child LIBRARY INDEX_DIR`.

It rebuilds the index with every core and prints `done total` lines that
reader.core.search.rebuild.rebuild_in_child reads as progress. A module of its own so the
index can start a child without importing the code the child runs (no index <-> rebuild cycle).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from reader.core.library import Library
from reader.core.search.index import SearchIndex


def main(argv: list[str] | None = None) -> int:
    """Child side: rebuild, printing `done total` lines as the articles are indexed."""
    parser = argparse.ArgumentParser(prog="python -m reader.core.search.child")
    parser.add_argument("library", type=Path)
    parser.add_argument("index_dir", type=Path)
    args = parser.parse_args(argv)

    # Terminated (the reader is quitting): unwind, so the half-built index is removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))

    def report(done: int, total: int) -> None:
        if done % max(1, total // 200) == 0 or done == total:  # about 200 lines in all
            print(done, total, flush=True)

    library = Library(args.library, move_aside=False)  # the reader has it open: never move it
    try:
        count = SearchIndex(args.index_dir, library).rebuild(report, procs=os.cpu_count() or 1)
    finally:
        library.close()
    print(count, count, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
