"""A Whoosh codec whose posting lists numpy can read whole, and readers that do so.

Whoosh 2.7 writes each block of 128 postings as a zlib-compressed pickle of Python tuples
(and each posting's word positions as a pickled list), then reads postings one at a time
through matchers. Unpickling alone cost 40 ms for the 83,621 postings of "said" at 100,000
articles, and scoring them one by one in Python ten times that. This codec keeps Whoosh's
file layout, block headers, term dictionary and matcher interface (so phrase queries,
merging, deletion and incremental updates work as before) but packs each block's document
numbers and weights as plain little-endian arrays and its positions as one compressed array,
so reader.core.search.evaluate can take a whole posting list as numpy arrays.

Block data, after Whoosh's pickled block header:
  struct "<BI": weights kind (0 all 1.0, 1 uint16 counts, 2 float32), length of the values part
  n uint32 document numbers, then the weights (none, n uint16 or n float32)
  values part, zlib-compressed: n uint32 value lengths, then the value bytes
"""

from __future__ import annotations

import io
import mmap
import pickle
import struct
import sys
import zlib
from array import array
from pickle import dumps

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermsReader,
)
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.core.search.stored import PackedPerDocReader
from reader.core.search.whoosh_internals import (
    LENGTHS_COLUMN,
    column_bytes,
    file_name,
    length_field,
)

_HEADER = struct.Struct("<BI")
_BLOCK_LENGTH = struct.Struct("!i")  # before each block, as Whoosh writes it (< 0: the last)
_ALL_ONE, _COUNTS, _FLOATS = 0, 1, 2
_U32 = np.dtype("<u4")
_U16 = np.dtype("<u2")
_F32 = np.dtype("<f4")
_BIG_ENDIAN = sys.byteorder == "big"
BLOCK_LIMIT = 512  # postings per block: fewer, larger blocks are cheaper to read whole


def _little(values: array) -> bytes:  # type: ignore[type-arg]
    if _BIG_ENDIAN:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


class PackedPositions(Positions):
    """Word positions as a packed uint32 array (Whoosh's Positions pickles a list of deltas)."""

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        # Called for every word of every document indexed: the common case without a call.
        return _little(array("I", poslist)) if _BIG_ENDIAN else array("I", poslist).tobytes()

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        return np.frombuffer(valuestring, dtype=_U32).tolist()

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return len(valuestring) // 4

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_position_boosts(self, valuestring):  # type: ignore[no-untyped-def]
        return [(pos, 1) for pos in self.decode_positions(valuestring)]


_SMALL = 1024  # bytes: below this a block's values are stored, not compressed


def _deflate(data: bytes) -> bytes:
    """Data as a zlib stream. Setting up zlib's compressor costs more than compressing a
    few hundred bytes (30 to 200 µs: it clears its window and tables), and most blocks are
    that small (a rare word's few postings): those are stored uncompressed in the stream,
    with the smallest window, which takes 2 µs."""
    if len(data) < _SMALL:
        small = zlib.compressobj(0, zlib.DEFLATED, 9, 1)
        return small.compress(data) + small.flush()
    return zlib.compress(data, 1)


def _pack(ids: array, weights: array, values: list[bytes]) -> bytes:  # type: ignore[type-arg]
    if all(w == 1.0 for w in weights):
        kind, weight_bytes = _ALL_ONE, b""
    elif all(w == int(w) and 0 <= w < 65536 for w in weights):
        kind, weight_bytes = _COUNTS, _little(array("H", (int(w) for w in weights)))
    else:
        kind, weight_bytes = _FLOATS, _little(array("f", weights))
    packed_values = b""
    if values:
        lengths = _little(array("I", (len(v) for v in values)))
        packed_values = _deflate(lengths + b"".join(values))
    return (
        _HEADER.pack(kind, len(packed_values))
        + _little(array("I", ids))
        + weight_bytes
        + packed_values
    )


