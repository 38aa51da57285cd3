"""The article pane: clean reading, query terms highlighted, a passage cursor."""

from __future__ import annotations

from collections import Counter

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.index import match_spans
from reader.core.models import Bookmark, CleanArticle, Passage
from reader.tui import keys
from reader.tui.messages import BookmarkPassage
from reader.tui.render import highlighted, literal, meta_line

EMPTY_TEXT = "No article open. Pick one from the list (Enter) or search with /."


def table(text: str, terms: frozenset[str]) -> Table | Text:
    """A pipe table drawn as a table; its cells stay literal text."""
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
    """One passage of the clean text."""

    def __init__(self, passage: Passage, body: RenderableType, bookmarked: bool) -> None:
        classes = f"passage -{passage.kind}" + (" -bookmarked" if bookmarked else "")
        super().__init__(body, classes=classes)
        self.passage = passage


class ArticleView(VerticalScroll, can_focus=True):
    """Reads one article; j/k move the passage cursor; b bookmarks the passage under it."""

    BINDINGS = keys.bindings("article")

    cursor: reactive[int] = reactive(-1, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: CleanArticle | None = None
        self.matches: list[int] = []  # passages with a query match, for n / N

    def compose(self):  # type: ignore[no-untyped-def]
        """Starts empty, with a hint."""
        yield Static(EMPTY_TEXT, classes="empty-hint")

    @property
    def article_id(self) -> str | None:
        """The id of the open article."""
        return self.view.article.id if self.view else None

    @property
    def passages(self) -> list[PassageView]:
        """The passage widgets, in order."""
        return list(self.query(PassageView))

    async def show(
        self,
        view: CleanArticle,
        terms: frozenset[str],
        bookmarks: list[tuple[Bookmark, int, int]],
        at: int = -1,
    ) -> None:
        """Show an article; `at` is an offset in the clean text to put the cursor on."""
        self.view = view
        article = view.article
        await self.remove_children()
        header = Text()
        header.append_text(highlighted(article.title, match_spans(article.title, terms)))
        header.stylize("bold")
        if article.title_derived:
            header.append("  (headline derived from the text)", style="dim italic")
        widgets: list[Static] = [
            Static(header, classes="headline"),
            Static(
                literal(meta_line(article.source, article.published, view.word_count))
                + (literal(f" · {article.url}") if article.url else Text()),
                classes="meta",
            ),
        ]
        if view.hidden:
            reasons = Counter(block.boilerplate for block in view.hidden)
            summary = ", ".join(
                f"{n} {reason}" + ("s" if n > 1 else "") for reason, n in reasons.items()
            )
            widgets.append(Static(f"Hidden from this view: {summary}.", classes="hidden-note"))
        marked = {
            p.index for p in view.passages for _, s, e in bookmarks if s < p.end and e > p.start
        }
        self.matches = []
        for passage in view.passages:
            if match_spans(passage.text, terms):
                self.matches.append(passage.index)
            if passage.kind == "table":
                body: RenderableType = table(passage.text, terms)
            else:
                body = highlighted(passage.text, match_spans(passage.text, terms))
            widgets.append(PassageView(passage, body, passage.index in marked))
        await self.mount_all(widgets)
        target = 0
        if at >= 0:
            for passage in view.passages:
                if passage.start <= at < passage.end + 2:
                    target = passage.index
                    break
        self.set_reactive(ArticleView.cursor, -1)
        self.cursor = target if view.passages else -1
        if target == 0:
            self.scroll_home(animate=False)

    def watch_cursor(self, old: int, new: int) -> None:
        """Move the cursor highlight and keep it in view."""
        passages = self.passages
        if 0 <= old < len(passages):
            passages[old].remove_class("-cursor")
        if 0 <= new < len(passages):
            passages[new].add_class("-cursor")
            self.call_after_refresh(self.scroll_to_widget, passages[new], animate=False)

    def _move(self, to: int) -> None:
        count = len(self.passages)
        if count:
            self.cursor = max(0, min(count - 1, to))

    def action_next_passage(self) -> None:
        """Cursor to the next passage."""
        self._move(self.cursor + 1)

    def action_previous_passage(self) -> None:
        """Cursor to the previous passage."""
        self._move(self.cursor - 1)

    def action_first_passage(self) -> None:
        """Cursor to the first passage."""
        self._move(0)

    def action_last_passage(self) -> None:
        """Cursor to the last passage."""
        self._move(len(self.passages) - 1)

    def action_next_match(self) -> None:
        """Cursor to the next passage with a query match (wrapping round)."""
        later = [i for i in self.matches if i > self.cursor]
        if later or self.matches:
            self._move((later or self.matches)[0])
        else:
            self.notify("No query matches in this article.", timeout=2)

    def action_previous_match(self) -> None:
        """Cursor to the previous passage with a query match (wrapping round)."""
        earlier = [i for i in self.matches if i < self.cursor]
        if earlier or self.matches:
            self._move((earlier or self.matches)[-1])
        else:
            self.notify("No query matches in this article.", timeout=2)

    @property
    def current_passage(self) -> Passage | None:
        """The passage under the cursor."""
        passages = self.passages
        if 0 <= self.cursor < len(passages):
            return passages[self.cursor].passage
        return None

    def action_bookmark(self) -> None:
        """Ask the screen to bookmark the passage under the cursor."""
        passage = self.current_passage
        if self.view is None or passage is None:
            self.notify("Open an article first, then move to a passage.", severity="warning")
            return
        self.post_message(BookmarkPassage(self.view.article.id, passage.start, passage.end))

    def mark_bookmarked(self, start: int, end: int) -> None:
        """Mark the passages a new bookmark covers."""
        for widget in self.passages:
            if start < widget.passage.end and end > widget.passage.start:
                widget.add_class("-bookmarked")
