"""A Footer that keeps Quit and Help in sight at any width.

Textual's Footer lays out every shown binding in one row and lets the ones past the right
edge fall off, so on a 60-column terminal a pane with many keys of its own (side by side)
pushed Help and Quit out of sight. This one shows as many keys as fit, picked in order of
need: Quit, Help, Search, then the focused pane's keys, then the other keys of the screen;
they are drawn in the Footer's usual order. Below NARROW columns it uses Textual's compact
style (one column less per key). Every key stays in the help screen (?) and the command
palette (ctrl+p), whose key keeps its place on the right.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL = ("quit", "help", "search")  # binding ids (reader.tui.keys), shown while they fit
NARROW = 100  # below this many columns the keys are drawn compact

Shown = tuple[Binding, bool, str]  # a binding, whether it is enabled, its tooltip


def key_width(key_display: str, description: str, compact: bool) -> int:
    """Columns one FooterKey takes, as Footer's CSS pads it: ` key description ` normally,
    `key description` and a margin of one when compact."""
    return cell_len(key_display) + cell_len(description) + (2 if compact else 3)


def fitting(candidates: list[tuple[Shown, int, int]], room: int) -> list[Shown]:
    """The bindings that fit in `room` columns: by priority (lower first), then drawn in
    their own order. Each candidate is (binding, priority, width)."""
    chosen: set[int] = set()
    used = 0
    for index, (_shown, _priority, width) in sorted(
        enumerate(candidates), key=lambda item: (item[1][1], item[0])
    ):
        if used + width <= room:
            chosen.add(index)
            used += width
    return [shown for index, (shown, _p, _w) in enumerate(candidates) if index in chosen]


class FittingFooter(Footer):
    """The Footer of the main screen: the keys that fit, the most needed first."""

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys again for the new width."""
        compact = event.size.width < NARROW
        if compact != self.compact:
            self.compact = compact
        if self._bindings_ready and self.is_attached:
            self.call_after_refresh(self.recompose)

    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        """As Footer composes, less the keys that would fall off the right edge."""
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        compact = self._width() < NARROW
        by_action: dict[str, Shown] = {}
        pane_actions: set[str] = set()
        for node, binding, enabled, tooltip in active.values():
            # Textual's own ctrl+q (a priority binding, not shown) wins over ours while
            # typing in a box: it quits all the same, so it is shown as Quit.
            action = "app.quit" if binding.action == "quit" else binding.action
            if not (binding.show or action == "app.quit") or action in by_action:
                continue
            by_action[action] = (binding, enabled, tooltip)
            if node is not self.screen and node is not self.app:
                pane_actions.add(action)
        palette = self._palette(active, compact)
        room = self._width() - (palette[1] if palette else 0)
        candidates = []
        for action, shown in by_action.items():
            binding = shown[0]
            if action == "app.quit":
                priority = 0
            elif binding.id in ESSENTIAL:
                priority = ESSENTIAL.index(binding.id)
            else:
                priority = len(ESSENTIAL) + (0 if action in pane_actions else 1)
            width = key_width(self.app.get_key_display(binding), binding.description, compact)
            candidates.append((shown, priority, width))
        for binding, enabled, tooltip in fitting(candidates, room):
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette:
            yield palette[0]

    def _palette(
        self, active: dict[str, ActiveBinding], compact: bool
    ) -> tuple[FooterKey, int] | None:
        """The command palette's key, docked right, and the columns it takes."""
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        found = active.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _node, binding, enabled, _tooltip = found
        display = self.app.get_key_display(binding)
        key = FooterKey(
            binding.key,
            display,
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )
        # its border on the left and padding on the right take what the others' padding does
        return key, key_width(display, binding.description, compact)
