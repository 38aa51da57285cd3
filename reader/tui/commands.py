"""The command palette (ctrl+p): every action of the key table, by name, run where it works.

One Provider over `keys.KEYS`, so a key press and a palette pick run the same action. Each
scope says how to reach the pane whose focus enables its keys; scopes of dialogs and other
screens are not offered (they act on what those screens show).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from reader.tui import keys
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.bookmarks import BookmarkList
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.side_by_side import SideBySide
from reader.tui.widgets.story_list import StoryOptions


def _screen(screen: MainScreen) -> Widget:
    return screen


def _article(screen: MainScreen) -> Widget:
    screen.action_show_article()
    return screen.query_one(ArticleView)


def _bookmarks(screen: MainScreen) -> Widget:
    screen.action_show_bookmarks()
    return screen.query_one(BookmarkList)


def _compare(screen: MainScreen) -> Widget:
    return screen.query_one(ComparePane)


def _side_by_side(screen: MainScreen) -> Widget:
    return screen.query_one(ComparePane).query_one(SideBySide)


def _stories(screen: MainScreen) -> Widget:
    screen.action_show_stories()
    return screen.query_one(StoryOptions)


def _list(screen: MainScreen) -> Widget:
    return screen.query_one(ResultsList)


def _search(screen: MainScreen) -> Widget:
    screen.action_focus_search()
    return screen.query_one(SearchInput)


# scope -> the widget (made visible first) whose action a key of that scope runs
TARGETS: dict[str, Callable[[MainScreen], Widget]] = {
    "global": _screen,
    "article": _article,
    "bookmarks": _bookmarks,
    "compare": _compare,
    "side-by-side": _side_by_side,
    "stories": _stories,
    "list": _list,
    "search": _search,
}
# Textual's own palette offers Quit already.
NOT_OFFERED = frozenset({"quit"})


def offered() -> list[keys.Key]:
    """The actions the palette offers, in the key table's order."""
    return [k for k in keys.KEYS if k.scope in TARGETS and k.id not in NOT_OFFERED]


async def run(screen: MainScreen, key: keys.Key) -> None:
    """Run one key's action where it works, as pressing the key there would."""
    await TARGETS[key.scope](screen).run_action(key.action)


class KeyTableCommands(Provider):
    """Every action of the key table, by its Footer name, with its help sentence."""

    def _runner(self, key: keys.Key) -> Callable[[], Awaitable[None]] | None:
        screen = self.screen
        return partial(run, screen, key) if isinstance(screen, MainScreen) else None

    async def discover(self) -> Hits:
        """All actions, before anything is typed."""
        for key in offered():
            runner = self._runner(key)
            if runner is not None:
                yield DiscoveryHit(key.description, runner, help=key.help)

    async def search(self, query: str) -> Hits:
        """Actions whose name matches what is typed, best first."""
        matcher = self.matcher(query)
        for key in offered():
            runner = self._runner(key)
            score = matcher.match(key.description)
            if runner is not None and score > 0:
                yield Hit(score, matcher.highlight(key.description), runner, help=key.help)
