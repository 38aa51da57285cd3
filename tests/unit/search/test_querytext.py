"""A query is never changed silently: each rewrite, dropped part or unknown field is noted,
and a query that only excludes is refused with a reason (TUI and CLI share this reading)."""

from __future__ import annotations

import pytest

from reader.core.locations import resolve
from reader.core.search.index import QueryError
from reader.core.workspace import Workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace(resolve(tmp_path_factory.mktemp("notes")))
    ws.setup()
    return ws


@pytest.mark.parametrize("query", ["-ice", "NOT ice", "-ice -obama", "(-ice)"])
def test_a_lone_negation_is_refused_with_a_reason(workspace: Workspace, query: str) -> None:
    with pytest.raises(QueryError, match="only excludes"):
        workspace.search(query)


def test_a_negation_with_a_word_or_a_date_still_searches(workspace: Workspace) -> None:
    assert workspace.search("mayor -obama").read_as == "mayor NOT obama"
    dated = workspace.search("date:2024 -ice")
    assert dated.read_as.startswith("NOT ice")
    assert not dated.notes


def test_unknown_field_is_dropped_with_a_note(workspace: Workspace) -> None:
    result = workspace.search("foo:mayor")
    assert result.read_as == "mayor"
    assert any("unknown field 'foo:'" in n and "'mayor'" in n for n in result.notes)


def test_empty_title_field_is_noted_not_searched_as_a_word(workspace: Workspace) -> None:
    result = workspace.search("title: mayor")
    assert result.read_as == "mayor"
    assert any("'title:' has no word right after it" in n for n in result.notes)
    with pytest.raises(QueryError, match="no word right after it"):
        workspace.search("title:")


def test_title_and_published_fields_are_read(workspace: Workspace) -> None:
    assert workspace.search("Title:mayor").read_as == "title:mayor"
    result = workspace.search("published:2018")
    assert result.read_as == "date:[2018-01-01 to 2018-12-31]"
    assert any("published:" in n and "date:" in n for n in result.notes)


def test_fuzziness_beyond_two_edits_is_noted_and_shown(workspace: Workspace) -> None:
    result = workspace.search("ice~9")
    assert result.read_as == "ice~2"
    assert result.notes == ("ice~9: at most 2 edits are searched; read as ice~2",)
    assert workspace.search("Lihgtfot~2").read_as == "lihgtfot~2"


def test_a_backwards_date_range_is_refused_or_noted(workspace: Workspace) -> None:
    with pytest.raises(QueryError, match="ends before it starts"):
        workspace.search("date:[2025 to 2024]")
    result = workspace.search("date:[2025 to 2024] mayor")
    assert any("ends before it starts" in n for n in result.notes)


def test_a_url_is_not_taken_for_a_field(workspace: Workspace) -> None:
    result = workspace.search("https://example.org/x")
    assert not any("unknown field" in n for n in result.notes)
