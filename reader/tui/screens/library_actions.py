"""Changing what the library holds from the reader: removing articles (with undo), removing the
sample corpus in one step, and fetching the text of a headline-only article.

Removal runs through the Workspace like every other change; the removed articles are kept in
memory so ctrl+z (undo-remove) brings them back with the same ids, and their bookmarks (never deleted) re-attach.
"""

from __future__ import annotations

from textual import work
from textual.widgets import ContentSwitcher

from reader.core.models import Article
from reader.core.workspace import NotFound
from reader.tui import keys
from reader.tui.messages import FetchText, OpenArticle
from reader.tui.render import printable, trim
from reader.tui.screens.ingest import IngestScreen
from reader.tui.widgets.article import ArticleView

UNDO_DEPTH = 20  # removals undo-remove (ctrl+z) can take back, newest first


class LibraryActions(IngestScreen):
    """The main screen's remove / undo / remove-samples / fetch-text actions."""

    def _current_article_id(self) -> str | None:
        """The open or highlighted article (the main screen says which)."""
        raise NotImplementedError

    def _undo_key(self) -> str:
        return keys.display_keys(keys.key_by_id("undo-remove"), getattr(self.app, "keymap", {}))

    @property
    def removed(self) -> list[list[Article]]:
        """Removals that undo-remove can take back, oldest first."""
        if not hasattr(self, "_removed"):
            self._removed: list[list[Article]] = []
        return self._removed

    def action_remove_article(self) -> None:
        """Remove the open (or highlighted) article; undo-remove brings it back."""
        article_id = self._current_article_id()
        if not article_id:
            self.notify("Open or highlight an article first.", severity="warning", timeout=3)
            return
        self.remove_worker([article_id], samples=False)

    def action_remove_samples(self) -> None:
        """Remove every bundled sample article in one step."""
        self.remove_worker([], samples=True)

    @work(thread=True, exclusive=True, group="library-change")
    def remove_worker(self, article_ids: list[str], samples: bool) -> None:
        """Remove in a thread (the index is updated too), then report on the UI thread."""
        removed = (
            self.workspace.remove_samples()
            if samples
            else self.workspace.remove_articles(article_ids)
        )
        kept = self.workspace.bookmark_count(a.id for a in removed)
        self.app.call_from_thread(self._removed_done, removed, kept, samples)

    def _removed_done(self, removed: list[Article], kept: int, samples: bool) -> None:
        if not removed:
            what = "No sample articles to remove." if samples else "That article is already gone."
            self.notify(what, severity="warning", timeout=3)
            return
        self.removed.append(removed)
        del self.removed[:-UNDO_DEPTH]
        what = (
            f"Removed {len(removed)} sample articles."
            if samples
            else f"Removed \u201c{trim(removed[0].title, 60)}\u201d."
        )
        if kept:
            what += f" {kept} bookmark(s) on it kept, shown as orphaned."
        self.notify(f"{what} {self._undo_key()} undoes it.", timeout=6, markup=False)
        view = self.query_one(ArticleView)
        if view.article_id in {a.id for a in removed}:
            self.run_worker(view.clear())
            self.query_one(ContentSwitcher).current = "article"
        self.relist()

    def action_undo_remove(self) -> None:
        """Bring back the articles removed last."""
        if not self.removed:
            self.notify("Nothing to bring back.", severity="warning", timeout=3)
            return
        self.restore_worker(self.removed.pop())

    @work(thread=True, exclusive=True, group="library-change")
    def restore_worker(self, articles: list[Article]) -> None:
        """Restore in a thread, then say so and list the library again."""
        self.workspace.restore_articles(articles)
        self.app.call_from_thread(self._restored_done, articles)

    def _restored_done(self, articles: list[Article]) -> None:
        first = trim(articles[0].title, 60)
        what = f"\u201c{first}\u201d" if len(articles) == 1 else f"{len(articles)} articles"
        self.notify(f"Brought back {what}.", timeout=4, markup=False)
        self.relist()

    def on_fetch_text(self, message: FetchText) -> None:
        """The article pane asked for a headline-only article's text."""
        try:
            article = self.workspace.article(message.article_id)
        except NotFound as exc:
            self.notify(str(exc.args[0]), severity="error", markup=False)
            return
        if not article.headline_only:
            self.notify("This article already has its text.", timeout=3)
            return
        if not article.url:
            self.notify("This article has no link to fetch its text from.", severity="warning")
            return
        self.notify(
            f"Fetching {printable(article.url, one_line=True)}\u2026", timeout=3, markup=False
        )
        self.fetch_worker(article.id)

    @work(thread=True, exclusive=True, group="fetch-text")
    def fetch_worker(self, article_id: str) -> None:
        """Fetch in a thread (import limits); the article reopens with its text."""
        from reader.core.workspace import PageError  # the ingest package: loaded when needed

        try:
            article = self.workspace.fetch_text(article_id)
        except (PageError, NotFound) as exc:
            reason = exc.args[0] if exc.args else exc
            self.app.call_from_thread(
                self.notify,
                printable(f"Could not fetch the text: {reason}", one_line=True),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._fetched, article)

    def _fetched(self, article: Article) -> None:
        self.notify(f"Fetched {len(article.body.split()):,} words.", timeout=4, markup=False)
        self.relist()
        self.post_message(OpenArticle(article.id))
