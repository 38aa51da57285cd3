"""Pilot helpers: an app over user dirs redirected (by tests/conftest.py) into a temp dir."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.core.locations import resolve
from reader.tui.app import BroadsheetApp

SIZE = (120, 36)


def new_app() -> BroadsheetApp:
    """A reader over the (redirected) platform user dirs, as `broadsheet` would open."""
    return BroadsheetApp(resolve(None))


async def settle(pilot: Pilot[None]) -> None:
    """Wait for workers (setup, search) and the messages they post."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for screen in pilot.app.screen_stack:
        await screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def app() -> BroadsheetApp:
    return new_app()


from tests.tui.big_library import big_library, big_library_template  # noqa: E402,F401
