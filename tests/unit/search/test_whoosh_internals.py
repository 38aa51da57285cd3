"""Whoosh's private names that Broadsheet relies on still exist in the installed Whoosh.

If an upgrade of whoosh-reloaded moves one, this fails with the list of what moved, and
reader/core/search/whoosh_internals.py is the one file to re-check.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.library import Library
from reader.core.locations import resolve
from reader.core.search import whoosh_internals
from reader.core.search.codec import PackedLeafMatcher, PackedPostingsWriter
from reader.core.search.index import SearchIndex
from reader.core.workspace import Workspace


def test_every_internal_name_is_where_it_was_checked() -> None:
    assert whoosh_internals.problems() == []


def test_a_real_index_has_the_attributes_the_packed_codec_reads(tmp_path: Path) -> None:
    workspace = Workspace(resolve(tmp_path))
    workspace.setup()
    index = SearchIndex(workspace.locations.index_dir, Library(workspace.locations.library_path))
    reader = index.snapshot().searcher.reader()
    segment = reader.leaf_readers()[0][0] if hasattr(reader, "leaf_readers") else reader
    field = segment.schema["body"]
    matcher = whoosh_internals.raw_matcher(
        segment, "body", field.to_bytes("lightfoot"), field.format
    )
    assert isinstance(matcher, PackedLeafMatcher)
    assert whoosh_internals.postings_file(segment).get(0, 4) == b"W3Bl"  # a list's header
    missing = [
        name
        for name in whoosh_internals.INSTANCE_ATTRIBUTES[PackedLeafMatcher.__mro__[1]]
        if not hasattr(matcher, name)
    ]
    assert missing == []
    lengths = whoosh_internals.per_document(segment)
    assert whoosh_internals.column_bytes(
        lengths, whoosh_internals.length_field("body"), whoosh_internals.LENGTHS_COLUMN
    )


def test_the_postings_writer_has_the_attributes_the_packed_codec_reads() -> None:
    from io import BytesIO

    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb.structfile import StructFile

    from reader.core.search.codec import PackedPositions

    writer = PackedPostingsWriter(StructFile(BytesIO()), blocklimit=128)
    writer.start_postings(PackedPositions(), W3TermInfo())
    base = PackedPostingsWriter.__mro__[1]
    missing = [
        name for name in whoosh_internals.INSTANCE_ATTRIBUTES[base] if not hasattr(writer, name)
    ]
    assert missing == []
    opened = StructFile(BytesIO(), name="segment.trm")
    assert all(hasattr(opened, n) for n in whoosh_internals.INSTANCE_ATTRIBUTES[StructFile])
    assert whoosh_internals.file_name(opened) == "segment.trm"
