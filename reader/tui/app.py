"""BroadsheetApp: the Textual application, its CSS, key map and command palette."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual.app import App
from textual.notifications import SeverityLevel

from reader import __version__
from reader.core.locations import Locations
from reader.core.text import printable
from reader.core.workspace import Workspace
from reader.tui import keys, settings
from reader.tui.commands import KeyTableCommands
from reader.tui.screens.main import MainScreen

NOTIFICATIONS_KEPT = 200


class BroadsheetApp(App[None]):
    """A keyboard-driven reader over a library of news articles."""

    CSS_PATH = "broadsheet.tcss"
    COMMANDS = App.COMMANDS | {KeyTableCommands}
    TITLE = "Broadsheet"
    SUB_TITLE = f"v{__version__}"

    def __init__(self, locations: Locations, say: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.locations = locations
        self.workspace = Workspace(locations, say=say)  # `say` hears lock waits on opening
        self.settings = settings.load(locations.config_path, keys.BINDING_IDS)
        self.keymap = self.settings.keymap
        self.keymap_problems = self.settings.problems + keys.conflicts(self.keymap)
        # The latest messages notified, oldest first (a reader open all day must not keep them all).
        self.notifications_shown: deque[str] = deque(maxlen=NOTIFICATIONS_KEPT)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: messages carry data (queries, file names, quotes),
        which must never be read as markup or reach the terminal as a control sequence."""
        message, title = printable(message), printable(title)
        self.notifications_shown.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

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
