"""The story list (S): stories told by two outlets or more, by outlet count or recency.

A library of thousands of articles has thousands of one-article "stories"; the list a reader
wants is of the events several outlets covered. `a` shows every story or only those of two
outlets or more, `s` sorts by outlets or by recency, `f` finds stories by words of their
headlines. The filtering itself is the Workspace's (the same as `broadsheet stories`): this
widget holds the choices and asks the screen for rows (StoriesWanted).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.workspace import STORY_SORTS, StoryRow
from reader.tui import keys
from reader.tui.render import literal, trim

SEARCH_PLACEHOLDER = "Find stories (f): words of a headline"
MULTI_OUTLET = 2


@dataclass
class StoriesWanted(Message):
    """The story list's choices changed: the screen should list stories again."""

    min_outlets: int
    sort: str
    query: str


class StorySearch(Input):
    """The headline search box; Escape or ↓ go back to the list, Enter too."""

    BINDINGS = [Binding("escape,down", "to_list", "List", show=False, id="story-search-to-list")]

    def action_to_list(self) -> None:
        """Back to the list."""
        self.screen.query_one("#story-options", OptionList).focus()


class StoryOptions(OptionList):
    """The stories; the keys of the stories scope change what is listed."""

    BINDINGS = keys.bindings("stories")

    @property
    def pane(self) -> StoryList:
        """The story list this belongs to."""
        return next(a for a in self.ancestors if isinstance(a, StoryList))

    def action_toggle_all_stories(self) -> None:
        """Every story, or only those of two outlets or more."""
        self.pane.all_stories = not self.pane.all_stories
        self.pane.ask()

    def action_cycle_story_sort(self) -> None:
        """Most outlets first, or most recent first."""
        order = STORY_SORTS.index(self.pane.sort)
        self.pane.sort = STORY_SORTS[(order + 1) % len(STORY_SORTS)]
        self.pane.ask()

    def action_find_stories(self) -> None:
        """Move to the headline search box."""
        self.pane.query_one(StorySearch).focus()


class StoryList(Vertical):
    """A status line, the headline search box and the stories."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_stories = False
        self.sort = STORY_SORTS[0]

    def compose(self) -> ComposeResult:
        """The status line, the search box and the list."""
        yield Static("", id="story-status")
        yield StorySearch(placeholder=SEARCH_PLACEHOLDER, id="story-search")
        yield StoryOptions(id="story-options")

    @property
    def min_outlets(self) -> int:
        """1 when every story is listed, else 2."""
        return 1 if self.all_stories else MULTI_OUTLET

    def wanted(self) -> StoriesWanted:
        """What to list now."""
        return StoriesWanted(self.min_outlets, self.sort, self.query_one(StorySearch).value)

    def ask(self) -> None:
        """Ask the screen for the rows of the current choices."""
        self.post_message(self.wanted())

    @on(Input.Changed, "#story-search")
    def search_changed(self) -> None:
        """Search as the user types."""
        self.ask()

    @on(Input.Submitted, "#story-search")
    def search_submitted(self) -> None:
        """Enter in the search box goes to the list."""
        self.query_one(StoryOptions).focus()

    def show(self, rows: list[StoryRow]) -> None:
        """List the rows, with a line saying what is listed and how to change it."""
        which = "every story" if self.all_stories else "stories of 2 outlets or more"
        order = "most outlets first" if self.sort == "outlets" else "most recent first"
        found = self.query_one(StorySearch).value.strip()
        status = Text(f"{len(rows)} shown: {which}, {order}", style="bold")
        if found:
            status.append_text(literal(f", headlines with \u201c{found}\u201d", "bold"))
        status.append("  (Enter compares; a, s, f: see the footer)", style="dim")
        self.query_one("#story-status", Static).update(status)
        options = self.query_one(StoryOptions)
        options.clear_options()
        for r in rows:
            span = (
                r.first_date
                if r.first_date == r.last_date
                else f"{r.first_date}\u2013{r.last_date}"
            )
            row = Text()
            row.append_text(literal(trim(r.members[0].title, 90), "bold"))
            row.append(
                f"\n{r.outlet_count} outlet{'s' if r.outlet_count != 1 else ''} \u00b7 "
                f"{len(r.members)} article{'s' if len(r.members) != 1 else ''} \u00b7 "
                f"{span or 'undated'} \u00b7 ",
                style="dim",
            )
            named = ", ".join(r.outlets)
            if r.outlet_count > len(r.outlets):
                named = f"{named}, unknown outlet" if named else "unknown outlet"
            row.append_text(literal(named, "dim"))
            if r.undated:
                row.append(
                    f"\n{len(r.undated)} undated member(s), joined on strong evidence: ",
                    style="dim italic",
                )
                row.append_text(literal(", ".join(r.undated), "dim italic"))
            options.add_option(Option(row, id=r.members[0].id))
        if rows:
            options.highlighted = 0
