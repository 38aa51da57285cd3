"""Spelling suggestions ("did you mean") from the index's own words."""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS
from whoosh.searching import Searcher

from reader.core.search.analysis import fold, stem_of
from reader.core.search.query_guard import Deadline
from reader.core.search.vocabulary import Vocabulary, within_edits


def suggest(
    searcher: Searcher, vocabulary: Vocabulary, text: str, deadline: Deadline | None = None
) -> str:
    """The query with unknown words replaced by the closest real words of the index, or "".

    Candidates are the vocabulary's words within two edits that share the first letter
    (Whoosh's corrector compared every term of the index in Python: 0.5-2.5 s a word on a
    large library). With a deadline, the scan stops when it passes and the query is answered
    on time with what was found by then, or no suggestion."""
    reader = searcher.reader()
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        if word in ("AND", "OR", "NOT", "TO"):
            return word
        key = fold(word)
        if deadline is not None and deadline.passed():
            return word
        if len(key) < 3 or len(key) > 30 or key in STOP_WORDS:
            return word
        if reader.doc_frequency("body", stem_of(key)) > 0:
            return word
        candidates = [
            w
            for w in _within_two_edits(vocabulary, key, deadline)
            if reader.doc_frequency("body", vocabulary.words[w]) > 0
        ]
        if not candidates:
            return word
        changed = True
        return min(candidates, key=lambda w: (edit_distance(key, w), len(w), w))

    fixed = re.sub(r"(?<![:\w*~])[^\W\d_]+(?![\w*~:])", fix, text)
    return fixed if changed else ""


def _within_two_edits(vocabulary: Vocabulary, key: str, deadline: Deadline | None) -> list[str]:
    found = []
    for n, other in enumerate(vocabulary.starting_with(key[0])):
        if n % 256 == 0 and deadline is not None and deadline.passed():
            break
        if abs(len(other) - len(key)) <= 2 and within_edits(key, other, 2):
            found.append(other)
    return found


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]
