"""SVG snapshots of the main screens at 80x24, 60x20, 120x36 and 200x50 (update with
`make snapshots` after a deliberate change, and look at every changed picture)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.side_by_side import SideBySide
from tests.tui import SIZE

ARTICLE = "003_664e7e63c6e16625"  # five passages of boilerplate hidden, headings, a list
Step = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line shows the time a search took; a stopped clock keeps pictures stable."""
    monkeypatch.setattr("reader.core.search.searching.time.perf_counter", lambda: 0.0)


@pytest.fixture
def steps(settle) -> dict[str, Step]:  # type: ignore[no-untyped-def]
    """The way to each screen, from a fresh launch."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture a coin toss
        await pilot.pause()

    async def article(pilot: Pilot[None]) -> None:
        await ready(pilot)
        results = pilot.app.screen.query_one(ResultsList)
        results.focus()
        results.highlighted = results.get_option_index(ARTICLE)
        await pilot.press("enter")
        await ready(pilot)

    async def comparison(pilot: Pilot[None]) -> None:
        await article(pilot)
        await pilot.press("c")
        await ready(pilot)

    async def side_by_side(pilot: Pilot[None]) -> None:
        await comparison(pilot)
        await pilot.press("v")
        await ready(pilot)
        pilot.app.screen.query_one(SideBySide).focus()  # where v leaves it, however loaded
        await ready(pilot)

    async def bookmark_dialog(pilot: Pilot[None]) -> None:
        await article(pilot)
        await pilot.press("j", "b")
        await pilot.pause()

    async def help_screen(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()

    async def search_and_read(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press(*"lightfoot")  # the search box has the focus at launch
        await settle(pilot)
        await pilot.press("enter", "enter", "j", "j")
        await ready(pilot)

    return {
        "list": ready,
        "article": article,
        "comparison": comparison,
        "side_by_side": side_by_side,
        "bookmark_dialog": bookmark_dialog,
        "help": help_screen,
        "search_and_read": search_and_read,
    }


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
@pytest.mark.parametrize("screen", ["list", "article", "comparison", "side_by_side"])
def test_screens_at_80x24_and_200x50(  # type: ignore[no-untyped-def]
    snap_compare, new_app, steps, screen: str, size: tuple[int, int]
) -> None:
    assert snap_compare(new_app(), terminal_size=size, run_before=steps[screen])


@pytest.mark.parametrize("screen", ["list", "article", "side_by_side", "bookmark_dialog", "help"])
def test_screens_at_60x20(snap_compare, new_app, steps, screen: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(new_app(), terminal_size=(60, 20), run_before=steps[screen])


def test_search_and_read_with_highlights(snap_compare, new_app, steps) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(new_app(), terminal_size=SIZE, run_before=steps["search_and_read"])


def test_help_screen(snap_compare, new_app, steps) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(new_app(), terminal_size=SIZE, run_before=steps["help"])