class PackedBlock:
    """One block's arrays, decoded from its packed bytes."""

    __slots__ = ("ids", "weights", "_values", "count")

    def __init__(self, data: bytes, count: int) -> None:
        kind, values_length = _HEADER.unpack_from(data)
        at = _HEADER.size
        self.count = count
        self.ids = np.frombuffer(data, dtype=_U32, count=count, offset=at)
        at += 4 * count
        if kind == _ALL_ONE:
            self.weights = np.ones(count, dtype=np.float64)
        elif kind == _COUNTS:
            self.weights = np.frombuffer(data, dtype=_U16, count=count, offset=at).astype(
                np.float64
            )
            at += 2 * count
        else:
            self.weights = np.frombuffer(data, dtype=_F32, count=count, offset=at).astype(
                np.float64
            )
            at += 4 * count
        self._values = data[at : at + values_length] if values_length else b""

    def values(self) -> tuple[NDArray[np.uint32], bytes]:
        """The byte length of every posting's value, and the values joined."""
        if not self._values:
            return np.zeros(self.count, dtype=_U32), b""
        raw = zlib.decompress(self._values)
        lengths = np.frombuffer(raw, dtype=_U32, count=self.count)
        return lengths, raw[4 * self.count :]


class PackedPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter with packed block data (see the module's docstring)."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        databytes = _pack(ids, self._weights, self._values)
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                0,  # "compression": the values part is compressed on its own
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def write_packed(  # type: ignore[no-untyped-def]
        self,
        stats,
        ids: bytes,
        weights: bytes | None,
        value_lengths: bytes,
        values: bytes | memoryview,
        last: bool,
    ) -> None:
        """Write one block already in packed form (reader.core.bulk), as _write_block would:
        little-endian uint32 document numbers, weights as uint16 counts (None: all 1; four
        bytes each: float32), uint32 value lengths and the values joined; `stats` holds
        what W3TermInfo.add_block reads of a block."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(stats)
        if weights is None:
            kind, weights = _ALL_ONE, b""
        else:
            kind = _COUNTS if len(weights) == len(ids) // 2 else _FLOATS
        packed = _deflate(value_lengths + values) if values else b""
        databytes = b"".join((_HEADER.pack(kind, len(packed)), ids, weights, packed))
        infobytes = dumps(
            (
                len(stats),
                stats.max_id(),
                stats.max_weight(),
                0,
                length_to_byte(stats.min_length()),
                length_to_byte(stats.max_length()),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1


class PackedLeafMatcher(W3LeafMatcher):
    """W3LeafMatcher over packed blocks; `blocks` reads the whole list at once."""

    def _read_data(self) -> None:
        raw = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        self._data = PackedBlock(raw, self._blocklength)

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        self._ids = self._data.ids.tolist()

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        self._weights = self._data.weights.tolist()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        fixed = self._fixedsize
        if fixed == 0:
            self._values = (None,) * self._blocklength
            return
        lengths, joined = self._data.values()
        ends = np.cumsum(lengths).tolist()
        starts = [0, *ends[:-1]]
        self._values = tuple(joined[s:e] for s, e in zip(starts, ends, strict=True))


def read_blocks(postfile: StructFile, offset: int, length: int | tuple[int]) -> list[PackedBlock]:
    """The blocks of one term's posting list, given where it is (its term info's extent).

    The whole list is read at once and its blocks are cut from memory, as W3LeafMatcher's
    `_goto` and `_read_data` read them one by one: a seek and two reads a block cost 'said'
    370 reads at 100,000 articles."""
    # W3TermInfo.from_bytes keeps the length as unpack_int's 1-tuple (a Whoosh slip).
    size = length[0] if isinstance(length, tuple) else length
    raw = postfile.get(offset, size)
    if raw[: len(WHOOSH3_HEADER_MAGIC)] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"no postings at {offset} of {postfile}")
    stream = io.BytesIO(raw)
    found = []
    at = len(WHOOSH3_HEADER_MAGIC)
    while True:
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, at)
        following = at + _BLOCK_LENGTH.size + abs(block_length)
        stream.seek(at + _BLOCK_LENGTH.size)
        info = pickle.load(stream)  # the block's info tuple: its length first
        found.append(PackedBlock(raw[stream.tell() : following], info[0]))
        if block_length < 0:  # the last block
            return found
        at = following


LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]  # Whoosh keeps a length in a byte


def stored_column(perdoc: object, name: str, column: object) -> tuple[bytes, int] | None:
    """The bytes one segment stores for a fixed-width column and how many values they hold
    (documents after those have the column's default), or None when no document has one.

    Whoosh reads a column one value at a time; this reads its file layout whole.
    """
    return column_bytes(perdoc, name, column)


class _FieldLengths:
    """A new segment's field lengths, each field's column read once: Whoosh's field writer
    reads the column again for every posting it writes (an eighth of the time of indexing)."""

    def __init__(self, perdoc: object) -> None:
        self._perdoc = perdoc
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        values = self._fields.get(fieldname)
        if values is None:
            values = self._fields[fieldname] = self._read(fieldname)
        return values[docnum] if docnum < len(values) else default

    def _read(self, fieldname: str) -> list[int]:
        found = stored_column(self._perdoc, length_field(fieldname), LENGTHS_COLUMN)
        return [LENGTH_OF_BYTE[b] for b in found[0]] if found else []


class PackedFieldWriter(W3FieldWriter):
    """W3FieldWriter with the segment's field lengths read once (see _FieldLengths)."""

    def add_postings(self, schema, lengths, items):  # type: ignore[no-untyped-def]
        return super().add_postings(schema, _FieldLengths(lengths) if lengths else None, items)


class MappedFile(StructFile):
    """A StructFile over a read-only memory map of a whole file: reads are copies from memory."""

    def get(self, position: int, length: int) -> bytes:
        return self.file[position : position + length]  # type: ignore[no-any-return]


def _mapped(opened: StructFile) -> StructFile:
    """The file mapped into memory, or as it was opened if it cannot be (empty, no mmap)."""
    try:
        mapped = mmap.mmap(opened.fileno(), 0, access=mmap.ACCESS_READ)
    except (AttributeError, OSError, ValueError):
        return opened
    name = file_name(opened)
    opened.close()  # the map holds the file open on its own
    return MappedFile(mapped, name=name)


class PackedCodec(W3Codec):
    """Whoosh's W3 codec with packed posting blocks of BLOCK_LIMIT postings."""

    def __init__(self, blocklimit: int = BLOCK_LIMIT, compression: int = 0, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):  # type: ignore[no-untyped-def]
        return PackedFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):  # type: ignore[no-untyped-def]
        if byteids:  # term vectors (not used by Broadsheet) keep Whoosh's own blocks
            return super().postings_writer(dbfile, byteids=True)
        return PackedPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=False,
            compression=0,
            inlinelimit=self._inlinelimit,
        )

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return PackedPerDocReader(storage, segment)

    def terms_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        """Whoosh's terms reader over memory-mapped term and postings files: looking a term up
        reads its hash table about ten times, and each read of a plain file was a seek and a
        system call (400 for a two-word query on a 9-segment index)."""
        name = segment.make_filename(self.TERMS_EXT)
        length = storage.file_length(name)
        terms = _mapped(storage.open_file(name))
        postings = _mapped(segment.open_file(storage, self.POSTS_EXT))
        return W3TermsReader(self, terms, length, postings)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):  # type: ignore[no-untyped-def]
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


__all__ = [
    "BLOCK_LIMIT",
    "PackedCodec",
    "PackedPositions",
    "LENGTH_OF_BYTE",
    "PackedBlock",
    "read_blocks",
    "stored_column",
]
