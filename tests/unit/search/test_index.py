"""Search over the Whoosh index: the sample corpus and a small library with known answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.search.index import QueryError, SearchIndex
from reader.core.search.snippets import best_snippet
from reader.core.text import CLEAN_VERSION, clean_spans, text_hash
from reader.core.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(tmp_path / "data"))
    ws.setup()
    return ws


def ids(ws: Workspace, query: str) -> list[str]:
    return [hit.id[:3] for hit in ws.search(query).hits]


def test_lightfoot_finds_exactly_the_one_article_that_names_her(workspace: Workspace) -> None:
    result = workspace.search("Lightfoot")
    assert [h.id for h in result.hits] == ["001_7945570cf1f85a53"]
    hit = result.hits[0]
    assert "Lightfoot" in hit.snippet
    assert hit.highlights and all(
        hit.snippet[s.start : s.end] == "Lightfoot" for s in hit.highlights
    )


def test_words_are_stemmed_and_all_must_match(workspace: Workspace) -> None:
    assert sorted(ids(workspace, "raids")) == ["001", "004"]  # "raid"/"raids"
    assert sorted(ids(workspace, "mayor johnson")) == ["000", "003"]


def test_phrases_or_not_fields_and_fuzzy(workspace: Workspace) -> None:
    assert "002" in ids(workspace, '"400,000 undocumented immigrants"')
    assert ids(workspace, '"undocumented 400,000 immigrants"') == []
    assert sorted(ids(workspace, "Lightfoot OR Pritzker")) == ["001", "004"]
    assert "001" not in ids(workspace, "sanctuary NOT Lightfoot")
    assert ids(workspace, "outlet:forum") == ["004"]
    assert ids(workspace, "Lightfot~") == ["001"]
    assert "004" in ids(workspace, "title:defiant")


def test_headline_matches_rank_above_body_matches(workspace: Workspace) -> None:
    hits = ids(workspace, "defiant")
    assert hits[0] in ("001", "004")  # both have "Defiant" in the headline
    assert set(hits[:2]) == {"001", "004"}


def test_queries_that_cannot_be_searched_raise_a_clear_error(workspace: Workspace) -> None:
    for query in ("", "   ", "the", "AND"):
        with pytest.raises(QueryError):
            workspace.search(query)


def test_boilerplate_is_not_searchable(workspace: Workspace) -> None:
    assert ids(workspace, '"leave a reply"') == []
    assert ids(workspace, "Waverly") == []


def test_a_changed_article_is_reindexed_incrementally(workspace: Workspace) -> None:
    workspace.add_articles(
        [
            Article(
                id="new_one", title="Quokka census", body="A census of quokkas on Rottnest island."
            )
        ]
    )
    assert workspace.prepare_index() == ["search index was behind the library: updated 1 articles"]
    assert ids(workspace, "quokka") == ["new"]
    workspace.remove_article("new_one")
    workspace.prepare_index()
    assert ids(workspace, "quokka") == []
    assert workspace.prepare_index() == []


def test_the_index_takes_the_clean_text_from_where_the_library_says_it_lies(
    workspace: Workspace,
) -> None:
    # Storing an article keeps where its clean text lies in its body, for the version of
    # cleaning that found it, and that text's fingerprint; the index is built from them when
    # they check out, and cleans the article again otherwise.
    body = "Walruses were counted on the floe.\n\nThe survey ends in May."
    workspace.add_articles([Article(id="walrus", title="Walrus count", body=body)])
    conn = sqlite3.connect(workspace.locations.library_path)
    stored = conn.execute(
        "SELECT clean_version, clean_spans, clean_hash FROM articles WHERE id = 'walrus'"
    ).fetchone()
    assert stored == (CLEAN_VERSION, clean_spans(body, body), text_hash(body))

    def store(spans: bytes, fingerprint: str, version: int = CLEAN_VERSION) -> None:
        with conn:
            conn.execute(
                "UPDATE articles SET clean_spans = ?, clean_hash = ?, clean_version = ? "
                "WHERE id = 'walrus'",
                (spans, fingerprint, version),
            )
        workspace.rebuild_index()

    survey = "The survey ends in May."  # as if cleaning had hidden the first paragraph
    store(clean_spans(body, survey) or b"", text_hash(survey))
    assert ids(workspace, "survey") == ["wal"]
    assert ids(workspace, "floe") == []  # the stored spans were read, not the body cleaned
    # Spans that do not give the text they were stored for, spans of another version of
    # cleaning and bytes that are no spans are not trusted: the article is cleaned again.
    for spans, fingerprint, version in (
        (clean_spans(body, survey) or b"", text_hash(body), CLEAN_VERSION),
        (clean_spans(body, survey) or b"", text_hash(survey), CLEAN_VERSION + 1),
        (b"\x01\x02\x03", text_hash(survey), CLEAN_VERSION),
    ):
        store(spans, fingerprint, version)
        assert ids(workspace, "floe") == ["wal"]
    conn.close()


def test_a_missing_or_damaged_index_is_rebuilt_from_the_library(workspace: Workspace) -> None:
    index_dir = workspace.locations.index_dir
    for path in index_dir.glob("*.seg"):
        path.write_bytes(b"garbage")
    for path in index_dir.glob("_MAIN_*.toc"):
        path.write_bytes(b"garbage")
    fresh = SearchIndex(index_dir, Library(workspace.locations.library_path))
    notice = fresh.ensure()
    assert notice.startswith("search index unreadable")
    assert notice.endswith("rebuilt it from the library (5 articles)")
    assert [h.id for h in fresh.search("Lightfoot").hits] == ["001_7945570cf1f85a53"]


def test_deleting_the_cache_loses_nothing(workspace: Workspace) -> None:
    import shutil

    workspace.add_bookmark("001_7945570cf1f85a53", 0, 10, note="kept")
    shutil.rmtree(workspace.locations.cache)
    again = Workspace(workspace.locations)
    notices = again.setup()
    assert notices == ["search index missing: rebuilt it from the library (5 articles)"]
    assert [b.note for b in again.bookmarks()] == ["kept"]
    assert len(again.search("Lightfoot").hits) == 1


def test_an_index_is_never_used_for_another_library(tmp_path: Path, workspace: Workspace) -> None:
    other = Library(tmp_path / "other.sqlite3")
    index = SearchIndex(workspace.locations.index_dir, other)
    assert (
        index.ensure()
        == "search index belongs to another library: rebuilt it from the library (0 articles)"
    )


def test_snippets_centre_on_the_densest_matches() -> None:
    text = ("Filler words here. " * 30) + "The mayor of Chicago spoke. " + ("More filler. " * 30)
    snippet, spans = best_snippet(text, {"mayor", "chicago"})
    assert "The mayor of Chicago spoke." in snippet
    assert [snippet[s.start : s.end] for s in spans] == ["mayor", "Chicago"]
    assert snippet.startswith("\u2026") and snippet.endswith("\u2026")


def test_snippets_prefer_more_distinct_words_then_the_earliest_window() -> None:
    repeated = "The mayor, the mayor and the mayor again. "
    filler = "Nothing to see in this part of the story at all. " * 8
    text = repeated + filler + "The mayor of Chicago cut the budget. " + filler
    snippet, spans = best_snippet(text, {"mayor", "chicago", "budget"})
    assert [snippet[s.start : s.end] for s in spans] == ["mayor", "Chicago", "budget"]
    tie = "The budget passed. " + filler + "A budget failed. " + filler
    snippet, _ = best_snippet(tie, {"budget"})
    assert "The budget passed." in snippet


def test_an_index_of_an_older_schema_is_rebuilt_once_and_the_library_kept(
    workspace: Workspace,
) -> None:
    import json

    state_path = workspace.locations.index_dir / "broadsheet-index.json"
    state = json.loads(state_path.read_text())
    state["schema_version"] = 6  # what the release before the package layout wrote
    state_path.write_text(json.dumps(state))
    for toc in workspace.locations.index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"pickled classes that no longer exist")  # unreadable by this version
    revision = workspace.revision
    assert workspace.prepare_index() == [
        "search index has an old schema: rebuilt it from the library (5 articles)"
    ]
    assert workspace.prepare_index() == []
    assert workspace.revision == revision and ids(workspace, "Lightfoot")
