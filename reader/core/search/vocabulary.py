"""The index's vocabulary: every unstemmed word seen, with its stem.

The index holds stems only ("immigration" is indexed as "immigr"), which is right for ranking
but wrong for prefixes ("immigra*" would miss) and for spelling suggestions (a stem is not a
word to offer). The vocabulary maps words to stems, so a prefix is expanded over real words
and a suggested stem is shown as the closest real word. It lives beside the index and, like
it, is derived from the library.
"""

from __future__ import annotations

import bisect
import fnmatch
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.core.search.analysis import fold, index_words, stem_of

_HAS_LETTER = re.compile(r"[^\W\d_]")
MAX_EXPANSIONS = 512


class Vocabulary:
    """Words (folded, lower-cased) and their stems."""

    def __init__(self, words: dict[str, str] | None = None, path: Path | None = None) -> None:
        # With a path and no words, the file is read on first use: a plain query needs no
        # vocabulary, and reading it (0.24 s at 100,000 articles) would slow every command.
        self._words: dict[str, str] | None = dict(words or {}) if path is None else words
        self._path = path
        self._sorted: list[str] | None = None
        self._by_stem: dict[str, list[str]] | None = None

    @property
    def words(self) -> dict[str, str]:
        """Every word and its stem."""
        words = self._words
        if words is None:
            words = self._words = _read(self._path) if self._path else {}
        return words

    def add_text(self, text: str) -> None:
        """Add every word of a text."""
        self.add_words(index_words(text))

    def add_words(self, tokens: Iterable[str]) -> None:
        """Add words already cut and folded (reader.core.schema.index_words)."""
        words = self.words
        for token in tokens:
            if token not in words and len(token) <= 40 and _HAS_LETTER.search(token):
                words[token] = stem_of(token)
        self._sorted = self._by_stem = None

    def merge(self, other: Vocabulary) -> None:
        """Add another vocabulary's words (one built in another process)."""
        self.words.update(other.words)
        self._sorted = self._by_stem = None

    def expand(self, pattern: str) -> list[str]:
        """Stems of the words matching a prefix (`immigra*`) or wildcard (`wom?n`) pattern."""
        pattern = fold(pattern)
        if pattern.endswith("*") and not any(c in pattern[:-1] for c in "*?[]"):
            found = list(itertools.islice(self._starting_with(pattern[:-1]), MAX_EXPANSIONS))
        else:
            found = fnmatch.filter(self._ordered(), pattern)[:MAX_EXPANSIONS]
        return sorted({self.words[w] for w in found})

    def similar(self, word: str, maxdist: int = 1, prefix: int = 1) -> list[str]:
        """Stems of the words within `maxdist` edits of `word` (an insertion, deletion,
        substitution or swap of two neighbours each), sharing its first `prefix` letters.

        Fuzzy terms are matched on real words, not stems: "immigartion~" is one swap from
        "immigration", but its stem "immigart" is two edits from "immigr".
        """
        word = fold(word)
        maxdist = max(0, min(maxdist, 2))
        start = word[:prefix]
        if maxdist <= 1:
            candidates = {word} | (_one_edit(word) if maxdist else set())
            found = [w for w in candidates if w.startswith(start) and w in self.words]
        else:
            found = [
                other
                for other in self._starting_with(start)
                if abs(len(other) - len(word)) <= maxdist and _edits(word, other, maxdist)
            ]
        return sorted({self.words[w] for w in found[:MAX_EXPANSIONS]})

    def words_for(self, stem_text: str) -> list[str]:
        """The words that share a stem."""
        by_stem = self._by_stem
        if by_stem is None:
            by_stem = {}
            for word, word_stem in list(self.words.items()):  # a copy: an import may add
                by_stem.setdefault(word_stem, []).append(word)
            self._by_stem = by_stem
        return by_stem.get(stem_text, [])

    def _starting_with(self, prefix: str) -> Iterator[str]:
        """The words that start with `prefix`, in order."""
        ordered = self._ordered()
        for word in ordered[bisect.bisect_left(ordered, prefix) :]:
            if not word.startswith(prefix):
                return
            yield word

    def _ordered(self) -> list[str]:
        """The words in order. Searches read the vocabulary while an import's index update
        adds to it in another thread: each reader keeps its own reference, and copies."""
        ordered = self._sorted
        if ordered is None:
            ordered = self._sorted = sorted(list(self.words))
        return ordered

    def save(self, path: Path) -> None:
        """Write to a file (write-temp-then-rename)."""
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.words, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """The vocabulary of a file, read when first used; an unreadable file gives an empty
        vocabulary."""
        return cls(path=path)


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _one_edit(word: str) -> set[str]:
    """Every string one insertion, deletion, substitution or neighbour swap from word."""
    letters = set(_LETTERS) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    return found


def _edits(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most `limit` edits apart (optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit
