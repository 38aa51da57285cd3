"""Indexing many articles at once: segments built in worker processes, one per core.

The caller reads the articles from the library in batches, each with where its clean text
lies in its body (clean_spans, kept when it was stored), and hands them over; each worker
analyses its share (cleaning only the articles whose spans are missing or do not check out)
and writes whole segments (reader.core.search.bulk) straight into the index directory; the caller then adds the segments to the index's table of contents in one
commit. Workers are started with "spawn" (a new interpreter), never by forking: the caller
may be the reader itself, with threads. A segment holds at most SEGMENT_MOST documents, which
bounds a worker's memory (its arrays of term numbers and positions).
"""

from __future__ import annotations

import math
import queue
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex

from reader.core.models import StepProgress
from reader.core.processes import spawn_context
from reader.core.search.bulk import SegmentBuilder
from reader.core.search.schema import CODEC, index_document, make_schema
from reader.core.search.vocabulary import Vocabulary
from reader.core.search.whoosh_internals import commit_with_segments
from reader.core.text import WithSpans

SEGMENT_MOST = 12_500  # documents in one segment at most (a worker peaks near 150 MB)
IN_WORKERS_FROM = 2_000  # articles; fewer are indexed in the calling process
_POLL = 0.5  # seconds between checks that the workers are still alive


def segments_of(
    storage: FileStorage,
    articles: Iterable[WithSpans],
    most: int,
    done: Callable[[int], None],
    first: int | None = None,
) -> Iterable[tuple[W3Segment, Vocabulary]]:
    """Segments of at most `most` documents of the articles (the first of at most `first`),
    with their vocabularies."""
    schema = make_schema()
    builder: SegmentBuilder | None = None
    limit = first or most
    for article, spans, fingerprint in articles:
        if builder is None:
            builder = SegmentBuilder(storage, schema)
        builder.add(index_document(article, spans, fingerprint))
        done(1)
        if builder.docs >= limit:
            yield builder.finish(), builder.vocabulary
            builder, limit = None, most
    if builder is not None:
        yield builder.finish(), builder.vocabulary


def _worker(number: int, directory: str, jobs: Any, results: Any, most: int, first: int) -> None:
    """A worker process: segments of the batches of articles it is given (None ends)."""

    def batches() -> Iterable[WithSpans]:
        while True:
            batch = jobs.get()
            if batch is None:
                return
            yield from batch
            results.put(("done", len(batch)))

    try:
        storage = FileStorage(directory)
        for segment, vocabulary in segments_of(storage, batches(), most, lambda n: None, first):
            results.put(("segment", segment, vocabulary.words))
        results.put(("end", number))
    except BaseException as exc:  # reported to the caller, which stops the build
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        raise


def _first(worker: int, procs: int, most: int, share: int) -> int:
    """How many documents worker number `worker` puts in its first segment."""
    return most if share <= most else max(1, most * (worker + 1) // procs)


class _Build:
    """What a build has gathered so far: segments, vocabulary, articles done."""

    def __init__(self, total: int, progress: StepProgress | None) -> None:
        self.total = total
        self.progress = progress
        self.segments: list[W3Segment] = []
        self.vocabulary = Vocabulary()
        self.done = 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total)

    def add(self, segment: W3Segment, words: Vocabulary) -> None:
        self.segments.append(segment)
        self.vocabulary.merge(words)


class _Workers:
    """Worker processes taking batches from one queue, and one queue of results.

    One queue for all, not one each: a worker finishing a segment (a second or two of sorting
    and writing) takes no batches meanwhile, and batches handed out in turn waited for it
    while the other workers ran dry (both cores busy 91% of a rebuild's time; now 98%)."""

    def __init__(self, directory: Path, procs: int, most: int, build: _Build, share: int) -> None:
        context = spawn_context()
        self.build = build
        self.results = context.Queue()
        self.jobs = context.Queue(maxsize=2 * procs)
        # Finishing a segment (the sort) is when a worker needs the most memory: with more
        # than one segment each, the workers' first segments differ in size, so they do not
        # all finish at the same moment.
        self.processes = [
            context.Process(
                target=_worker,
                args=(
                    k,
                    str(directory),
                    self.jobs,
                    self.results,
                    most,
                    _first(k, procs, most, share),
                ),
                daemon=True,
            )
            for k in range(procs)
        ]
        self.ended: set[int] = set()
        for process in self.processes:
            process.start()

    def send(self, batch: list[WithSpans]) -> None:
        """Hand a batch to the workers, taking results while their queue is full."""
        while True:
            try:
                self.jobs.put(batch, timeout=_POLL)
                break
            except queue.Full:
                self.collect(block=False)
        self.collect(block=False)

    def finish(self) -> None:
        """Tell every worker there is no more, and wait for the last segments."""
        for _ in self.processes:  # each worker stops at the first None it takes
            self.jobs.put(None)
        while len(self.ended) < len(self.processes):
            self.collect(block=True)
        for process in self.processes:
            process.join()

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
                process.join()

    def _failed(self) -> bool:
        """Whether a worker is gone without saying it ended (killed, out of memory)."""
        return any(not p.is_alive() and k not in self.ended for k, p in enumerate(self.processes))

    def collect(self, block: bool, check: bool = True) -> None:
        """Take the results there are (with `block`, wait a little for one first)."""
        while True:
            try:
                message = self.results.get(timeout=_POLL) if block else self.results.get_nowait()
            except queue.Empty:
                if check and self._failed():
                    self.collect(block=True, check=False)  # its last words may be in the pipe
                    if self._failed():
                        raise RuntimeError("an indexing worker stopped unexpectedly") from None
                return
            if message[0] == "done":
                self.build.advance(message[1])
            elif message[0] == "segment":
                self.build.add(message[1], Vocabulary(message[2]))
            elif message[0] == "end":
                self.ended.add(message[1])
            else:
                raise RuntimeError(f"indexing worker failed: {message[1]}")
            block = False


def build_segments(
    directory: Path,
    batches: Iterable[list[WithSpans]],
    total: int,
    procs: int = 1,
    progress: StepProgress | None = None,
) -> tuple[list[W3Segment], Vocabulary]:
    """New segments (written into `directory`, not yet in its table of contents) of the
    articles, and their vocabulary. Raises RuntimeError when a worker fails."""
    build = _Build(total, progress)
    procs = max(1, min(procs, math.ceil(total / IN_WORKERS_FROM)))
    share = math.ceil(total / procs) or 1
    most = math.ceil(share / math.ceil(share / SEGMENT_MOST))  # equal segments, none too big
    if procs == 1:
        storage = FileStorage(str(directory))
        articles = (a for batch in batches for a in batch)
        for segment, words in segments_of(storage, articles, most, build.advance):
            build.add(segment, words)
        return build.segments, build.vocabulary
    workers = _Workers(directory, procs, most, build, share)
    try:
        for batch in batches:
            workers.send(batch)
        workers.finish()
    finally:
        workers.stop()
    return build.segments, build.vocabulary


def commit_segments(
    index: FileIndex, segments: list[W3Segment], deletions: Iterable[str] = ()
) -> None:
    """Add built segments to the index's table of contents (after deleting the documents
    whose id is in `deletions`) in one commit; no existing segment is merged."""
    writer = index.writer(codec=CODEC, compound=False)
    try:
        for article_id in deletions:
            writer.delete_by_term("id", article_id)
    except BaseException:
        writer.cancel()
        raise
    commit_with_segments(writer, segments)


__all__ = ["IN_WORKERS_FROM", "SEGMENT_MOST", "build_segments", "commit_segments"]
