"""SVG snapshots of the main screens at 80x24, 60x20, 120x36 and 200x50 (update with
`make snapshots` after a deliberate change, and look at every changed picture)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.tui.widgets.results import ResultsList
from tests.tui.conftest import SIZE, new_app, settle

ARTICLE = "003_664e7e63c6e16625"  # five passages of boilerplate hidden, headings, a list


@pytest.fixture(autouse=True)
def stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line shows the time a search took; a stopped clock keeps pictures stable."""
    monkeypatch.setattr("reader.core.search.index.time.perf_counter", lambda: 0.0)


async def _ready(pilot: Pilot[None]) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def _article(pilot: Pilot[None]) -> None:
    await _ready(pilot)
    results = pilot.app.screen.query_one(ResultsList)
    results.focus()
    results.highlighted = results.get_option_index(ARTICLE)
    await pilot.press("enter")
    await _ready(pilot)


async def _comparison(pilot: Pilot[None]) -> None:
    await _article(pilot)
    await pilot.press("c")
    await _ready(pilot)


async def _side_by_side(pilot: Pilot[None]) -> None:
    await _comparison(pilot)
    await pilot.press("v")
    await _ready(pilot)


async def _bookmark_dialog(pilot: Pilot[None]) -> None:
    await _article(pilot)
    await pilot.press("j", "b")
    await pilot.pause()


SCREENS = {
    "list": _ready,
    "article": _article,
    "comparison": _comparison,
    "side_by_side": _side_by_side,
}


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screens_at_80x24_and_200x50(snap_compare, screen: str, size: tuple[int, int]) -> None:
    assert snap_compare(new_app(), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("screen", ["list", "article", "side_by_side", "bookmark_dialog", "help"])
def test_screens_at_60x20(snap_compare, screen: str) -> None:
    async def help_screen(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()

    run_before = {**SCREENS, "bookmark_dialog": _bookmark_dialog, "help": help_screen}[screen]
    assert snap_compare(new_app(), terminal_size=(60, 20), run_before=run_before)


def test_search_and_read_with_highlights(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press(*"lightfoot")  # the search box has the focus at launch
        await settle(pilot)
        await pilot.press("enter", "enter", "j", "j")
        await _ready(pilot)

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)
