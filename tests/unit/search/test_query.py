"""The query language on a small library with known answers (dates, outlets, accents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.search.index import SearchOptions
from reader.core.search.query import QueryError
from reader.core.workspace import Workspace

FIXTURE = [
    Article(
        "a1",
        "Council approves budget",
        "The city council approved the budget on Monday. The mayor praised the vote.",
        source="Daily Planet",
        published="2025-01-10",
        author="Lois Lane",
    ),
    Article(
        "a2",
        "Raids spread across the state",
        "Immigration raids spread to three more towns. "
        "Officials said the raid in Elgin was the largest.",
        source="Daily Planet",
        published="2025-02-20",
        author="Clark Kent",
    ),
    Article(
        "a3",
        "Café owners protest",
        "Owners of the café district protested the new rules near the harbour.",
        source="Harbour Times",
        published="2024-11-05",
    ),
    Article(
        "a4",
        "Mayor Lightfoot visits school",
        "Mayor Lori Lightfoot visited a school to talk about immigration policy and the budget.",
        source="Harbour Times",
        published="2023-06-01",
    ),
    Article(
        "a5",
        "Undated opinion on immigration",
        "An opinion piece on immigrant workers and the economy, with no date shown.",
        source="",
    ),
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(resolve(tmp_path_factory.mktemp("fixture")))
    workspace.skip_sample_corpus()  # a library of our own, no samples
    workspace.add_articles(FIXTURE)
    workspace.setup()
    return workspace


def ids(ws: Workspace, query: str, **options: object) -> list[str]:
    return [h.id for h in ws.search(query, SearchOptions(**options)).hits]  # type: ignore[arg-type]


def test_all_words_must_match_and_stems_match_plurals(ws: Workspace) -> None:
    assert ids(ws, "raids") == ["a2"]
    assert ids(ws, "raid elgin") == ["a2"]
    assert ids(ws, "budget mayor", sort="oldest") == ["a4", "a1"]


def test_phrases_and_near_phrases(ws: Workspace) -> None:
    assert ids(ws, '"city council"') == ["a1"]
    assert ids(ws, '"council city"') == []
    assert ids(ws, '"mayor vote"~5') == ["a1"]
    assert ids(ws, '"mayor vote"') == []


def test_or_not_minus_and_parentheses(ws: Workspace) -> None:
    assert sorted(ids(ws, "elgin OR harbour")) == ["a2", "a3"]
    assert sorted(ids(ws, "budget NOT lightfoot")) == ["a1"]
    assert sorted(ids(ws, "budget -lightfoot")) == ["a1"]
    assert sorted(ids(ws, "(elgin OR café) -protest")) == ["a2"]


def test_fields_and_the_outlet_alias(ws: Workspace) -> None:
    assert ids(ws, "title:budget") == ["a1"]
    assert sorted(ids(ws, "outlet:harbour")) == ["a3", "a4"]
    assert sorted(ids(ws, "source:planet")) == ["a1", "a2"]
    assert ids(ws, "author:kent") == ["a2"]
    assert ids(ws, "body:harbour") == ["a3"]


def test_dates_by_month_range_and_comparison(ws: Workspace) -> None:
    assert ids(ws, "date:2025-01") == ["a1"]
    assert sorted(ids(ws, "date:[2024-11-01 to 2025-01-31]")) == ["a1", "a3"]
    assert sorted(ids(ws, "date:>2024")) == ["a1", "a2"]
    assert sorted(ids(ws, "date:<2024")) == ["a4"]
    assert ids(ws, "immigration date:2023") == ["a4"]


def test_prefixes_match_words_not_stems(ws: Workspace) -> None:
    assert sorted(ids(ws, "immigra*")) == ["a2", "a4", "a5"]
    assert ids(ws, "harb*") == ["a3"]


def test_fuzzy_terms_and_accent_folding(ws: Workspace) -> None:
    assert ids(ws, "Lightfot~") == ["a4"]
    # Edits are counted on the word typed, not its stem; a swap of two letters is one edit.
    assert sorted(ids(ws, "immigartion~")) == ["a2", "a4", "a5"]
    assert ids(ws, "Lightfooot~") == ["a4"]
    assert ids(ws, "Lighfooot~") == []  # two edits away
    assert ids(ws, "Lighfooot~2") == ["a4"]
    assert ids(ws, "Lihgtfot~2") == ["a4"]  # the help screen's example
    assert ids(ws, "Kightfoot~") == []  # the first letter must match, as in Lucene
    assert ids(ws, "cafe") == ["a3"]
    assert ids(ws, "café") == ["a3"]


def test_sort_and_filters(ws: Workspace) -> None:
    assert ids(ws, "immigration OR budget", sort="newest") == ["a2", "a1", "a4", "a5"]
    assert ids(ws, "immigration OR budget", sort="oldest") == ["a4", "a1", "a2", "a5"]
    assert ids(ws, "immigration OR budget", outlet="Daily Planet", sort="newest") == ["a2", "a1"]
    assert ids(ws, "immigration OR budget", since="2025", sort="oldest") == ["a1", "a2"]
    assert ids(ws, "immigration OR budget", until="2024-12", sort="oldest") == ["a4"]


def test_counts_per_outlet_cover_all_matches(ws: Workspace) -> None:
    result = ws.search("immigration OR budget", SearchOptions(limit=1))
    assert result.total == 4 and len(result.hits) == 1
    assert dict(result.outlets) == {"Daily Planet": 2, "Harbour Times": 1, "": 1}


def test_malformed_queries_are_read_leniently_and_say_so(ws: Workspace) -> None:
    unbalanced = ws.search('"city council')
    assert [h.id for h in unbalanced.hits] == ["a1"]
    assert unbalanced.notes == ("an unmatched quote was ignored",)
    assert unbalanced.read_as == "city council"
    bracket = ws.search("(elgin OR harbour")
    assert "an unmatched bracket was ignored" in bracket.notes and len(bracket.hits) == 2
    dangling = ws.search("budget AND")
    assert dangling.notes == ("an operator with nothing to join was ignored",)
    assert sorted(h.id for h in dangling.hits) == ["a1", "a4"]
    bad_date = ws.search("budget date:2025-13")
    assert bad_date.notes == ("ignored 'date:2025-13': not a date",)


def test_read_as_uses_the_users_words(ws: Workspace) -> None:
    assert ws.search("ice NOT trump OR raids").read_as.startswith("ice")
    assert ws.search("title:budget date:2025-01").read_as == (
        "title:budget date:[2025-01-01 to 2025-01-31]"
    )


def test_nothing_searchable_is_an_error_not_an_empty_result(ws: Workspace) -> None:
    for query in ("", "the", "AND", '"', "date:soon"):
        with pytest.raises(QueryError):
            ws.search(query)


def test_did_you_mean_comes_from_the_index_vocabulary(ws: Workspace) -> None:
    result = ws.search("immigation budjet")
    assert result.total == 0
    assert result.suggestion == "immigration budget"
    assert ws.search("budget").suggestion == ""


def test_snippets_and_article_highlights_cover_prefix_and_fuzzy_matches(ws: Workspace) -> None:
    hit = ws.search("immigra*").hits[0]
    assert all(hit.snippet[s.start : s.end].lower().startswith("immigra") for s in hit.highlights)
    assert "lightfoot" in ws.terms_for("Lightfot~")


def test_an_article_changed_or_removed_is_found_by_its_new_text(tmp_path: Path) -> None:
    workspace = Workspace(resolve(tmp_path))
    workspace.setup()
    workspace.add_articles([Article("x", "Otters", "Sea otters return to the bay.")])
    workspace.prepare_index()
    assert ids(workspace, "otters") == ["x"]
    workspace.add_articles([Article("x", "Beavers", "Beavers build a dam.")])
    assert workspace.prepare_index() == ["search index was behind the library: updated 1 articles"]
    assert ids(workspace, "otters") == [] and ids(workspace, "beavers") == ["x"]


def test_the_hit_count_covers_every_match_not_only_the_ranked_ones(tmp_path: Path) -> None:
    # Whoosh may swap in a pruned matcher once the top hits are known; the count must not drop.
    workspace = Workspace(resolve(tmp_path))
    workspace.skip_sample_corpus()
    filler = "Council members met and talked about roads, parks and schools. "
    articles = [
        Article(
            f"b{n}",
            "Budget vote" if n % 50 == 0 else f"Meeting {n}",
            ("The budget " * (1 + n % 7)) + filler * (1 + n % 11),
            source="Gazette" if n % 2 else "Courier",
        )
        for n in range(600)
    ]
    workspace.add_articles(articles)
    workspace.setup()
    result = workspace.search("budget", SearchOptions(limit=5))
    assert result.total == 600
    assert dict(result.outlets) == {"Gazette": 300, "Courier": 300}
    assert len(result.hits) == 5
