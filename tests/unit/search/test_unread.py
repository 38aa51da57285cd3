"""Only unread hits (the reader's U, `broadsheet search --unread`): the read articles leave the
hits, the count says how many of how many, and pages do not shift as articles are read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.locations import resolve
from reader.core.models import SearchOptions
from reader.core.workspace import Workspace

READ = "003_664e7e63c6e16625"  # one of the five sample articles about Chicago


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(resolve(tmp_path / "data"))
    ws.setup()
    return ws


def test_a_read_article_leaves_the_unread_hits_and_the_count_says_of_how_many(
    workspace: Workspace,
) -> None:
    every = workspace.search("chicago", SearchOptions(limit=10))
    assert every.total == 5 and every.matched is None
    workspace.mark_read(READ)
    unread = workspace.search("chicago", SearchOptions(limit=10, unread_only=True))
    assert (unread.total, unread.matched) == (4, 5)
    assert READ not in [h.id for h in unread.hits] and len(unread.hits) == 4
    assert sum(n for _outlet, n in unread.outlets) == 4  # the outlet counts are of the unread
    forum = workspace.search(
        "chicago", SearchOptions(limit=10, unread_only=True, outlet="The Forum")
    )
    assert (forum.total, forum.matched) == (1, 1)
    workspace.mark_read(READ, False)
    assert workspace.search("chicago", SearchOptions(unread_only=True)).total == 5


def test_pages_keep_to_the_read_state_of_the_first_page(workspace: Workspace) -> None:
    workspace.mark_read(READ)
    basis = frozenset(workspace.read_ids())
    first = workspace.search("chicago", SearchOptions(limit=2, unread_only=True, read=basis))
    workspace.mark_read(first.hits[0].id)  # read while the first page is on screen
    second = workspace.search(
        "chicago", SearchOptions(limit=2, offset=2, unread_only=True, read=basis)
    )
    listed = [h.id for h in first.hits + second.hits]
    assert len(listed) == len(set(listed)) == 4 and READ not in listed  # nothing skipped
    now = workspace.search("chicago", replace(SearchOptions(limit=10), unread_only=True))
    assert now.total == 3  # a new search leaves out what is read now


def test_a_changed_article_stays_read_and_out_of_the_unread_hits(workspace: Workspace) -> None:
    article = workspace.article(READ)
    workspace.mark_read(READ)
    workspace.add_articles([replace(article, title=article.title + " as aldermen agreed")])
    workspace.prepare_index()  # the old document is deleted, a new one written
    assert [h.id for h in workspace.search("aldermen").hits] == [READ]
    unread = workspace.search("chicago", SearchOptions(limit=10, unread_only=True))
    assert READ not in [h.id for h in unread.hits] and unread.total == 4


def test_the_command_line_twin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "mark", "--read", READ]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "search", "chicago", "--unread"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 unread of 5 hits for chicago") and READ not in out
