"""A reader brings in their own news from the TUI: import dialog, subscriptions, read state."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from reader.tui.app import BroadsheetApp
from reader.tui.screens.ingest import FeedsScreen, SourceDialog
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import UNREAD_MARK, ResultsList
from tests.tui import SIZE
from tests.unit import ingest_samples as samples
from tests.unit.loopback import Route, serving


def row_text(app: BroadsheetApp, article_id: str) -> str:
    results = app.screen.query_one(ResultsList)
    return str(results.get_option(article_id).prompt)


def notices(app: BroadsheetApp) -> list[str]:
    return list(app.notifications_shown)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press({" ": "space", "/": "slash", ".": "full_stop"}.get(char, char))


async def test_importing_a_file_from_the_dialog_lists_it_unread(
    tmp_path: Path, new_app, settle
) -> None:
    source = tmp_path / "ferries.md"
    source.write_text(samples.MARKDOWN, encoding="utf-8")
    app = new_app()
    seen: list[str] = []
    async with app.run_test(
        size=SIZE, message_hook=lambda m: seen.append(type(m).__name__)
    ) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "ImportProgress" in seen and "ImportFinished" in seen
        assert any("1 added, 0 updated" in n for n in notices(app))
        assert row_text(app, "gazette-ferries").startswith(UNREAD_MARK)
        assert str(app.screen.query_one("#search-status", Static).content).startswith("6 articles")


async def test_a_failed_import_says_why_and_the_list_is_unchanged(
    tmp_path: Path, new_app, settle
) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "empty.md")
        await pilot.press("enter")
        await settle(pilot)
        assert any(f"{tmp_path / 'empty.md'}: empty file" in n for n in notices(app))
        assert len(app.screen.query_one(ResultsList).article_ids) == 5


async def test_opening_an_article_marks_it_read(app: BroadsheetApp, new_app, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        results = app.screen.query_one(ResultsList)
        first = results.highlighted_id
        assert first and row_text(app, first).startswith(UNREAD_MARK)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).article_id == first
        assert not row_text(app, first).startswith(UNREAD_MARK)
        assert app.workspace.read_ids() == {first}
    again = new_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        assert not row_text(again, first).startswith(UNREAD_MARK)


async def test_the_list_stays_searchable_while_a_slow_import_runs(new_app, settle) -> None:
    with serving() as server:
        # The page takes 4 s; a search must answer well before (a loaded machine gets 3 s).
        server.routes["/slow"] = Route(samples.HTML_PAGE.encode(), delay=4.0)
        app = new_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("escape")  # the search box has the focus at launch
            await pilot.press("i")
            await pilot.pause()
            app.screen.query_one(Input).value = server.url_for("/slow")
            await pilot.press("enter")
            await pilot.press("slash")
            await type_text(pilot, "mayor")
            status = app.screen.query_one("#search-status", Static)
            for _ in range(150):
                await pilot.pause(0.02)
                if "hit" in str(status.content):
                    break
            assert "hit" in str(status.content)
            assert not any("Imported" in n for n in notices(app))  # the import is still going
            await settle(pilot)
            assert any("1 added" in n for n in notices(app))


async def test_the_feeds_view_shows_subscriptions_and_refreshes_them(new_app, settle) -> None:
    with serving() as server:
        server.routes["/feed.xml"] = Route(samples.RSS20.encode(), "application/rss+xml")
        app = new_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("escape")  # the search box has the focus at launch
            app.workspace.subscribe(server.url_for("/feed.xml"))
            app.workspace.subscribe(server.url_for("/gone.xml"))
            await pilot.press("F")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)
            table = app.screen.query_one(DataTable)
            assert table.row_count == 2
            assert str(table.get_row_at(0)[1]) == "never"
            await pilot.press("r")
            await settle(pilot)
            rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(2)}
            assert str(rows["Harbour Gazette"][2]) == "2"
            gone = next(r for name, r in rows.items() if name != "Harbour Gazette")
            assert "HTTP 404" in str(gone[3])
            assert "2 new articles" in str(app.screen.query_one("#feeds-status", Static).content)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert len(app.screen.query_one(ResultsList).article_ids) == 7
