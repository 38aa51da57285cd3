"""Anchoring a bookmark to clean text: quote, context and position; finding it again.

Re-anchoring after the text changed tries, in order:

1. the stored position, when the text hash is unchanged and the quote is there ("exact");
2. the exact quote, choosing among its occurrences by how well the stored context matches
   ("exact" when the context supports it; a tie between occurrences is not guessed);
3. the quote after normalising whitespace, quote marks, dashes and case ("moved");
4. a fuzzy match whose similarity to the quote is at least FUZZY_THRESHOLD ("moved");
5. otherwise "orphaned": the bookmark keeps and shows its stored quote.

A relocation is only accepted with evidence that it is the same passage: context that matches
on at least one side, or a quote long enough to be its own evidence (see LONG_QUOTE). Ties
between places are reported as orphaned ("ambiguous") rather than settled by guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from reader.core.models import Bookmark
from reader.core.text import text_hash

CONTEXT_CHARS = 32
FUZZY_THRESHOLD = 0.85  # difflib similarity of the normalised quote and the candidate text
CONTEXT_SUPPORT = 0.75  # similarity one context side needs to vouch for a relocation
LONG_QUOTE = 40  # normalised characters from which a unique quote is its own evidence
_TIE = 0.02


@dataclass(frozen=True)
class Anchor:
    """A W3C-style selector pair: TextQuote (exact, prefix, suffix) and TextPosition."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True)
class Located:
    """Where a bookmark sits in the current text.

    status: "exact" (the very words of the quote), "moved" (a close but not identical match)
    or "orphaned" (not found, or not found unambiguously). method says which step found it:
    "position", "quote", "normalised", "fuzzy"; for orphans the reason: "missing",
    "ambiguous" or "no article". similarity is of the found text to the stored quote.
    """

    status: str
    start: int = -1
    end: int = -1
    method: str = ""
    similarity: float = 0.0


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end], with about 32 characters of context each side."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"passage [{start}, {end}) is outside the text (length {len(text)})")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=text_hash(text),
    )


# -- normalised matching ---------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_RUNS = re.compile(r"\s+|-{2,}|\.\.\.|\u2026")


@dataclass(frozen=True)
class Folded:
    """A text in comparison form (case, quotes, dashes, spaces folded) mapped to the original."""

    text: str
    starts: tuple[int, ...]  # original start of each folded character
    ends: tuple[int, ...]  # original end of each folded character

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded[start:end]."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=16)
def fold_quote(text: str) -> Folded:
    """Fold a text for comparison, remembering where each folded character came from."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for match in _RUNS.finditer(text):
        _fold_plain(text, last, match.start(), chars, starts, ends)
        run = match.group(0)
        folded = " " if run[0].isspace() else ("-" if run[0] == "-" else "...")
        for ch in folded:
            chars.append(ch)
            starts.append(match.start())
            ends.append(match.end())
        last = match.end()
    _fold_plain(text, last, len(text), chars, starts, ends)
    return Folded("".join(chars), tuple(starts), tuple(ends))


def _fold_plain(
    text: str, start: int, end: int, chars: list[str], starts: list[int], ends: list[int]
) -> None:
    folded = text[start:end].translate(_FOLD).casefold()
    if len(folded) == end - start:  # the usual case: one character for one
        chars.extend(folded)
        starts.extend(range(start, end))
        ends.extend(range(start + 1, end + 1))
        return
    for i in range(start, end):
        folded = text[i].translate(_FOLD).casefold()
        for ch in folded:
            chars.append(ch)
            starts.append(i)
            ends.append(i + 1)


def quote_similarity(a: str, b: str) -> float:
    """How alike two texts are once folded (1.0 identical), by difflib's ratio."""
    return SequenceMatcher(None, fold_quote(a).text, fold_quote(b).text, autojunk=False).ratio()


# -- locating ---------------------------------------------------------------------------------


def locate(bookmark: Bookmark, text: str) -> Located:
    """Find a bookmark's passage in the current text, never attaching it to other words."""
    quote = bookmark.quote
    if not quote:
        return Located("orphaned", method="missing")
    if bookmark.text_hash == text_hash(text) and text[bookmark.start : bookmark.end] == quote:
        return Located("exact", bookmark.start, bookmark.end, "position", 1.0)
    found = _by_exact_quote(bookmark, text)
    if found is not None:
        return found
    folded_text = fold_quote(text)
    folded_quote = fold_quote(quote).text.strip()
    if not folded_quote:
        return Located("orphaned", method="missing")
    found = _by_folded_quote(bookmark, text, folded_text, folded_quote)
    if found is not None:
        return found
    return _by_fuzzy_match(bookmark, text, folded_text, folded_quote)


