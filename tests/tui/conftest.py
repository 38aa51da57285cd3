"""Pilot helpers: an app over user dirs redirected (by tests/conftest.py) into a temp dir."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from reader.core.locations import resolve
from reader.tui.app import BroadsheetApp


def _new_app() -> BroadsheetApp:
    """A reader over the (redirected) platform user dirs, as `broadsheet` would open."""
    return BroadsheetApp(resolve(None))


async def _settle(pilot: Pilot[None]) -> None:
    """Wait for the searches, suggestions and rows waiting for typing to pause, for workers
    (setup, search) and the messages they post."""
    for _ in range(200):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for screen in pilot.app.screen_stack:
            await screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        if not any(getattr(s, "typing_pending", False) for s in pilot.app.screen_stack):
            return
        await pilot.pause(0.05)


Settle = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture
def new_app() -> Callable[[], BroadsheetApp]:
    """Make a reader (a second one over the same dirs is a restart)."""
    return _new_app


@pytest.fixture
def settle() -> Settle:
    """Wait for the reader's workers and the messages they post."""
    return _settle


@pytest.fixture
def app() -> BroadsheetApp:
    """A reader on first launch over empty (redirected) user dirs."""
    return _new_app()


from tests.tui.big_library import big_library, big_library_template  # noqa: E402,F401
