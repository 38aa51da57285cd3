"""What newsboat and Frogmouth users reach for: open in the browser, read state, only unread,
one feed's articles, zoom, automatic refresh, an article saved as Markdown.

A mixin of the main screen (which owns the panes and the listing); every action is in the
key table (reader.tui.keys), so it has a key, a Footer/help entry and a palette entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.models import ArticleSummary, SearchResult
from reader.core.workspace import NotFound, Workspace
from reader.tui import keys
from reader.tui.messages import ExportArticle, ShowArticle
from reader.tui.render import literal
from reader.tui.render import outlet as outlet_name
from reader.tui.screens.bookmarking import BookmarkingScreen
from reader.tui.screens.dialogs import Picker
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList


class PathDialog(ModalScreen[Path | None]):
    """Ask for a file name, offering a default with the cursor at its end."""

    BINDINGS = keys.bindings("dialogs", "cancel-path")

    def __init__(self, title: str, default: Path, hint: str) -> None:
        super().__init__()
        self.title_text, self.default, self.hint = title, default, hint

    def compose(self) -> ComposeResult:
        """A title, the path field and a hint."""
        with Vertical(id="path-dialog", classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Input(str(self.default), id="path", select_on_focus=False)
            yield Static(literal(self.hint), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter accepts a non-empty name."""
        event.stop()
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())

    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)


class FeedPicker(Picker):
    """Pick a subscription whose articles to list (its URL), or all articles (ALL)."""

    BINDINGS = keys.bindings("dialogs", "cancel-feed")

    def __init__(self, feeds: list[tuple[str, str, int]]) -> None:
        super().__init__()
        self.feeds = feeds  # (url, title, article count)

    def compose(self) -> ComposeResult:
        """All articles, then one row per feed with its article count."""
        options = [Option(Text("All articles", style="bold"), id=self.ALL)]
        for url, title, count in self.feeds:
            row = literal(title or url)
            row.append(f"  {count:,}", style="dim")
            if title:
                row.append("\n")
                row.append_text(literal(url, "dim"))
            options.append(Option(row, id="=" + url))
        with Vertical(id="feed-dialog", classes="dialog"):
            yield Label("List the articles of", classes="dialog-title")
            yield OptionList(*options, id="feed-list")
            yield Static("Enter picks · Escape cancels", classes="dialog-hint")


PAGE = 300  # articles listed at a time; the list never holds the whole library
AUTO_REFRESH_MINUTES = 30  # the interval A turns on when the config sets none
NARROW = 100  # below this many columns one column shows at a time: the list, or the pane


