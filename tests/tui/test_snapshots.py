"""SVG snapshots of the main screens (update with `make snapshots` after a deliberate change)."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.conftest import SIZE, new_app, settle


async def _ready(pilot: Pilot[None]) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_library_list_on_first_launch(snap_compare) -> None:
    assert snap_compare(new_app(), terminal_size=SIZE, run_before=_ready)


def test_search_and_read_with_highlights(snap_compare, monkeypatch) -> None:
    # The status line shows the time a search took; a stopped clock keeps the picture stable.
    monkeypatch.setattr("reader.core.search.index.time.perf_counter", lambda: 0.0)

    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("slash", *"lightfoot")
        await settle(pilot)
        await pilot.press("enter", "enter", "j", "j")
        await _ready(pilot)

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_comparison_pane(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("enter", "c")
        await _ready(pilot)

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)
