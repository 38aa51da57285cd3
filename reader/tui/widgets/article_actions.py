"""The article pane's actions around reading: the hidden lines, copying, saving as Markdown.

A mixin of ArticleView (which owns the passages, the cursor and the selection).
"""

from __future__ import annotations

from textual.widget import Widget

from reader.core.models import CleanArticle
from reader.tui.messages import ExportArticle

Span2 = tuple[int, int]


class ArticleActions(Widget):
    """h (hidden lines), y (copy) and x (save as Markdown) of the article pane."""

    view: CleanArticle | None
    show_hidden: bool

    def mouse_selection(self) -> Span2 | None:  # ArticleView reads the screen's selection
        raise NotImplementedError

    @property
    def selection(self) -> Span2 | None:  # ArticleView: the keyboard selection
        raise NotImplementedError

    @property
    def current_span(self) -> Span2 | None:  # ArticleView: the sentence or paragraph
        raise NotImplementedError

    def action_toggle_hidden(self) -> None:
        """Show or hide the boilerplate lines the cleaner removed from this article."""
        if self.view is None or not self.view.hidden:
            self.notify("Nothing was hidden from this article.", timeout=2)
            return
        self.show_hidden = not self.show_hidden
        for lines in self.query(".hidden-lines"):
            lines.display = self.show_hidden
        if self.show_hidden:
            self.call_after_refresh(self.scroll_home, animate=False)

    def action_copy(self) -> None:
        """Copy the selection (or the sentence or paragraph under the cursor), through the
        terminal's clipboard (OSC 52, Textual's copy support)."""
        span = self.mouse_selection() or self.selection or self.current_span
        if self.view is None or span is None:
            self.notify("Open an article first, then move to a passage.", severity="warning")
            return
        text = self.view.text[span[0] : span[1]]
        self.app.copy_to_clipboard(text)
        words = len(text.split())
        self.notify(f"Copied {words} word{'s' if words != 1 else ''} to the clipboard.", timeout=2)

    def action_export_article(self) -> None:
        """Ask the screen to save this article as Markdown."""
        if self.view is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.post_message(ExportArticle(self.view.article.id))
