"""The list pane: saved searches and every article, or the ranked hits of the current query."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Self

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.core.models import ArticleSummary, SearchHit
from reader.tui import keys
from reader.tui.messages import ForgetSearch, LoadMore, OpenArticle, RunQuery
from reader.tui.render import highlighted, literal, meta_line

SAVED = "saved:"
SUGGESTION = "suggest:"
MORE = "more:"
REST_AFTER = 0.3  # seconds a result stays before its rows below the screen are laid out
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


def _saved(query: str) -> Option:
    row = Text("\u2605 Saved search: ", style="bold")
    row.append_text(literal(query, "italic"))
    return Option(row, id=SAVED + query)


def _more(shown: int, total: int, what: str = "articles") -> Option:
    row = Text(
        f"\u2026 {total - shown:,} more {what} (shown {shown:,} of {total:,}): "
        "Enter shows the next page",
        style="dim",
    )
    return Option(row, id=f"{MORE}{shown}")


class ResultsList(OptionList):
    """Articles or hits, one option per article; Enter opens it (or runs a saved search)."""

    BINDINGS = keys.bindings("list")

    _rows: dict[str, ArticleSummary | SearchHit]  # what each listed row is made from
    _generation = 0  # counts the times the list was emptied (rows added later check it)
    rows_pending = False  # rows of the result shown wait to be added below it
    hits_listed = 0  # hits of the query in the list, with rows still waiting to be added

    def show_articles(
        self,
        summaries: list[ArticleSummary],
        saved: list[str],
        total: int,
        append: bool = False,
        read: set[str] | None = None,
    ) -> None:
        """Saved searches first, then articles newest first (unread ones dotted); a last row pages on."""
        if not append or not hasattr(self, "_rows"):
            self._rows = {}
        self._rows.update((s.id, s) for s in summaries)
        ids = [s.id for s in summaries]
        shown = self.article_count + len(summaries) if append else len(summaries)
        more = [_more(shown, total)] if shown < total else []
        if append:
            self._drop_more_row()
            self._fill([*(self._option(i, read) for i in ids), *more], append=True)
        else:
            self._fill_screen_first([_saved(q) for q in saved], ids, read, more)

    def show_hits(
        self,
        hits: tuple[SearchHit, ...],
        suggestion: str = "",
        read: set[str] | None = None,
        total: int | None = None,
        append: bool = False,
    ) -> None:
        """Ranked hits with their highlighted snippets; a "did you mean" row when offered;
        a last row pages on while hits remain (appended pages keep the highlight)."""
        if not append or not hasattr(self, "_rows"):
            self._rows = {}
        self._rows.update((h.id, h) for h in hits)
        if append:  # a further page: below the rows listed, the highlight kept
            listed = set(self.article_ids)
            fresh = [h.id for h in hits if h.id not in listed]
            self._drop_more_row()
            self.hits_listed += len(fresh)
            options = [self._option(i, read) for i in fresh]
            if total is not None and self.hits_listed < total:
                options.append(_more(self.hits_listed, total, "hits"))
            self._fill(options, append=True)
            return
        leading: list[Option] = []
        if suggestion:
            row = Text("Did you mean: ", style="bold")
            row.append_text(literal(suggestion, "italic"))
            row.append("  (Enter)", style="dim")
            leading.append(Option(row, id=SUGGESTION + suggestion))
        self.hits_listed = len(hits)
        more = [_more(len(hits), total, "hits")] if total is not None and len(hits) < total else []
        self._fill_screen_first(leading, [h.id for h in hits], read, more)

    def _fill_screen_first(
        self, leading: list[Option], ids: list[str], read: set[str] | None, trailing: list[Option]
    ) -> None:
        """Making and laying out a row (wrapping its snippet) is most of the cost of showing
        a list: the rows the list can show are made and go in now, the rest once no newer
        list has come for REST_AFTER seconds, so a person typing (or starting the reader)
        waits only for what is on screen."""
        first = self.screenful
        head = [*leading, *(self._option(i, read) for i in ids[:first])]
        if len(ids) <= first:
            self._fill([*head, *trailing], append=False)
            return
        self._fill(head, append=False)
        self.rows_pending = True
        rest = partial(self._rest_of, ids[first:], read, trailing)
        later = partial(self._fill_later, rest, self._generation)
        # The wait starts once the rows on screen are drawn: when drawing them takes longer
        # than the wait (a reader starting on a busy machine), the rest must not go first.
        self.call_after_refresh(self.set_timer, REST_AFTER, later)

    @property
    def screenful(self) -> int:
        """How many rows are made first: about as many as the list shows (a row is 3 or 4
        lines with its separator)."""
        return max(4, min(12, (self.size.height or 36) // 3 + 2))

    def _rest_of(
        self, ids: list[str], read: set[str] | None, trailing: list[Option]
    ) -> list[Option]:
        return [*(self._option(i, read) for i in ids), *trailing]

    def clear_options(self) -> Self:
        """Empty the list (and drop rows still waiting to be added to it)."""
        self._generation += 1
        self.rows_pending = False
        return super().clear_options()

    def _fill_later(self, rows: Callable[[], list[Option]], generation: int) -> None:
        if generation == self._generation:
            self.rows_pending = False  # not replaced by a newer result meanwhile
            self._fill(rows(), append=True)

    def _option(self, article_id: str, read: set[str] | None) -> Option:
        item = self._rows[article_id]
        is_read = read is None or article_id in read
        if isinstance(item, SearchHit):
            meta = meta_line(item.source, item.published, item.word_count)
            snippet = highlighted(item.snippet, item.highlights, "bold reverse")
            return Option(
                _row(item.title, item.title_derived, meta, snippet, is_read), id=article_id
            )
        meta = meta_line(
            item.source, item.published, item.word_count, item.author, item.headline_only
        )
        return Option(_row(item.title, item.title_derived, meta, None, is_read), id=article_id)

    def mark_read(self, article_id: str) -> None:
        """Drop the unread dot of an article that has just been opened."""
        self.set_read(article_id, True)

    def set_read(self, article_id: str, read: bool) -> None:
        """Show an article's row as read (no dot) or unread (a dot, bold)."""
        if article_id in getattr(self, "_rows", {}):
            state: set[str] | None = None if read else set()
            try:
                self.replace_option_prompt(article_id, self._option(article_id, state).prompt)
            except OptionDoesNotExist:  # the row went with a new search; nothing to mark
                pass

    @property
    def article_count(self) -> int:
        """How many article rows are listed."""
        return sum(1 for o in self.options if o.id and ":" not in o.id)

    @property
    def article_ids(self) -> list[str]:
        """The ids of the listed articles, in order."""
        return [o.id for o in self.options if o.id and ":" not in o.id]

    def _drop_more_row(self) -> None:
        for index, option in enumerate(self.options):
            if option.id and option.id.startswith(MORE):
                self.remove_option_at_index(index)
                return

    def _fill(self, options: Iterable[Option], append: bool) -> None:
        keep = self.highlighted if append else None
        if not append:
            self.clear_options()
        rows: list[Option | None] = []
        for option in options:
            if rows or (append and self.option_count):
                rows.append(None)  # a separator line between rows
            rows.append(option)
        self.add_options(rows)
        if keep is not None:
            self.highlighted = keep
        elif self.option_count:
            self.highlighted = 0

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted article, if an article is highlighted."""
        if self.highlighted is None or not self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return option_id if option_id and ":" not in option_id else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the article, runs the saved search or suggestion, or pages on."""
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(SAVED):
            self.post_message(RunQuery(option_id[len(SAVED) :]))
        elif option_id.startswith(SUGGESTION):
            self.post_message(RunQuery(option_id[len(SUGGESTION) :]))
        elif option_id.startswith(MORE):
            self.post_message(LoadMore(int(option_id[len(MORE) :])))
        elif option_id:
            self.post_message(OpenArticle(option_id))

    def action_delete_saved_search(self) -> None:
        """Forget the highlighted saved search."""
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if option_id.startswith(SAVED):
            self.post_message(ForgetSearch(option_id[len(SAVED) :]))
        else:
            self.notify("Highlight a saved search to forget it.", severity="warning", timeout=3)