def _side_scores(bookmark: Bookmark, text: str, start: int, end: int) -> tuple[float, float]:
    """How well the stored prefix and suffix match the text around [start, end), 0..1 each."""
    prefix, suffix = bookmark.prefix, bookmark.suffix
    before = text[max(0, start - len(prefix) - 8) : start]
    after = text[end : end + len(suffix) + 8]
    return _side(prefix, before, tail=True), _side(suffix, after, tail=False)


def _side(stored: str, actual: str, tail: bool) -> float:
    """Similarity of one context side; an empty stored side means the text's edge."""
    want, have = fold_quote(stored).text.strip(), fold_quote(actual).text.strip()
    if not want:
        return 1.0 if not have else 0.0
    if not have:
        return 0.0
    have = have[-len(want) :] if tail else have[: len(want)]
    run = 0
    pairs = (
        zip(reversed(want), reversed(have), strict=False) if tail else zip(want, have, strict=False)
    )
    for x, y in pairs:
        if x != y:
            break
        run += 1
    ratio = SequenceMatcher(None, want, have, autojunk=False).ratio()
    return max(run / len(want), ratio)


def _supported(sides: tuple[float, float], quote_length: int, unique: bool) -> bool:
    return max(sides) >= CONTEXT_SUPPORT or (unique and quote_length >= LONG_QUOTE)


def _choose(
    bookmark: Bookmark, text: str, spans: list[tuple[int, int]], quote_length: int
) -> tuple[int, int] | str:
    """The candidate span the context vouches for, or why none can be chosen."""
    scored = []
    for start, end in spans:
        sides = _side_scores(bookmark, text, start, end)
        scored.append((sum(sides), sides, start, end))
    scored.sort(key=lambda item: -item[0])
    best_total, best_sides, start, end = scored[0]
    if len(scored) > 1 and scored[1][0] >= best_total - _TIE:
        return "ambiguous"
    if not _supported(best_sides, quote_length, unique=len(scored) == 1):
        return "missing"
    return start, end


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where quote occurs in text, overlapping ones included."""
    spans = []
    position = text.find(quote)
    while position != -1:
        spans.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    return spans


def _by_exact_quote(bookmark: Bookmark, text: str) -> Located | None:
    quote = bookmark.quote
    spans = occurrences(text, quote)
    if not spans:
        return None
    chosen = _choose(bookmark, text, spans, len(fold_quote(quote).text))
    if chosen == "missing":
        return None  # the words are here but not the context: maybe an edited copy is
    if isinstance(chosen, str):
        return Located("orphaned", method=chosen)
    return Located("exact", chosen[0], chosen[1], "quote", 1.0)


def _by_folded_quote(
    bookmark: Bookmark, text: str, folded: Folded, folded_quote: str
) -> Located | None:
    spans = []
    position = folded.text.find(folded_quote)
    while position != -1:
        spans.append(folded.original(position, position + len(folded_quote)))
        position = folded.text.find(folded_quote, position + 1)
    if not spans:
        return None
    chosen = _choose(bookmark, text, spans, len(folded_quote))
    if chosen == "missing":
        return None
    if isinstance(chosen, str):
        return Located("orphaned", method=chosen)
    start, end = chosen
    return Located(
        "moved", start, end, "normalised", quote_similarity(bookmark.quote, text[start:end])
    )


_WORD = re.compile(r"\w{4,}")


def _by_fuzzy_match(bookmark: Bookmark, text: str, folded: Folded, folded_quote: str) -> Located:
    candidates = _candidate_starts(folded.text, folded_quote)
    slack = len(folded_quote) // 4 + 8
    found: list[tuple[float, int, int]] = []
    for guess in candidates:
        lo = max(0, guess - slack)
        window = folded.text[lo : guess + len(folded_quote) + slack]
        span = _best_span(folded_quote, window)
        if span is None:
            continue
        start, end = lo + span[0], lo + span[1]
        rough = SequenceMatcher(None, folded_quote, folded.text[start:end], autojunk=False)
        if rough.ratio() < FUZZY_THRESHOLD - 0.15:
            continue  # far from the quote: not worth refining its edges
        start, end, score = _refine(folded_quote, folded.text, start, end)
        if score >= FUZZY_THRESHOLD and all(end <= s or start >= e for _, s, e in found):
            found.append((score, start, end))
    if not found:
        return Located("orphaned", method="missing")
    found.sort(key=lambda item: -item[0])
    # Two distinct places nearly as alike as each other: let the context decide, or nobody.
    close = [f for f in found if f[0] >= found[0][0] - _TIE]
    spans = [folded.original(s, e) for _, s, e in close]
    chosen = _choose(bookmark, text, spans, len(folded_quote))
    if isinstance(chosen, str):
        return Located("orphaned", method=chosen)
    start, end = chosen
    return Located("moved", start, end, "fuzzy", quote_similarity(bookmark.quote, text[start:end]))


def _candidate_starts(text: str, quote: str, limit: int = 4) -> list[int]:
    """Likely starts of the quote in text, voted for by where its rarer words occur."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(quote)]
    if not words:
        words = [(quote[: min(len(quote), 6)], 0)]
    counted = []
    for word, offset in dict((w, o) for w, o in words).items():
        occurrences = [m.start() for m in re.finditer(re.escape(word), text)]
        if occurrences:
            counted.append((len(occurrences), word, offset, occurrences))
    counted.sort()
    tolerance = len(quote) // 5 + 10
    votes: dict[int, set[str]] = {}
    for _, word, offset, occurrences in counted[:10]:
        for position in occurrences[:60]:
            bucket = (position - offset) // tolerance
            for key in (bucket - 1, bucket, bucket + 1):
                votes.setdefault(key, set()).add(word)
    ranked = sorted(votes.items(), key=lambda item: (-len(item[1]), item[0]))
    starts: list[int] = []
    for bucket, _ in ranked:
        start = bucket * tolerance + tolerance // 2
        if all(abs(start - s) > tolerance for s in starts):
            starts.append(max(0, start))
        if len(starts) == limit:
            break
    return starts


