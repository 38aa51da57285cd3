"""Workers start from inside the reader too, where sys.stderr has no file descriptor."""

from __future__ import annotations

import subprocess
import sys

# Textual's print capture answers fileno() with -1; multiprocessing handed that to its
# resource tracker and every worker start failed ("bad value(s) in fds_to_keep").
AS_IN_THE_READER = """
import io, sys
class Capture(io.StringIO):
    def fileno(self):
        return -1
sys.stderr = Capture()
from reader.core.processes import spawn_context
try:
    with spawn_context().Pool(2) as pool:
        print(sum(pool.map(abs, [-1, -2, -3])))
except Exception as exc:
    print("failed:", exc)
"""


def test_a_pool_starts_when_stderr_has_no_file_descriptor() -> None:
    done = subprocess.run(
        [sys.executable, "-c", AS_IN_THE_READER], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "6"


def test_without_it_the_start_fails_as_it_did_in_the_reader() -> None:
    plain = AS_IN_THE_READER.replace(
        "from reader.core.processes import spawn_context",
        "import multiprocessing\nspawn_context = lambda: multiprocessing.get_context('spawn')",
    )
    done = subprocess.run([sys.executable, "-c", plain], capture_output=True, text=True, timeout=60)
    assert "failed: bad value(s) in fds_to_keep" in done.stdout
