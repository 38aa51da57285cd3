"""The list pane: every article, or the ranked hits of the current query."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.models import ArticleSummary, SearchHit
from reader.tui.messages import OpenArticle
from reader.tui.render import highlighted, literal, meta_line


def _row(title: str, derived: bool, meta: str, snippet: Text | None) -> Text:
    row = Text()
    row.append_text(literal(title, "bold"))
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

    def show_articles(self, summaries: list[ArticleSummary]) -> None:
        """List every article (newest first, undated last, as the library orders them)."""
        self._replace(
            Option(
                _row(
                    s.title, s.title_derived, meta_line(s.source, s.published, s.word_count), None
                ),
                id=s.id,
            )
            for s in summaries
        )

    def show_hits(self, hits: tuple[SearchHit, ...]) -> None:
        """List ranked hits with their highlighted snippets."""
        self._replace(
            Option(
                _row(
                    h.title,
                    h.title_derived,
                    meta_line(h.source, h.published, h.word_count),
                    highlighted(h.snippet, h.highlights, "bold reverse"),
                ),
                id=h.id,
            )
            for h in hits
        )

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
