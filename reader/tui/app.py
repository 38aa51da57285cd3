"""BroadsheetApp: the Textual application, its CSS, key map and command palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from reader import __version__
from reader.core.locations import Locations
from reader.core.workspace import Workspace
from reader.tui import keys, settings
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.bookmarks import BookmarkList
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.side_by_side import SideBySide


class BroadsheetApp(App[None]):
    """A keyboard-driven reader over a library of news articles."""

    CSS_PATH = "broadsheet.tcss"
    TITLE = "Broadsheet"
    SUB_TITLE = f"v{__version__}"

    def __init__(self, locations: Locations) -> None:
        super().__init__()
        self.locations = locations
        self.workspace = Workspace(locations)
        self.settings = settings.load(locations.config_path, keys.BINDING_IDS)
        self.keymap = self.settings.keymap
        self.keymap_problems = self.settings.problems + keys.conflicts(self.keymap)

    def on_mount(self) -> None:
        """Apply the user's theme and key map, and open the main screen."""
        if self.settings.theme is not None:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.keymap_problems.append(
                    f"config {self.locations.config_path}: theme {self.settings.theme!r} is not "
                    "a theme (ctrl+p, Change theme, lists them); using the default"
                )
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        self.push_screen(MainScreen(self.workspace, self.settings))

    def _keep_theme(self, theme: object) -> None:
        """A theme chosen in the palette is written to the config file, so it is kept."""
        name = getattr(theme, "name", None)
        if not name or name == self.settings.theme:
            return
        try:
            settings.save_theme(self.locations.config_path, name)
        except OSError as exc:
            self.notify(f"Cannot keep the theme: {exc}", severity="warning", markup=False)
            return
        self.settings.theme = name

    def on_unmount(self) -> None:
        """Close the library."""
        self.workspace.close()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every action of the key table, plus Textual's own."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        for key in keys.KEYS:
            if key.id == "quit":
                continue  # Textual's own palette already offers Quit
            yield SystemCommand(key.description, key.help, self._palette_runner(screen, key))

    def _palette_runner(self, screen: MainScreen, key: keys.Key):  # type: ignore[no-untyped-def]
        async def run() -> None:
            if key.scope == "global":
                await screen.run_action(key.action)
            elif key.scope == "article":
                screen.action_show_article()
                await screen.query_one(ArticleView).run_action(key.action)
            elif key.scope == "bookmarks":
                screen.action_show_bookmarks()
                await screen.query_one(BookmarkList).run_action(key.action)
            elif key.scope in ("compare", "side-by-side"):
                pane = screen.query_one(ComparePane)
                target = pane if key.scope == "compare" else pane.query_one(SideBySide)
                await target.run_action(key.action)
            elif key.scope == "list":
                await screen.query_one(ResultsList).run_action(key.action)
            elif key.scope == "search":
                screen.action_focus_search()
                await screen.query_one(SearchInput).run_action(key.action)

        return run
