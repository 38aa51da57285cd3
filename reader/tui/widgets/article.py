"""The article pane: clean reading, query terms highlighted, a passage cursor and selection."""

from __future__ import annotations

from collections import Counter

from rich.console import RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.bookmarks.anchors import Located
from reader.core.models import Bookmark, CleanArticle, Passage
from reader.core.text import split_sentences
from reader.tui import keys
from reader.tui.messages import BookmarkPassage
from reader.tui.render import highlighted, link_line, literal, meta_line
from reader.tui.widgets.article_actions import ArticleActions
from reader.tui.widgets.passage import PassageView, overlaps, stylize, table, text_offset
from reader.tui.widgets.side_by_side import hidden_lines

EMPTY_TEXT = "No article open. Pick one from the list (Enter) or search with /."


Span2 = tuple[int, int]


class ArticleView(VerticalScroll, ArticleActions, can_focus=True):
    """Reads one article with a passage cursor (by paragraph or sentence) and a selection.

    j/k move by paragraph, ←/→ by sentence; shift (or v) extends a selection over sentences
    and paragraphs; b bookmarks the selection, a mouse selection, or the passage under the
    cursor. Bookmarked words are underlined and the cursor on one shows its note below.
    """

    BINDINGS = keys.bindings("article")
    COMPONENT_CLASSES = {"article--selection", "article--sentence", "article--bookmark"}

    cursor: reactive[int] = reactive(-1, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: CleanArticle | None = None
        self.matches: list[int] = []  # passages with a query match, for n / N
        self.sentence = -1  # index into the current paragraph's sentences; -1: whole paragraph
        self.selection_start: Span2 | None = None  # where a keyboard selection began
        self.selecting = False  # v: plain moves extend the selection
        self.marked: Span2 | None = None  # a bookmark jumped to, highlighted until a move
        self.bookmarks: list[tuple[Bookmark, Located]] = []
        self._sentences: list[list[Span2]] = []
        self.show_hidden = False  # h: the boilerplate lines shown above the text
        self.reading_width = 90  # columns of text at most (config: reading_width)

    def compose(self):  # type: ignore[no-untyped-def]
        """Starts empty, with a hint."""
        yield Static(EMPTY_TEXT, classes="empty-hint")

    async def clear(self) -> None:
        """Show no article (the open one was removed)."""
        self.view = None
        self.bookmarks = []
        await self.remove_children()
        await self.mount(Static(EMPTY_TEXT, classes="empty-hint"))

    @property
    def article_id(self) -> str | None:
        """The id of the open article."""
        return self.view.article.id if self.view else None

    @property
    def passages(self) -> list[PassageView]:
        """The passage widgets, in order."""
        return list(self.query(PassageView))

    async def show(
        self,
        view: CleanArticle,
        terms: frozenset[str],
        bookmarks: list[tuple[Bookmark, Located]],
        at: int = -1,
        mark: Span2 | None = None,
    ) -> None:
        """Show an article; `at` is a clean-text offset for the cursor, `mark` a span to light."""
        # The search engine's analysis (Whoosh) loads after the first screen, not before it.
        from reader.core.search.snippets import match_spans

        self.view = view
        self.bookmarks = [(b, where) for b, where in bookmarks if where.status != "orphaned"]
        self.sentence, self.selection_start, self.selecting, self.marked = -1, None, False, mark
        article = view.article
        await self.remove_children()
        header = Text()
        header.append_text(highlighted(article.title, match_spans(article.title, terms)))
        header.stylize("bold")
        if article.title_derived:
            header.append("  (headline derived from the text)", style="dim italic")
        by, short = article.author, article.headline_only
        meta = meta_line(article.source, article.published, view.word_count, by, short)
        widgets: list[Static] = [
            Static(literal(""), id="passage-note"),
            Static(header, classes="headline"),
            Static(literal(meta), classes="meta"),
        ]
        if article.url:
            widgets.append(Static(link_line(article.url), classes="url"))
        widgets += self.fetch_text_note(article)
        if view.hidden:
            reasons = Counter(block.boilerplate for block in view.hidden)
            summary = ", ".join(
                f"{n} {reason}" + ("s" if n > 1 else "") for reason, n in reasons.items()
            )
            key = keys.display_keys(
                keys.key_by_id("article-hidden"), getattr(self.app, "keymap", {})
            )
            widgets.append(
                Static(
                    literal(f"Hidden from this view: {summary} ({key} shows them)."),
                    classes="hidden-note",
                )
            )
            lines = Static(hidden_lines(view), classes="hidden-lines")
            lines.display = self.show_hidden
            widgets.append(lines)
        self._sentences = []
        self.matches = []
        for passage in view.passages:
            if match_spans(passage.text, terms):
                self.matches.append(passage.index)
            if passage.kind == "table":
                body: RenderableType = table(passage.text, terms)
                spans = [(passage.start, passage.end)]
            else:
                body = highlighted(passage.text, match_spans(passage.text, terms))
                found = split_sentences(passage.text) if passage.kind != "heading" else []
                spans = [(passage.start + a, passage.start + b) for a, b in found]
                spans = spans or [(passage.start, passage.end)]
            self._sentences.append(spans)
            marked = any(
                overlaps(w.start, w.end, passage.start, passage.end) for _, w in self.bookmarks
            )
            widgets.append(PassageView(passage, body, marked))
        for widget in widgets:
            widget.styles.max_width = self.reading_width  # a reading measure on wide terminals
        await self.mount_all(widgets)
        target = 0
        if at >= 0:
            for passage in view.passages:
                if passage.start <= at < passage.end + 2:
                    target = passage.index
                    break
        self.set_reactive(ArticleView.cursor, -1)
        self.cursor = target if view.passages else -1
        if target == 0:
            self.scroll_home(animate=False)

    def watch_cursor(self, old: int, new: int) -> None:
        """Move the cursor highlight and keep it in view."""
        passages = self.passages
        if 0 <= old < len(passages):
            passages[old].remove_class("-cursor")
        if 0 <= new < len(passages):
            passages[new].add_class("-cursor")
            self.call_after_refresh(self.scroll_to_widget, passages[new], animate=False)
        self.paint()

    # -- where the cursor and the selection are --------------------------------------------

    @property
    def current_span(self) -> Span2 | None:
        """The sentence or paragraph under the cursor, as clean-text offsets."""
        passage = self.current_passage
        if passage is None:
            return None
        if self.sentence < 0:
            return passage.start, passage.end
        return self._sentences[passage.index][self.sentence]

    @property
    def selection(self) -> Span2 | None:
        """The keyboard selection: from where it began to the cursor, or None."""
        here = self.current_span
        if self.selection_start is None or here is None:
            return None
        return min(self.selection_start[0], here[0]), max(self.selection_start[1], here[1])

    def mouse_selection(self) -> Span2 | None:
        """The clean-text span of text selected with the mouse in this article, if any."""
        found: list[int] = []
        for widget, chosen in self.screen.selections.items():
            if not isinstance(widget, PassageView) or widget.parent is not self:
                continue
            text = widget.passage.text
            start = text_offset(text, chosen.start, 0)
            end = text_offset(text, chosen.end, len(text))
            piece = text[start:end]
            if piece.strip():
                start += len(piece) - len(piece.lstrip())
                end -= len(piece) - len(piece.rstrip())
                found += [widget.passage.start + start, widget.passage.start + end]
        return (min(found), max(found)) if found else None

    # -- moving -----------------------------------------------------------------------------

    def _go(self, paragraph: int, sentence: int, extend: bool) -> None:
        count = len(self.passages)
        if not count:
            return
        if extend or self.selecting:
            if self.selection_start is None:
                self.selection_start = self.current_span
        else:
            self.selection_start = None
        self.marked = None
        self.sentence = sentence
        paragraph = max(0, min(count - 1, paragraph))
        if paragraph != self.cursor:
            self.cursor = paragraph  # watch_cursor paints
        else:
            self.paint()

    def _step_sentence(self, step: int, extend: bool = False) -> None:
        if self.cursor < 0:
            return
        count = len(self._sentences[self.cursor])
        if self.sentence < 0:
            target = (self.cursor, 0 if step > 0 else count - 1)
        elif 0 <= self.sentence + step < count:
            target = (self.cursor, self.sentence + step)
        elif step > 0 and self.cursor + 1 < len(self._sentences):
            target = (self.cursor + 1, 0)
        elif step < 0 and self.cursor > 0:
            target = (self.cursor - 1, len(self._sentences[self.cursor - 1]) - 1)
        else:
            return
        self._go(target[0], target[1], extend)

    def action_next_passage(self) -> None:
        """Cursor to the next paragraph."""
        self._go(self.cursor + 1, -1, False)

    def action_previous_passage(self) -> None:
        """Cursor to the previous paragraph."""
        self._go(self.cursor - 1, -1, False)

    def action_first_passage(self) -> None:
        """Cursor to the first paragraph, with the headline and byline in view above it."""
        self._go(0, -1, False)
        self.call_after_refresh(self.scroll_home, animate=False)

    def action_last_passage(self) -> None:
        """Cursor to the last paragraph."""
        self._go(len(self.passages) - 1, -1, False)

    def action_next_sentence(self) -> None:
        """Cursor to the next sentence."""
        self._step_sentence(1)

    def action_previous_sentence(self) -> None:
        """Cursor to the previous sentence."""
        self._step_sentence(-1)

    def action_extend_next_sentence(self) -> None:
        """Extend the selection by the next sentence."""
        self._step_sentence(1, extend=True)

    def action_extend_previous_sentence(self) -> None:
        """Extend the selection back by a sentence."""
        self._step_sentence(-1, extend=True)

    def action_extend_next_passage(self) -> None:
        """Extend the selection over the next paragraph."""
        self._go(self.cursor + 1, -1, True)

    def action_extend_previous_passage(self) -> None:
        """Extend the selection back over the previous paragraph."""
        self._go(self.cursor - 1, -1, True)

    def action_toggle_selection(self) -> None:
        """Start a selection at the cursor (moves then extend it), or drop it."""
        if self.selecting or self.selection_start is not None:
            self.action_clear_selection()
            return
        self.selecting = True
        self.selection_start = self.current_span
        self.paint()

    def action_clear_selection(self) -> None:
        """Drop the keyboard and mouse selections."""
        self.selecting, self.selection_start, self.marked = False, None, None
        self.screen.clear_selection()
        self.paint()

    def action_next_match(self) -> None:
        """Cursor to the next passage with a query match (wrapping round)."""
        later = [i for i in self.matches if i > self.cursor]
        if later or self.matches:
            self._go((later or self.matches)[0], -1, False)
        else:
            self.notify("No query matches in this article.", timeout=2)

    def action_previous_match(self) -> None:
        """Cursor to the previous passage with a query match (wrapping round)."""
        earlier = [i for i in self.matches if i < self.cursor]
        if earlier or self.matches:
            self._go((earlier or self.matches)[-1], -1, False)
        else:
            self.notify("No query matches in this article.", timeout=2)

    @property
    def current_passage(self) -> Passage | None:
        """The passage under the cursor."""
        passages = self.passages
        if 0 <= self.cursor < len(passages):
            return passages[self.cursor].passage
        return None

    # -- bookmarking ------------------------------------------------------------------------

    def action_bookmark(self) -> None:
        """Ask the screen to bookmark the selection, or else the passage under the cursor."""
        span = self.mouse_selection() or self.selection or self.current_span
        if self.view is None or span is None:
            self.notify("Open an article first, then move to a passage.", severity="warning")
            return
        self.post_message(BookmarkPassage(self.view.article.id, span[0], span[1]))

    def add_bookmark(self, bookmark: Bookmark, start: int, end: int) -> None:
        """Show a new bookmark: mark its passages, drop the selection it was made from."""
        self.bookmarks.append((bookmark, Located("exact", start, end, "position", 1.0)))
        self.mark_bookmarked(start, end)
        self.selecting, self.selection_start = False, None
        self.screen.clear_selection()
        self.paint()

    def update_bookmark(self, bookmark: Bookmark) -> None:
        """A bookmark's note or tags changed."""
        self.bookmarks = [(bookmark if b.id == bookmark.id else b, w) for b, w in self.bookmarks]
        self.paint()

    def mark_bookmarked(self, start: int, end: int) -> None:
        """Mark the passages a new bookmark covers."""
        for widget in self.passages:
            if overlaps(start, end, widget.passage.start, widget.passage.end):
                widget.add_class("-bookmarked")

    def bookmark_here(self) -> tuple[Bookmark, Located] | None:
        """The bookmark under the cursor, if the cursor is on one."""
        here = self.current_span
        if here is None:
            return None
        for bookmark, where in self.bookmarks:
            if overlaps(where.start, where.end, *here):
                return bookmark, where
        return None

    # -- painting ---------------------------------------------------------------------------

    def paint(self) -> None:
        """Redraw the sentence cursor, the selection, bookmarked words and the note line."""
        if self.view is None:
            return
        selection_style = self.get_component_rich_style("article--selection")
        sentence_style = self.get_component_rich_style("article--sentence", partial=True)
        bookmark_style = self.get_component_rich_style("article--bookmark", partial=True)
        chosen = self.selection or self.marked
        here = self.current_span if self.sentence >= 0 else None
        for widget in self.passages:
            p = widget.passage
            within = chosen is not None and overlaps(*chosen, p.start, p.end)
            widget.set_class(within, "-selected")
            if not isinstance(widget.base, Text):
                continue
            body = widget.base.copy()
            for _, where in self.bookmarks:
                stylize(body, bookmark_style, where.start, where.end, p)
            if here is not None:
                stylize(body, sentence_style, *here, p)
            if chosen is not None:
                stylize(body, selection_style, *chosen, p)
            widget.update(body)
        self._show_note()

    def _show_note(self) -> None:
        note = self.query("#passage-note").first(Static)
        found = self.bookmark_here()
        if found is None:
            note.display = False
            return
        bookmark, where = found
        line = Text("Bookmarked", style="bold")
        if where.status == "moved":
            line.append(f" (moved: the text changed, {where.similarity:.0%} similar)", "italic")
        line.append(": ")
        line.append_text(literal(bookmark.note) if bookmark.note else Text("no note", "dim"))
        if bookmark.tags:
            line.append("  tags: ", "italic")
            line.append_text(literal(", ".join(bookmark.tags)))
        note.update(line)
        note.display = True
