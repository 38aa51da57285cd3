"""SVG snapshots of the main screens (update with `make snapshots` after a deliberate change)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.tui import SIZE


@pytest.fixture
def ready(settle):  # type: ignore[no-untyped-def]
    """The ready step, for the tests of this module."""

    async def _ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return _ready


def test_library_list_on_first_launch(snap_compare, ready, new_app) -> None:
    assert snap_compare(new_app(), terminal_size=SIZE, run_before=ready)


def test_search_and_read_with_highlights(snap_compare, monkeypatch, ready, new_app, settle) -> None:
    # The status line shows the time a search took; a stopped clock keeps the picture stable.
    monkeypatch.setattr("reader.core.search.index.time.perf_counter", lambda: 0.0)

    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("slash", *"lightfoot")
        await settle(pilot)
        await pilot.press("enter", "enter", "j", "j")
        await ready(pilot)

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_comparison_pane(snap_compare, ready, new_app) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("enter", "c")
        await ready(pilot)

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, ready, new_app) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)
