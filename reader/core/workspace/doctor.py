"""The doctor's door: checking, salvaging and restoring the library file without opening it
as a Workspace (it may be locked, damaged or a kept copy). `broadsheet doctor` uses only this;
the work is done by reader.core.library.repair."""

from reader.core.library.repair import (
    Check,
    LibraryError,
    cause,
    check,
    kept_copies,
    orphaned_log,
    restore,
    salvage,
)

__all__ = [
    "Check",
    "LibraryError",
    "cause",
    "check",
    "kept_copies",
    "orphaned_log",
    "restore",
    "salvage",
]
