"""A reader lists the stories several outlets told, sorts them, and finds one by its headline."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.workspace import Workspace
from reader.tui.app import BroadsheetApp
from tests.tui import SIZE
from tests.tui.conftest import Settle

EVENTS = [
    ("Dockworkers walk off the job at Port of Kelston", "Harbor Times", "2024-03-04"),
    ("Strike shuts Kelston port as union and operators split", "National Ledger", "2024-03-04"),
    ("Ridge Fire forces evacuation of Pine Hollow", "Western Post", "2023-08-14"),
    ("Pine Hollow emptied as Ridge Fire explodes", "Mountain Tribune", "2023-08-14"),
    ("Late goal sends Arsenal top of the league", "Sports Desk", "2024-03-09"),
]
BODIES = {
    "Kelston": "About 4,000 dockworkers at the Port of Kelston walked off the job after talks "
    "with the Kelston Terminal Operators Association broke down over automated cranes. "
    "Union president Dana Okafor said the strike would go on.",
    "Ridge": "The Ridge Fire in the Delcor National Forest forced 6,000 residents of Pine "
    "Hollow to evacuate as winds pushed the flames. Governor Alma Reyes declared an emergency "
    "for Delcor County.",
    "Arsenal": "A late header from a substitute gave Arsenal a one-nil win at Anfield.",
}


def library() -> None:
    workspace = Workspace(resolve(None))
    workspace.setup()
    articles = []
    for n, (title, source, published) in enumerate(EVENTS):
        body = next(text for key, text in BODIES.items() if key in title)
        articles.append(Article(f"event-{n}", title, body, source, published))
    workspace.add_articles(articles)
    workspace.close()


def listed(app: BroadsheetApp) -> list[str]:
    options = app.screen.query_one("#story-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_stories_of_two_outlets_sorted_and_found_by_headline(settle: Settle) -> None:
    library()
    app = BroadsheetApp(resolve(None))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the search box has the focus at launch
        await pilot.press("S")
        await settle(pilot)
        rows = listed(app)  # the sample story (5), the strike (2), the fire (2); not the goal
        assert len(rows) == 3 and not any("Arsenal" in r for r in rows)
        assert "5 articles" in rows[0]
        status = str(app.screen.query_one("#story-status", Static).content)
        assert "stories of 2 outlets or more, most outlets first" in status

        await pilot.press("s")  # most recent first: the strike (March 2024), then the fire
        await settle(pilot)
        rows = listed(app)
        assert "Kelston" in rows[0] and "Ridge Fire" in rows[1] and "undated" in rows[2]

        await pilot.press("a")  # every story: the goal too
        await settle(pilot)
        assert any("Arsenal" in r for r in listed(app))

        await pilot.press("f", *"ridge fir")  # find by headline, as typed
        await settle(pilot)
        rows = listed(app)
        assert len(rows) == 1 and "Ridge Fire" in rows[0]
        await pilot.press("enter", "enter")  # back to the list, then compare that story
        await settle(pilot)
        title = str(app.screen.query_one("#compare-title", Static).content)
        assert "2 articles from 2 outlets" in title
