"""Snippets and highlights: where a query's words are in a text, and the best window of it.

Words are found as the index finds them (the same word pattern, folded and stemmed), so what
is highlighted is exactly what matched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import islice

from reader.core.models import ArticleSummary, SearchHit, Span
from reader.core.search.analysis import WORD, fold, stem_of

SNIPPET_CHARS = 220
Offsets = tuple[int, int]  # a match's start and end in a text
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


def _prefix(stem: str) -> str:
    """What every word with this Snowball stem starts with: the stem itself, but for the few
    endings the stemmer rewrites ("happy" -> "happi", "possibility" -> "possibl", "dying" ->
    "die", "vying" -> "vie")."""
    if stem.endswith("bl"):
        return stem[:-1]
    if len(stem) == 3 and stem.endswith("ie"):
        return stem[0]
    if len(stem) > 2 and stem[-1] in "iey":
        return stem[:-1]
    return stem


class Surface:
    """Where words with one of a query's stems may start in folded text: the candidates are
    found by searching for the stems' first letters (`_prefix`); only those are stemmed and
    checked. Many times faster than stemming every word of every hit, and it needs no list of
    the words a stem stands for. A few prefixes are looked for with str.find (one fast scan
    each); many with one regular expression."""

    FIND_AT_MOST = 6

    def __init__(self, stems: Iterable[str]) -> None:
        # A prefix that starts with another prefix finds nothing more than it.
        prefixes: list[str] = []
        for prefix in sorted({_prefix(s) for s in stems if s}):
            if not prefixes or not prefix.startswith(prefixes[-1]):
                prefixes.append(prefix)
        self.prefixes = tuple(prefixes)
        self.pattern = (
            re.compile("|".join(map(re.escape, prefixes)))
            if len(prefixes) > self.FIND_AT_MOST
            else None
        )

    def starts(self, folded: str) -> list[int]:
        """Every offset of folded text where one of the prefixes starts, in order."""
        if self.pattern is not None:
            # No (?<!\w) in the pattern: the engine scans 2.4 times faster without it, and
            # the candidates that start inside a word are dropped by _fast_offsets.
            return [m.start() for m in self.pattern.finditer(folded)]
        find = folded.find
        found: list[int] = []
        for prefix in self.prefixes:
            at = find(prefix)
            while at >= 0:
                found.append(at)
                at = find(prefix, at + 1)
        if len(self.prefixes) > 1:
            found.sort()  # prefixes never start with one another: no offset twice
        return found


def surface(stems: Iterable[str]) -> Surface | None:
    """The Surface of a query's stems, or None when there are none or too many (2,000)."""
    found = Surface(stems)
    return found if found.prefixes and len(found.prefixes) <= 2000 else None


def _fast_offsets(text: str, stems: frozenset[str], where: Surface) -> list[Offsets] | None:
    """match_spans as (start, end) pairs, found from the Surface's candidates; None when a
    character folds to two (offsets in the folded text would drift: match_spans then)."""
    folded = fold(text)
    if len(folded) != len(text):
        return None
    spans: list[Offsets] = []
    seen: dict[str, bool] = {}
    last_end = 0
    for start in where.starts(folded):
        if start < last_end:
            continue
        before = folded[start - 1] if start else " "
        if before.isalnum() or before == "_":
            continue  # inside a word
        if before == "." and start and not _starts_word(folded, start):
            continue  # inside "u.s" or "3.5"
        word = WORD.match(folded, start)
        if word is None:
            continue
        token = word.group(0)
        hit = seen.get(token)
        if hit is None:
            hit = seen[token] = len(token) > 1 and stem_of(token) in stems
        if hit:
            last_end = word.end()
            spans.append((start, last_end))
    return spans


def _starts_word(folded: str, start: int) -> bool:
    """Whether a word (as the index cuts them) starts at `start`, just after a full stop."""
    origin = start - 1
    while origin > 0 and not folded[origin - 1].isspace():
        origin -= 1
    for match in WORD.finditer(folded, origin, start + 1):
        if match.start() == start:
            return True
        if match.start() > start:
            return False
    return False


def best_snippet(
    text: str, stems: Iterable[str], where: Surface | None = None
) -> tuple[str, tuple[Span, ...]]:
    """The window of text with the most distinct matched words, and the matches within it."""
    wanted = frozenset(stems)
    spans = _fast_offsets(text, wanted, where) if where else None
    if spans is None:
        spans = [(s.start, s.end) for s in match_spans(text, wanted)]
    flat = text.replace("\n", " ")
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
    limit = shift + len(body)
    within = []
    # Spans are in order and do not overlap: those in the window follow the first after shift.
    for s_start, s_end in islice(spans, bisect.bisect_left(spans, (shift, 0)), None):
        if s_start >= limit:
            break
        if s_end <= limit:
            within.append((s_start - shift, s_end - shift))
    body, within = _collapse_spaces(body, within)
    return lead + body + tail, tuple(Span(a + len(lead), b + len(lead)) for a, b in within)


def _best_window_start(text: str, spans: list[Offsets]) -> int:
    """Where the window with the most distinct matched words (then the most matches) starts,
    trying a window at each match; the earliest wins a tie. One pass with two pointers."""
    words = [text[a:b].lower() for a, b in spans]
    counts: dict[str, int] = {}
    best_start, best_key = spans[0][0], (-1, 0)
    end = 0
    for i, (first_start, _) in enumerate(spans):
        limit = first_start + SNIPPET_CHARS - 40
        while end < len(spans) and spans[end][1] <= limit:
            counts[words[end]] = counts.get(words[end], 0) + 1
            end += 1
        key = (len(counts), end - i)
        if key > best_key:
            best_key, best_start = key, first_start
        if end > i:  # the window's first match leaves it before the next window
            left = words[i]
            counts[left] -= 1
            if not counts[left]:
                del counts[left]
        else:
            end = i + 1
    return best_start


def _collapse_spaces(text: str, spans: list[Offsets]) -> tuple[str, list[Offsets]]:
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

    shifted = [(moved(a), moved(b)) for a, b in spans]
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


def search_hits(
    relevance: list[float],
    stored: list[dict[str, str]],
    stems: frozenset[str],
    summaries: list[ArticleSummary],
) -> list[SearchHit]:
    """The hits of a search: each ranked document's list row and its best snippet (a
    document whose article has been removed since the index was read is left out)."""
    by_id = {s.id: s for s in summaries}
    where = surface(stems)
    hits = []
    for score, fields in zip(relevance, stored, strict=True):
        summary = by_id.get(fields["id"])
        if summary is None:
            continue
        snippet, spans = best_snippet(fields.get("text", ""), stems, where)
        hits.append(
            SearchHit(
                id=summary.id,
                title=summary.title,
                source=summary.source,
                published=summary.published,
                score=round(score, 4),
                snippet=snippet,
                highlights=spans,
                word_count=summary.word_count,
                title_derived=summary.title_derived,
            )
        )
    return hits
