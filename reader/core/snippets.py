"""Snippets and highlights: where a query's words are in a text, and the best window of it.

Words are found as the index finds them (the same word pattern, folded and stemmed), so what
is highlighted is exactly what matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.models import Span
from reader.core.vocabulary import WORD, Vocabulary, fold, stem_of

SNIPPET_CHARS = 220


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
    best_start, best_key = spans[0].start, (-1, 0)
    for i, first in enumerate(spans):
        inside = [s for s in spans[i:] if s.end <= first.start + SNIPPET_CHARS - 40]
        distinct = len({text[s.start : s.end].lower() for s in inside})
        key = (distinct, len(inside))
        if key > best_key:
            best_key, best_start = key, first.start
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


def _collapse_spaces(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """Runs of whitespace become one space; spans are moved to match."""
    out: list[str] = []
    new_index = [0] * (len(text) + 1)
    previous_space = False
    for i, char in enumerate(text):
        new_index[i] = len(out)
        if char.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    new_index[len(text)] = len(out)
    shift = [Span(new_index[s.start], new_index[s.end]) for s in spans]
    return "".join(out), tuple(shift)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words."""
    start = max(0, start)
    end = min(len(text), max(end, start))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