def _best_span(quote: str, window: str) -> tuple[int, int] | None:
    """The part of window that aligns with quote, trimmed of stray single-character matches."""
    blocks = [
        b
        for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks()
        if b.size >= 3
    ]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    # Extend to cover quote characters before the first / after the last matching block.
    start = max(0, first.b - first.a)
    end = min(len(window), last.b + last.size + (len(quote) - last.a - last.size))
    start, end = _snap(window, start, end, quote)
    return (start, end) if end > start else None


_WORD_EDGE = re.compile(r"\b")


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int, float]:
    """Move the span's edges by up to a few words either way to best match the quote."""
    reach = 24
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)  # difflib indexes the second sequence once; the spans vary

    def edges(around: int) -> list[int]:
        lo, hi = max(0, around - reach), min(len(text), around + reach)
        found = {lo + m.start() for m in _WORD_EDGE.finditer(text[lo:hi])} | {around}
        return sorted(found, key=lambda x: abs(x - around))[:7]

    def score(s: int, e: int) -> float:
        matcher.set_seq1(text[s:e].strip())
        return matcher.ratio()

    best = (score(start, end), start, end)
    starts, ends = edges(start), edges(end)  # around the aligned edges only: no drifting
    for _ in range(2):  # one edge at a time, twice: nearly as good as every pair, far cheaper
        before = best
        for s in starts:
            if best[2] - s >= len(quote) // 2 and (found := score(s, best[2])) > best[0] + 1e-9:
                best = (found, s, best[2])
        for e in ends:
            if e - best[1] >= len(quote) // 2 and (found := score(best[1], e)) > best[0] + 1e-9:
                best = (found, best[1], e)
        if best == before:
            break
    found_score, s, e = best
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e, found_score


def _snap(window: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Keep the span's edges where the quote's are: don't begin or end inside a word."""
    if quote[:1].isalnum():
        while start > 0 and window[start - 1].isalnum() and window[start].isalnum():
            start -= 1
    while start < end and window[start].isspace():
        start += 1
    if quote[-1:].isalnum():
        while end < len(window) and window[end - 1].isalnum() and window[end].isalnum():
            end += 1
    while end > start and window[end - 1].isspace():
        end -= 1
    return start, end
