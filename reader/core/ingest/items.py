"""What the format readers hand to the importer, and what the importer reports per item."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.models import Article

ADDED = "added"
UPDATED = "updated"
DUPLICATE = "duplicate"
FAILED = "failed"
WARNING = "warning"  # read, with something to tell the user (not a failure: exit status 0)


class PageError(ValueError):
    """An article page that could not be fetched or had no text; the message says why."""


@dataclass(frozen=True)
class Item:
    """One article found in a source (its id may be '' for 'make one'), or why it failed."""

    name: str  # what the user sees: a path, 'path line 3', a URL, a feed entry
    article: Article | None = None
    error: str = ""
    warning: str = ""  # a recoverable problem, reported as its own line


@dataclass(frozen=True)
class Subscription:
    """A feed URL found in an OPML list, to subscribe to."""

    name: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class ImportResult:
    """The outcome of one item: added, updated, duplicate or failed (with the reason)."""

    item: str
    status: str
    id: str = ""
    error: str = ""

    def as_dict(self) -> dict[str, str]:
        """The JSON object printed by `broadsheet import --json`."""
        return {"item": self.item, "status": self.status, "id": self.id, "error": self.error}


@dataclass
class ImportReport:
    """Every item's outcome, with the counts a summary needs."""

    results: list[ImportResult]

    def count(self, status: str) -> int:
        """How many items ended with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[ImportResult]:
        """The items that failed."""
        return [r for r in self.results if r.status == FAILED]

    @property
    def warnings(self) -> list[ImportResult]:
        """The warnings (damage read past, pages that could not be fetched)."""
        return [r for r in self.results if r.status == WARNING]

    def summary(self) -> str:
        """`N added, N updated, N duplicates skipped, N failed` (and `, N warnings`)."""
        dupes = self.count(DUPLICATE)
        warned = self.count(WARNING)
        return (
            f"{self.count(ADDED)} added, {self.count(UPDATED)} updated, "
            f"{dupes} duplicate{'s' if dupes != 1 else ''} skipped, {self.count(FAILED)} failed"
            + (f", {warned} warning{'s' if warned != 1 else ''}" if warned else "")
        )
