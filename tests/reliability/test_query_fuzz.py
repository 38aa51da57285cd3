"""Every query is answered, refused with a reason, or stopped at its budget: a fixed-seed fuzz.

2,000+ generated queries (words, typos, operators in every wrong place, brackets, quotes,
fields, dates, prefixes, fuzzy marks, control and bidi characters, very long and very deep
text) plus the ones that crashed the reader in issue #11 run against the fixture library.
Zero exceptions other than QueryError, and every query under 1 s.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.locations import resolve
from reader.core.search.index import SearchOptions
from reader.core.search.query import QueryError
from reader.core.workspace import Workspace
from tests.reliability.queries import fuzzed
from tests.unit.search.test_query import FIXTURE

LIMIT_SECONDS = 1.0


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace(resolve(tmp_path_factory.mktemp("fuzz")))
    ws.setup()  # the sample corpus...
    ws.add_articles(FIXTURE)  # ...and the query-language fixture
    ws.prepare_index()
    yield ws
    ws.close()


def test_every_query_is_answered_or_refused_in_time(workspace: Workspace) -> None:
    queries = fuzzed()
    options = [SearchOptions(), SearchOptions(sort="newest", limit=5)]
    answered = refused = 0
    slowest = (0.0, "")
    for n, query in enumerate(queries):
        started = time.perf_counter()
        try:
            workspace.search(query, options[n % 2])
            answered += 1
        except QueryError as exc:
            assert str(exc), query
            refused += 1
        try:  # the reader also asks for the words to highlight in an opened article
            workspace.terms_for(query)
        except QueryError:
            pass
        took = time.perf_counter() - started
        slowest = max(slowest, (took, query[:60]))
        assert took < LIMIT_SECONDS, (query[:200], took)
    print(f"{len(queries)} queries: {answered} answered, {refused} refused; slowest {slowest}")
    assert answered > len(queries) // 2  # most typos still find something or nothing


def test_the_typos_of_the_issue_are_read_as_their_words(workspace: Workspace) -> None:
    result = workspace.search("ice NOT NOT trump")
    assert result.total > 0 and any("words alone" in note for note in result.notes)
    with pytest.raises(QueryError, match="nests brackets 100 deep"):
        workspace.search("(" * 100 + "mayor" + ")" * 100)
    with pytest.raises(QueryError, match="the limit is 1,000"):
        workspace.search("mayor " * 200_000)


def test_a_hostile_query_typed_into_the_reader_leaves_it_running(tmp_path: Path) -> None:
    """The same queries through the TUI's search box: answered or refused on the status line."""
    import asyncio

    from reader.tui.app import BroadsheetApp
    from tests.tui import SIZE

    async def settle(app: BroadsheetApp) -> None:
        await app.workers.wait_for_complete()
        for screen in app.screen_stack:
            await screen.workers.wait_for_complete()

    async def journey() -> None:
        app = BroadsheetApp(resolve(tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await settle(app)
            await pilot.pause()
            for query in ["ice NOT NOT trump", "said (-)", "(a+)+", "(" * 1000 + "x"]:
                await pilot.press("slash")
                app.screen.query_one("#search").value = query  # type: ignore[attr-defined]
                await pilot.pause()
                await settle(app)
                await pilot.pause()
                assert app.is_running
            assert app.return_code in (None, 0)

    asyncio.run(journey())
