"""One config file: the theme is kept across restarts, errors are named by key and line, key
conflicts are reported, feeds refresh on their own when asked to, one feed's articles list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from reader.core.library import Library
from reader.core.locations import resolve
from reader.core.models import Article
from reader.tui.app import BroadsheetApp
from reader.tui.screens.habits import FeedPicker
from reader.tui.widgets.results import ResultsList
from tests.tui import SIZE

FEED = "https://news.example.org/feed.xml"


def _subscribe(app: BroadsheetApp, url: str, title: str = "") -> None:
    """A subscription as `feeds add` stores it, without fetching (no network in tests)."""
    library = Library(app.workspace.locations.library_path)
    library.add_feed(url, title)
    library.close()


def config_file() -> Path:
    path = resolve(None).ensure().config_path
    return path


async def test_the_theme_chosen_is_kept_after_a_restart(settle, new_app) -> None:
    first = new_app()
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first.theme = "nord"  # as the palette's "Change theme" does
        await settle(pilot)
    assert 'theme = "nord"' in config_file().read_text(encoding="utf-8")
    second = new_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.theme == "nord"


async def test_the_theme_line_is_rewritten_and_the_rest_of_the_file_kept(settle, new_app) -> None:
    config_file().write_text(
        '# my settings\nreading_width = 84\ntheme = "nord"\n[keymap]\nzoom = "Z"\n',
        encoding="utf-8",
    )
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await settle(pilot)
    assert config_file().read_text(encoding="utf-8") == (
        '# my settings\nreading_width = 84\ntheme = "gruvbox"\n[keymap]\nzoom = "Z"\n'
    )


async def test_config_errors_name_the_key_and_its_line(settle, new_app) -> None:
    config_file().write_text(
        'theme = "textual-dark"\nrefresh_interval = "ten"\nreading_width = 500\n'
        'colour = "red"\n[keymap]\nzoom = "Z"\nnonsense = "x"\n',
        encoding="utf-8",
    )
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        problems = app.keymap_problems
        assert any("line 2: refresh_interval: must be a whole number" in p for p in problems)
        assert any(
            "line 3: reading_width: must be a whole number from 40 to 200" in p for p in problems
        )
        assert any("line 4: colour: unknown setting" in p for p in problems)
        assert any("line 7: keymap.nonsense: unknown binding id" in p for p in problems)
        assert app.keymap == {"zoom": "Z"}  # the rest still applies


async def test_a_toml_syntax_error_is_reported_with_its_line(settle, new_app) -> None:
    config_file().write_text('theme = "nord"\nrefresh_interval = = 3\n', encoding="utf-8")
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("not valid TOML" in p and "line 2" in p for p in app.keymap_problems)


async def test_a_key_conflict_is_reported(settle, new_app) -> None:
    config_file().write_text('[keymap]\nsort = "O"\n', encoding="utf-8")
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(
            "'O' is bound to both" in p and "sort" in p and "outlet-filter" in p
            for p in app.keymap_problems
        )


async def test_feeds_refresh_on_the_interval_the_config_gives(
    monkeypatch: pytest.MonkeyPatch,
    settle,
    new_app,
) -> None:
    config_file().write_text("refresh_interval = 15\n", encoding="utf-8")
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.refresh_timer is not None and screen.refresh_minutes == 15
        runs: list[bool] = []
        monkeypatch.setattr(screen, "run_refresh", lambda: runs.append(True))
        screen.timed_refresh()
        assert runs == []  # no subscription: nothing to fetch
        _subscribe(app, FEED)
        screen.timed_refresh()
        assert runs == [True]


async def test_one_feeds_articles(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _subscribe(app, FEED, "Example News")
        app.workspace.add_articles(
            [
                Article(
                    id=f"feed-{n}",
                    title=f"Entry {n}",
                    body=f"Entry body {n}.",
                    origin=f"feed:{FEED}#{n}",
                )
                for n in range(3)
            ]
        )
        await pilot.press("escape", "L")
        await pilot.pause()
        assert isinstance(app.screen, FeedPicker)
        listing = app.screen.query_one(OptionList)
        listing.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert sorted(results.article_ids) == ["feed-0", "feed-1", "feed-2"]
        assert f"3 articles of {FEED}" in str(app.screen.query_one("#search-status").render())
