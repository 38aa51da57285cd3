"""Spelling suggestions ("did you mean") from the library's own, frequent words.

Whoosh's corrector walks the whole body dictionary in pure Python for each word (57,053
distance calls and seconds for one word at 9,000 articles). Here the vocabulary's plain words
are grouped by length once (`Speller`), and a word is compared, in C (rapidfuzz), only with
the words whose length is within the edits allowed. A suggestion must be a real word of the
library found in several articles, never a stop word, an operator, a quote or a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh.analysis import STOP_WORDS

from reader.core.search.analysis import fold, stem_of
from reader.core.search.vocabulary import Vocabulary

MIN_LETTERS = 4  # shorter words are left alone: "imm" is a prefix being typed, not a typo
MIN_DOCS = 3  # a suggested word is in at least this many articles (1 in a small library)
SMALL = 1000  # articles: below this, one article is evidence enough
LIFT = 10  # ... and in this many times more articles than the word typed
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"})
_PATTERN_CHARS = re.compile(r"[:*?~\[\]{}^]")
_AFFIX = re.compile(r"^([\"'(+\-]*)(.*?)([\"')]*)$")
_PLAIN = re.compile(r"[^\W\d_]+")

Frequency = Callable[[str], int]  # articles holding a stem


class Speller:
    """The vocabulary's plain words by first letter and length, ready to compare a word with.

    A suggestion shares the word's first letter (as fuzzy terms do, and as Lucene's speller
    does by default): people rarely mistype it, and it keeps the words compared few."""

    def __init__(self, vocabulary: Vocabulary, articles: int) -> None:
        import rapidfuzz.distance  # noqa: F401  here, not at the top: only suggesting needs it

        self.min_docs = MIN_DOCS if articles >= SMALL else 1
        # A word in this many articles is a word of the library, not a typo: left alone, and
        # the candidates' frequencies are not looked up for it.
        self.real = max(MIN_DOCS, articles // 1000)
        groups: dict[tuple[str, int], list[str]] = {}
        for word in list(vocabulary.words):
            if len(word) >= 3 and word.isalpha() and word.isascii() and word not in STOP_WORDS:
                groups.setdefault((word[0], len(word)), []).append(word)
        self.groups = groups
        self.stems = vocabulary.words

    def closest(self, word: str, frequency: Frequency) -> str:
        """The most frequent word of the fewest edits from `word` (an insertion, deletion,
        substitution or swap of neighbours each: one edit up to 5 letters, two above), when it
        is in `min_docs` articles and LIFT times as many as `word`; else "" (also for a word
        found in `real` articles or more, which is no typo)."""
        key = fold(word)
        if len(key) < MIN_LETTERS or key in STOP_WORDS or not _PLAIN.fullmatch(key):
            return ""
        key_stem = stem_of(key)
        own = frequency(key_stem)
        if own >= self.real:
            return ""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        maxdist = 1 if len(key) <= 5 else 2
        by_distance: dict[int, list[str]] = {}
        for length in range(len(key) - maxdist, len(key) + maxdist + 1):
            choices = self.groups.get((key[0], length))
            if choices:
                for choice, distance, _ in process.extract(
                    key, choices, scorer=OSA.distance, score_cutoff=maxdist, limit=None
                ):
                    if choice != key:
                        by_distance.setdefault(int(distance), []).append(choice)
        if not by_distance:
            return ""
        needed = max(self.min_docs, LIFT * own)
        # The fewest edits first; only those words' frequencies are looked up.
        for distance in sorted(by_distance):
            stems = self.stems  # the vocabulary's own: no stemming of candidates here
            ranked = sorted(
                (-frequency(stems[choice]), choice)
                for choice in by_distance[distance]
                if stems[choice] != key_stem
            )
            if ranked and -ranked[0][0] >= needed:
                return ranked[0][1]
        return ""


def suggest(text: str, speller: Speller, frequency: Frequency) -> str:
    """The query with its misspelt plain words replaced by real, frequent words, or "".

    Operators, fields, patterns (`aim?n`, `immig*`, `word~`) and quotes are kept as typed; an
    unmatched quote is dropped, so a suggestion is always a query that reads cleanly.
    """
    changed = False
    words = []
    for token in text.split():
        if token in _OPERATORS or _PATTERN_CHARS.search(token):
            words.append(token)
            continue
        match = _AFFIX.match(token)
        assert match is not None  # the pattern matches any string
        lead, core, tail = match.groups()
        better = speller.closest(core, frequency) if _PLAIN.fullmatch(core) else ""
        if better:
            changed = True
            core = better
        words.append(lead + core + tail)
    if not changed:
        return ""
    fixed = " ".join(words)
    if fixed.count('"') % 2:
        fixed = fixed.replace('"', "")
    return fixed
