"""Shared test helpers: every test gets its own user dirs, never the real ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect XDG data, cache and config homes into the test's temp dir."""
    home = tmp_path / "home"
    for name in ("DATA", "CACHE", "CONFIG", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    return home


def version_1_library(path: Path, *statements: str) -> Path:
    """A library file as schema version 1 wrote it, with the given SQL run inside it."""
    from reader.core.library.migrations import SCHEMA_V1

    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute("PRAGMA user_version = 1")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when it is not there (CI has it, a fresh clone may not)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
