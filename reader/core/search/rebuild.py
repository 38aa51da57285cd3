"""Rebuilding a large index in a child process that uses every core.

Whoosh indexes in several processes only through its multiprocessing writer, which forks;
forking the reader itself (a Textual app with threads) is not safe, and one process takes
11 minutes for 100,000 articles. So a large rebuild runs `python -m reader.core.search.child`,
which indexes with every core (6 minutes for 100,000 on 2 cores) and reports its progress
as lines on stdout; the caller's interface stays free, as the work is not in its process.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

from reader.core.models import StepProgress

IN_A_CHILD_FROM = 20_000  # articles; below this one process indexes in well under a minute


def worth_a_child(articles: int) -> bool:
    """Whether a rebuild of this many articles should run in a child process."""
    return articles >= IN_A_CHILD_FROM and (os.cpu_count() or 1) > 1


class RebuildStopped(Exception):
    """The rebuild was stopped (the reader is quitting); the child and its workers are gone."""


def rebuild_in_child(
    library: Path,
    index_dir: Path,
    progress: StepProgress | None,
    stop: threading.Event | None = None,
) -> int:
    """Rebuild the index of `library` into `index_dir` in a child process; the article count.

    Raises RuntimeError with the child's last line of error output when it fails, and
    RebuildStopped when `stop` is set first (the child's process group is then terminated:
    it removes its half-built index as it goes).
    """
    import selectors  # imported here: every command imports this module, few rebuild
    import signal
    import subprocess

    command = [sys.executable, "-m", "reader.core.search.child", str(library), str(index_dir)]
    # Errors go to a file, not a pipe, which a long traceback could fill and stall the child.
    with (
        tempfile.TemporaryFile("w+") as errors,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True
        ) as child,
    ):
        assert child.stdout is not None
        count = 0
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            while True:
                if stop is not None and stop.is_set():
                    os.killpg(child.pid, signal.SIGTERM)
                    child.wait()
                    raise RebuildStopped()
                if not selector.select(timeout=0.2):
                    continue
                line = child.stdout.readline()  # the child writes whole lines
                if not line:
                    break
                done, _, total = line.partition(" ")
                if done.isdigit() and total.strip().isdigit():
                    count = int(done)
                    if progress:
                        progress(int(done), int(total))
        if child.wait() != 0:
            errors.seek(0)
            lines = errors.read().strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit status {child.returncode}")
    return count
