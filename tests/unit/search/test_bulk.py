"""An index written in bulk (whole segments from arrays, in worker processes) is the index
Whoosh's own writer would have written: the same terms, matches and scores, read by Whoosh's
own searcher; and an import of many articles goes the same way, without losing any."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from reader.core.locations import resolve
from reader.core.models import Article
from reader.core.search import build, bulk
from reader.core.search.query import parse
from reader.core.search.schema import CODEC, DISPLAY_SCHEMA, index_document, make_schema
from reader.core.search.vocabulary import Vocabulary
from reader.core.text import WithSpans, clean, clean_spans, text_hash
from reader.core.workspace import Workspace
from tests.unit.search.test_query import FIXTURE

QUERIES = [
    "mayor",
    "budget mayor",
    "mayor OR council",
    "immigration NOT raids",
    "title:mayor",
    "outlet:harbour",
    "author:lane",
    '"city council"',
    '"mayor vote"~5',
    "date:2025 budget",
]


def _articles(copies: int) -> list[Article]:
    """The fixture articles repeated under new ids, each copy a little different."""
    return [
        Article(
            f"{a.id}-{n}",
            a.title,
            a.body + (f" Council minute {n}." if n % 3 else ""),
            source=a.source,
            author=a.author,
            published=a.published,
        )
        for n in range(copies)
        for a in FIXTURE
    ]


def _with_spans(articles: list[Article]) -> list[WithSpans]:
    """The articles as the library hands them to a build: every other one with the clean_spans
    stored with it, the rest without (stored before spans were kept: cleaned when indexed)."""
    stored = []
    for n, article in enumerate(articles):
        text = clean(article).text
        stored.append(
            (article, clean_spans(article.body, text) if n % 2 else None, text_hash(text))
        )
    return stored


def _by_whoosh(directory: Path, articles: list[Article]) -> whoosh_index.FileIndex:
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), make_schema())
    writer = ix.writer(codec=CODEC)
    for article in articles:
        writer.add_document(**index_document(article))
    writer.commit()
    return ix


def _found(ix: whoosh_index.FileIndex, text: str) -> dict[str, float]:
    query = parse(text, ix.schema, Vocabulary(), DISPLAY_SCHEMA).query
    with ix.searcher() as searcher:
        return {
            searcher.stored_fields(hit.docnum)["id"]: round(hit.score, 6)
            for hit in searcher.search(query, limit=None)
        }


@pytest.fixture
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers from 100 articles, segments of at most 150: several of each in a small test."""
    monkeypatch.setattr(build, "IN_WORKERS_FROM", 100)
    monkeypatch.setattr(build, "SEGMENT_MOST", 150)


def test_two_workers_write_the_index_whooshs_writer_would(
    tmp_path: Path, small_segments: None
) -> None:
    articles = _articles(60)
    workspace = Workspace(resolve(tmp_path / "data"))
    workspace.skip_sample_corpus()
    workspace.add_articles(articles)
    assert workspace.rebuild_index(procs=2) == len(articles)
    bulk = whoosh_index.open_dir(str(workspace.locations.index_dir))
    toc = whoosh_index.TOC.read(bulk.storage, bulk.indexname)
    sizes = [segment.doc_count_all() for segment in toc.segments]
    # Segments of 150 at most; the two workers share the batches as they come free.
    assert sum(sizes) == len(articles) and len(sizes) >= 2 and max(sizes) <= 150
    reference = _by_whoosh(tmp_path / "reference", articles)
    with bulk.searcher() as ours, reference.searcher() as theirs:
        for fieldname in ("title", "body", "source", "author", "outlet", "id", "day"):
            assert list(ours.lexicon(fieldname)) == list(theirs.lexicon(fieldname)), fieldname
            assert ours.field_length(fieldname) == theirs.field_length(fieldname)
    for text in QUERIES:
        found = _found(bulk, text)
        assert found, text
        assert found == _found(reference, text), text
        assert workspace.search(text).total == len(found)
    workspace.close()


def test_a_large_import_is_indexed_in_bulk_and_replaces_changed_articles(
    tmp_path: Path, small_segments: None
) -> None:
    workspace = Workspace(resolve(tmp_path / "data"))
    workspace.skip_sample_corpus()
    workspace.add_articles(_articles(5))
    workspace.setup()
    assert workspace.search("mayor").total > 0
    # A second import changes every article of the first and adds many more.
    changed = [
        Article(a.id, a.title, a.body + " Harbourmaster.", source=a.source, published=a.published)
        for a in _articles(40)
    ]
    workspace.add_articles(changed)
    assert any("updated" in notice for notice in workspace.prepare_index())
    assert workspace.indexed_count() == len(changed)
    assert workspace.search("harbourmaster").total == len(changed)
    assert workspace.search("harbourmast*").total == len(changed)  # its words are known
    workspace.close()


def test_sorting_a_range_of_terms_at_a_time_writes_the_index_whooshs_writer_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker sorts a segment's postings a range of terms at a time (its peak memory);
    # ranges of 40 postings cut even this small segment into dozens of them.
    monkeypatch.setattr(bulk, "SORT_GROUP", 40)
    articles = _articles(12)
    directory = tmp_path / "ranges"
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), make_schema())
    storage = FileStorage(str(directory))
    segments = [
        segment
        for segment, _ in build.segments_of(storage, _with_spans(articles), 10_000, lambda n: None)
    ]
    build.commit_segments(ix, segments)
    ours = whoosh_index.open_dir(str(directory))
    reference = _by_whoosh(tmp_path / "reference", articles)
    with ours.searcher() as mine, reference.searcher() as theirs:
        for fieldname in ("title", "body"):
            assert list(mine.lexicon(fieldname)) == list(theirs.lexicon(fieldname)), fieldname
            assert mine.field_length(fieldname) == theirs.field_length(fieldname)
    for text in QUERIES:
        found = _found(ours, text)
        assert found and found == _found(reference, text), text


def test_term_ranges_hold_whole_terms_of_about_the_group_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bulk, "SORT_GROUP", 2)
    ranks = np.array([0, 0, 1, 2, 2, 2, 3], dtype=np.int32)  # term 2 has more than a group
    assert bulk.rank_ranges(ranks, 4) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    monkeypatch.setattr(bulk, "SORT_GROUP", 100)
    assert bulk.rank_ranges(ranks, 4) == [(0, 4)]
