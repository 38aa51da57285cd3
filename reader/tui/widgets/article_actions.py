"""The article pane's actions around reading: the hidden lines, copying, saving as Markdown,
fetching a headline-only article's text.

A mixin of ArticleView (which owns the passages, the cursor and the selection).
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from reader.core.models import Article, CleanArticle
from reader.tui import keys
from reader.tui.messages import ExportArticle, FetchText

Span2 = tuple[int, int]


class ArticleActions(Widget):
    """h (hidden lines), y (copy), x (save as Markdown) and t (fetch text) of the article pane."""

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
        self.notify(
            f"Copied {words} word{'s' if words != 1 else ''} to the clipboard.",
            timeout=2,
            markup=False,
        )

    def action_export_article(self) -> None:
        """Ask the screen to save this article as Markdown."""
        if self.view is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.post_message(ExportArticle(self.view.article.id))

    def action_fetch_text(self) -> None:
        """Ask for the full text of a headline-only article from its page."""
        if self.view is not None:
            self.post_message(FetchText(self.view.article.id))

    def fetch_text_note(self, article: Article) -> list[Static]:
        """The line under a headline-only article's header saying how to fetch its text."""
        if not article.headline_only:
            return []
        key = keys.display_keys(keys.key_by_id("fetch-text"), getattr(self.app, "keymap", {}))
        note = f"Headline only: the feed gave no text. Press {key} to fetch it from its page."
        return [Static(note, classes="hidden-note")]
