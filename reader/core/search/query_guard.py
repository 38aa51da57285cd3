"""Every query gets an answer, a reason, or a stop at its time budget: never a traceback.

Whoosh's parser raises IndexError on `ice NOT NOT trump`, NotImplementedError on `said (-)`
and `(a+)+`, RecursionError on a thousand nested brackets, and a megabyte of text costs tens
of seconds. A typo in the search box must not crash the reader or stall it. So:

- bounds come first, on the raw text (length, bracket depth, words, expanding terms such as
  `immig*` or `lightfot~`), each refused with a reason that says how to fix the query;
- anything the parser raises is caught: the words are searched without the operators (with a
  note saying so), and only when that fails too is the query refused;
- a range of words (`[a TO z]` over headline or body) is read as plain words: it would expand
  to the whole vocabulary. ("Did you mean" is bounded by reader.core.search.spelling.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from whoosh.query import Query, TermRange

from reader.core.search.query import TEXT_FIELDS, QueryError

MAX_CHARS = 1_000  # a long paragraph; a pasted article is not a query
MAX_DEPTH = 16  # brackets inside brackets
MAX_WORDS = 64
MAX_EXPANDING = 8  # prefixes, wildcards and fuzzy words: each walks the vocabulary

T = TypeVar("T")

_EXPANDING = re.compile(r"[*?]|\w~")
_OPERATORS = re.compile(r"^(?:AND|OR|NOT|ANDNOT|ANDMAYBE|TO)$")
_PUNCTUATION = re.compile(r"[\"()\[\]{}^~*?:+\-<>=!\\/]")


def check(text: str) -> None:
    """Refuse (QueryError with the reason) a query too big or too deep to read in time."""
    if len(text) > MAX_CHARS:
        raise QueryError(
            f"query is {len(text):,} characters long; the limit is {MAX_CHARS:,}: "
            "search for a few distinctive words or a short phrase"
        )
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    if deepest > MAX_DEPTH:
        raise QueryError(
            f"query nests brackets {deepest} deep; the limit is {MAX_DEPTH}: remove some brackets"
        )
    words = text.split()
    if len(words) > MAX_WORDS:
        raise QueryError(
            f"query has {len(words)} words; the limit is {MAX_WORDS}: keep the distinctive ones"
        )
    expanding = sum(1 for word in words if _EXPANDING.search(word))
    if expanding > MAX_EXPANDING:
        raise QueryError(
            f"query has {expanding} prefix, wildcard or fuzzy words; the limit is "
            f"{MAX_EXPANDING}: spell some of them out"
        )


class Unbounded(ValueError):
    """A parsed query whose cost has no bound (read as its plain words instead)."""


def check_parsed(query: Query) -> None:
    """Unbounded if the query holds a range of words (`[a TO z]` over headline or body):
    it expands to every word between, which is the whole vocabulary of a large library.
    Date ranges are numeric, bounded, and fine."""
    for leaf in query.leaves():
        if isinstance(leaf, TermRange) and getattr(leaf, "fieldname", "") in TEXT_FIELDS:
            raise Unbounded("a range of words")


def plain_words(text: str) -> str:
    """The query's words without operators, brackets, quotes, fields or modifiers."""
    stripped = _PUNCTUATION.sub(" ", text)
    return " ".join(w for w in stripped.split() if not _OPERATORS.match(w))


def parse_safely(parse: Callable[[str], T], text: str, plain_note: Callable[[T], T]) -> T:
    """`parse(text)`, with whatever Whoosh raises turned into a reading of the plain words
    (`plain_note` adds the note saying so), or a QueryError naming what could not be read."""
    check(text)
    try:
        return parse(text)
    except QueryError:
        raise
    except (Exception, RecursionError) as exc:  # Whoosh's parser raises many kinds
        failure = exc
    words = plain_words(text)
    if words and words != text.strip():
        try:
            return plain_note(parse(words))
        except QueryError:
            raise QueryError(
                f"query {text[:80]!r} has no searchable words once its operators are set aside"
            ) from None
        except (Exception, RecursionError):
            pass
    raise QueryError(
        f"query {text[:80]!r} could not be read ({type(failure).__name__}): "
        "check its operators and brackets, or search for the words alone"
    )
