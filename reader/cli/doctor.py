"""`broadsheet doctor`: the library's health, its kept copies, salvage and restore.

It runs without opening the library the usual way (that could be what fails): it only reads,
except when asked to salvage (a new file beside the copy) or restore (the current library is
itself kept, never deleted, before a copy takes its place).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any, TextIO

from reader.core.locations import resolve
from reader.core.text import printable
from reader.core.workspace import doctor as library_repair


def add_parser(commands: Any) -> None:
    """Add `doctor` to the main parser."""
    doctor = commands.add_parser(
        "doctor", help="check the library, list kept copies, salvage or restore one"
    )
    doctor.add_argument(
        "--salvage",
        metavar="COPY",
        help="recover the rows of a kept copy (its number in the list, its path, or "
        "'library') into a new file beside it, with SQLite's .recover",
    )
    doctor.add_argument(
        "--restore",
        metavar="COPY",
        help="make a kept or salvaged copy the library again (the current one is kept)",
    )


def run(data_dir: str | None, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    """The doctor command; its exit status (1 when the library fails its check)."""
    path = resolve(data_dir).library_path
    try:
        if args.salvage:
            source = _pick(path, args.salvage)
            target, how = library_repair.salvage(source)
            found = library_repair.check(target)
            print(
                f"salvaged {_counts(found)} from {_show(source)} into {_show(target)} ({how}); "
                f"`broadsheet doctor --restore {_show(target)}` makes it the library",
                file=out,
            )
            return 0
        if args.restore:
            copy = _pick(path, args.restore)
            replaced = library_repair.restore(path, copy)
            kept = f"; the library it replaced was kept as {_show(replaced)}" if replaced else ""
            print(f"restored {_show(copy)} as the library{kept}", file=out)
            return 0
    except (library_repair.LibraryError, OSError, sqlite3.Error) as exc:
        print(f"broadsheet doctor: {printable(str(exc), True)}", file=sys.stderr)
        return 1
    return _report(path, out)


def _report(path: Path, out: TextIO) -> int:
    orphaned = library_repair.orphaned_log(path)
    if orphaned:  # never opened, not even to check: SQLite would delete the log
        print(f"library: {_show(path)}: {printable(orphaned, True)}", file=out)
        ok = False
    else:
        current = library_repair.check(path)
        print(f"library: {_show(path)}: {_verdict(current)}", file=out)
        ok = current.ok or not path.exists()
    copies = library_repair.kept_copies(path)
    if not copies:
        print("kept copies: none", file=out)
    else:
        print(f"kept copies ({len(copies)}), oldest first:", file=out)
        for n, copy in enumerate(copies, start=1):
            print(f"  {n}. {_show(copy)}: {_verdict(library_repair.check(copy))}", file=out)
        print(
            "`broadsheet doctor --salvage N` recovers a copy's rows into a new file; "
            "`--restore N` makes a copy the library again (the current one is kept)",
            file=out,
        )
    return 0 if ok else 1


def _pick(path: Path, choice: str) -> Path:
    """A kept copy by its number in the list, the word 'library', or a path."""
    if choice == "library":
        return path
    copies = library_repair.kept_copies(path)
    if choice.isdigit() and 1 <= int(choice) <= len(copies):
        return copies[int(choice) - 1]
    candidate = Path(choice).expanduser()
    if not candidate.is_absolute() and not candidate.exists():
        candidate = path.parent / choice
    if not candidate.is_file():
        raise library_repair.LibraryError(f"no kept copy {choice!r} (see `broadsheet doctor`)")
    return candidate


def _verdict(found: library_repair.Check) -> str:
    if found.ok:
        return f"integrity ok, {_counts(found)}"
    return f"damaged: {printable(found.detail, True)}" + (
        f" ({_counts(found)} readable)" if found.articles is not None else ""
    )


def _counts(found: library_repair.Check) -> str:
    articles = "?" if found.articles is None else f"{found.articles:,}"
    bookmarks = "?" if found.bookmarks is None else f"{found.bookmarks:,}"
    return f"{articles} articles, {bookmarks} bookmarks"


def _show(path: Path | None) -> str:
    return printable(str(path), True)
