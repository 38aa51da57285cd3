"""Cold commands, whole process: `broadsheet search 'white house' --json` beside what the same
answer costs a one-shot script of each peer engine (benchmarks/_cold_peer.py) and, as a floor,
a Python that only imports numpy and Whoosh as Broadsheet imports them.

The commands take turns, in a rotating order, so that each meets the machine in the same
moments. Broadsheet's package is compiled to bytecode first, as an installed package is.
Used by benchmarks/search.py (with the peers it built) and benchmarks/as_you_type.py.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import load, percentile

ROOT = Path(__file__).resolve().parent.parent
COLD_QUERY = "white house"
RUNS = 9
FLOOR = (
    "import numpy, reader.core.search, whoosh.index, whoosh.searching, whoosh.qparser, "
    "whoosh.reading"
)


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a command (its output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, cwd="/", env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cold_commands(data_dir: Path, peers: dict[str, tuple[str, Path]] | None = None) -> None:
    """Time the cold commands, RUNS each, taking turns; `peers` maps a peer's name to its
    engine (`tantivy`, `fts5`) and index location."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # Bytecode is read and written as an installed package's is; the working directory is
    # not the project's, so `python -c` imports the installed `reader` like the command.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    broadsheet = str(Path(sys.executable).with_name("broadsheet"))
    ours = f"broadsheet search {COLD_QUERY!r} --json"
    commands = {
        ours: [broadsheet, "--data-dir", str(data_dir), "search", COLD_QUERY, "--json"],
    }
    script = str(Path(__file__).resolve().parent / "_cold_peer.py")
    for name, (engine, location) in (peers or {}).items():
        commands[f"{name}: one-shot script, same answer"] = [
            sys.executable,
            script,
            engine,
            str(location),
            COLD_QUERY,
        ]
    commands["floor: python importing numpy and whoosh"] = [sys.executable, "-c", FLOOR]
    labels = list(commands)
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in labels}
    for turn in range(RUNS):
        for i in range(len(labels)):
            label = labels[(turn + i) % len(labels)]
            runs[label].append(_timed(commands[label], env))
    print(f"\ncold commands, {RUNS} runs each, taking turns ({load()})")
    medians = {}
    for label in labels:
        walls, cpus = [w for w, _ in runs[label]], [c for _, c in runs[label]]
        medians[label] = statistics.median(walls)
        print(
            f"{label:48} wall median {medians[label] * 1000:6.0f} ms, "
            f"p95 {percentile(walls, 0.95) * 1000:6.0f} ms; CPU median "
            f"{statistics.median(cpus) * 1000:5.0f} ms"
        )
    for label in labels[1:-1]:
        name = label.split(":")[0]
        print(f"Broadsheet/{name} cold command, medians: {medians[ours] / medians[label]:.2f}x")
