"""One writer at a time across processes: advisory file locks with a wait and a message.

SQLite serialises single transactions, but an import is more than one: it reads the dedup
keys, decides what is new and then writes. Two importers interleaving those steps store the
same id-less records twice. Whoosh likewise allows one index writer and fails the second
with a LockError traceback. So every import holds the library's writer lock from its first
dedup decision to its last write, and every index change holds the index lock; a second
process waits (saying so) and, if the wait runs out, stops with one line instead of a trace.

The locks are `flock` locks on small files beside the library and the index: the kernel
releases them when a process dies, so a killed import never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Say = Callable[[str], None]


class LockTimeout(RuntimeError):
    """Another process held a lock for longer than we were willing to wait."""


def default_wait() -> float:
    """Seconds to wait for another process's write lock (BROADSHEET_WRITE_WAIT, default 120:
    an import of a large folder or a rebuild can take a while, and waiting beats failing)."""
    try:
        return max(0.0, float(os.environ.get("BROADSHEET_WRITE_WAIT", "120")))
    except ValueError:
        return 120.0


# flock locks belong to the open file, not the thread: two threads of one process would both
# "hold" the lock. A process-wide re-entrant lock per path keeps threads in line as well.
_THREAD_LOCKS: dict[str, threading.RLock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()
_HELD: dict[str, int] = {}


def _thread_lock(path: Path) -> threading.RLock:
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(str(path), threading.RLock())


@contextmanager
def exclusive(
    path: Path, what: str, say: Say | None = None, wait: float | None = None
) -> Iterator[None]:
    """Hold the lock file `path` (created if missing); wait up to `wait` seconds for another
    process, telling `say` once that we wait, then LockTimeout. Re-entrant in one process."""
    limit = default_wait() if wait is None else wait
    guard = _thread_lock(path)
    key = str(path)
    with guard:
        if _HELD.get(key):  # this thread already holds it (an import indexing what it stored)
            _HELD[key] += 1
            try:
                yield
            finally:
                _HELD[key] -= 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _acquire(fd, what, say, limit)
            _HELD[key] = 1
            try:
                yield
            finally:
                _HELD[key] = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _acquire(fd: int, what: str, say: Say | None, limit: float) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    if say is not None:
        say(f"another Broadsheet process is writing the {what}; waiting up to {limit:.0f} s")
    deadline = time.monotonic() + limit
    delay = 0.05
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"another Broadsheet process kept the {what} busy for over {limit:.0f} s; "
                    "nothing was written: try again when it is done"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def is_free(path: Path) -> bool:
    """True when no other process holds the lock file `path` right now."""
    if _HELD.get(str(path)):
        return True
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)
