"""A reader's journeys through the TUI, driven by Pilot."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import ContentSwitcher, Input, OptionList, Static

from reader.core.locations import resolve
from reader.core.search.index import SearchOptions
from reader.core.workspace import Workspace
from reader.tui import commands, keys
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import BookmarkDialog, HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from tests.tui import SIZE


def listed_ids(app: BroadsheetApp) -> list[str]:
    return app.screen.query_one(ResultsList).article_ids


def status(app: BroadsheetApp) -> str:
    return str(app.screen.query_one("#search-status", Static).content)


async def test_first_launch_loads_the_sample_corpus_with_progress_then_lists_it(
    user_dirs, new_app, settle
) -> None:
    app = new_app()
    progress_seen: list[str] = []
    async with app.run_test(
        size=SIZE, message_hook=lambda m: progress_seen.append(type(m).__name__)
    ) as pilot:
        await settle(pilot)
        assert "SetupProgress" in progress_seen
        titles = list(app.notifications_shown)
        assert "loaded 5 sample articles into a new library" in titles
        assert listed_ids(app)[0] == "003_664e7e63c6e16625"
        assert len(listed_ids(app)) == 5
        assert status(app).startswith("5 articles")
    assert (user_dirs / "data" / "broadsheet" / "library.sqlite3").is_file()

    second = new_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        assert list(second.notifications_shown) == []
        assert len(listed_ids(second)) == 5


async def test_results_update_as_the_user_types(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        for char in "mayor johnson":
            await pilot.press(char if char != " " else "space")
            await pilot.pause()
        await settle(pilot)
        full = Workspace(resolve(None)).search("mayor johnson", SearchOptions(limit=50))
        assert listed_ids(app) == [h.id for h in full.hits]
        assert status(app).startswith("2 hits")
        app.screen.query_one("#search", Input).value = ""
        await settle(pilot)
        assert len(listed_ids(app)) == 5


async def test_open_a_hit_read_with_highlights_and_move_the_cursor(
    app: BroadsheetApp, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("slash", *"lightfoot")
        await settle(pilot)
        assert listed_ids(app) == ["001_7945570cf1f85a53"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        assert article.article_id == "001_7945570cf1f85a53"
        assert app.focused is article
        marked = [
            span
            for widget in article.passages
            for span in getattr(widget.content, "spans", [])
            if "reverse" in str(span.style)
        ]
        assert len(marked) >= 3  # every Lightfoot in the text is highlighted
        assert article.cursor == 0
        await pilot.press("j", "j", "down")
        assert article.cursor == 3
        await pilot.press("k")
        assert article.cursor == 2
        assert article.passages[2].has_class("-cursor")
        assert not article.passages[3].has_class("-cursor")


async def test_bookmark_a_passage_find_it_jump_back_delete_undo_and_keep_it(
    app: BroadsheetApp, user_dirs, new_app, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("down", "down", "enter")  # the third article in the list
        article = app.screen.query_one(ArticleView)
        opened = article.article_id
        await pilot.press("j", "j")
        passage = article.current_passage
        assert passage is not None
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press(*"worth checking")
        await pilot.press("tab", *"mayor")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert article.passages[2].has_class("-bookmarked")

        await pilot.press("B")
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "bookmarks"
        listing = app.screen.query_one("#bookmark-list", OptionList)
        assert listing.option_count == 1
        row = str(listing.get_option_at_index(0).prompt)
        assert passage.text[:40] in row and "worth checking" in row and "mayor" in row

        await pilot.press("a")  # move away, then jump back from the bookmark
        await pilot.press("home")
        await pilot.press("B", "enter")
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "article"
        assert article.article_id == opened and article.cursor == 2

        await pilot.press("B", "d")
        await pilot.pause()
        assert listing.option_count == 0
        await pilot.press("u")
        await pilot.pause()
        assert listing.option_count == 1
        await pilot.press("q")

    relaunched = new_app()
    async with relaunched.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("B")
        await pilot.pause()
        listing = relaunched.screen.query_one("#bookmark-list", OptionList)
        assert listing.option_count == 1
    bookmarks = Workspace(resolve(None)).bookmarks()
    assert [(b.article_id, b.note, b.tags) for b in bookmarks] == [
        (opened, "worth checking", ("mayor",))
    ]
    assert bookmarks[0].quote == passage.text


async def test_escape_cancels_a_bookmark(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("enter", "b")
        await pilot.pause()
        await pilot.press(*"never mind", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert Workspace(resolve(None)).bookmarks() == []


async def test_compare_lists_the_articles_of_the_story_and_opens_another(
    app: BroadsheetApp, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("enter")
        first = app.screen.query_one(ArticleView).article_id
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one(ContentSwitcher).current == "compare"
        listed = app.screen.query_one("#compare-list", OptionList)
        articles = [listed.get_option_at_index(i) for i in range(5)]
        assert articles[0].id == first and all(o.id for o in articles)
        rows = [str(o.prompt) for o in articles]
        assert any("The Forum" in r for r in rows)
        assert sum("unknown outlet" in r for r in rows) == 4
        assert all("words" in r and "undated" in r and "shared" in r for r in rows)
        title = str(app.screen.query_one("#compare-title", Static).content)
        assert "5 articles from 2 outlets" in title
        await pilot.press("down", "enter")
        await pilot.pause()
        opened = app.screen.query_one(ArticleView).article_id
        assert opened != first and opened == listed.get_option_at_index(1).id


async def test_help_lists_every_key_and_the_palette_offers_every_action(
    app: BroadsheetApp, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        footer_keys = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"search", "compare", "bookmarks", "help", "quit"} <= footer_keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=200, record=True, file=io.StringIO())
        for widget in app.screen.query(Static):
            console.print(widget.content)
        shown = console.export_text()
        for key in keys.KEYS:
            assert key.help in shown
        await pilot.press("escape")
        await pilot.pause()
        offered = {k.id for k in commands.offered()}
        for key in keys.KEYS:
            reachable = key.scope in commands.TARGETS
            assert (key.id in offered) == (reachable and key.id != "quit"), key.id


async def test_every_key_of_the_table_is_bound_somewhere(app: BroadsheetApp) -> None:
    # The dialogs' and the feeds screen's keys are in the table too (remappable, in help).
    from reader.tui.screens import dialogs, habits, ingest
    from reader.tui.widgets.bookmarks import BookmarkFilter

    bound = set()
    for holder in (
        dialogs.BookmarkDialog,
        dialogs.ExportDialog,
        dialogs.HelpScreen,
        dialogs.OutletPicker,
        ingest.SourceDialog,
        ingest.FeedsScreen,
        ingest.FailuresScreen,
        habits.PathDialog,
        habits.FeedPicker,
        BookmarkFilter,
    ):
        bound |= {b.id for b in holder.BINDINGS}  # type: ignore[union-attr]
    dialog_keys = {
        k.id
        for k in keys.KEYS
        if k.scope in ("dialogs", "feeds", "failures", "help", "bookmark-filter")
    }
    assert dialog_keys == bound


@pytest.mark.parametrize("action", ["Compare", "Bookmarks", "Help"])
async def test_palette_commands_run_the_actions(app: BroadsheetApp, action: str, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*action.lower())
        await pilot.pause(0.5)  # the palette searches its providers in the background
        await pilot.press("enter")
        await settle(pilot)
        if action == "Help":
            assert isinstance(app.screen, HelpScreen)
        else:
            expected = {"Compare": "compare", "Bookmarks": "bookmarks"}[action]
            assert app.screen.query_one(ContentSwitcher).current == expected


async def test_q_quits_the_reader(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # None while the reader is still running
