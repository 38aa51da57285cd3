"""Stories follow the library: a new article joins or starts a story, comparisons say why not."""

from __future__ import annotations

from pathlib import Path

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.workspace import Workspace

LIGHTFOOT = "001_7945570cf1f85a53"
FOOTBALL = Article(
    id="football",
    title="Late goal sends Arsenal top of the league",
    body="A late header from a substitute gave Arsenal a one-nil win at Anfield, lifting them "
    "to the top of the Premier League table before the winter break, their manager said.",
    source="Sports Desk",
    published="2025-01-20",
)


def test_an_added_article_regroups_the_library_and_a_lone_story_gets_a_plain_message(
    tmp_path: Path,
) -> None:
    workspace = Workspace(resolve(tmp_path))
    workspace.setup()
    assert [len(r.members) for r in workspace.story_rows()] == [5]
    workspace.add_articles([FOOTBALL])
    rows = workspace.story_rows()
    assert sorted(len(r.members) for r in rows) == [1, 5]
    lone = next(r for r in rows if len(r.members) == 1)
    assert (lone.outlets, lone.first_date, lone.last_date) == (
        ("Sports Desk",),
        "2025-01-20",
        "2025-01-20",
    )
    comparison = workspace.compare("football")
    assert comparison.messages == [
        "This story has only one article in the library: nothing to compare yet."
    ]
    assert comparison.disagreements == [] and comparison.partners == []
    workspace.close()


def test_compare_with_an_article_of_another_story_aligns_just_those_two(tmp_path: Path) -> None:
    workspace = Workspace(resolve(tmp_path))
    workspace.setup()
    workspace.add_articles([FOOTBALL])
    comparison = workspace.compare(LIGHTFOOT, "football")
    assert comparison.partners == ["football"]
    alignment = comparison.alignment(LIGHTFOOT, "football")
    assert alignment is not None and alignment.pairs == ()
    assert len(alignment.unique_right) == 1
    workspace.close()
