"""Claim-level alignment: which sentences of two articles state the same claim.

A passage is too coarse a unit: a long paragraph shares a theme with half the story, while the
claim two outlets both report sits in one sentence of each. So every passage is cut into
sentences (claims), and two claims pair when their *score*, the embedding cosine plus the
lexical cosine, passes CLAIM_SCORE, and they share specific evidence (a name, a number) or
enough of their wording. Lexical vectors are TF-IDF over Whoosh's Porter stems with document
frequency over the story's sentences, so words every outlet uses for the theme count for little;
the embedding (reader.core.embedding) catches the same claim in different words.

Each claim pairs at most once; passages may pair with several passages of the other article.
When two articles of one story pair nothing, their single best claim pair is kept if it passes
FALLBACK_SCORE and shares a name or number, as kind "nearest claim": two reports of one event
nearly always share some claim, but this pair is the closest one, not a sure one. Names the story repeats in more than COMMON_SHARE of its sentences are its theme and
count as no evidence.
Thresholds were set on 140 BASIL pairs judged by hand (tests/data/claim_pair_labels.jsonl).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from whoosh.lang.porter import stem

from reader.core.models import CleanArticle
from reader.core.stories import embedding
from reader.core.text import split_sentences

CLAIM_SCORE = 0.85  # embedding cosine + lexical cosine, each 0..1
FALLBACK_SCORE = 0.72
WORDING_GATE = 0.35  # lexical cosine that counts as shared evidence by itself
SAME_WORDS = 0.5  # lexical cosine from which a pair is shown as "same words"
MIN_CLAIM_WORDS = 4
COMMON_SHARE = 0.15  # a name in more than this share of the story's sentences is its theme
FALLBACK_EVIDENCE = 1  # names or numbers a fallback pair must share
LEDE_PASSAGES = 6  # a fallback pair lies in the first passages of both articles

_WORD = re.compile(r"[^\W\d_]+|\d[\d,.]*\d|\d")
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they them his her their our we you i not no so than then
    there which who whom what when where why how has have had do does did will would could should
    can may might also just more most such only other into over about after before while said""".split()
)
_CAPITALISED = re.compile(r"\b([A-Z][a-z\u2019']+|[A-Z]{2,})\b")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_ABBREVIATIONS = frozenset("mr. mrs. ms. dr. sen. rep. gov. gen. lt. st. jr. sr.".split())
# Capitalised words that say nothing specific: honorifics, titles, parties, days and months.
_GENERIC = frozenset(
    """mr mrs ms dr president secretary senator sen rep gov governor mayor house senate white the
    a he she it they but and in on monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december american
    americans u.s democrats republicans democrat republican democratic gop congress administration
    washington""".split()
)


def words(text: str) -> list[str]:
    """Content words of a text, case-folded and Porter-stemmed (Whoosh's stemmer)."""
    return [_stem(w) for w in _WORD.findall(text) if w.casefold() not in _STOP]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word.casefold().replace("\u2019", "'"))


def evidence(sentence: str) -> frozenset[str]:
    """Specific words of a sentence: names (capitalised, not first word) and numbers."""
    found = set()
    for m in _CAPITALISED.finditer(sentence):
        before = sentence[: m.start()].rstrip()
        last = before.rsplit(None, 1)[-1].lower() if before else ""
        if not before or (before[-1] in '.!?"\u201c' and last not in _ABBREVIATIONS):
            continue  # a sentence opener is capitalised whatever it is
        word = m.group(1).lower().rstrip("\u2019'")
        if word not in _GENERIC:
            found.add(word)
    found.update(n.replace(",", "") for n in _NUMBER.findall(sentence))
    return frozenset(found)


@dataclass(frozen=True)
class Claim:
    """One sentence of an article: the unit that pairs."""

    article_id: str
    passage: int  # passage index
    start: int  # offsets of the sentence in the passage text
    end: int
    text: str


@dataclass(frozen=True)
class ClaimPair:
    """Two claims, one per article, that state the same thing."""

    left: Claim
    right: Claim
    similarity: float  # (embedding cosine + lexical cosine) / 2
    kind: str  # "same words" | "same claim" | "nearest claim" (the fallback)
    evidence: tuple[str, ...]  # the names and numbers both sentences give


