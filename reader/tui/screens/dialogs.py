"""Modal dialogs: saving a bookmark, and the help screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.tui import keys
from reader.tui.render import literal, outlet, trim

QUERY_HELP = (
    ("mayor chicago", "articles with both words (all words must match)"),
    ('"sanctuary city"', "the exact phrase"),
    ('"mayor lightfoot"~5', "the words within 5 words of each other"),
    ("lightfoot OR johnson", "either word"),
    ("ice NOT trump", "leave out articles with a word (also -trump)"),
    ("(raid OR raids) chicago", "group with parentheses"),
    ("title:defiant  outlet:forum", "one field: title, body, source/outlet, author"),
    ("immigra*", "words starting with a prefix"),
    ("Lightfot~  Lihgtfot~2", "fuzzy: words one edit away (two with ~2); a swap is one edit"),
    ("date:2025-01", "published in a year, month or day"),
    ("date:[2025-01-01 to 2025-03-31]", "published within a range (either end may be left out)"),
    ("date:>2024  date:<=2023-06", "published after / up to a date"),
)

SCOPE_TITLES = {
    "global": "Anywhere",
    "search": "In the search box",
    "list": "In the list",
    "article": "In the article pane",
    "bookmarks": "In the bookmarks pane",
    "compare": "In the comparison pane",
    "side-by-side": "Reading side by side",
    "stories": "In the story list",
    "bookmark-filter": "In the bookmark filter",
    "feeds": "On the subscriptions screen (F)",
    "failures": "On the list of failures and warnings (E)",
    "dialogs": "In dialogs",
    "help": "On this screen",
}


@dataclass(frozen=True)
class BookmarkInput:
    """What the bookmark dialog returns."""

    note: str
    tags: tuple[str, ...]


class BookmarkDialog(ModalScreen[BookmarkInput | None]):
    """Save a passage: an optional note and tags. Enter saves, Escape cancels."""

    BINDINGS = keys.bindings("dialogs", "cancel-dialog")

    def __init__(
        self, quote: str, note: str = "", tags: tuple[str, ...] = (), editing: bool = False
    ) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.editing = editing

    def compose(self) -> ComposeResult:
        """The quote, a note field and a tags field."""
        with Vertical(id="bookmark-dialog"):
            title = "Edit this bookmark" if self.editing else "Bookmark this passage"
            yield Label(title, classes="dialog-title")
            yield Static(
                literal("\u201c" + trim(self.quote, 300) + "\u201d"), classes="dialog-quote"
            )
            # Editing continues the note: the cursor lands at its end, nothing is pre-selected
            # (a selected note is replaced by the first key typed).
            yield Input(self.note, placeholder="Note (optional)", id="note", select_on_focus=False)
            yield Input(
                ", ".join(self.tags),
                placeholder="Tags, comma separated",
                id="tags",
                select_on_focus=False,
            )
            yield Static("Enter saves · Escape cancels", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either field saves."""
        event.stop()
        note = self.query_one("#note", Input).value.strip()
        raw_tags = self.query_one("#tags", Input).value
        tags = tuple(dict.fromkeys(t.strip() for t in raw_tags.split(",") if t.strip()))
        self.dismiss(BookmarkInput(note, tags))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ExportDialog(ModalScreen[tuple[Path, str] | None]):
    """Where to export bookmarks; a name ending in .json writes JSON, anything else Markdown."""

    BINDINGS = keys.bindings("dialogs", "cancel-export")

    def __init__(self, default: Path, count: int, filtered: bool) -> None:
        super().__init__()
        self.default = default
        self.count = count
        self.filtered = filtered

    def compose(self) -> ComposeResult:
        """A line saying what is exported and the file name field."""
        what = f"{self.count} bookmark{'s' if self.count != 1 else ''}"
        with Vertical(id="export-dialog"):
            yield Label("Export bookmarks", classes="dialog-title")
            yield Static(
                f"{what}{' (those matching the filter)' if self.filtered else ''}.",
                classes="dialog-quote",
            )
            yield Input(str(self.default), id="export-path", select_on_focus=False)
            yield Static(
                "A name ending in .json writes W3C Web Annotation JSON; any other, Markdown. "
                "Enter exports · Escape cancels",
                classes="dialog-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter exports."""
        event.stop()
        raw = event.value.strip()
        if not raw:
            self.notify("Give a file name to export to.", severity="warning")
            return
        path = Path(raw).expanduser()
        self.dismiss((path, "json" if path.suffix.lower() == ".json" else "markdown"))

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works, plus the query language."""

    BINDINGS = keys.bindings("help")

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        """Tables of keys and query examples."""
        with VerticalScroll(id="help"):
            yield Label("Broadsheet keys", classes="dialog-title")
            yield Static(
                Text(
                    "Each action ends with its binding id: remap it in config.toml under "
                    '[keymap] (e.g. open-url = "w"); `broadsheet keys` lists them all.',
                    style="dim",
                )
            )
            for scope, title in SCOPE_TITLES.items():
                table = Table(title=title, title_justify="left", show_header=False, box=None)
                table.add_column("key", style="bold", min_width=12)
                table.add_column("what it does")
                for key in keys.KEYS:
                    if key.scope == scope:
                        what = Text(key.help)
                        what.append(f"  {key.id}", style="dim italic")  # for [keymap]
                        table.add_row(keys.display_keys(key, self.keymap), what)
                yield Static(table)
            extra = Table(
                title="Lists and the palette", title_justify="left", show_header=False, box=None
            )
            extra.add_column("key", style="bold", min_width=12)
            extra.add_column("what it does")
            extra.add_row("Enter", "Open the highlighted article, story member or bookmark.")
            extra.add_row("Tab", "Move between the search box, the list and the open pane.")
            extra.add_row("ctrl+p", "Command palette: every action above, by name.")
            extra.add_row("Escape", "Leave the search box (or the bookmark filter) for the list.")
            yield Static(extra)
            query = Table(title="Search queries", title_justify="left", show_header=False, box=None)
            query.add_column("query", style="bold", min_width=28)
            query.add_column("finds")
            for example, meaning in QUERY_HELP:
                query.add_row(Text(example), meaning)
            yield Static(query)
            yield Static("Escape or ? closes this screen.", classes="dialog-hint")

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)


class Picker(ModalScreen[str | None]):
    """A list to pick one row of, or "all" (ALL); rows other than ALL have ids of one marker
    character and the value. Enter returns the value (ALL for all), Escape None."""

    ALL = "\x00all"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the picked value (ALL for all)."""
        event.stop()
        option_id = event.option.id or self.ALL
        self.dismiss(self.ALL if option_id == self.ALL else option_id[1:])

    def action_cancel(self) -> None:
        """Keep things as they were."""
        self.dismiss(None)


class OutletPicker(Picker):
    """Pick one outlet to narrow the results to, or all of them. Escape keeps the filter."""

    BINDINGS = keys.bindings("dialogs", "cancel-outlet")

    def __init__(self, outlets: tuple[tuple[str, int], ...], current: str | None) -> None:
        super().__init__()
        self.outlets = outlets
        self.current = current

    def compose(self) -> ComposeResult:
        """A list of outlets with their hit counts."""
        options = [Option(Text("All outlets", style="bold"), id=self.ALL)]
        for name, count in self.outlets:
            label = literal(outlet(name))
            label.append(f"  {count:,}", style="dim")
            options.append(Option(label, id="=" + name))
        with Vertical(id="outlet-dialog"):
            yield Label("Show results from", classes="dialog-title")
            yield OptionList(*options, id="outlet-list")
            yield Static("Enter picks · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        """Highlight the outlet in force."""
        listing = self.query_one(OptionList)
        if self.current is not None:
            for index, option in enumerate(listing.options):
                if option.id == "=" + self.current:
                    listing.highlighted = index
