"""Searching in the TUI: as-you-type, history, saved searches, suggestions, sort, outlets, n/N."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Static

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.search.index import SearchOptions
from reader.core.workspace import Workspace
from reader.tui.app import BroadsheetApp
from reader.tui.screens.dialogs import OutletPicker
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from tests.tui import SIZE


def listed(app: BroadsheetApp) -> list[str]:
    return app.screen.query_one(ResultsList).article_ids


def text_of(app: BroadsheetApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


@pytest.fixture
def type_query(settle):  # type: ignore[no-untyped-def]
    """The type query step, for the tests of this module."""

    async def type_query(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(pilot.app.focused, SearchInput):
            await pilot.press("slash")  # in the search box itself, / is just a character
        for char in text:
            await pilot.press({" ": "space", '"': "quotation_mark"}.get(char, char))
        await settle(pilot)

    return type_query


async def test_keys_typed_right_after_slash_land_in_the_search_box_even_when_they_queue(
    app, settle
) -> None:
    # On a busy machine (a comparison working out in a thread) a quick typist's keys wait in
    # the reader's queue behind "/": they must not go to the list they leave (where s sorts
    # and o picks an outlet).
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # from the search box to the list
        assert isinstance(app.focused, ResultsList)
        for key in ("slash", *"storm"):  # all queued before the first is handled
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        search = app.screen.query_one(SearchInput)
        assert search.value == "storm" and app.focused is search
        assert "read as storm" in text_of(app, "#search-status")


async def test_keys_typed_right_after_enter_in_the_search_box_go_to_the_results(
    app, settle, type_query
) -> None:
    # The same on the way out: a key queued behind Enter goes to the results (where w is
    # no key), it is not typed into the query.
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_query(pilot, "mayor")
        for key, char in (("enter", "\r"), ("w", "w")):  # both queued before either is handled
            app.post_message(events.Key(key, char))
        await settle(pilot)
        search = app.screen.query_one(SearchInput)
        assert search.value == "mayor" and isinstance(app.focused, ResultsList)
        assert text_of(app, "#search-status").endswith("read as mayor")  # the word whole
        assert listed(app)


async def test_typing_character_by_character_ends_on_the_full_querys_results(
    app, settle, type_query
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, 'sanctuary "city policies"')
        expected = Workspace(resolve(None)).search(
            'sanctuary "city policies"', SearchOptions(limit=50)
        )
        assert listed(app) == [h.id for h in expected.hits]
        assert expected.hits  # the query does find something
        assert 'read as sanctuary "city policies"' in text_of(app, "#search-status")


async def test_the_word_being_typed_is_a_prefix_until_enter_and_no_search_runs_on(
    app, settle, type_query
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        started: list[str] = []
        search = screen.workspace.search

        def counting(query, *args, **kwargs):  # type: ignore[no-untyped-def]
            started.append(query)
            return search(query, *args, **kwargs)

        screen.workspace.search = counting
        await type_query(pilot, "lightf")
        assert "read as lightf*" in text_of(app, "#search-status")
        assert listed(app) == ["001_7945570cf1f85a53"]
        assert started[-1] == "lightf*"
        assert all(q.endswith("*") or len(q) < 3 for q in started)
        await pilot.press("enter")
        await settle(pilot)
        assert "read as lightf" in text_of(app, "#search-status")
        assert "lightf*" not in text_of(app, "#search-status")  # as written: a whole word
        assert not [w for w in screen.workers if w.group == "search" and w.is_running]


async def test_history_walks_back_and_forward_and_survives_a_restart(
    app, new_app, settle, type_query
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        search = app.screen.query_one(SearchInput)
        for query in ("mayor", "raids"):
            search.value = ""
            await type_query(pilot, query)
            await pilot.press("enter")  # Enter keeps the query in the history
    again = new_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, "dra")  # a draft, given back after the newest entry
        search = again.screen.query_one(SearchInput)
        await pilot.press("up")
        assert search.value == "raids"
        await pilot.press("up")
        assert search.value == "mayor"
        await pilot.press("up")
        assert search.value == "mayor"
        await pilot.press("down")
        assert search.value == "raids"
        await pilot.press("down")
        assert search.value == "dra"


async def test_a_saved_search_heads_the_list_and_reruns_on_enter(app, settle, type_query) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, "lightfoot")
        await pilot.press("ctrl+s")
        app.screen.query_one(SearchInput).value = ""
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.get_option_at_index(0).id == "saved:lightfoot"
        results.focus()
        results.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(SearchInput).value == "lightfoot"
        assert listed(app) == ["001_7945570cf1f85a53"]
        app.screen.query_one(SearchInput).value = ""
        await settle(pilot)
        results.focus()
        results.highlighted = 0
        await pilot.press("x")
        await settle(pilot)
        assert all(not (o.id or "").startswith("saved:") for o in results.options)


async def test_did_you_mean_offers_a_query_from_the_index_words(app, settle, type_query) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, "lightfot")
        results = app.screen.query_one(ResultsList)
        assert results.get_option_at_index(0).id == "suggest:lightfoot"
        results.focus()
        results.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert listed(app) == ["001_7945570cf1f85a53"]


async def test_sort_and_outlet_filter_change_the_results(
    user_dirs, new_app, settle, type_query
) -> None:
    workspace = Workspace(resolve(None))
    workspace.setup()
    workspace.add_articles(
        [
            Article("old", "Mayor visits harbour", "The mayor visited.", "Gazette", "2020-05-01"),
            Article("new", "Mayor opens bridge", "The mayor opened it.", "Gazette", "2025-05-01"),
        ]
    )
    workspace.close()
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, "mayor")
        assert "Gazette 2" in text_of(app, "#outlets")
        assert "unknown outlet 4" in text_of(app, "#outlets")
        await pilot.press("escape", "s")  # newest first
        await settle(pilot)
        assert listed(app)[:2] == ["new", "old"]
        await pilot.press("s")  # oldest first, undated still last
        await settle(pilot)
        assert listed(app)[:2] == ["old", "new"]
        await pilot.press("O")
        await pilot.pause()
        assert isinstance(app.screen, OutletPicker)
        await pilot.press("down", "enter")  # the first outlet by count: unknown outlet (4)
        await settle(pilot)
        assert sorted(listed(app)) == [
            "000_38b2c77cdd090361",
            "001_7945570cf1f85a53",
            "002_4f6ddd44314d6b20",
            "003_664e7e63c6e16625",
        ]
        assert "only unknown outlet" in text_of(app, "#search-status")


async def test_n_and_shift_n_jump_between_matching_passages(app, settle, type_query) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await type_query(pilot, "lightfoot")
        await pilot.press("enter", "enter")
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        matches = article.matches
        assert len(matches) >= 3
        await pilot.press("n")
        assert article.cursor == matches[0] or article.cursor == matches[1]
        first = article.cursor
        await pilot.press("n")
        assert article.cursor == min(i for i in matches if i > first)
        await pilot.press("N")
        assert article.cursor == first