def claims_of(view: CleanArticle) -> list[Claim]:
    """The sentences of an article's prose passages; a passage too short to split is one.

    Headings and tables name topics rather than state claims (identical headings still pair
    as passages, in reader.core.align)."""
    found = []
    for passage in view.passages:
        if passage.kind in ("table", "heading"):
            continue
        spans = [
            (a, b)
            for a, b in split_sentences(passage.text)
            if len(passage.text[a:b].split()) >= MIN_CLAIM_WORDS
        ] or [(0, len(passage.text))]
        for a, b in spans:
            text = passage.text[a:b]
            if text.strip():
                found.append(Claim(view.article.id, passage.index, a, b, text))
    return found


class StoryClaims:
    """The claims of every article in a story with their lexical and embedding vectors."""

    def __init__(self, views: Sequence[CleanArticle]) -> None:
        self.claims = {v.article.id: claims_of(v) for v in views}
        everything = [c for group in self.claims.values() for c in group]
        bags = [Counter(words(c.text)) for c in everything]
        frequency: Counter[str] = Counter()
        for bag in bags:
            frequency.update(bag.keys())
        total = len(everything)
        # A word in one sentence only adds to that sentence's norm but to no cosine, so only
        # shared words get a column (a few hundred instead of thousands: fast products).
        vocabulary = {w: n for n, w in enumerate(w for w, c in frequency.items() if c > 1)}
        lexical = np.zeros((total, max(1, len(vocabulary))), dtype=np.float32)
        norms = np.ones(total, dtype=np.float32)
        for row, bag in enumerate(bags):
            squares = 0.0
            for w, count in bag.items():
                weight = (1 + math.log(count)) * math.log((1 + total) / frequency[w])
                squares += weight * weight
                if w in vocabulary:
                    lexical[row, vocabulary[w]] = weight
            norms[row] = math.sqrt(squares) or 1.0
        self.lexical = lexical / norms[:, None]
        vectors = embedding.sentence_vectors([c.text for c in everything])
        self.semantic = vectors  # None without the model: the lexical cosine stands in
        self._lexical_all: np.ndarray | None = None
        self._semantic_all: np.ndarray | None = None
        self.rows: dict[str, slice] = {}
        start = 0
        for article_id, group in self.claims.items():
            self.rows[article_id] = slice(start, start + len(group))
            start += len(group)
        # Evidence is specific only if the story does not repeat it everywhere: "Chicago" in a
        # story about Chicago is its theme, not a shared fact.
        found = [evidence(c.text) for c in everything]
        seen: Counter[str] = Counter()
        for items in found:
            seen.update(items)
        limit = max(2.0, COMMON_SHARE * total)
        self.evidence = [frozenset(w for w in items if seen[w] <= limit) for items in found]

    def scores(self, left: str, right: str) -> tuple[np.ndarray, np.ndarray]:
        """(score, lexical cosine) matrices for the claims of two articles."""
        if self._lexical_all is None:
            # One product for the whole story: BLAS pays a fixed cost per call, so 45 small
            # products for 10 articles take ten times longer than this one.
            self._lexical_all = self.lexical @ self.lexical.T
            if self.semantic is not None:
                self._semantic_all = self.semantic @ self.semantic.T
        a, b = self.rows[left], self.rows[right]
        lexical = self._lexical_all[a, b]
        semantic = lexical if self._semantic_all is None else self._semantic_all[a, b]
        return semantic + lexical, lexical


def pair_claims(story: StoryClaims, left: str, right: str) -> list[ClaimPair]:
    """The claims two articles share, best first, each claim in at most one pair."""
    left_claims, right_claims = story.claims[left], story.claims[right]
    if not left_claims or not right_claims:
        return []
    score, lexical = story.scores(left, right)
    first_left, first_right = story.rows[left].start, story.rows[right].start
    rows, cols = np.nonzero(score >= FALLBACK_SCORE)
    candidates = sorted(
        ((float(score[i, j]), int(i), int(j)) for i, j in zip(rows, cols, strict=True)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[ClaimPair] = []
    fallback: ClaimPair | None = None
    for value, i, j in candidates:
        shared = story.evidence[first_left + i] & story.evidence[first_right + j]
        lex = float(lexical[i, j])
        pair = ClaimPair(
            left_claims[i],
            right_claims[j],
            round(min(value / 2, 1.0), 3),
            "same words" if lex >= SAME_WORDS else "same claim",
            tuple(sorted(shared)),
        )
        if fallback is None and len(shared) >= FALLBACK_EVIDENCE:
            fallback = ClaimPair(
                pair.left, pair.right, pair.similarity, "nearest claim", pair.evidence
            )
        if lex < 0.999 and (value < CLAIM_SCORE or not (shared or lex >= WORDING_GATE)):
            continue
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append(pair)
    if not pairs and fallback is not None:
        pairs.append(fallback)
    return pairs
