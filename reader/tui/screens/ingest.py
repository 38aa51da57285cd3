"""Bringing in news from the TUI: the import dialog and the subscriptions view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, ProgressBar, RichLog, Static

from reader.core.workspace import Workspace
from reader.tui import keys
from reader.tui.messages import ImportFinished, ImportProgress
from reader.tui.render import literal, printable, trim

if TYPE_CHECKING:
    from reader.core.ingest.items import ImportResult


class SourceDialog(ModalScreen[str | None]):
    """Ask for one path or URL. Enter accepts, Escape cancels."""

    BINDINGS = keys.bindings("dialogs", "cancel-source")

    def __init__(self, title: str, placeholder: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        """A title, one input and a hint."""
        with Vertical(id="source-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="source")
            yield Static(self.hint, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter accepts a non-empty answer."""
        event.stop()
        value = event.value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)


def refresh_outcome(
    workspace: Workspace,
    urls: list[str] | None,
    post: Callable[[Message], object],
    prefix: str = "",
) -> ImportFinished:
    """Refresh feeds (all, or the given URLs), posting progress; what to say at the end.
    Runs in a worker thread: whatever fails becomes one line, never a crash of the reader."""
    from reader.core.ingest.jobs import refresh_summary

    def progress(stage: str, done: int, total: int) -> None:
        post(ImportProgress(stage, done, total))

    try:
        outcomes = workspace.refresh_feeds(urls, progress)
    except Exception as exc:  # a bug or a broken install must not take the reader down
        reason = printable(f"failed: {type(exc).__name__}: {exc}", one_line=True)
        return ImportFinished("Feed refresh stopped", [reason])
    failures = problem_lines(r for o in outcomes for r in o.results)
    return ImportFinished(prefix + refresh_summary(outcomes), failures)


def problem_lines(results: Iterable[ImportResult]) -> list[str]:
    """One line per failed item and per warning, as the CLI prints them (a file name or
    feed text with line breaks cannot fake a line of its own)."""
    from reader.core.ingest.items import FAILED, WARNING

    return [
        printable(f"{r.status}: {r.item}: {r.error}", one_line=True)
        for r in results
        if r.status in (FAILED, WARNING)
    ]


