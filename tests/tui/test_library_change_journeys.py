"""A reader tidies the library from the TUI: removes an article (and undoes it), removes the
sample corpus in one step, fetches a headline-only article's text, and reads every failure of
an import that had many."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RichLog

from reader.core.locations import resolve
from reader.core.workspace import Workspace
from reader.tui.app import BroadsheetApp
from reader.tui.screens.ingest import FailuresScreen, SourceDialog
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from tests.tui import SIZE
from tests.tui.conftest import Settle
from tests.tui.test_bookmark_journeys import rows
from tests.unit import ingest_samples as samples
from tests.unit.loopback import Route, serving

SAMPLE = "004_3f326c91794456b3"


def notices(app: BroadsheetApp) -> list[str]:
    return list(app.notifications_shown)


def listed(app: BroadsheetApp) -> list[str]:
    return app.screen.query_one(ResultsList).article_ids


async def test_remove_an_article_undo_it_and_its_bookmark_waits_orphaned(
    app: BroadsheetApp, settle: Settle
) -> None:
    workspace = Workspace(resolve(None))
    workspace.setup()
    workspace.add_bookmark_by_quote(SAMPLE, "Chicago being one of the primary targets", "mine")
    workspace.close()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # out of the search box, which has the focus at launch
        app.screen.query_one(ResultsList).highlighted = listed(app).index(SAMPLE)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article_id == SAMPLE
        await pilot.press("D")
        await settle(pilot)
        assert SAMPLE not in listed(app) and len(listed(app)) == 4
        assert app.screen.query_one(ArticleView).article_id is None
        assert any(
            "Removed" in n and "ctrl+z undoes it" in n and "orphaned" in n for n in notices(app)
        )
        await pilot.press("B")
        await pilot.pause()
        (row,) = rows(app)
        assert "orphaned" in row and "mine" in row
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert SAMPLE in listed(app)
        await pilot.press("a", "B")
        await pilot.pause()
        (row,) = rows(app)
        assert "orphaned" not in row


async def test_the_samples_go_in_one_step(app: BroadsheetApp, settle: Settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(listed(app)) == 5
        await pilot.press("escape")  # out of the search box
        await pilot.press("X")
        await settle(pilot)
        assert listed(app) == []
        assert any("Removed 5 sample articles" in n for n in notices(app))
    assert Workspace(resolve(None)).needs_setup() is False  # not loaded again


async def test_t_fetches_the_text_of_a_headline_only_article(
    tmp_path: Path, settle: Settle
) -> None:
    with serving() as server:
        server.routes["/tram"] = Route(samples.HTML_PAGE.encode())
        feed = samples.headline_only_feed(server.url_for("/tram"))
        (tmp_path / "bare.xml").write_text(feed, encoding="utf-8")
        workspace = Workspace(resolve(None))
        workspace.setup()
        (result,) = workspace.import_sources([str(tmp_path / "bare.xml")]).results
        workspace.close()
        app = BroadsheetApp(resolve(None))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("escape")  # out of the search box
            row = str(app.screen.query_one(ResultsList).get_option(result.id).prompt)
            assert "headline only" in row
            app.screen.query_one(ResultsList).highlighted = listed(app).index(result.id)
            await pilot.press("enter")
            await settle(pilot)
            pane = app.screen.query_one(ArticleView)
            assert "Press t to fetch it" in str(pane.query_one(".hidden-note").render())
            await pilot.press("t")
            await settle(pilot)
            await settle(pilot)
            assert pane.article_id == result.id and pane.view is not None
            assert "Engineers replaced" in pane.view.text
            assert "by Jonas Weber" in str(
                app.screen.query_one(ResultsList).get_option(result.id).prompt
            )


async def test_every_failure_of_a_big_import_can_be_read(
    app: BroadsheetApp, tmp_path: Path, settle: Settle
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for n in range(30):
        (folder / f"empty-{n:02d}.md").write_bytes(b"")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # out of the search box
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        app.screen.query_one(Input).value = f'"{folder}"'  # pasted with quotes
        await pilot.press("enter")
        await settle(pilot)
        assert any("and 25 more" in n and "E lists them all" in n for n in notices(app))
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, FailuresScreen)
        log = app.screen.query_one(RichLog)
        assert len(app.screen.lines) == 30
        assert all(
            f"empty-{n:02d}.md: empty file" in line for n, line in enumerate(app.screen.lines)
        )
        text = "".join(line.text for line in log.lines)
        assert "empty-29.md" in text and len(log.lines) >= 30
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
