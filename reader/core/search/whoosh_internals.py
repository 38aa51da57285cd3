"""Every use of Whoosh's private names, in one place, with the version they were checked against.

Whoosh is unmaintained (whoosh-reloaded's README says so since May 2025; Whoosh 2.7.4 is from
2016), and Broadsheet's packed codec and numpy evaluator read below its public interface. Ruff's
SLF rule is on everywhere else, so a private access anywhere but here fails `make lint`. When
Whoosh is upgraded, `tests/unit/search/test_whoosh_internals.py` calls `problems()`, which
checks every name below against the installed Whoosh and fails loudly on any that moved.

What depends on what:
- `length_field`, `LENGTHS_COLUMN`: where W3 keeps each field's byte-coded lengths (BM25F).
- `column_bytes`: a fixed-width column's file layout read whole (Whoosh reads one value a call).
- `column_default`: the value a column reads as for documents that have none.
- `per_document`: a segment reader's per-document (columns, lengths) reader.
- `raw_matcher`: a term's matcher without the deleted-documents wrapper.
- `postings_file`: the postings file of a segment, where a term's whole list is read at once.
- `file_name`: the name of a file Whoosh opened, kept when the codec maps the file instead.
- `searcher_index`: the index a searcher was opened on (to know when to open a new one).
- `segments`: an index's segments, whose files are checked when it is opened.
- `postings_writer_of`, `commit_with_segments`: the bulk writer (reader.core.search.bulk and
  build) writes a field's blocks with the field writer's own postings writer, and adds the
  segments it built to a commit the way Whoosh's multiprocess writer adds its workers'.
- `INHERITED`: the attributes and methods of W3's block writer and leaf matcher that
  reader.core.search.codec's subclasses read or override.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermsReader,
)
from whoosh.filedb.structfile import StructFile
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

CHECKED_AGAINST = ("whoosh-reloaded", "2.7.5")

# Methods of W3's classes that the packed codec overrides or calls, and the attributes it reads.
INHERITED: dict[type, tuple[str, ...]] = {
    SegmentWriter: ("_merge_segments", "_close_segment", "_commit_toc", "_finish"),
    W3PostingsWriter: ("_write_block", "_new_block"),
    W3LeafMatcher: ("_read_data", "_read_ids", "_read_weights", "_read_values"),
}
# Instance attributes (set in __init__ or per block) the packed codec reads or writes.
INSTANCE_ATTRIBUTES: dict[type, tuple[str, ...]] = {
    W3PostingsWriter: (
        "_postfile", "_blockcount", "_terminfo", "_ids", "_weights", "_values",
        "_maxweight", "_minlength", "_maxlength", "_blocklimit", "_inlinelimit",
    ),
    W3FieldWriter: ("_postwriter",),
    W3LeafMatcher: (
        "_postfile", "_dataoffset", "_nextoffset", "_blocklength", "_data", "_ids", "_weights",
        "_values", "_fixedsize",
    ),
    StructFile: ("_name",),
    SegmentReader: ("_terms",),
    W3TermsReader: ("_postfile",),
}  # fmt: skip

__all__ = [
    "CHECKED_AGAINST",
    "commit_with_segments",
    "postings_writer_of",
    "INHERITED",
    "INSTANCE_ATTRIBUTES",
    "LENGTHS_COLUMN",
    "column_bytes",
    "column_default",
    "file_name",
    "length_field",
    "per_document",
    "postings_file",
    "problems",
    "raw_matcher",
    "searcher_index",
    "segments",
]


def postings_file(reader: SegmentReader) -> Any:
    """The postings file a segment reader's terms reader reads from."""
    return reader._terms._postfile


def file_name(opened: StructFile) -> Any:
    """The name Whoosh gave a file it opened (for the file's repr)."""
    return opened._name


def postings_writer_of(fieldwriter: Any) -> Any:
    """The postings writer a W3 field writer has open for its current field."""
    return fieldwriter._postwriter


def commit_with_segments(writer: Any, segments: list[Any]) -> None:
    """Commit a SegmentWriter (its deletions applied, no segment merged, its own segment left
    empty) with `segments`, built elsewhere, added to the table of contents: what Whoosh's
    MpWriter does with its workers' segments (multisegment=True)."""
    try:
        kept = writer._merge_segments(None, False, False)  # merge=False: keep every segment
        writer._close_segment()
        writer._commit_toc(kept + segments)
    except BaseException:
        writer.cancel()
        raise
    writer._finish()


def length_field(fieldname: str) -> str:
    """The name of the column W3 stores a field's per-document lengths in."""
    return str(whoosh3._lenfield(fieldname))


def per_document(reader: SegmentReader) -> Any:
    """A segment reader's per-document reader (columns and field lengths)."""
    return reader._perdoc


def column_bytes(perdoc: Any, name: str, column: Any) -> tuple[bytes, int] | None:
    """The bytes one segment stores for a fixed-width column and how many values they hold
    (documents after those have the column's default), or None when no document has one."""
    reader = perdoc._cached_reader(name, column)
    if reader is None:
        return None
    return reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen), reader._count


def column_default(column: Any) -> int:
    """The value a numeric column reads as for a document without one."""
    return int(column._default)


def raw_matcher(reader: SegmentReader, fieldname: str, tbytes: bytes, fmt: Any) -> Any:
    """A term's matcher straight from the terms reader (SegmentReader.postings() would wrap it
    to skip deleted documents)."""
    return reader._terms.matcher(fieldname, tbytes, fmt)


def segments(ix: Any) -> list[Any]:
    """The segments of an opened index (to check each one's files on open)."""
    return list(ix._segments())


def searcher_index(searcher: Searcher) -> Any:
    """The index object a searcher was opened on."""
    return searcher._ix


def problems() -> list[str]:
    """What in the installed Whoosh no longer matches the names above (empty when all is well)."""
    from importlib import metadata  # 10 ms at import: only the test that calls this needs it

    found = []
    name, version = CHECKED_AGAINST
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        installed = "not installed"
    if installed != version:
        found.append(f"{name} is {installed}; these internals were checked against {version}")
    for cls, names in INHERITED.items():
        found += [f"{cls.__name__}.{n} is gone" for n in names if not hasattr(cls, n)]
    if not hasattr(whoosh3, "_lenfield"):
        found.append("whoosh.codec.whoosh3._lenfield is gone")
    return found
