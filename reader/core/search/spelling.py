"""Spelling suggestions ("did you mean") from the index's own words."""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS
from whoosh.searching import Searcher

from reader.core.search.analysis import fold, stem_of
from reader.core.search.vocabulary import Vocabulary


def suggest(searcher: Searcher, vocabulary: Vocabulary, text: str) -> str:
    """The query with unknown words replaced by the closest real words of the index, or ""."""
    reader = searcher.reader()
    corrector = searcher.corrector("body")
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        if word in ("AND", "OR", "NOT", "TO"):
            return word
        key = fold(word)
        if len(key) < 3 or key in STOP_WORDS or reader.doc_frequency("body", stem_of(key)) > 0:
            return word
        candidates = [
            w
            for stem_text in corrector.suggest(stem_of(key), limit=3, maxdist=2)
            for w in vocabulary.words_for(stem_text)
        ]
        if not candidates:
            return word
        changed = True
        return min(candidates, key=lambda w: (edit_distance(key, w), len(w), w))

    fixed = re.sub(r"(?<![:\w*~])[^\W\d_]+(?![\w*~:])", fix, text)
    return fixed if changed else ""


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
