"""A reader compares one story across outlets: flags, both passages, side by side, bookmarks."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import ContentSwitcher, OptionList, Static

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.workspace import Workspace
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import BookmarkDialog
from reader.tui.widgets.compare import ComparePane
from reader.tui.widgets.search import SearchInput
from reader.tui.widgets.side_by_side import SideBySide
from tests.tui import SIZE

LIGHTFOOT = "001_7945570cf1f85a53"


def text_of(app: BroadsheetApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


@pytest.fixture
def open_story_of_lightfoot(settle):  # type: ignore[no-untyped-def]
    """The open story of lightfoot step, for the tests of this module."""

    async def open_story_of_lightfoot(pilot) -> ComparePane:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("slash", *"lightfoot", "enter", "enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        return pilot.app.screen.query_one(ComparePane)

    return open_story_of_lightfoot


async def test_see_the_mayor_flag_and_both_passages_then_read_side_by_side(
    app: BroadsheetApp, open_story_of_lightfoot, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_story_of_lightfoot(pilot)
        assert app.screen.query_one(ContentSwitcher).current == "compare"
        assert pane.mode == "compare-overview"
        rows = app.screen.query_one("#compare-list", OptionList)
        assert app.focused is rows
        prompts = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert sum("words" in p for p in prompts) == 5 and "\u25b6" in prompts[0]
        flag_row = next(i for i, p in enumerate(prompts) if "mayor of Chicago" in p)
        assert "Brandon Johnson / Lori Lightfoot" in prompts[flag_row]
        assert "1 disagreement" in text_of(app, "#compare-title")

        while rows.highlighted != flag_row:  # the "Disagreements" heading is skipped
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        detail = text_of(app, "#compare-detail")
        assert "Chicago Mayor Lori Lightfoot has emerged as a vocal opponent" in detail
        assert "Mayor Brandon Johnson has expressed his support" in detail
        assert "Chicago Mayor Brandon Johnson\u2019s Stance on ICE Cooperation" in detail
        assert app.screen.query_one(ContentSwitcher).current == "compare"  # not navigated away
        facts = pane.query_one("#compare-facts", Static).content
        assert str(getattr(facts, "title", "")).startswith("Facts by outlet")
        headings = [str(c.header) for c in getattr(facts, "columns", [])]
        assert any(
            "The Forum" in h and "Chicago Stands" in h for h in headings
        )  # outlet + headline
        cells = " ".join(str(cell) for c in getattr(facts, "columns", []) for cell in c.cells)
        assert "\u25d0 Brandon Johnson" in cells and "\u25cb Lori Lightfoot" in cells  # some / one

        await pilot.press("v")  # on the flag: the two sides, cursor on the flagged passage
        await settle(pilot)
        side = pane.query_one(SideBySide)
        assert pane.mode == "compare-side" and app.focused is side
        assert side.left_view is not None and side.left_view.article.id == LIGHTFOOT
        assert side.right_view is not None
        assert side.right_view.article.id in {"000_38b2c77cdd090361", "003_664e7e63c6e16625"}
        flagged_row = side.rows[side.cursor]
        assert flagged_row.left is not None and "Lori Lightfoot" in flagged_row.left.text
        assert any("Lori Lightfoot here" in f for f in flagged_row.flags)
        while side.cursor > 0:
            await pilot.press("k")
        assert len(side.rows) > 10
        unique_rows = [n for n, row in enumerate(side.rows) if row.pair is None or row.flags]
        await pilot.press("n")
        await pilot.pause()
        assert side.cursor == [n for n in unique_rows if n > 0][0]
        await pilot.press("n")
        await pilot.pause()
        second = side.cursor
        assert second == [n for n in unique_rows if n > 0][1]
        await pilot.press("N")
        await pilot.pause()
        assert side.cursor < second
        flagged = [row for row in side.rows if row.flags]
        assert flagged and any(
            "mayor of Chicago: Lori Lightfoot here" in f for f in flagged[0].flags
        )

        await pilot.press("h")
        await settle(pilot)
        hidden = " ".join(str(s.content) for s in side.query(".side-row.-hidden Static"))
        assert "Hidden from" in hidden
        await pilot.press("escape")
        await pilot.pause()
        assert pane.mode == "compare-overview"
        assert "[navigation crumb]" in text_of(app, "#compare-hidden")


async def test_bookmark_a_passage_from_the_side_by_side_view(
    app: BroadsheetApp, open_story_of_lightfoot, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_story_of_lightfoot(pilot)
        await pilot.press("v")
        await settle(pilot)
        side = pane.query_one(SideBySide)
        await pilot.press("j", "right")
        chosen = side.chosen
        assert chosen is not None
        view, passage = chosen
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkDialog)
        await pilot.press(*"two mayors", "enter")
        await pilot.pause()
        saved = Workspace(resolve(None)).bookmarks()
        assert [(b.article_id, b.quote, b.note) for b in saved] == [
            (view.article.id, passage.text, "two mayors")
        ]
        row = side.rows[side.cursor]
        assert row.cell(1).has_class("-bookmarked") and not row.cell(0).has_class("-bookmarked")
        await pilot.press("escape", "v")  # reopened, the mark is still there
        await settle(pilot)
        assert any(
            r.right is not None
            and r.right.index == passage.index
            and r.cell(1).has_class("-bookmarked")
            for r in side.rows
        )


async def test_the_story_list_shows_outlets_and_count_and_opens_a_story(
    app: BroadsheetApp, settle
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("S")
        await settle(pilot)
        pane = app.screen.query_one(ComparePane)
        assert pane.mode == "story-list"
        stories = app.screen.query_one("#story-options", OptionList)
        assert stories.option_count == 1
        row = str(stories.get_option_at_index(0).prompt)
        assert "5 articles" in row and "undated" in row and "The Forum" in row
        await pilot.press("enter")
        await settle(pilot)
        assert pane.mode == "compare-overview"
        assert "5 articles from 2 outlets" in text_of(app, "#compare-title")


async def test_a_story_of_one_article_says_so_plainly(settle) -> None:
    workspace = Workspace(resolve(None))
    workspace.setup()
    workspace.add_articles(
        [
            Article(
                id="football",
                title="Late goal sends Arsenal top of the league",
                body="A late header from a substitute gave Arsenal a one-nil win at Anfield, "
                "lifting them to the top of the Premier League table before the winter break.",
            )
        ]
    )
    workspace.close()
    app = BroadsheetApp(resolve(None))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("slash", *"arsenal", "enter", "enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        title = text_of(app, "#compare-title")
        assert "only one article in the library: nothing to compare yet" in title
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one(ComparePane).mode == "compare-overview"
        assert any("no other article" in n for n in app.notifications_shown)


async def test_a_comparison_that_arrives_after_the_reader_moved_on_takes_neither_focus_nor_keys(
    app: BroadsheetApp, settle
) -> None:
    # At 80 columns one side shows at a time. The reader asks for a comparison, then, while
    # it is still being worked out, goes back to the search box and types a new query.
    released = threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lightfoot", "enter", "enter")
        await settle(pilot)
        workspace = app.screen.workspace  # type: ignore[attr-defined]
        compare = workspace.compare

        def slow_compare(article_id: str):  # type: ignore[no-untyped-def]
            released.wait(10)
            return compare(article_id)

        workspace.compare = slow_compare
        await pilot.press("c")
        await pilot.pause()
        title = text_of(app, "#compare-title")
        assert "Comparing the story of" in title  # not the hint shown before any comparison
        await pilot.press("slash", "ctrl+u", *"sto")
        released.set()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"rm")
        await settle(pilot)
        search = app.screen.query_one(SearchInput)
        assert search.value == "storm" and app.focused is search
        assert not app.screen.has_class("-reading")  # the list side still shows
        pane = app.screen.query_one(ComparePane)
        assert pane.comparison is not None  # ready for when the reader comes back to it
        assert "1 disagreement" in text_of(app, "#compare-title")
