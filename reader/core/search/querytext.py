"""The parts of a query Whoosh's parser would change without a word: fields, lone negations
and fuzziness beyond two edits.

Whoosh reads `foo:bar` as the words "foo bar", `title:` (nothing after it) as the word
"title", `published:2018` as an exact match on a stored string, `-ice` alone as nothing
(and our lenient fallback then read it as `ice`), and `ice~9` as nine edits. Each of these is
either refused with a reason or rewritten here, and every rewrite leaves a note the reader
shows next to the hits: a query is never changed silently.
"""

from __future__ import annotations

import re

from whoosh.query import And, FuzzyTerm, Not, NullQuery, Query

# The fields a person may write, with the name the schema uses (or "date", read separately).
FIELDS = {
    "title": "title",
    "headline": "title",
    "body": "body",
    "text": "body",
    "source": "source",
    "outlet": "outlet",
    "author": "author",
    "date": "date",
    "published": "date",
}
FIELD_LIST = "title, body, outlet, author, date"
MAX_EDITS = 2  # the vocabulary's fuzzy walk measures at most two edits

_FIELD = re.compile(r"(?<![\w:/.])([A-Za-z_][\w-]*):(?!//)(\S*)")
_NEGATED = re.compile(r"(?:(?<=^)|(?<=[\s(]))-(\"[^\"]*\"|[^\s()]+)|\bNOT\s+(\"[^\"]*\"|[^\s()]+)")
_NEGATION = re.compile(r"(?:^|[\s(])-[\w\"]|\bNOT\b")


def read_fields(text: str, notes: list[str]) -> str:
    """The query with every field prefix a person meant kept (in its canonical spelling),
    aliases renamed, and unknown or empty field prefixes dropped, each with a note."""

    def field(match: re.Match[str]) -> str:
        written, value = match.group(1), match.group(2)
        name = written.lower()
        canonical = FIELDS.get(name)
        if canonical is None:
            if value:
                notes.append(
                    f"unknown field '{written}:' ignored (fields: {FIELD_LIST}); "
                    f"searched {value!r} in headline and body"
                )
            else:
                notes.append(f"unknown field '{written}:' ignored (fields: {FIELD_LIST})")
            return value
        if not value:
            notes.append(
                f"'{written}:' has no word right after it (write {name}:word); it was ignored"
            )
            return ""
        if name == "published":
            notes.append("read 'published:' as 'date:' (the publication date)")
            return f"date:{value}"
        return f"{name if name in ('outlet', 'text') else canonical}:{value}"

    return _FIELD.sub(field, text)


def only_negations(query: Query) -> bool:
    """True for a parsed query that excludes and never includes (or parsed to nothing)."""
    if query is NullQuery or isinstance(query, Not):
        return True
    if isinstance(query, And):
        return all(isinstance(q, Not) for q in query.subqueries)
    return False


def has_negation(text: str) -> bool:
    """True when the text negates something (-word or NOT word)."""
    return bool(_NEGATION.search(text))


def negated_words(text: str) -> list[str]:
    """The words and phrases a query excludes, as written."""
    return [a or b for a, b in _NEGATED.findall(text)]


def lone_negation_error(text: str) -> str:
    """Why a query of exclusions only is refused, and what to write instead."""
    words = negated_words(text) or [text.strip()]
    shown = ", ".join(words)
    return (
        f"{text.strip()!r} only excludes ({shown}): a search needs a word to find; "
        f"add one (e.g. 'election -{words[0].strip(chr(34))}') or a date (date:2025 -word)"
    )


def clamp_fuzzy(query: Query, notes: list[str]) -> None:
    """At most MAX_EDITS edits for a fuzzy term, with a note when a query asked for more."""
    seen: set[str] = set()
    for leaf in query.leaves() if not query.is_leaf() else [query]:
        if isinstance(leaf, FuzzyTerm) and leaf.maxdist > MAX_EDITS:
            if leaf.text not in seen:
                seen.add(leaf.text)
                notes.append(
                    f"{leaf.text}~{leaf.maxdist}: at most {MAX_EDITS} edits are searched; "
                    f"read as {leaf.text}~{MAX_EDITS}"
                )
            leaf.maxdist = MAX_EDITS
