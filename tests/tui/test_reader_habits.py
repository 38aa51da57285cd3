"""A reader people keep open all day: first keys, editing, hidden lines, the headline,
comparisons from the top, Escape, and the habits newsboat and Frogmouth users bring."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, Input
from textual.widgets._toast import Toast

from reader.core.locations import resolve
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import BookmarkDialog
from reader.tui.screens.habits import PAGE, PathDialog
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from tests.tui import SIZE

HIDDEN_ARTICLE = "003_664e7e63c6e16625"  # the sample article with 5 boilerplate lines


@pytest.fixture
def open_article(settle):  # type: ignore[no-untyped-def]
    """Open an article from the list (or directly, when it is not on the first page)."""

    async def _open(pilot, article_id: str) -> ArticleView:  # type: ignore[no-untyped-def]
        return await _open_article(pilot, settle, article_id)

    return _open


async def _open_article(pilot, settle, article_id: str) -> ArticleView:  # type: ignore[no-untyped-def]
    results = pilot.app.screen.query_one(ResultsList)
    results.focus()
    if article_id in results.article_ids:
        results.highlighted = results.get_option_index(article_id)
        await pilot.press("enter")
    else:  # not on the first page of the list: open it as a bookmark or a hit would
        await pilot.app.screen.open_article(article_id)
    await settle(pilot)
    return pilot.app.screen.query_one(ArticleView)


def toasts(app: BroadsheetApp) -> list[str]:
    """The toasts on screen, as the user reads them."""
    return [str(t.render()) for t in app.screen.query(Toast)]  # as drawn, not as notified


async def test_the_first_keys_typed_on_launch_are_a_query(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"lightfoot")  # at once: the index may not be ready yet
        await settle(pilot)
        search = app.screen.query_one(SearchInput)
        assert search.value == "lightfoot"
        assert len(app.screen_stack) == 2  # the default screen and ours: `l`, `i` opened nothing
        assert "1 hit" in str(app.screen.query_one("#search-status").render())


async def test_a_lone_negation_is_refused_in_the_status_line(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("minus", *"ice")
        await settle(pilot)
        status = str(app.screen.query_one("#search-status").render())
        assert "only excludes (ice)" in status
        assert app.screen.query_one(ResultsList).article_count == 0
        await pilot.press("ctrl+s")  # a refused query cannot be saved
        await pilot.pause()
        assert app.workspace.saved_searches() == []
        assert any(m.startswith("Not saved: '-ice' only excludes") for m in app.notifications_shown)
        await pilot.press("space", *"chicago")  # "-ice chicago" is a search again
        await settle(pilot)
        status = str(app.screen.query_one("#search-status").render())
        assert "NOT ice" in status and "only excludes" not in status  # a word to find: searched


async def test_markup_in_a_toast_is_shown_as_written(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.clear_notifications()
        query = "mayor date:[2020 to 2030] [keymap]"
        app.screen.query_one(SearchInput).value = query
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("[keymap]" in t and "date:[2020 to 2030]" in t for t in toasts(app))


async def test_editing_a_bookmark_puts_the_cursor_at_the_end_of_its_note(
    app: BroadsheetApp,
    settle,
    open_article,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = await open_article(pilot, HIDDEN_ARTICLE)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"first", "enter")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        note = app.screen.query_one("#note", Input)
        assert note.cursor_position == len("first") and note.selection.is_empty
        await pilot.press(*" second", "enter")
        await settle(pilot)
        assert [b.note for b in app.workspace.bookmarks()] == ["first second"]
        assert article.article_id == HIDDEN_ARTICLE


async def test_h_reveals_hidden_lines_and_g_shows_the_headline(
    app: BroadsheetApp, settle, open_article
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = await open_article(pilot, HIDDEN_ARTICLE)
        lines = article.query_one(".hidden-lines")
        assert not lines.display
        await pilot.press("h")
        await pilot.pause()
        assert lines.display and "Hidden from" in str(lines.render())
        await pilot.press("h")
        await pilot.pause()
        assert not lines.display
        for _ in range(12):
            await pilot.press("j")
        await settle(pilot)
        assert article.cursor == 12, article.cursor
        assert article.scroll_y > 0
        await pilot.press("g")
        await settle(pilot)
        assert article.cursor == 0 and article.scroll_y == 0  # the headline is in view


async def test_each_comparison_opens_at_top_and_escape_leaves_the_overview(
    app: BroadsheetApp,
    settle,
    open_article,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, HIDDEN_ARTICLE)
        await pilot.press("c")
        await settle(pilot)
        pane = app.screen.query_one(ComparePane)
        body = pane.query_one("#compare-body")
        body.scroll_end(animate=False)
        await pilot.pause()
        await open_article(pilot, "004_3f326c91794456b3")
        await pilot.press("c")
        await settle(pilot)
        assert body.scroll_y == 0
        assert app.screen.query_one("#panes", ContentSwitcher).current == "compare"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#panes", ContentSwitcher).current == "article"
        assert app.focused is app.screen.query_one(ArticleView)


async def test_open_in_browser_read_state_and_unread_only(
    big_library: Path,
    monkeypatch: pytest.MonkeyPatch,
    settle,
    open_article,
) -> None:
    app = BroadsheetApp(resolve(big_library))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, "gen-00042")
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/news/42"]
        assert "gen-00042" in app.workspace.read_ids()
        await pilot.press("m")  # unread again
        await pilot.pause()
        assert "gen-00042" not in app.workspace.read_ids()
        await pilot.press("m")
        await pilot.press("U")  # only unread: the one read article leaves the list
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        status = str(app.screen.query_one("#search-status").render())
        assert "2,104 unread articles" in status and "gen-00042" not in results.article_ids
        await pilot.press("M")  # mark all read: nothing left unread
        await settle(pilot)
        assert "0 unread articles" in str(app.screen.query_one("#search-status").render())
        assert len(app.workspace.read_ids()) == 2105


async def test_copy_and_save_an_article_as_markdown(
    app: BroadsheetApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settle,
    open_article,
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = await open_article(pilot, HIDDEN_ARTICLE)
        await pilot.press("j", "y")
        await pilot.pause()
        assert article.view is not None and copied == [article.view.passages[1].text]
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        field = app.screen.query_one(Input)
        assert field.cursor_position == len(field.value)
        field.value = str(tmp_path / "saved.md")
        await pilot.press("enter")
        await settle(pilot)
        text = (tmp_path / "saved.md").read_text(encoding="utf-8")
        assert text.startswith("# Chicago Mayor Defies Federal Law")
        assert article.view.passages[1].text in text


async def test_zoom_hides_the_list_and_brings_it_back(
    app: BroadsheetApp, settle, open_article
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, HIDDEN_ARTICLE)
        sidebar = app.screen.query_one("#sidebar")
        assert sidebar.display
        await pilot.press("z")
        await pilot.pause()
        assert not sidebar.display
        assert app.screen.query_one(ArticleView).size.width >= SIZE[0] - 4
        await pilot.press("z")
        await pilot.pause()
        assert sidebar.display


async def test_a_narrow_terminal_shows_the_list_or_the_article(
    app: BroadsheetApp, settle, open_article
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar, panes = app.screen.query_one("#sidebar"), app.screen.query_one("#panes")
        assert sidebar.display and not panes.display
        article = await open_article(pilot, HIDDEN_ARTICLE)
        assert panes.display and not sidebar.display
        assert article.size.width >= 76  # not the 30 columns beside a 46-column list
        await pilot.press("l")
        await pilot.pause()
        assert sidebar.display and not panes.display


async def test_reading_measure_on_a_wide_terminal(app: BroadsheetApp, settle, open_article) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        article = await open_article(pilot, HIDDEN_ARTICLE)
        widest = max(p.size.width for p in article.passages)
        assert 80 <= widest <= 90


async def test_the_next_page_of_unread_articles_follows_the_first_after_reading_one(
    big_library: Path, settle, open_article
) -> None:
    # Reading an article of the first page (it is no longer unread) used to shift the next
    # page by one: the article right after the first page was never listed.
    app = BroadsheetApp(resolve(big_library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        results.focus()
        await pilot.press("U")
        await settle(pilot)
        first_page = results.article_ids
        assert len(first_page) == PAGE
        await open_article(pilot, first_page[0])
        assert first_page[0] in app.workspace.read_ids()
        results.focus()
        results.highlighted = results.option_count - 1  # the "more" row
        await pilot.press("enter")
        await settle(pilot)
        listed = results.article_ids
        every_unread_at_first = app.workspace.article_ids(None, False)
        assert listed == every_unread_at_first[: 2 * PAGE]  # none skipped, none twice
