"""Frozen value objects shared by the core, the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

UNKNOWN_OUTLET = "unknown outlet"

# Progress reports: (stage, done, total) for work of several stages, (done, total) for one.
Progress = Callable[[str, int, int], None]
StepProgress = Callable[[int, int], None]


def outlet_name(source: str) -> str:
    """The outlet's name, or a plain statement that the article does not show one."""
    return source or UNKNOWN_OUTLET


@dataclass(frozen=True)
class Article:
    """One news article as stored in the library; `body` is the original text, never cleaned."""

    id: str
    title: str
    body: str
    source: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or "" when the article does not show one
    url: str = ""
    language: str = ""
    author: str = ""
    title_derived: bool = False  # True when the headline was made from the text, not given
    origin: str = ""  # where it came from: a file path, "sample:<stem>", a URL
    # A feed entry kept with its headline (and summary, if any) but without its text, which can
    # be fetched from `url` on demand.
    headline_only: bool = False


@dataclass(frozen=True)
class ArticleSummary:
    """What a list row needs, without the body (listing never loads every body)."""

    id: str
    title: str
    source: str
    published: str
    word_count: int
    title_derived: bool = False
    author: str = ""
    headline_only: bool = False


@dataclass(frozen=True)
class Block:
    """A run of the original text: a paragraph, heading, list item or table, maybe boilerplate."""

    kind: str  # "headline" | "heading" | "paragraph" | "list" | "table"
    text: str  # cleaned text of the block (inline link debris removed)
    raw_start: int  # offsets into the original body
    raw_end: int
    boilerplate: str = ""  # "" when kept; else the reason it is hidden from the reading view


@dataclass(frozen=True)
class Passage:
    """A visible block of the clean text, with its offsets in the clean text."""

    index: int
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanArticle:
    """The reading view of an article: clean text, its passages and what was hidden."""

    article: Article
    text: str
    passages: tuple[Passage, ...]
    hidden: tuple[Block, ...]  # boilerplate blocks, kept for inspection, never deleted

    @property
    def word_count(self) -> int:
        """Words in the clean text."""
        return len(self.text.split())


@dataclass(frozen=True)
class Span:
    """A highlighted range [start, end) in some text."""

    start: int
    end: int


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result with its best snippet."""

    id: str
    title: str
    source: str
    published: str
    score: float
    snippet: str
    highlights: tuple[Span, ...] = ()
    word_count: int = 0
    title_derived: bool = False


@dataclass(frozen=True)
class Bookmark:
    """A saved passage with its anchor (quote, context, offsets, text hash) and the user's note."""

    id: int
    article_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    created: str = ""
    updated: str = ""
    uid: str = ""  # stable identity across libraries (export and import)


@dataclass(frozen=True)
class Story:
    """Articles about the same event, grouped by text similarity."""

    id: str
    article_ids: tuple[str, ...]
    undated_ids: tuple[str, ...] = ()  # members without a date in a story of dated ones


STORY_SORTS = ("outlets", "recent")


@dataclass(frozen=True)
class StoryRow:
    """A story as the story list shows it."""

    story: Story
    members: list[ArticleSummary]
    outlets: tuple[str, ...]
    first_date: str
    last_date: str

    @property
    def outlet_count(self) -> int:
        """Named outlets, plus one when some member names none."""
        return len(self.outlets) + any(not m.source for m in self.members)

    @property
    def undated(self) -> tuple[str, ...]:
        """Members without a date in a story of dated ones (they joined on strong evidence)."""
        return self.story.undated_ids


SORTS = ("relevance", "newest", "oldest")  # orders of search hits


class QueryError(ValueError):
    """A query that cannot be searched; the message says why. (Here, not in the query
    module, so the command line can name it without importing the search engine.)"""


class Cancelled(Exception):
    """A search given up because a newer one replaced it (the user typed on). Here, not in
    the evaluator, for the same reason as QueryError."""


@dataclass(frozen=True)
class SearchOptions:
    """How to order and narrow a search."""

    limit: int = 20
    offset: int = 0  # hits to skip: the next page starts where the last one ended
    sort: str = "relevance"  # relevance | newest | oldest
    outlet: str | None = None  # exact outlet name
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None
    # Only the articles not read yet. `read` is the read articles to leave out; None: the
    # library's read state now (a front end paging on passes the set its first page used, so
    # an article read meanwhile does not shift the pages).
    unread_only: bool = False
    read: frozenset[str] | None = None


@dataclass(frozen=True)
class SearchResult:
    """The ranked hits of one query, how it was read, per-outlet counts and how long it took."""

    query: str
    read_as: str
    hits: tuple[SearchHit, ...]
    total: int
    seconds: float
    notes: tuple[str, ...] = ()
    outlets: tuple[tuple[str, int], ...] = ()  # outlet name ("" = unknown) and hit count
    suggestion: str = ""  # a "did you mean" query when this one found little
    matched: int | None = None  # with unread_only: the hits read or not (total: the unread)
