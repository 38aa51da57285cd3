"""A researcher walks every hit of a 2,000-hit query: the count is true and each page follows."""

from __future__ import annotations

from pathlib import Path

from reader.core.locations import resolve
from reader.core.models import SearchOptions
from reader.tui.app import BroadsheetApp
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import MORE, ResultsList
from tests.tui import SIZE


async def _rows_in(pilot, results: ResultsList) -> None:  # type: ignore[no-untyped-def]
    """Wait for the rows below the screen, which are added once typing pauses."""
    while results.rows_pending:
        await pilot.pause(0.05)


def _status(app: BroadsheetApp) -> str:
    return str(app.screen.query_one("#search-status").render())


async def test_paging_reaches_hit_300_of_a_2000_hit_query(big_library: Path, settle) -> None:
    app = BroadsheetApp(resolve(big_library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"budget")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        await _rows_in(pilot, results)
        assert results.article_count == 100
        assert "2,101 hits, 100 listed" in _status(app)
        await pilot.press("enter")  # to the list
        for listed in (200, 300):
            await pilot.press("end")  # the "more" row is the last one
            last = results.get_option_at_index(results.highlighted or 0)
            assert (last.id or "").startswith(MORE)
            await pilot.press("enter")
            await settle(pilot)
            assert results.article_count == listed
            assert f"2,101 hits, {listed:,} listed" in _status(app)
        ids = results.article_ids
        assert len(set(ids)) == 300  # no hit twice, none skipped
        # Hit 300, by relevance then index order, opens like any other.
        results.highlighted = results.get_option_index(ids[299])
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article_id == ids[299]


async def test_every_hit_is_reachable_to_the_last_page(big_library: Path, settle) -> None:
    app = BroadsheetApp(resolve(big_library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        await pilot.press("enter")
        await settle(pilot)
        await _rows_in(pilot, results)
        for _ in range(25):
            last = results.get_option_at_index(results.option_count - 1)
            if not (last.id or "").startswith(MORE):
                break
            results.highlighted = results.option_count - 1
            await pilot.press("enter")
            await settle(pilot)
        assert results.article_count == 2100
        assert "2,100 hits (" in _status(app)  # nothing left to list: no "listed" clause


async def test_a_query_lists_its_first_screen_then_the_rest_of_the_page(
    big_library: Path, settle
) -> None:
    # As-you-type asks only for the hits the list shows at once (snippets and rows are most
    # of a search's time); the rest of the page follows once the result has stayed on screen.
    app = BroadsheetApp(resolve(big_library))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        asked: list[tuple[str, int, int]] = []
        search = screen.workspace.search

        def spying(query, options, *args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append((query, options.offset, options.limit))
            return search(query, options, *args, **kwargs)

        screen.workspace.search = spying  # type: ignore[method-assign]
        await pilot.press(*"budget")  # the search box has the focus at launch
        await settle(pilot)
        results = screen.query_one(ResultsList)
        # The word being typed is a prefix: "budget*" is what was searched.
        final = [(offset, limit) for query, offset, limit in asked if query == "budget*"]
        assert len(final) == 2
        (start, first), rest = final
        assert start == 0 and 4 <= first < 100  # about what the list shows
        assert rest == (first, 100 - first)
        whole = screen.workspace.search("budget*", SearchOptions(limit=100))
        assert results.article_ids == [h.id for h in whole.hits]  # same hits, same order
        assert "2,101 hits, 100 listed" in _status(app)
