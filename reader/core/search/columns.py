"""Per-document arrays of one index generation, kept beside the index.

The evaluator needs each document's outlet, publication day, date rank and field lengths as
arrays. Reading the outlet and date columns goes through Whoosh one document at a time
(0.26 s at 100,000 articles), in every new process: a command, each start of the reader.
They are read once per index generation (every commit makes a new one) and saved beside the
index as one .npz file, which the next process loads in milliseconds. The file is a cache:
written on the read side, replaced when the index changes, rebuilt when unreadable.
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

PREFIX = "columns-"


@dataclass
class Columns:
    """Outlet codes (into `outlet_names`), day numbers (0 undated), date ranks (0 undated,
    then oldest first) and field lengths (as their one-byte codes) of every document."""

    outlet_names: list[str]
    outlet_codes: NDArray[np.int64]
    days: NDArray[np.int64]
    published: NDArray[np.int64]
    length_bytes: dict[str, NDArray[np.uint8]]


def cached(directory: Path, generation: int, size: int, build: Callable[[], Columns]) -> Columns:
    """The columns of this generation from the file beside the index, else built and saved."""
    path = directory / f"{PREFIX}{generation}-{size}.npz"
    found = _load(path, size)
    if found is not None:
        return found
    columns = build()
    _save(path, columns)
    return columns


def _load(path: Path, size: int) -> Columns | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["outlet_names"]]
            columns = Columns(
                outlet_names=names,
                outlet_codes=data["outlet_codes"].astype(np.int64),
                days=data["days"].astype(np.int64),
                published=data["published"].astype(np.int64),
                length_bytes={
                    key.removeprefix("length_"): data[key]
                    for key in data.files
                    if key.startswith("length_")
                },
            )
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    arrays: list[NDArray[np.generic]] = [columns.outlet_codes, columns.days, columns.published]
    if any(len(a) != size for a in [*arrays, *columns.length_bytes.values()]):
        return None
    if size and len(columns.outlet_codes) and columns.outlet_codes.max() >= len(names):
        return None
    return columns


def _save(path: Path, columns: Columns) -> None:
    """Write beside the index (temp file, then rename) and drop other generations' files.
    A read-only or full disk only means the next process reads the columns again."""
    tmp = path.with_name(f".{path.stem}-{uuid.uuid4().hex[:8]}.tmp.npz")
    try:
        arrays: dict[str, NDArray[np.generic]] = {
            "outlet_names": np.array(columns.outlet_names, dtype=np.str_),
            "outlet_codes": columns.outlet_codes.astype(np.int32),
            "days": columns.days.astype(np.int32),
            "published": columns.published.astype(np.int32),
        }
        for name, lengths in columns.length_bytes.items():
            arrays[f"length_{name}"] = lengths
        np.savez(tmp, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return
    for other in path.parent.glob(f"{PREFIX}*.npz"):
        if other != path:
            other.unlink(missing_ok=True)