class HabitsScreen(BookmarkingScreen):
    """Actions of the key table that newsboat and Frogmouth users expect."""

    workspace: Workspace
    unread_only: bool = False
    feed: str | None = None  # list only this subscription's articles
    _listed_ids: list[str] | None = None  # the ids of a filtered listing, as its first page saw
    refresh_timer: Timer | None = None  # the automatic refresh, when the config asks for one
    refresh_minutes: int = 0
    query_text: str
    sort: str
    outlet: str | None

    def _current_article_id(self) -> str | None:  # the main screen knows the panes
        raise NotImplementedError

    def _show_outlets(self, result: SearchResult | None) -> None:  # the main screen shows them
        raise NotImplementedError

    def action_show_library(self) -> None:  # the main screen moves the focus
        raise NotImplementedError

    def action_show_article(self) -> None:  # the main screen shows the pane
        raise NotImplementedError

    def say(self, message: str, **options: object) -> None:
        """A notification whose text is data: shown as written, never read as markup."""
        options["markup"] = False
        self.notify(message, **options)  # type: ignore[arg-type]

    # -- the browser ---------------------------------------------------------------------

    def action_open_url(self) -> None:
        """Open the article's web address in the browser (newsboat's `o`)."""
        article_id = self._current_article_id()
        if article_id is None:
            self.say("Open or highlight an article first.", severity="warning", timeout=3)
            return
        try:
            url = self.workspace.article(article_id).url
        except NotFound as exc:
            self.say(str(exc.args[0]), severity="error")
            return
        if not url:
            self.say("This article has no web address (it was imported from a file).", timeout=4)
            return
        self.app.open_url(url)
        self.say(f"Opening {url}", timeout=4)

    # -- read state ----------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """Mark the article read, or unread again."""
        article_id = self._current_article_id()
        if article_id is None:
            self.say("Open or highlight an article first.", severity="warning", timeout=3)
            return
        read = article_id not in self.workspace.read_ids()
        self.workspace.mark_read(article_id, read)
        self.query_one(ResultsList).set_read(article_id, read)
        self.say("Marked read." if read else "Marked unread.", timeout=2)

    def action_mark_all_read(self) -> None:
        """Mark every listed article read: the hits of the query, or the whole listing."""
        results = self.query_one(ResultsList)
        if getattr(self, "query_text", ""):
            ids = results.article_ids
            what = "listed hit"
        else:
            ids = self.workspace.article_ids(self.feed, self.unread_only)
            what = "article" + (" of this feed" if self.feed else "")
        changed = self.workspace.mark_many_read(ids)
        for article_id in results.article_ids:
            results.set_read(article_id, True)
        self.say(f"Marked {changed:,} {what}{'s' if changed != 1 else ''} read.", timeout=3)
        if self.unread_only:
            self.relist()

    def action_toggle_unread_only(self) -> None:
        """List only unread articles (of the library, one feed, or the hits), or all again."""
        self.unread_only = not self.unread_only
        self.relist()
        what = "hits" if getattr(self, "query_text", "") else "articles"
        self.say(
            f"Listing unread {what} only (U lists all)."
            if self.unread_only
            else f"Listing all {what}.",
            timeout=2,
        )

    def relist(self) -> None:  # the main screen lists the library, or searches again
        raise NotImplementedError

    def action_pick_feed(self) -> None:
        """List one subscription's articles (or all articles again)."""
        feeds = [
            (f.url, f.title, len(self.workspace.article_ids(f.url))) for f in self.workspace.feeds()
        ]
        if not feeds:
            self.say("No subscriptions yet: F opens the feeds, a adds one.", timeout=4)
            return

        def picked(choice: str | None) -> None:
            if choice is None:
                return
            self.feed = None if choice == FeedPicker.ALL else choice
            self.show_all_articles()

        self.app.push_screen(FeedPicker(feeds), picked)

    # -- the layout ----------------------------------------------------------------------

    def action_toggle_zoom(self) -> None:
        """The open pane takes the whole width (the list hides), or the list comes back."""
        self.toggle_class("-zoom")
        if not self.has_class("-zoom"):
            self.query_one(ResultsList).focus()

    # -- automatic refresh ---------------------------------------------------------------

    def start_auto_refresh(self, minutes: int) -> None:
        """Refresh the subscriptions every `minutes` (0: never), in the background."""
        self.refresh_minutes = minutes
        if minutes > 0:
            self.refresh_timer = self.set_interval(minutes * 60, self.timed_refresh)

    def action_toggle_auto_refresh(self) -> None:
        """Turn the automatic refresh off, or on again (at the config's interval, else every
        AUTO_REFRESH_MINUTES), and say which."""
        if self.refresh_timer is not None:
            self.refresh_timer.stop()
            self.refresh_timer = None
            self.say(
                f"Automatic refresh off (it was every {self.refresh_minutes} minutes); "
                "A turns it on again.",
                timeout=4,
            )
            return
        self.start_auto_refresh(self.refresh_minutes or AUTO_REFRESH_MINUTES)
        first = datetime.now() + timedelta(minutes=self.refresh_minutes)
        none = "" if self.workspace.feeds() else " No subscriptions yet: F, then a, adds one."
        self.say(
            f"Automatic refresh on: every {self.refresh_minutes} minutes, next at "
            f"{first:%H:%M}.{none}",
            timeout=4,
        )

    def timed_refresh(self) -> None:
        """One automatic refresh, unless there is nothing to refresh or one is running."""
        running = any(w.group in ("refresh", "import") and not w.is_finished for w in self.workers)
        if self.workspace.feeds() and not running:
            self.run_refresh()

    # -- an article as Markdown ----------------------------------------------------------

    def export_article(self, article_id: str) -> None:
        """Ask for a file name, then write the article as Markdown."""

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                self.workspace.export_article(article_id, path)
            except OSError as exc:
                self.say(f"Cannot write {path}: {exc.strerror or exc}", severity="error")
                return
            except NotFound as exc:
                self.say(str(exc.args[0]), severity="error")
                return
            self.say(f"Saved the article to {path}", timeout=5)

        default = Path.cwd() / f"{article_id}.md"
        hint = (
            "Markdown: headline, byline, address and the clean text. Enter saves · Escape cancels"
        )
        self.app.push_screen(PathDialog("Save this article as Markdown", default, hint), write)

    # -- the listing (all articles, one feed's, unread only) and the status line --------

    def _listing(self, offset: int) -> tuple[list[ArticleSummary], int]:
        """A page of the listing (all articles, one feed's, maybe unread only) and its size."""
        if self.feed is None and not self.unread_only:
            count = self.workspace.count_articles()
            return self.workspace.summaries(limit=PAGE, offset=offset), count
        # The ids are read once, for the first page; the next pages come from the same list,
        # so reading an article meanwhile (it is no longer unread) does not shift them.
        if offset == 0 or self._listed_ids is None:
            self._listed_ids = self.workspace.article_ids(self.feed, self.unread_only)
        ids = self._listed_ids
        return self.workspace.summaries_of(ids[offset : offset + PAGE]), len(ids)

    def show_all_articles(self) -> None:
        """Saved searches, then the library newest first, a page at a time."""
        page, count = self._listing(0)
        self.query_one(ResultsList).show_articles(
            page,
            self.workspace.saved_searches(),
            count,
            read=self.workspace.read_ids(),
        )
        self._show_library_status(count)
        self._show_outlets(None)
        self.app.sub_title = f"{self.workspace.count_articles():,} articles"

    def _show_library_status(self, count: int) -> None:
        which = "unread article" if self.unread_only else "article"
        feed = f" of {self.feed}" if self.feed else ""
        self.query_one("#search-status", Static).update(
            Text(f"{count:,} {which}{'s' if count != 1 else ''}{feed} · newest first, undated last")
        )

    def _show_search_status(self, result: SearchResult, listed: int) -> None:
        """The true count, how many are listed, the order, and a Note: per rewrite."""
        more = f", {listed:,} listed (more: Enter on the last row)" if listed < result.total else ""
        order = "" if self.sort == "relevance" else f" · {self.sort} first"
        only = "" if self.outlet is None else f" · only {outlet_name(self.outlet)}"
        count = f"{result.total:,} hit{'s' if result.total != 1 else ''}"
        if result.matched is not None:  # only unread: say so, and of how many
            count = f"{result.total:,} unread of {result.matched:,} hit{'s' if result.matched != 1 else ''}"
        lines = [
            f"{count}{more} "
            f"({result.seconds * 1000:.0f} ms){order}{only} · read as {result.read_as}"
        ]
        lines += [f"Note: {note}" for note in result.notes]
        self.query_one("#search-status", Static).update(Text("\n".join(lines)))

    # -- messages from the panes, and a layout that adapts --------------------------------

    def on_export_article(self, message: ExportArticle) -> None:
        """Save an article as Markdown (asks for the file name)."""
        self.export_article(message.article_id)

    def on_show_article(self, message: ShowArticle) -> None:
        """Back from the comparison overview to the article (or the list, if none is open)."""
        if self.query_one(ArticleView).article_id is None:
            self.action_show_library()
        else:
            self.action_show_article()

    # -- a layout that adapts -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """One column at a time below NARROW columns."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """In the narrow layout, the side with the focus is the one shown."""
        panes = self.query_one("#panes")
        widget: object = event.widget
        inside = False
        while widget is not None:
            if widget is panes:
                inside = True
                break
            widget = getattr(widget, "parent", None)
        self.set_class(inside, "-reading")
