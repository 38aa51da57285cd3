"""A reader that fits any terminal: Help and Quit stay in the Footer at 60 and 80 columns in
every pane, the comparison's title shrinks on a small terminal so side by side keeps the rows,
side by side keeps the reading width, only-unread applies to search hits, and the automatic
refresh can be turned off and on."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher
from textual.widgets._footer import FooterKey

from reader.core.locations import resolve
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import HelpScreen
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.side_by_side import SideBySide
from tests.tui import SIZE

ARTICLE = "003_664e7e63c6e16625"  # a sample article whose story has five articles


def footer(app: BroadsheetApp) -> list[str]:
    """The Footer's keys as drawn, each wholly inside the terminal and clear of the palette's
    key on the right (none cut at the edge or hidden under it)."""
    keys = list(app.screen.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    edge = palette[0].region.x if palette else app.size.width
    assert all(k.region.right <= edge and k.region.width > 0 for k in keys if k not in palette), [
        (k.description, k.region) for k in keys
    ]
    return [k.description for k in keys]


def status(app: BroadsheetApp) -> str:
    return str(app.screen.query_one("#search-status").render())


async def open_sample(pilot: Pilot[None], settle) -> None:  # type: ignore[no-untyped-def]
    results = pilot.app.screen.query_one(ResultsList)
    results.focus()
    results.highlighted = results.get_option_index(ARTICLE)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_help_and_quit_stay_in_the_footer_in_every_pane(
    app: BroadsheetApp, settle, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        seen = {"search box": footer(app)}  # typing: f1 and ctrl+q, as q and ? are typed
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # the key the Footer offers works
        await pilot.press("escape", "escape")  # close the help; leave the box for the list
        await pilot.pause()
        seen["list"] = footer(app)
        await open_sample(pilot, settle)
        seen["article"] = footer(app)
        await pilot.press("c")
        await settle(pilot)
        seen["comparison"] = footer(app)
        await pilot.press("v")
        await settle(pilot)
        assert app.screen.query_one(ComparePane).mode == "compare-side"
        seen["side by side"] = footer(app)
        await pilot.press("B")
        await settle(pilot)
        seen["bookmarks"] = footer(app)
        for pane, described in seen.items():
            assert "Help" in described and "Quit" in described, (pane, described)
        assert "Next difference" in seen["side by side"]  # the pane's own key still shows
        search_keys = [k.key for k in app.screen.query(FooterKey) if k.description == "Help"]
        assert search_keys == ["question_mark"]  # outside a box, ? is the key shown


async def test_side_by_side_keeps_the_rows_of_a_60x20_terminal(settle, new_app) -> None:
    app = new_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await open_sample(pilot, settle)
        await pilot.press("c")
        await settle(pilot)
        title = app.screen.query_one("#compare-title")
        assert title.size.height == 1 and title.region.y == 1  # one line, under the header
        assert "5 articles" in str(title.render())
        await pilot.press("v")
        await settle(pilot)
        side = app.screen.query_one(SideBySide)
        assert side.size.height >= 16  # of 20 rows: header, title, footer, and the columns
        header = app.screen.query_one(".side-row.-header")
        assert header.region.height <= 3 and header.region.y == side.region.y  # seen first
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:  # a roomy terminal: the title in full
        await settle(pilot)
        await open_sample(pilot, settle)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#compare-title").size.height >= 2


async def test_side_by_side_columns_keep_the_reading_width(settle, new_app) -> None:
    config = resolve(None).ensure().config_path
    config.write_text("reading_width = 60\n", encoding="utf-8")
    app = new_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await open_sample(pilot, settle)
        await pilot.press("z", "c")  # the whole width: two columns of ~97 without a measure
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        cells = list(app.screen.query(".side-cell"))
        assert cells and all(50 <= c.size.width <= 60 for c in cells), {c.size.width for c in cells}


async def test_only_unread_applies_to_the_hits_of_a_query(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"chicago", "enter")
        await settle(pilot)
        assert status(app).startswith("5 hits")
        await open_sample(pilot, settle)  # reading it marks it read
        await pilot.press("l", "U")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert status(app).startswith("4 unread of 5 hits")
        assert ARTICLE not in results.article_ids and len(results.article_ids) == 4
        assert "Listing unread hits only (U lists all)." in app.notifications_shown
        await pilot.press("M")  # mark the listed hits read: none left unread
        await settle(pilot)
        assert status(app).startswith("0 unread of 5 hits")
        await pilot.press("U")
        await settle(pilot)
        assert status(app).startswith("5 hits") and len(results.article_ids) == 5


async def test_the_automatic_refresh_turns_off_and_on(settle, new_app) -> None:
    config = resolve(None).ensure().config_path
    config.write_text("refresh_interval = 15\n", encoding="utf-8")
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.refresh_timer is not None
        await pilot.press("escape", "A")
        await pilot.pause()
        assert screen.refresh_timer is None
        assert app.notifications_shown[-1].startswith(
            "Automatic refresh off (it was every 15 minutes)"
        )
        await pilot.press("A")
        await pilot.pause()
        assert screen.refresh_timer is not None and screen.refresh_minutes == 15
        assert app.notifications_shown[-1].startswith(
            "Automatic refresh on: every 15 minutes, next at"
        )
        assert app.screen.query_one("#panes", ContentSwitcher)  # still the main screen


async def test_the_automatic_refresh_turns_on_without_a_config(app: BroadsheetApp, settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.refresh_timer is None  # off unless asked for
        await pilot.press("escape", "A")
        await pilot.pause()
        assert app.screen.refresh_timer is not None and app.screen.refresh_minutes == 30
        assert "No subscriptions yet" in app.notifications_shown[-1]
