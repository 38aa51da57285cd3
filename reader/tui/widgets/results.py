"""The list pane: every article, or the ranked hits of the current query."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.core.models import ArticleSummary, SearchHit
from reader.tui.messages import OpenArticle
from reader.tui.render import highlighted, literal, meta_line

UNREAD_MARK = "\u25cf "  # a dot before the headline of an article not opened yet
READ_MARK = "  "


def _row(title: str, derived: bool, meta: str, snippet: Text | None, read: bool = True) -> Text:
    row = Text()
    row.append(READ_MARK if read else UNREAD_MARK, style="" if read else "bold")
    row.append_text(literal(title, "" if read else "bold"))
    if derived:
        row.append(" (derived headline)", style="dim italic")
    row.append("\n")
    row.append(meta, style="dim")
    if snippet is not None:
        row.append("\n")
        row.append_text(snippet)
    return row


class ResultsList(OptionList):
    """Articles or hits, one option per article; Enter opens it."""

    _rows: dict[str, tuple[str, bool, str, Text | None]]

    def show_articles(self, summaries: list[ArticleSummary], read: set[str] | None = None) -> None:
        """List every article (newest first, undated last); unread ones carry a dot."""
        self._rows = {
            s.id: (s.title, s.title_derived, meta_line(s.source, s.published, s.word_count), None)
            for s in summaries
        }
        self._replace(self._option(s.id, read) for s in summaries)

    def show_hits(self, hits: tuple[SearchHit, ...], read: set[str] | None = None) -> None:
        """List ranked hits with their highlighted snippets; unread ones carry a dot."""
        self._rows = {
            h.id: (
                h.title,
                h.title_derived,
                meta_line(h.source, h.published, h.word_count),
                highlighted(h.snippet, h.highlights, "bold reverse"),
            )
            for h in hits
        }
        self._replace(self._option(h.id, read) for h in hits)

    def _option(self, article_id: str, read: set[str] | None) -> Option:
        title, derived, meta, snippet = self._rows[article_id]
        is_read = read is None or article_id in read
        return Option(_row(title, derived, meta, snippet, is_read), id=article_id)

    def mark_read(self, article_id: str) -> None:
        """Drop the unread dot of an article that has just been opened."""
        if article_id in getattr(self, "_rows", {}):
            try:
                self.replace_option_prompt(article_id, self._option(article_id, None).prompt)
            except OptionDoesNotExist:  # the row went with a new search; nothing to mark
                pass

    def _replace(self, options: Iterable[Option]) -> None:
        self.clear_options()
        rows: list[Option | None] = []
        for option in options:
            if rows:
                rows.append(None)  # a separator line between articles
            rows.append(option)
        self.add_options(rows)
        if self.option_count:
            self.highlighted = 0

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted article, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row opens the article."""
        event.stop()
        if event.option.id:
            self.post_message(OpenArticle(event.option.id))
