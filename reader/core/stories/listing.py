"""The story list: which stories to show, in what order, found by their headlines.

One module for the CLI's `broadsheet stories` and the TUI's story list (`S`), so both filter
(`min_outlets`), search (every word of the query in some member's headline, case and accents
ignored) and sort ("outlets": most outlets, then most articles, then newest; "recent": newest
last date first, undated last) the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from reader.core.models import STORY_SORTS, ArticleSummary, Story, StoryRow


def _story_row(story: Story, members: list[ArticleSummary]) -> StoryRow:
    dates = sorted(m.published for m in members if m.published)
    return StoryRow(
        story,
        members,
        tuple(sorted({m.source for m in members if m.source})),
        dates[0] if dates else "",
        dates[-1] if dates else "",
    )


def _fold(text: str) -> str:
    """Lower case without accents, for matching what a user types against headlines."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _negated(iso_date: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(c) for c in iso_date)


def story_rows(
    stories: Iterable[Story],
    summaries: Callable[[list[str]], list[ArticleSummary]],
    min_outlets: int = 1,
    sort: str = "outlets",
    query: str = "",
) -> list[StoryRow]:
    """Rows of the stories covered by at least `min_outlets` outlets whose headlines match."""
    if sort not in STORY_SORTS:
        raise ValueError(f"unknown story order {sort!r}: use one of {', '.join(STORY_SORTS)}")
    words = _fold(query).split()
    kept = [s for s in stories if len(s.article_ids) >= min_outlets]
    summary = {m.id: m for m in summaries([i for s in kept for i in s.article_ids])}
    rows = []
    for story in kept:
        members = [summary[i] for i in story.article_ids if i in summary]
        if not members:
            continue  # removed while the list was made
        row = _story_row(story, members)
        if row.outlet_count < min_outlets:
            continue
        if words:
            headlines = _fold(" ".join(m.title for m in members))
            if not all(word in headlines for word in words):
                continue
        rows.append(row)
    if sort == "recent":
        rows.sort(key=lambda r: (r.last_date == "", _negated(r.last_date), r.story.id))
    else:
        rows.sort(key=lambda r: (-r.outlet_count, -len(r.members), _negated(r.last_date)))
    return rows
