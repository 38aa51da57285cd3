"""While the index is being built or rebuilt, the library can already be listed and read."""

from __future__ import annotations

import threading

import pytest

from reader.core.workspace import Workspace
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from tests.tui import SIZE


async def test_read_while_the_index_is_built_then_search(
    monkeypatch: pytest.MonkeyPatch, new_app, settle
) -> None:
    release = threading.Event()
    started = threading.Event()
    prepare_index = Workspace.prepare_index

    def slow_index(self: Workspace, progress: object = None) -> list[str]:
        started.set()
        release.wait(timeout=30)  # the index "takes minutes" until the test lets it finish
        return prepare_index(self, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "prepare_index", slow_index)
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        while not started.is_set():
            await pilot.pause(0.01)
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.query_one(ResultsList).article_ids) == 5  # listed already
        search = screen.query_one(SearchInput)
        assert app.focused is search and not screen.ready  # typing starts a query at once
        await pilot.press(*"Lightfo")  # typed before the index is ready: kept, run later
        await pilot.press("escape", "enter")  # open the first article while indexing goes on
        await pilot.pause(0.1)
        assert screen.query_one(ArticleView).article_id
        release.set()
        await settle(pilot)
        assert screen.ready
        assert search.value == "Lightfo"
        # Read as it was typed, the unfinished last word a prefix (it was searched whole,
        # 0 hits and "did you mean: quartet" for `quarant` typed at launch).
        assert "read as lightfo*" in str(screen.query_one("#search-status").render())
        assert "001_7945570cf1f85a53" in screen.query_one(ResultsList).article_ids
        search.value = "Lightfoot"
        await settle(pilot)
        assert screen.query_one(ResultsList).article_ids == ["001_7945570cf1f85a53"]
