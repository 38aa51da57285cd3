"""The comparison pane: one story across outlets.

Overview (coverage rows, disagreement flags, facts grid), two columns side by side, and the
list of every story of the library. The pane shows what the screen hands it; it asks for
articles, stories and bookmarks with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.text import printable
from reader.core.workspace import StoryRow
from reader.tui import keys
from reader.tui.messages import OpenArticle, OpenStory, ShowArticle
from reader.tui.render import literal, outlet, trim
from reader.tui.widgets.side_by_side import SideBySide, hidden_lines
from reader.tui.widgets.story_list import StoryList

if TYPE_CHECKING:  # only named in annotations: imported when first used, not at start
    from reader.core.stories.comparison import Comparison
    from reader.core.stories.disagreements import Disagreement
    from reader.core.stories.facts import Fact
    from reader.core.workspace import StoryRow

FACT_KINDS = (
    ("person", "People"),
    ("organisation", "Organisations"),
    ("place", "Places"),
    ("number", "Numbers"),
    ("date", "Dates"),
    ("quote", "Quotes"),
)
CELL_ITEMS = 5
COMPACT_HEIGHT = 30  # a pane lower or narrower than this has a one-line title
COMPACT_WIDTH = 60
FLAG = "flag-"


def coverage_bar(shared: float, width: int = 10) -> str:
    """A bar of shared (filled) versus unique (empty) content."""
    filled = round(shared * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


MARKS = {"all": "\u25cf", "some": "\u25d0", "one": "\u25cb"}


def column_heading(comparison: Comparison, article_id: str) -> Text:
    """An outlet and a short headline: three articles of one outlet stay apart."""
    article = comparison.views[article_id].article
    heading = literal(trim(outlet(article.source), 18), "bold")
    heading.append("\n")
    heading.append_text(literal(trim(article.title or article_id, 28), "dim"))
    return heading


def facts_grid(comparison: Comparison) -> RenderableType:
    """People, organisations, places, numbers, dates and quotes, one column per outlet; each
    fact marked by how many outlets state it."""
    ids = [i for i in comparison.usable_ids if i in comparison.facts]
    if not ids:
        return Text("No facts to show.", style="dim")
    title = (
        f"Facts by outlet   {MARKS['all']} all report it  {MARKS['some']} some  "
        f"{MARKS['one']} only this one"
    )
    grid = Table(title=title, title_justify="left", expand=True, show_lines=True)
    grid.add_column("", style="bold", width=9)
    for article_id in ids:
        grid.add_column(column_heading(comparison, article_id), ratio=1)
    for kind, label in FACT_KINDS:
        cells = []
        for article_id in ids:
            values: list[str] = []
            if kind == "person":
                values = people_cell(comparison, comparison.facts[article_id])
            for fact in comparison.facts[article_id]:
                if fact.kind != kind or kind == "person":
                    continue
                shown = {
                    "number": fact.text,
                    "quote": f"{fact.key}: \u201c{trim(fact.value, 50)}\u201d",
                }.get(kind, fact.value)
                shown = f"{MARKS[comparison.reach_mark(fact)]} {shown}"
                if shown not in values:
                    values.append(shown)
            more = f"\n+{len(values) - CELL_ITEMS} more" if len(values) > CELL_ITEMS else ""
            cells.append(literal("\n".join(values[:CELL_ITEMS]) + more))
        grid.add_row(label, *cells)
    return grid


def people_cell(comparison: Comparison, facts: list[Fact]) -> list[str]:
    """One line per person: the fullest name the article uses, its most specific role, and
    how many outlets name the person."""
    from reader.core.stories.facts import surname  # the stories package loads with a comparison

    best: dict[str, tuple[str, str, Fact]] = {}
    for fact in facts:
        if fact.kind != "person":
            continue
        name, role, first = best.get(surname(fact.value), ("", "", fact))
        best[surname(fact.value)] = (
            max(name, fact.value, key=len),
            max(role, fact.key, key=len),
            first,
        )
    return [
        f"{MARKS[comparison.reach_mark(first)]} {name} ({role})"
        for name, role, first in best.values()
    ]


def flag_detail(comparison: Comparison, flag: Disagreement) -> Text:
    """Both (or all) sides of a disagreement, each with its passages and the words in question."""
    text = Text()
    text.append(printable(f"\u2691 {flag.kind}: {flag.summary()}") + "\n", style="bold")
    for side in flag.sides:
        firsts = {m.article_id: m for m in reversed(side.mentions)}  # first mention per article
        for m in sorted(firsts.values(), key=side.mentions.index):
            view = comparison.views[m.article_id]
            text.append(f"\n{printable(side.value, True)}", style="bold")
            text.append(
                f" \u2014 {outlet(view.article.source)} \u00b7 {printable(m.article_id, True)}, "
                f"passage {m.passage}\n",
                style="dim",
            )
            at, till = m.fact_start - m.start, m.fact_end - m.start
            text.append_text(literal(m.text[:at]))
            text.append_text(literal(m.text[at:till], "reverse"))
            rest = m.text[till:]
            text.append_text(literal(rest if len(rest) <= 300 else rest[:299] + "\u2026"))
            text.append("\n")
    return text


class ComparePane(Vertical):
    """The story of the open article: coverage, flags, facts; side by side; all stories."""

    BINDINGS = keys.bindings("compare")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.show_hidden = False
        self.bookmarked: list[tuple[str, int, int]] = []  # set by the screen: (article, start, end)
        self._titles: tuple[Text, Text] | None = None  # the title as written in full, and short

    def compose(self) -> ComposeResult:
        """The title, then the overview, the two columns and the story list (one at a time)."""
        yield Static(
            "Press c on an article to compare its story, S for every story.", id="compare-title"
        )
        with ContentSwitcher(initial="compare-overview", id="compare-modes"):
            with Vertical(id="compare-overview"):
                yield OptionList(id="compare-list")
                with VerticalScroll(id="compare-body"):
                    yield Static("", id="compare-detail")
                    yield Static("", id="compare-hidden")
                    yield Static("", id="compare-facts")
            yield SideBySide(id="compare-side")
            yield StoryList(id="story-list")

    def on_resize(self) -> None:
        """On a small terminal the title is one line (no margins), so the overview and the
        two columns keep the rows."""
        self.set_class(
            self.size.height < COMPACT_HEIGHT or self.size.width < COMPACT_WIDTH, "-compact"
        )
        self._show_title()

    def _show_title(self) -> None:
        if self._titles is not None:
            full, short = self._titles
            self.query_one("#compare-title", Static).update(
                short if self.has_class("-compact") else full
            )

    @property
    def mode(self) -> str:
        """Which view is showing: compare-overview, compare-side or story-list."""
        return self.query_one("#compare-modes", ContentSwitcher).current or ""

    def _switch(self, mode: str, take_focus: bool = True) -> None:
        self.query_one("#compare-modes", ContentSwitcher).current = mode
        target = {"compare-overview": "#compare-list", "story-list": "#story-options"}.get(
            mode, f"#{mode}"
        )
        if take_focus:
            self.query_one(target).focus()

    def wait_for(self, what: str, mode: str = "compare-overview") -> None:
        """Say what is being worked out, in the view its result will fill, which takes the
        keys meanwhile (the result then takes them only if the reader is still here)."""
        waiting = literal(what, "italic")  # it may quote a headline: data, not markup
        self._titles = (waiting, waiting)
        self._show_title()
        if mode == "compare-overview":  # not the rows of the story compared before
            self.comparison = None
            self.query_one("#compare-list", OptionList).clear_options()
            self.query_one("#compare-detail", Static).update("")
            self.query_one("#compare-facts", Static).update("")
            self._show_hidden_lines()
        self._switch(mode)

    def show_comparison(self, comparison: Comparison, take_focus: bool = True) -> None:
        """Show the overview of a compared story (taking the keys, with `take_focus`)."""
        self.comparison = comparison
        views = comparison.views
        focus = views[comparison.focus_id].article
        outlets = {outlet(v.article.source) for v in views.values()}
        title = Text()
        title.append("Story of ", style="dim")
        title.append_text(literal(trim(focus.title, 70), "bold"))
        count = len(views)
        title.append(
            f"\n{count} article{'s' if count != 1 else ''} from {len(outlets)} "
            f"outlet{'s' if len(outlets) != 1 else ''} \u00b7 {len(comparison.disagreements)} "
            f"disagreement{'s' if len(comparison.disagreements) != 1 else ''} \u00b7 "
            "Enter opens · v side by side · h hidden lines",
            style="dim",
        )
        short = Text(
            f"{count} article{'s' if count != 1 else ''}, {len(outlets)} "
            f"outlet{'s' if len(outlets) != 1 else ''}, {len(comparison.disagreements)} "
            f"disagreement{'s' if len(comparison.disagreements) != 1 else ''} \u00b7 story of ",
            style="dim",
        )
        short.append_text(literal(trim(focus.title, 70), "bold"))
        for message in comparison.messages:
            for text in (title, short):
                text.append("\n")
                text.append_text(literal(message, "italic"))
        self._titles = (title, short)
        self._show_title()
        table = self.query_one("#compare-list", OptionList)
        table.clear_options()
        width = max([len(outlet(c.source)) for c in comparison.coverage] + [14])
        for c in comparison.coverage:
            row = Text()
            row.append("\u25b6 " if c.article_id == comparison.focus_id else "  ")
            row.append_text(literal(f"{outlet(c.source):<{width}}", "bold"))
            row.append(
                f"  {printable(c.published or 'undated', True):<10} {c.word_count:>6,} words  "
            )
            if c.note:
                row.append_text(literal(trim(c.note, 60), "italic"))
            else:
                row.append(f"{coverage_bar(c.shared, 8)} {c.shared:.0%} shared")
            row.append("\n    ")
            row.append_text(literal(trim(c.title, 64), "italic"))
            table.add_option(Option(row, id=c.article_id))
        table.add_option(
            Option(
                Text(f"Disagreements ({len(comparison.disagreements)})", style="bold"),
                disabled=True,
            )
        )
        for n, flag in enumerate(comparison.disagreements):
            row = Text("\u2691 ", style="bold")
            row.append_text(literal(f"{flag.kind}: {trim(flag.summary(), 100)}"))
            table.add_option(Option(row, id=f"{FLAG}{n}"))
        table.highlighted = 0
        self.query_one("#compare-detail", Static).update(
            "Enter on a \u2691 flag shows the passages on each side."
            if comparison.disagreements
            else "No disagreements found between these articles."
        )
        self._show_hidden_lines()
        self.query_one("#compare-facts", Static).update(facts_grid(comparison))
        # Each comparison opens at its top, not at the scroll position of the one before.
        table.scroll_home(animate=False)
        self.query_one("#compare-body", VerticalScroll).scroll_home(animate=False)
        self._switch("compare-overview", take_focus)

    def _show_hidden_lines(self) -> None:
        hidden = self.query_one("#compare-hidden", Static)
        hidden.display = self.show_hidden and self.comparison is not None
        if self.comparison is not None:
            text = Text()
            for view in self.comparison.views.values():
                text.append_text(hidden_lines(view))
                text.append("\n")
            hidden.update(text)

    def show_stories(self, rows: list[StoryRow], take_focus: bool = True) -> None:
        """The story list (reader.tui.widgets.story_list) with these rows (taking the keys,
        with `take_focus`)."""
        self._titles = (Text("Stories", style="bold"), Text("Stories", style="bold"))
        self._show_title()
        self.query_one(StoryList).show(rows)
        if self.mode != "story-list":
            self._switch("story-list", take_focus)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: open an article, show a flag's passages, or compare a story."""
        event.stop()
        option_id = event.option.id or ""
        if event.option_list.id == "story-options":
            self.post_message(OpenStory(option_id))
        elif option_id.startswith(FLAG) and self.comparison is not None:
            flag = self.comparison.disagreements[int(option_id.removeprefix(FLAG))]
            self.query_one("#compare-detail", Static).update(flag_detail(self.comparison, flag))
            self.query_one("#compare-body", VerticalScroll).scroll_home(animate=False)
        elif option_id:
            self.post_message(OpenArticle(option_id))

    async def action_side_by_side(self) -> None:
        """Two columns: this article against the highlighted one (or the first other); on a
        flag, the articles of its first two sides, with the cursor on the flagged passage."""
        comparison = self.comparison
        if comparison is None:
            self.notify("Press c on an article first.", severity="warning")
            return
        table = self.query_one("#compare-list", OptionList)
        highlighted = table.highlighted
        chosen = table.get_option_at_index(highlighted).id if highlighted is not None else None
        left, partner, at = comparison.focus_id, None, None
        if chosen and chosen.startswith(FLAG):
            left, partner, at = comparison.flag_reading(int(chosen.removeprefix(FLAG)))
        elif chosen in comparison.usable_ids and chosen != comparison.focus_id:
            partner = chosen
        partner = partner or next(iter(comparison.partners), None)
        alignment = comparison.alignment(left, partner) if partner else None
        if alignment is None:
            self.notify(
                "There is no other article in this story to read side by side.", severity="warning"
            )
            return
        side = self.query_one(SideBySide)
        await side.show(comparison, alignment, self.show_hidden, self.bookmarked)
        if at is not None:
            side.cursor = next(
                (
                    n
                    for n, row in enumerate(side.rows)
                    if row.left is not None and row.left.index == at
                ),
                0,
            )
        self._switch("compare-side")

    async def action_toggle_hidden(self) -> None:
        """Show or hide the boilerplate lines the cleaner removed."""
        self.show_hidden = not self.show_hidden
        self._show_hidden_lines()
        side = self.query_one(SideBySide)
        if self.mode == "compare-side" and self.comparison and side.left_view and side.right_view:
            alignment = self.comparison.alignment(
                side.left_view.article.id, side.right_view.article.id
            )
            if alignment is not None:
                cursor = side.cursor
                await side.show(self.comparison, alignment, self.show_hidden, self.bookmarked)
                side.cursor = cursor
        self.notify(
            "Hidden lines shown." if self.show_hidden else "Hidden lines hidden again.", timeout=2
        )

    def action_overview(self) -> None:
        """Back to the overview of the story; from the overview, back to the article."""
        if self.comparison is not None and self.mode != "compare-overview":
            self._switch("compare-overview")
        else:
            self.post_message(ShowArticle())
