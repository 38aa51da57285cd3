"""Running `broadsheet` as a user would: a separate process, its exit status and its lines."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.library import Library
from reader.core.models import Article


@dataclass(frozen=True)
class Run:
    """What one command did."""

    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        """Both streams, for messages that may go to either."""
        return self.out + self.err


def environment(**extra: str) -> dict[str, str]:
    """The test's environment (user dirs already redirected by tests/conftest.py)."""
    env = dict(os.environ)
    env.update(extra)
    return env


def broadsheet(data: Path, *args: str, timeout: float = 120, **env: str) -> Run:
    """`broadsheet --data-dir DATA ARGS...` in a child process."""
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment(**env),
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def no_traceback(run: Run) -> None:
    """The user never sees a Python traceback."""
    assert "Traceback" not in run.said, run.said


def library_path(data: Path) -> Path:
    """Where `--data-dir DATA` keeps the library."""
    return data / "data" / "library.sqlite3"


def fingerprint(path: Path) -> tuple[int, str]:
    """Inode and content hash: a file moved, replaced or changed shows here."""
    return path.stat().st_ino, hashlib.sha256(path.read_bytes()).hexdigest()


def kept_copies(data: Path) -> list[Path]:
    """Files the library was moved aside to."""
    found = (data / "data").glob("library.sqlite3.unreadable-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def make_library(data: Path, articles: list[Article]) -> None:
    """A library of our own (no sample corpus) with these articles."""
    library = Library(library_path(data))
    library.set_meta("sample_corpus_loaded", "1")
    library.upsert_articles(articles)
    library.close()


def article(n: int, **fields: str) -> Article:
    """A small distinct article."""
    values = {
        "id": f"story-{n}",
        "title": f"Harbour ferry report number {n}",
        "body": f"The ferry crossed the harbour {n} times. Officials counted passengers {n}.",
        "source": "Harbour Times",
        "published": "2025-03-01",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]
