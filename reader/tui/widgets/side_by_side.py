"""Two articles in two columns, passages aligned; n/N jump between the differences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.models import CleanArticle, Passage
from reader.core.text import printable
from reader.tui import keys
from reader.tui.messages import BookmarkPassage
from reader.tui.render import literal, outlet, trim

if TYPE_CHECKING:  # only named in annotations: imported when first used, not at start
    from reader.core.stories.align import Alignment, PassagePair
    from reader.core.stories.comparison import Comparison


def hidden_lines(view: CleanArticle) -> Text:
    """The boilerplate lines the cleaner hid from an article, each with its reason."""
    text = Text()
    text.append(f"Hidden from {outlet(view.article.source)} ({len(view.hidden)}):", style="bold")
    if not view.hidden:
        text.append(" nothing")
    for block in view.hidden:
        text.append(f"\n[{block.boilerplate}] ", style="italic")
        text.append_text(literal(trim(block.text, 160)))
    return text


class SideRow(Horizontal):
    """One row: a passage of each article (or of one only), with how they relate."""

    def __init__(
        self,
        left: Passage | None,
        right: Passage | None,
        pair: PassagePair | None,
        flags: tuple[list[str], list[str]],
        unique: tuple[bool, bool] = (False, False),
        notes: tuple[str, str] = ("", ""),
    ) -> None:
        self.flags = flags[0] + flags[1]
        self.unique = (left is not None and unique[0]) or (right is not None and unique[1])
        classes = (
            "side-row" + (" -unique" if self.unique else "") + (" -flag" if self.flags else "")
        )
        super().__init__(classes=classes)
        self.left, self.right, self.pair, self.cell_flags = left, right, pair, flags
        self.cell_unique, self.notes = unique, notes

    def cell(self, column: int) -> Static:
        """The Static of the left (0) or right (1) passage."""
        return self.query_one(f".-col{column}", Static)

    def _cell(self, passage: Passage | None, column: int) -> Static:
        text = Text()
        if passage is None:
            text.append("\u2014", style="dim")
            return Static(text, classes=f"side-cell -empty -col{column}")
        if self.pair is not None:
            text.append(
                f"#{passage.index} \u2248 {self.pair.kind} {self.pair.similarity:.2f}", style="dim"
            )
        elif self.cell_unique[column]:
            text.append(f"#{passage.index} only in this article", style="bold")
        else:
            text.append(f"#{passage.index} shares a claim with another passage", style="dim")
        if self.notes[column]:
            text.append(f" \u00b7 {self.notes[column]}", style="dim")
        for flag in self.cell_flags[column]:
            text.append(f"\n\u2691 {printable(str(flag))}", style="bold")
        text.append("\n")
        text.append_text(literal(passage.text))
        return Static(text, classes=f"side-cell -col{column}")

    def compose(self):  # type: ignore[no-untyped-def]
        """The two cells."""
        yield self._cell(self.left, 0)
        yield self._cell(self.right, 1)


STACK_BELOW = 84  # two columns of at least ~40 characters, with borders and padding


class SideBySide(VerticalScroll, can_focus=True):
    """Reads two articles of a story in aligned columns."""

    BINDINGS = keys.bindings("side-by-side")

    cursor: reactive[int] = reactive(-1, init=False)
    column: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left_view: CleanArticle | None = None
        self.right_view: CleanArticle | None = None
        self.reading_width = 90  # columns of text per column at most (config: reading_width)

    def on_resize(self) -> None:
        """Columns under ~40 characters are unreadable: stack the two passages instead."""
        self.set_class(self.size.width < STACK_BELOW, "-stacked")

    @property
    def rows(self) -> list[SideRow]:
        """The passage rows, in reading order."""
        return list(self.query(SideRow))

    async def show(
        self,
        comparison: Comparison,
        alignment: Alignment,
        show_hidden: bool = False,
        bookmarked: Iterable[tuple[str, int, int]] = (),
    ) -> None:
        """Lay out two articles' passages side by side; `bookmarked` (article, start, end)
        marks the passages that hold a bookmark."""
        left = self.left_view = comparison.views[alignment.left_id]
        right = self.right_view = comparison.views[alignment.right_id]
        flagged = comparison.passage_flags()
        reach = comparison.passage_coverage()
        unique_left, unique_right = set(alignment.unique_left), set(alignment.unique_right)

        def note(view: CleanArticle, index: int | None, other: str) -> str:
            others = [
                outlet(comparison.views[a].article.source)
                for a in reach.get(view.article.id, {}).get(index or 0, [])
                if a != other
            ]
            return (
                "also in " + ", ".join(dict.fromkeys(others))
                if index is not None and others
                else ""
            )

        await self.remove_children()
        header = Horizontal(classes="side-row -header")
        widgets: list[Static | Horizontal] = [header]
        if show_hidden:
            hidden = Horizontal(classes="side-row -hidden")
            widgets.append(hidden)
        for li, ri, pair in alignment.rows():
            flags = (
                flagged.get((left.article.id, li), []) if li is not None else [],
                flagged.get((right.article.id, ri), []) if ri is not None else [],
            )
            widgets.append(
                SideRow(
                    left.passages[li] if li is not None else None,
                    right.passages[ri] if ri is not None else None,
                    pair,
                    flags,
                    (li in unique_left, ri in unique_right),
                    (
                        note(left, li, right.article.id),
                        note(right, ri, left.article.id),
                    ),
                )
            )
        await self.mount_all(widgets)
        await header.mount_all(
            [
                Static(self._title(left), classes="side-cell"),
                Static(self._title(right), classes="side-cell"),
            ]
        )
        if show_hidden:
            await hidden.mount_all(
                [
                    Static(hidden_lines(left), classes="side-cell"),
                    Static(hidden_lines(right), classes="side-cell"),
                ]
            )
        for cell in self.query(".side-cell"):
            cell.styles.max_width = self.reading_width  # a reading measure on wide terminals
        for article_id, start, end in bookmarked:
            self.mark_bookmarked(article_id, start, end)
        self.set_reactive(SideBySide.cursor, -1)
        self.cursor = 0 if self.rows else -1
        self.scroll_home(animate=False)

    @staticmethod
    def _title(view: CleanArticle) -> Text:
        text = literal(outlet(view.article.source), "bold")
        text.append(
            f" \u00b7 {printable(view.article.published or 'undated', True)} \u00b7 "
            f"{view.word_count} words\n"
        )
        text.append_text(literal(trim(view.article.title, 90), "italic"))
        return text

    def watch_cursor(self, old: int, new: int) -> None:
        """Move the row highlight and keep it in view."""
        rows = self.rows
        if 0 <= old < len(rows):
            rows[old].remove_class("-cursor")
        if 0 <= new < len(rows):
            rows[new].add_class("-cursor")
            if new == 0:  # the first row: from the top, with the two articles' header
                self.call_after_refresh(self.scroll_home, animate=False)
            else:
                self.call_after_refresh(self.scroll_to_widget, rows[new], animate=False)

    def _move(self, to: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, to))

    def action_next_row(self) -> None:
        """Cursor to the next row."""
        self._move(self.cursor + 1)

    def action_previous_row(self) -> None:
        """Cursor to the previous row."""
        self._move(self.cursor - 1)

    def _differences(self) -> list[int]:
        return [n for n, row in enumerate(self.rows) if row.unique or row.flags]

    def action_next_difference(self) -> None:
        """Jump to the next claim only one of the two articles reports, or disagreement."""
        later = [n for n in self._differences() if n > self.cursor]
        if later:
            self.cursor = later[0]
        else:
            self.notify("No more unique passages or disagreements below.", timeout=2)

    def action_previous_difference(self) -> None:
        """Jump to the previous unique passage or disagreement."""
        earlier = [n for n in self._differences() if n < self.cursor]
        if earlier:
            self.cursor = earlier[-1]
        else:
            self.notify("No unique passage or disagreement above.", timeout=2)

    def action_column(self, column: int) -> None:
        """Choose the left (0) or right (1) passage of the row."""
        self.column = column

    @property
    def chosen(self) -> tuple[CleanArticle, Passage] | None:
        """The passage under the cursor in the chosen column (or the other, if that is empty)."""
        rows = self.rows
        if not 0 <= self.cursor < len(rows) or self.left_view is None or self.right_view is None:
            return None
        row = rows[self.cursor]
        options = [(self.left_view, row.left), (self.right_view, row.right)]
        if self.column == 1:
            options.reverse()
        for view, passage in options:
            if passage is not None:
                return view, passage
        return None

    def mark_bookmarked(self, article_id: str, start: int, end: int) -> None:
        """Mark the passages a bookmark covers, as the article pane does."""
        if self.left_view is None or self.right_view is None:
            return
        for row in self.rows:
            for column, (view, passage) in enumerate(
                ((self.left_view, row.left), (self.right_view, row.right))
            ):
                if (
                    passage is not None
                    and view.article.id == article_id
                    and start < passage.end
                    and end > passage.start
                ):
                    row.cell(column).add_class("-bookmarked")

    def action_bookmark(self) -> None:
        """Ask the screen to bookmark the chosen passage."""
        chosen = self.chosen
        if chosen is None:
            self.notify("Move to a passage first.", severity="warning")
            return
        view, passage = chosen
        self.post_message(BookmarkPassage(view.article.id, passage.start, passage.end))
