"""Indexing many articles at once: segments built in worker processes, one per core.

The caller reads the articles from the library in batches and hands them over; each worker
cleans and analyses its share and writes whole segments (reader.core.bulk) straight into the
index directory; the caller then adds the segments to the index's table of contents in one
commit. Workers are started with "spawn" (a new interpreter), never by forking: the caller
may be the reader itself, with threads. A segment holds at most SEGMENT_MOST documents, which
bounds a worker's memory (its arrays of term numbers and positions) at about 150 MB.
"""

from __future__ import annotations

import math
import multiprocessing
import queue
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex

from reader.core.bulk import SegmentBuilder
from reader.core.models import Article
from reader.core.schema import CODEC, index_document, make_schema
from reader.core.vocabulary import Vocabulary

Progress = Callable[[int, int], None]
SEGMENT_MOST = 25_000  # documents in one segment at most
IN_WORKERS_FROM = 2_000  # articles; fewer are indexed in the calling process
_POLL = 0.5  # seconds between checks that the workers are still alive


def _segments(
    storage: FileStorage,
    articles: Iterable[Article],
    most: int,
    done: Callable[[int], None],
) -> Iterable[tuple[W3Segment, Vocabulary]]:
    """Segments of at most `most` documents of the articles, with their vocabularies."""
    schema = make_schema()
    builder: SegmentBuilder | None = None
    for article in articles:
        if builder is None:
            builder = SegmentBuilder(storage, schema)
        builder.add(index_document(article))
        done(1)
        if builder.docs >= most:
            yield builder.finish(), builder.vocabulary
            builder = None
    if builder is not None:
        yield builder.finish(), builder.vocabulary


def _worker(number: int, directory: str, jobs: Any, results: Any, most: int) -> None:
    """A worker process: segments of the batches of articles it is given (None ends)."""

    def batches() -> Iterable[Article]:
        while True:
            batch = jobs.get()
            if batch is None:
                return
            yield from batch
            results.put(("done", len(batch)))

    try:
        storage = FileStorage(directory)
        for segment, vocabulary in _segments(storage, batches(), most, lambda n: None):
            results.put(("segment", segment, vocabulary.words))
        results.put(("end", number))
    except BaseException as exc:  # reported to the caller, which stops the build
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        raise


def build_segments(
    directory: Path,
    batches: Iterable[list[Article]],
    total: int,
    procs: int = 1,
    progress: Progress | None = None,
) -> tuple[list[W3Segment], Vocabulary]:
    """New segments (written into `directory`, not yet in its table of contents) of the
    articles, and their vocabulary. Raises RuntimeError when a worker fails."""
    vocabulary = Vocabulary()
    segments: list[W3Segment] = []
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    procs = max(1, min(procs, math.ceil(total / IN_WORKERS_FROM)))
    share = math.ceil(total / procs) or 1
    most = math.ceil(share / math.ceil(share / SEGMENT_MOST))  # equal segments, none too big
    if procs == 1:
        storage = FileStorage(str(directory))
        articles = (a for batch in batches for a in batch)
        for segment, words in _segments(storage, articles, most, advance):
            segments.append(segment)
            vocabulary.merge(words)
        return segments, vocabulary
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    jobs = [context.Queue(maxsize=2) for _ in range(procs)]
    workers = [
        context.Process(target=_worker, args=(k, str(directory), j, results, most), daemon=True)
        for k, j in enumerate(jobs)
    ]
    for worker in workers:
        worker.start()
    ended: set[int] = set()

    def check_alive() -> None:
        """A worker gone without saying it ended has failed (killed, out of memory)."""
        if any(not w.is_alive() and k not in ended for k, w in enumerate(workers)):
            collect(block=True, check=False)  # its last messages may still be in the pipe
            if any(not w.is_alive() and k not in ended for k, w in enumerate(workers)):
                raise RuntimeError("an indexing worker stopped unexpectedly")

    def collect(block: bool, check: bool = True) -> None:
        while True:
            try:
                message = results.get(timeout=_POLL) if block else results.get_nowait()
            except queue.Empty:
                if check:
                    check_alive()
                return
            if message[0] == "done":
                advance(message[1])
            elif message[0] == "segment":
                segments.append(message[1])
                vocabulary.merge(Vocabulary(message[2]))
            elif message[0] == "end":
                ended.add(message[1])
            else:
                raise RuntimeError(f"indexing worker failed: {message[1]}")
            block = False

    try:
        for number, batch in enumerate(batches):
            target = jobs[number % procs]
            while True:
                try:
                    target.put(batch, timeout=_POLL)
                    break
                except queue.Full:
                    collect(block=False)
            collect(block=False)
        for target in jobs:
            target.put(None)
        while len(ended) < procs:
            collect(block=True)
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()
    return segments, vocabulary


def commit_segments(
    index: FileIndex, segments: list[W3Segment], deletions: Iterable[str] = ()
) -> None:
    """Add built segments to the index's table of contents (after deleting the documents
    whose id is in `deletions`) in one commit; no existing segment is merged."""
    writer = index.writer(codec=CODEC, compound=False)
    try:
        for article_id in deletions:
            writer.delete_by_term("id", article_id)
        kept = writer._merge_segments(None, False, False)  # noqa: SLF001 (merge=False: keep all)
        writer._close_segment()  # noqa: SLF001 (the writer's own segment stays empty)
        writer._commit_toc(kept + segments)  # noqa: SLF001
    except BaseException:
        writer.cancel()
        raise
    writer._finish()  # noqa: SLF001


__all__ = ["IN_WORKERS_FROM", "SEGMENT_MOST", "build_segments", "commit_segments"]