class FailuresScreen(ModalScreen[None]):
    """Every failure and warning of the last import or refresh, scrollable (plain text)."""

    BINDINGS = keys.bindings("failures")

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        """A title, the lines in a scrolling log, a hint."""
        with Vertical(id="failures"):
            yield Label(literal(self.title_text), classes="dialog-title")
            log = RichLog(id="failure-log", wrap=True, markup=False, highlight=False)
            yield log
            yield Static("Escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        """Write every line as literal text (file names and feed text are data)."""
        log = self.query_one(RichLog)
        for line in self.lines or ["Nothing failed."]:
            log.write(literal(line))
        log.focus()

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)


def import_dialog() -> SourceDialog:
    """The dialog the import key opens."""
    return SourceDialog(
        "Import into the library",
        "Path or URL: a file, a folder, a web page, a feed, an OPML list",
        "Markdown/text, HTML, RSS/Atom/JSON Feed, OPML, JSON Lines · Enter imports · Escape cancels",
    )


class FeedsScreen(ModalScreen[bool]):
    """Subscriptions with last refresh, new count and last error; refresh runs in a worker."""

    BINDINGS = keys.bindings("feeds")

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.changed = False

    def compose(self) -> ComposeResult:
        """A table of subscriptions and a status line."""
        with Vertical(id="feeds"):
            yield Label("Subscriptions", classes="dialog-title")
            yield DataTable(id="feed-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="feeds-status")
            yield Static(
                "r refreshes all · a adds a feed · d removes the highlighted one · Escape closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.add_columns("Feed", "Last refresh", "New", "Last error")
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Show the subscriptions as the library has them now."""
        table = self.query_one(DataTable)
        table.clear()
        feeds = self.workspace.feeds()
        for feed in feeds:
            table.add_row(
                literal(trim(feed.title or feed.url, 40)),
                feed.last_refresh.replace("T", " ").removesuffix("+00:00") or "never",
                str(feed.new_count),
                literal(trim(feed.last_error, 40)) if feed.last_error else "",
                key=feed.url,
            )
        if not feeds:
            self.query_one("#feeds-status", Static).update(
                "No subscriptions yet: press a to add a feed URL, or import an OPML list."
            )

    def _highlighted_url(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    def action_refresh(self) -> None:
        """Refresh every subscription in a thread worker."""
        self.query_one("#feeds-status", Static).update("Refreshing\u2026")
        self.refresh_worker()

    @work(thread=True, exclusive=True, group="feeds")
    def refresh_worker(self, urls: list[str] | None = None) -> None:
        """Fetch and store in a thread; progress and the end arrive as messages."""
        self.post_message(refresh_outcome(self.workspace, urls, self.post_message))

    def on_import_progress(self, message: ImportProgress) -> None:
        """Show what the refresh is doing."""
        message.stop()
        self.query_one("#feeds-status", Static).update(
            f"{message.stage.capitalize()}: {message.done}/{message.total}"
        )

    def on_import_finished(self, message: ImportFinished) -> None:
        """Reload the table and say what happened."""
        message.stop()
        self.changed = True
        self.reload()
        self.query_one("#feeds-status", Static).update(literal(message.summary))

    def action_add(self) -> None:
        """Ask for a feed URL, subscribe and fetch it."""

        def added(url: str | None) -> None:
            if not url:
                return
            status, _, error = self.workspace.subscribe(url)
            if error:
                self.notify(printable(f"{url}: {error}", one_line=True), severity="warning")
                return
            self.reload()
            self.query_one("#feeds-status", Static).update("Fetching the new feed\u2026")
            self.refresh_worker([url])

        self.app.push_screen(
            SourceDialog("Subscribe to a feed", "Feed URL (http or https)", "Enter subscribes"),
            added,
        )

    def action_remove(self) -> None:
        """Unsubscribe from the highlighted feed (its articles stay)."""
        url = self._highlighted_url()
        if url and self.workspace.unsubscribe(url):
            self.reload()
            self.notify("Unsubscribed; its articles stay in the library.", timeout=3)

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(self.changed)


class IngestScreen(Screen[None]):
    """The main screen's import and refresh actions (its #progress bar and #search-status line)."""

    workspace: Workspace

    def relist(self) -> None:
        """List the library again after an import (the main screen says how)."""

    def action_import_news(self) -> None:
        """Ask for a path or URL, then import it in the background."""

        def start(source: str | None) -> None:
            if source:
                self.notify(f"Importing {source}\u2026", timeout=3, markup=False)
                self.run_import(source)

        self.app.push_screen(import_dialog(), start)

    @work(thread=True, group="import")
    def run_import(self, source: str) -> None:
        """Import in a thread; progress and the summary arrive as messages."""

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(ImportProgress(stage, done, total))

        try:
            report = self.workspace.import_sources([source], progress)
        except Exception as exc:  # a bug or a broken install must not take the reader down
            reason = f"{type(exc).__name__}: {exc}"
            self.post_message(
                ImportFinished(
                    f"Import of {source} stopped",
                    [printable(f"failed: {source}: {reason}", one_line=True)],
                )
            )
            return
        failures = problem_lines(report.results)
        self.post_message(ImportFinished(f"Imported {source}: {report.summary()}", failures))

    def action_refresh_feeds(self) -> None:
        """Refresh every subscription in the background."""
        self.notify("Refreshing feeds\u2026", timeout=3)
        self.run_refresh()

    @work(thread=True, exclusive=True, group="refresh")
    def run_refresh(self) -> None:
        """Refresh feeds in a thread; progress and the summary arrive as messages."""
        self.post_message(refresh_outcome(self.workspace, None, self.post_message, "Refreshed "))

    def on_import_progress(self, message: ImportProgress) -> None:
        """Show the import's progress under the search box."""
        self.show_progress(message.stage, message.done, message.total)

    def show_progress(self, stage: str, done: int, total: int) -> None:
        """The progress bar and a `Stage: done/total` line under the search box."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
        self.query_one("#search-status", Static).update(f"{stage.capitalize()}: {done}/{total}")

    def on_import_finished(self, message: ImportFinished) -> None:
        """Say what the import did and list the library (or the query's hits) again."""
        self.query_one("#progress", ProgressBar).display = False
        self.notify(message.summary, title="Import", timeout=8, markup=False)
        self.last_problems = (message.summary, message.failures)
        if message.failures:
            shown = message.failures[:5]
            more = len(message.failures) - len(shown)
            key = keys.display_keys(
                keys.key_by_id("import-failures"), getattr(self.app, "keymap", {})
            )
            failed = any(line.startswith("failed") for line in message.failures)
            self.notify(
                "\n".join(shown)
                + (f"\n\u2026and {more} more" if more else "")
                + f"\n{key} lists them all",
                title="Failed" if failed else "Warnings",
                severity="error" if failed else "warning",
                timeout=12,
                markup=False,
            )
        self.relist()

    def action_show_failures(self) -> None:
        """Every failure and warning of the last import or refresh."""
        summary, lines = getattr(self, "last_problems", ("No import or refresh yet.", []))
        self.app.push_screen(FailuresScreen(summary, lines))

    def action_show_feeds(self) -> None:
        """Open the subscriptions view."""

        def closed(changed: bool | None) -> None:
            if changed:
                self.relist()

        self.app.push_screen(FeedsScreen(self.workspace), closed)
