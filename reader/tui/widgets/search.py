"""The search box: a query input with history on up/down (newest last, like a shell)."""

from __future__ import annotations

from textual.widgets import Input

from reader.tui import keys


class SearchInput(Input):
    """Type a query; up and down walk through the search history."""

    BINDINGS = keys.bindings("search")

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.history: list[str] = []
        self._position: int | None = None  # index into history while browsing it
        self._draft = ""

    def set_history(self, history: list[str]) -> None:
        """Replace the history (oldest first) and stop browsing it."""
        self.history = list(history)
        self._position = None

    def remember(self, query: str) -> None:
        """Add a query to the end of the history."""
        query = query.strip()
        if query:
            if query in self.history:
                self.history.remove(query)
            self.history.append(query)
        self._position = None

    def action_history_back(self) -> None:
        """Show the previous (older) query."""
        if not self.history:
            return
        if self._position is None:
            self._draft = self.value
            self._position = len(self.history)
        self._position = max(0, self._position - 1)
        self.value = self.history[self._position]
        self.cursor_position = len(self.value)

    def action_history_forward(self) -> None:
        """Show the next (newer) query, then what was being typed."""
        if self._position is None:
            return
        self._position += 1
        if self._position >= len(self.history):
            self._position = None
            self.value = self._draft
        else:
            self.value = self.history[self._position]
        self.cursor_position = len(self.value)
