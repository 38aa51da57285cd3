"""The Whoosh index: build/update/rebuild from the library, query parsing, search.

The index is derived: it lives under the cache dir, records the schema version, the identity
of the library it was built from and the library revision it has caught up with. When it is
missing, from another schema, another library or unreadable, it is rebuilt from the library;
when it is only behind, the changed articles are re-indexed.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from reader.core import locks
from reader.core.library import Library
from reader.core.models import SORTS as SORTS
from reader.core.models import SearchOptions as SearchOptions
from reader.core.models import SearchResult as SearchResult
from reader.core.models import StepProgress
from reader.core.search import index_check
from reader.core.search.evaluate import Cancelled, Snapshot
from reader.core.search.query import (
    ParsedQuery,
    QueryError,
)
from reader.core.search.rebuild import rebuild_in_child, worth_a_child
from reader.core.search.schema import CODEC, index_document, make_schema
from reader.core.search.searching import VOCABULARY_FILE, Searching
from reader.core.search.spelling import Speller
from reader.core.search.vocabulary import Vocabulary
from reader.core.text import WithSpans

__all__ = ["Cancelled", "QueryError", "SearchIndex", "SearchOptions", "SearchResult"]

# 7: the analysis classes moved to reader.core.search (Whoosh pickles them into the index).
# 8: words split at word.Word joins ("tsunami.Steve"), Snowball stems.
# 9: Snowball's current English stemmer (PyStemmer), which stems 132 corpus words otherwise.
SCHEMA_VERSION = 9
STATE_FILE = "broadsheet-index.json"


class SearchIndex(Searching):
    """The Whoosh index of one library."""

    def __init__(self, directory: Path, library: Library) -> None:
        self.directory = directory
        self.library = library
        self._index: whoosh_index.FileIndex | None = None
        self._vocabulary: Vocabulary | None = None
        self._snapshot: Snapshot | None = None
        self._opened: Searcher | None = None
        self._speller: Speller | None = None
        self._parsed: dict[str, ParsedQuery] = {}
        self._lock = threading.RLock()
        self.stopping = threading.Event()  # set when the reader quits: a child rebuild stops
        self.say: locks.Say | None = None  # hears when another process's index write is waited for
        self.lock_path = directory.with_name(f"{directory.name}.lock")

    # -- state ----------------------------------------------------------------------------

    def _state_path(self) -> Path:
        return self.directory / STATE_FILE

    def _read_state(self) -> dict[str, object]:
        try:
            state = json.loads(self._state_path().read_text(encoding="utf-8"))
            return state if isinstance(state, dict) else {}
        except (OSError, ValueError):
            return {}

    def _write_state(self, revision: int, directory: Path | None = None) -> None:
        target = (directory or self.directory) / STATE_FILE
        tmp = target.with_suffix(".tmp")
        vocabulary = target.with_name(VOCABULARY_FILE)
        tmp.write_text(
            json.dumps(
                {
                    "schema_version": SCHEMA_VERSION,
                    "library_id": self.library_id(),
                    "library_revision": revision,
                    "vocabulary_digest": index_check.vocabulary_digest(vocabulary)
                    if vocabulary.is_file()
                    else None,
                }
            ),
            encoding="utf-8",
        )
        tmp.replace(target)

    def library_id(self) -> str:
        """A random identity of the library, so an index never serves another library."""
        value = self.library.get_meta("library_id")
        if not value:
            value = os.urandom(16).hex()
            self.library.set_meta("library_id", value)
        return value

    def _why_rebuild(self) -> str:
        """Why the index must be rebuilt from scratch, or "" if it can be used or updated."""
        state = self._read_state()
        if state and state.get("schema_version") != SCHEMA_VERSION:
            # Checked first: an old index may pickle classes this version no longer has.
            return "search index has an old schema"
        try:  # as whoosh_index.exists_in, keeping what it opens (it reads the TOC again)
            ix = whoosh_index.open_dir(str(self.directory)) if self.directory.exists() else None
            if ix is None or ix.latest_generation() < 0:
                return "search index missing"
        except whoosh_index.EmptyIndexError:
            return "search index missing"
        except Exception as exc:  # a damaged table of contents fails even this check
            return f"search index unreadable ({type(exc).__name__})"
        if not (self.directory / VOCABULARY_FILE).is_file():
            return "search index vocabulary missing"
        if state.get("schema_version") != SCHEMA_VERSION:
            return "search index has an old schema"
        if state.get("library_id") != self.library_id():
            return "search index belongs to another library"
        revision = state.get("library_revision")
        if not isinstance(revision, int) or revision > self.library.revision:
            return "search index does not match the library"
        return self._keep_if_sound(ix, state.get("vocabulary_digest"))

    def _keep_if_sound(self, ix: whoosh_index.FileIndex, digest: object) -> str:
        """Check an opened index's files and vocabulary: keep it (and the searcher the check
        opened) and return "", or close what the check opened and return why not."""
        searcher = None
        try:
            searcher = ix.searcher()
            documents = searcher.doc_count_all()
            damage = index_check.damage(ix, self.directory) or index_check.vocabulary_damage(
                self.directory / VOCABULARY_FILE, documents, digest
            )
        except Exception as exc:  # whoosh raises many kinds on damaged files
            why = f"search index unreadable ({type(exc).__name__})"
        else:
            if not damage:
                self._index = ix
                self._adopt(searcher)  # the first search uses it rather than open another
                return ""
            why = f"search index damaged ({damage})"
        if searcher is not None:  # the index is rebuilt: its files are not kept open
            searcher.close()
        return why

    def ensure(self, progress: StepProgress | None = None) -> str:
        """Make the index usable and current; return a one-line notice of what was done, or "".

        Holds the index lock (another process waits for it, saying so); folders a killed
        rebuild left behind are removed first."""
        with locks.exclusive(self.lock_path, "search index", self.say):
            index_check.remove_leftovers(self.directory)
            return self._ensure(progress)

    def for_reading(self, progress: StepProgress | None = None) -> str:
        """Make the index searchable without needing to write it: one that is only behind the
        library is used as it is (the notice says so); only a missing or damaged index is
        built, which needs the lock and a writable cache."""
        if self._why_rebuild():
            return self.ensure(progress)
        revision = self._read_state().get("library_revision", 0)
        if isinstance(revision, int) and revision < self.library.revision:
            return (
                "search index is behind the library: articles changed since it was last "
                "updated are not searched (`broadsheet index` updates it)"
            )
        return ""

    def _ensure(self, progress: StepProgress | None) -> str:
        reason = self._why_rebuild()
        if reason:
            count = self._rebuild_with_every_core(progress)
            return f"{reason}: rebuilt it from the library ({count} articles)"
        state = self._read_state()
        revision = int(state.get("library_revision", 0))  # type: ignore[call-overload]
        if revision < self.library.revision:
            changed = self.update(revision, progress)
            return f"search index was behind the library: updated {changed} articles"
        return ""

    # -- writing --------------------------------------------------------------------------

    def rebuild(self, progress: StepProgress | None = None, procs: int | None = None) -> int:
        """Build a fresh index from the whole library beside the old one, then swap it in.

        The articles are indexed in `procs` worker processes (default: one per core; a small
        library in this process), each writing whole segments (reader.core.build).
        """
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.directory.with_name(f"{self.directory.name}.building-{os.urandom(4).hex()}")
        fresh.mkdir(parents=True)
        revision = self.library.revision
        ids = self.library.all_ids()
        # Segments stay as separate files (compound=False): a compound segment is read whole
        # into memory when a searcher opens it (120 MB resident for a 63 MB index of 9,315
        # articles), separate files are memory-mapped and only touched where searched.
        ix = whoosh_index.create_in(str(fresh), make_schema())
        # Imported here: building brings in numpy's writing side and multiprocessing, which a
        # command that only searches never needs (its start-up time is what a user feels).
        from reader.core.search.build import build_segments, commit_segments

        try:
            segments, vocabulary = build_segments(
                fresh, self._batches(ids), len(ids), procs or os.cpu_count() or 1, progress
            )
            commit_segments(ix, segments)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        # Whoosh's multiprocess writer drops the segment of a worker that died, silently.
        with ix.searcher() as searcher:
            held = searcher.doc_count()
        if held != len(ids):
            shutil.rmtree(fresh, ignore_errors=True)
            raise RuntimeError(f"the new search index holds {held} of {len(ids)} articles")
        vocabulary.save(fresh / VOCABULARY_FILE)
        self._write_state(revision, fresh)
        old = self.directory.with_name(f"{self.directory.name}.old-{os.urandom(4).hex()}")
        if self.directory.exists():
            self.directory.rename(old)
        fresh.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)
        self._index = whoosh_index.open_dir(str(self.directory))
        self._vocabulary = vocabulary
        self._forget_readings()
        return len(ids)

    def _rebuild_with_every_core(self, progress: StepProgress | None) -> int:
        """A large library is rebuilt in a child process using every core (see
        reader.core.search.rebuild); a small one, or when the child fails, in this process."""
        if worth_a_child(self.library.count_articles()):
            self.library_id()  # made here: the child only reads the library
            try:
                count = rebuild_in_child(self.library.path, self.directory, progress, self.stopping)
            except (OSError, RuntimeError):  # RebuildStopped (the reader quits) goes on up
                pass  # the child could not start or failed: rebuild here, slower, same index
            else:
                with self._lock:
                    self._index = self._vocabulary = None
                    self._forget_readings()
                return count
        return self.rebuild(progress)

    def update(self, since: int, progress: StepProgress | None = None) -> int:
        """Re-index the articles changed or removed after library revision `since`."""
        changes = self.library.changes_since(since)
        ix = self._open()
        vocabulary = self.vocabulary
        changed = list(changes.changed_ids)
        from reader.core.search.build import IN_WORKERS_FROM, build_segments, commit_segments

        if len(changed) >= IN_WORKERS_FROM:  # an import of many: whole segments at once
            segments, words = build_segments(
                self.directory, self._batches(changed), len(changed), os.cpu_count() or 1, progress
            )
            commit_segments(ix, segments, deletions=[*changes.removed_ids, *changed])
            vocabulary.merge(words)
            vocabulary.save(self.directory / VOCABULARY_FILE)
            self._write_state(changes.revision)
            return len(changed) + len(changes.removed_ids)
        writer = ix.writer(limitmb=64, compound=False, codec=CODEC)
        try:
            for article_id in changes.removed_ids:
                writer.delete_by_term("id", article_id)
            self._add(writer, list(changes.changed_ids), vocabulary, progress, update=True)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        # Words of removed articles stay: a prefix may expand to a stem with no documents,
        # which matches nothing; a suggestion is only offered for stems that are indexed.
        vocabulary.save(self.directory / VOCABULARY_FILE)
        self._write_state(changes.revision)
        self._forget_readings()
        return len(changes.changed_ids) + len(changes.removed_ids)

    def _batches(self, ids: list[str], size: int = 200) -> Iterator[list[WithSpans]]:
        """The articles of `ids` with their clean_spans, read from the library `size` at a
        time."""
        for start in range(0, len(ids), size):
            yield list(self.library.articles_with_spans(ids[start : start + size]))

    def _add(
        self,
        writer: object,
        ids: list[str],
        vocabulary: Vocabulary,
        progress: StepProgress | None,
        update: bool,
    ) -> None:
        total = len(ids)
        done = 0
        for start in range(0, total, 200):
            for article, spans, fingerprint in self.library.articles_with_spans(
                ids[start : start + 200]
            ):
                document = index_document(article, spans, fingerprint)
                vocabulary.add_text(article.title)
                vocabulary.add_text(str(document["body"]))
                if update:
                    writer.update_document(**document)  # type: ignore[attr-defined]
                else:
                    writer.add_document(**document)  # type: ignore[attr-defined]
                done += 1
                if progress:
                    progress(done, total)
