"""Snippets and highlights: where a query's words are in a text, and the best window of it.

Words are found as the index finds them (the same word pattern, folded and stemmed), so what
is highlighted is exactly what matched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from reader.core.models import Span
from reader.core.search.analysis import WORD, fold, stem_of
from reader.core.search.vocabulary import Vocabulary

SNIPPET_CHARS = 220
_SPACES = re.compile(r"\s+")


def match_spans(text: str, stems: Iterable[str]) -> tuple[Span, ...]:
    """Every word of text whose stem is one of `stems` (words found as the index finds them)."""
    wanted = frozenset(stems)
    if not wanted:
        return ()
    spans = []
    seen: dict[str, bool] = {}
    for match in WORD.finditer(text):
        word = match.group(0)
        hit = seen.get(word)
        if hit is None:
            folded = fold(word)
            hit = seen[word] = len(folded) > 1 and stem_of(folded) in wanted
        if hit:
            spans.append(Span(match.start(), match.end()))
    return tuple(spans)


def surface_pattern(stems: Iterable[str], vocabulary: Vocabulary) -> re.Pattern[str] | None:
    """A regex of the words (as folded in the vocabulary) that have one of the stems.

    Scanning for them with the regex engine is many times faster than stemming every word
    of every hit in Python, which is what match_spans does.
    """
    words = sorted({w for s in stems for w in vocabulary.words_for(s)}, key=len, reverse=True)
    if not words or len(words) > 2000:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])")


def _fast_spans(text: str, stems: frozenset[str], pattern: re.Pattern[str]) -> tuple[Span, ...]:
    folded = fold(text)
    if len(folded) != len(text):  # a character that folds to two: offsets would drift
        return match_spans(text, stems)
    return tuple(Span(m.start(), m.end()) for m in pattern.finditer(folded))


def best_snippet(
    text: str, stems: Iterable[str], pattern: re.Pattern[str] | None = None
) -> tuple[str, tuple[Span, ...]]:
    """The window of text with the most distinct matched words, and the matches within it."""
    wanted = frozenset(stems)
    spans = _fast_spans(text, wanted, pattern) if pattern else match_spans(text, wanted)
    flat = " ".join(text.split("\n")) if "\n" in text else text
    if not spans:
        cut = _trim(flat, 0, SNIPPET_CHARS)
        return flat[cut[0] : cut[1]].strip() + ("\u2026" if cut[1] < len(flat) else ""), ()
    best_start = _best_window_start(text, spans)
    start, end = _trim(flat, max(0, best_start - 40), best_start - 40 + SNIPPET_CHARS)
    lead = "\u2026" if start > 0 else ""
    tail = "\u2026" if end < len(flat) else ""
    body = flat[start:end]
    strip_left = len(body) - len(body.lstrip())
    body = body.strip()
    shift = start + strip_left
    within = tuple(
        Span(s.start - shift, s.end - shift)
        for s in spans
        if s.start >= shift and s.end <= shift + len(body)
    )
    body, within = _collapse_spaces(body, within)
    return lead + body + tail, tuple(Span(s.start + len(lead), s.end + len(lead)) for s in within)


def _best_window_start(text: str, spans: tuple[Span, ...]) -> int:
    """Where the window with the most distinct matched words (then the most matches) starts,
    trying a window at each match; the earliest wins a tie. One pass with two pointers."""
    words = [text[s.start : s.end].lower() for s in spans]
    counts: dict[str, int] = {}
    best_start, best_key = spans[0].start, (-1, 0)
    end = 0
    for i, first in enumerate(spans):
        limit = first.start + SNIPPET_CHARS - 40
        while end < len(spans) and spans[end].end <= limit:
            counts[words[end]] = counts.get(words[end], 0) + 1
            end += 1
        key = (len(counts), end - i)
        if key > best_key:
            best_key, best_start = key, first.start
        if end > i:  # the window's first match leaves it before the next window
            left = words[i]
            counts[left] -= 1
            if not counts[left]:
                del counts[left]
        else:
            end = i + 1
    return best_start


def _collapse_spaces(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """Runs of whitespace become one space; spans (which never start or end inside a run)
    are moved to match."""
    runs = [(m.start(), m.end()) for m in _SPACES.finditer(text) if m.group(0) != " "]
    if not runs:
        return text, spans
    starts = [start for start, _ in runs]
    removed = [0]
    for start, end in runs:
        removed.append(removed[-1] + end - start - 1)

    def moved(offset: int) -> int:
        return offset - removed[bisect.bisect_right(starts, offset - 1)]

    shifted = tuple(Span(moved(s.start), moved(s.end)) for s in spans)
    return _SPACES.sub(" ", text), shifted


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words."""
    start = max(0, start)
    end = min(len(text), max(end, start))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
