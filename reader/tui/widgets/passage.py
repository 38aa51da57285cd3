"""One passage of the article pane and the offset arithmetic of its marks (cursor,
selection, query matches, bookmarks)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.geometry import Offset
from textual.widgets import Static

from reader.core.models import Passage
from reader.tui.render import highlighted


def table(text: str, terms: frozenset[str]) -> Table | Text:
    """A pipe table drawn as a table; its cells stay literal text."""
    # The search engine's analysis (Whoosh) loads after the first screen, not before it.
    from reader.core.search.snippets import match_spans

    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.strip() and not set(line.strip()) <= set("|-: ")
    ]
    if len(rows) < 2 or len({len(r) for r in rows}) != 1:
        return highlighted(text, match_spans(text, terms))
    grid = Table(expand=True, show_lines=False, header_style="bold")
    for heading in rows[0]:
        grid.add_column(highlighted(heading, match_spans(heading, terms)), ratio=1)
    for row in rows[1:]:
        grid.add_row(*(highlighted(cell, match_spans(cell, terms)) for cell in row))
    return grid


class PassageView(Static):
    """One passage of the clean text; `base` is its text before cursor and selection marks."""

    def __init__(self, passage: Passage, body: RenderableType, bookmarked: bool) -> None:
        classes = f"passage -{passage.kind}" + (" -bookmarked" if bookmarked else "")
        super().__init__(body, classes=classes)
        self.passage = passage
        self.base = body


def text_offset(text: str, point: Offset | None, default: int) -> int:
    """A selection point (column x of line y) as an offset into text."""
    if point is None:
        return default
    lines = text.split("\n")
    y = min(point.y, len(lines) - 1)
    return min(len(text), sum(len(line) + 1 for line in lines[:y]) + point.x)


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and end > other_start


def stylize(body: Text, style: Style, start: int, end: int, passage: Passage) -> None:
    """Style the part of [start, end) that falls in this passage (offsets of the clean text)."""
    if overlaps(start, end, passage.start, passage.end):
        body.stylize(style, max(0, start - passage.start), min(passage.end, end) - passage.start)
