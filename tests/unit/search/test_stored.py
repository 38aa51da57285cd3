"""Stored fields (an article's id and clean text) are read as Whoosh reads them, from segments
written by Whoosh's writer and by the bulk writer, and from a column that stores its offsets."""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

from whoosh import columns
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.filedb.filestore import FileStorage

from reader.core.search import build
from reader.core.search.schema import make_schema
from reader.core.search.stored import PackedPerDocReader, StoredFieldsReader
from tests.unit.search.test_bulk import _articles, _by_whoosh


def _every_document_as_whoosh_reads_it(ix: whoosh_index.FileIndex) -> int:
    checked = 0
    with ix.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            segment = reader.segment()
            ours = PackedPerDocReader(reader.storage(), segment)
            theirs = W3PerDocReader(reader.storage(), segment)
            for docnum in range(segment.doc_count_all()):
                assert ours.stored_fields(docnum) == theirs.stored_fields(docnum), docnum
                checked += 1
    return checked


def test_stored_fields_are_whooshs_from_its_writer_and_from_the_bulk_writer(
    tmp_path: Path,
) -> None:
    articles = _articles(6)
    assert _every_document_as_whoosh_reads_it(_by_whoosh(tmp_path / "whoosh", articles)) > 0
    directory = tmp_path / "bulk"
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), make_schema())
    storage = FileStorage(str(directory))
    pairs = [(a, None, "") for a in articles]  # cleaned in the build
    made = [s for s, _ in build.segments_of(storage, pairs, len(articles) // 3, lambda n: 0)]
    build.commit_segments(ix, made)
    bulk = whoosh_index.open_dir(str(directory))
    assert len(bulk.reader().leaf_readers()) == 3
    assert _every_document_as_whoosh_reads_it(bulk) == len(articles)


def test_a_column_that_stores_its_offsets_reads_the_same(tmp_path: Path) -> None:
    # Whoosh stores the offsets too in segments of more than 32,768 documents ("X" at the end).
    values = [{"id": f"a{n}", "text": "word " * n} if n % 5 else None for n in range(50)]
    storage = FileStorage(str(tmp_path))
    plain = columns.VarBytesColumn(write_offsets_cutoff=1)
    out = storage.create_file("stored")
    writer = plain.writer(out)
    for docnum, value in enumerate(values):
        if value is not None:  # documents without stored fields are left out, as W3 does
            writer.add(docnum, zlib.compress(pickle.dumps(value, 2), 3))
    writer.finish(len(values))
    out.close()
    length = storage.file_length("stored")
    opened = storage.open_file("stored")
    assert chr(opened.get_byte(length - 1)) == "X"
    reader = StoredFieldsReader(opened, 0, length, len(values))
    assert [reader[d] for d in range(len(values))] == [v or {} for v in values]
