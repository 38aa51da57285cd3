"""Starting worker processes, from the command line and from inside the reader alike.

multiprocessing starts a resource tracker process with the first worker, queue or pool, and
hands it the file descriptor of `sys.stderr`. Inside the reader `sys.stderr` is the interface's
print capture, whose `fileno()` is -1, and the start failed with "bad value(s) in fds_to_keep":
every import of 2,000 articles or more made from the reader failed, and so did a large index
update there. `spawn_context()` starts the tracker without a stderr when the current one has
no usable descriptor (the tracker only writes warnings about leaked semaphores there, which
would land on the reader's screen anyway). Workers are always started with "spawn" (a new
interpreter), never by forking: the caller may be the reader itself, with threads.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from multiprocessing.context import SpawnContext

_starting = threading.Lock()


def _has_descriptor(stream: object) -> bool:
    try:
        return int(stream.fileno()) >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def spawn_context() -> SpawnContext:
    """The "spawn" context, with multiprocessing's resource tracker running."""
    with _starting:
        if not _has_descriptor(sys.stderr):
            from multiprocessing import resource_tracker

            saved = sys.stderr
            sys.stderr = None  # type: ignore[assignment]  # the tracker then gets no stderr
            try:
                resource_tracker.ensure_running()
            finally:
                sys.stderr = saved
    return multiprocessing.get_context("spawn")
