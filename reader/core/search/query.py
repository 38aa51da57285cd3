"""Reading a search query: Whoosh's parser, plus dates, leniency and a plain description.

The query language: words (all must match), "phrases", "near words"~5, OR, NOT / -word,
parentheses, fields (title:, source:/outlet:, author:, body:), dates on the publication date
(date:2025-01, date:[2025-01-01 to 2025-03-31], date:>2024), prefixes (immig*) and fuzzy
terms (Lightfot~). A malformed query is read leniently and the reading is reported in `notes`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from whoosh.fields import Schema
from whoosh.qparser import FuzzyTermPlugin, MultifieldPlugin, PlusMinusPlugin, QueryParser
from whoosh.qparser.plugins import FieldAliasPlugin
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    FuzzyTerm,
    Not,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    Wildcard,
)
from whoosh.searching import Searcher

from reader.core.models import QueryError as QueryError
from reader.core.search.analysis import fold
from reader.core.search.querytext import (
    clamp_fuzzy,
    has_negation,
    lone_negation_error,
    negated_words,
    only_negations,
    read_fields,
)
from reader.core.search.schema import DAY_FIELD
from reader.core.search.typed import OPERATOR
from reader.core.search.typed import as_typed as as_typed
from reader.core.search.vocabulary import Vocabulary

TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.5  # a headline word counts this much more than a body word (after BM25)

_DATE_VALUE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_DATE_RANGE = re.compile(
    rf"\bdate:\[\s*({_DATE_VALUE})?\s+to\s+({_DATE_VALUE})?\s*\]", re.IGNORECASE
)
_DATE_COMPARE = re.compile(rf"\bdate:(>=|<=|>|<)?({_DATE_VALUE})(?![\w-])", re.IGNORECASE)
_DATE_ANY = re.compile(r"\bdate:(\S*)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready to run, how it was read, and what was read leniently."""

    text: str
    query: Query
    read_as: str
    notes: tuple[str, ...]


def _bounds(value: str) -> tuple[int, int]:
    """The first and last day number a year, month or day value stands for."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if not 1 <= year <= 9999:
        raise ValueError(value)
    if len(parts) == 1:
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    month = parts[1]
    if not 1 <= month <= 12:
        raise ValueError(value)
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
    day = date(year, month, parts[2]).toordinal()  # validates the day
    return day, day


FIRST_DAY, LAST_DAY = date.min.toordinal(), date.max.toordinal()


def _range(start: int | None, end: int | None, **excl: bool) -> Query:
    # A numeric range is matched on a few coarse "tier" terms plus exact ones at the edges;
    # a range over the day strings would be an OR of every day in it. Open ends are given as
    # the first and last possible day.
    first = FIRST_DAY if start is None else start
    last = LAST_DAY if end is None else end
    return NumericRange(DAY_FIELD, first, last, **excl)


def date_range(since: str | None, until: str | None) -> Query:
    """Articles published within [since, until] (either may be open); undated never match."""
    return _range(_bounds(since)[0] if since else None, _bounds(until)[1] if until else None)


def _take_dates(text: str, notes: list[str]) -> tuple[str, list[Query]]:
    """Remove date: expressions from the text and turn them into range queries."""
    ranges: list[Query] = []

    def from_range(match: re.Match[str]) -> str:
        try:
            since, until = match.group(1), match.group(2)
            if since and until and _bounds(since)[0] > _bounds(until)[1]:
                notes.append(f"ignored {match.group(0)!r}: the range ends before it starts")
                return " "
            ranges.append(date_range(since, until))
        except ValueError:
            notes.append(f"ignored {match.group(0)!r}: not a date range")
        return " "

    def from_compare(match: re.Match[str]) -> str:
        op, value = match.group(1) or "", match.group(2)
        try:
            first, last = _bounds(value)
        except ValueError:
            notes.append(f"ignored {match.group(0)!r}: not a date")
            return " "
        if op == ">":
            ranges.append(_range(last, None, startexcl=True))
        elif op == ">=":
            ranges.append(_range(first, None))
        elif op == "<":
            ranges.append(_range(None, first, endexcl=True))
        elif op == "<=":
            ranges.append(_range(None, last))
        else:
            ranges.append(_range(first, last))
        return " "

    def leftover(match: re.Match[str]) -> str:
        notes.append(f"ignored {match.group(0)!r}: use date:2025-01, date:>2024 or date:[A to B]")
        return " "

    text = _DATE_RANGE.sub(from_range, text)
    text = _DATE_COMPARE.sub(from_compare, text)
    text = _DATE_ANY.sub(leftover, text)
    return text, ranges


def _lenient_notes(text: str) -> list[str]:
    """Say which parts of a malformed query were read leniently."""
    notes = []
    if text.count('"') % 2:
        notes.append("an unmatched quote was ignored")
    if text.count("(") != text.count(")"):
        notes.append("an unmatched bracket was ignored")
    words = text.split()
    if words and (OPERATOR.match(words[0]) and words[0] != "NOT" or OPERATOR.match(words[-1])):
        notes.append("an operator with nothing to join was ignored")
    return notes


def _rewrite(query: Query, vocabulary: Vocabulary) -> Query:
    """Prefixes, wildcards and fuzzy terms become the stems of the real words they match (the
    index holds stems, so `immigra*` run against it would miss "immigration", indexed as
    "immigr", and `immigartion~` would be fuzzy-matched as the stem "immigart")."""
    if isinstance(query, (Prefix, Wildcard, FuzzyTerm)) and query.fieldname in TEXT_FIELDS:
        if isinstance(query, FuzzyTerm):
            # A first letter in common, as in Lucene, keeps the candidates few and likely.
            pattern = f"{query.text}~{query.maxdist}"
            stems = vocabulary.similar(query.text, query.maxdist, max(1, query.prefixlength))
        else:
            pattern = query.text + ("*" if isinstance(query, Prefix) else "")
            stems = vocabulary.expand(pattern)
        if not stems:
            return Term(query.fieldname, pattern)  # matches nothing, keeps And() honest
        return Or([Term(query.fieldname, s, boost=query.boost) for s in stems])
    if isinstance(query, Every):
        return Every()
    if query.is_leaf():
        return query
    return query.apply(lambda q: _rewrite(q, vocabulary)).normalize()


class _Parser(QueryParser):
    """Whoosh's parser, except that a fuzzy word or a prefix over headline or body keeps its
    letters: Whoosh would stem it first, and a stem is not a word to measure edits from or
    to expand."""

    def term_query(  # type: ignore[no-untyped-def]
        self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True
    ):
        if fieldname in TEXT_FIELDS and isinstance(termclass, type):
            # A prefix keeps its letters too: stemmed, "goverment*" would be "gover*", and
            # find every "government" of the library while the typo is being typed.
            if issubclass(termclass, (FuzzyTerm, Prefix)):
                return termclass(fieldname, fold(text), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def make_parser(schema: Schema) -> QueryParser:
    """Whoosh's parser over headline and body, with fuzzy~, +/- and the outlet alias."""
    parser = _Parser(None, schema)
    parser.add_plugin(MultifieldPlugin(list(TEXT_FIELDS), fieldboosts={"title": TITLE_BOOST}))
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FieldAliasPlugin({"source": ["outlet"], "body": ["text"]}))
    return parser


def _build(text: str, schema: Schema, notes: list[str], vocabulary: Vocabulary | None) -> Query:
    rest, ranges = _take_dates(read_fields(text, notes), notes)
    parser = make_parser(schema)
    query: Query = NullQuery
    if rest.strip():
        query = parser.parse(rest)
        if only_negations(query) and has_negation(rest):
            # "-ice" alone: never read as "ice". Within a date range it excludes; else refused.
            if not ranges:
                raise QueryError(lone_negation_error(text))
            excluded = [parser.parse(w) for w in negated_words(rest)]
            query = Not(Or([q for q in excluded if q is not NullQuery]))
        elif query is NullQuery and re.search(r"\w", rest):
            plain = re.sub(r"[\"()\[\]{}^~*?:+-]", " ", rest)
            plain = " ".join(w for w in plain.split() if not OPERATOR.match(w))
            if plain:
                query = parser.parse(plain)
    if query is not NullQuery:
        clamp_fuzzy(query, notes)
    if vocabulary is not None and query is not NullQuery:
        query = _rewrite(query, vocabulary)
    if ranges:
        query = And([query, *ranges]) if query is not NullQuery else And(ranges)
        query = query.normalize()
    return query


def parse(
    text: str, schema: Schema, vocabulary: Vocabulary, display_schema: Schema | None = None
) -> ParsedQuery:
    """Read a query leniently; QueryError only when nothing searchable is left.

    `display_schema`, with unstemmed text fields, parses the same text again only to say how
    it was read in the user's own words ("ice NOT trump", not the stems "ic NOT trump").
    """
    if not text.strip():
        raise QueryError("empty query: type some words to search for")
    notes = _lenient_notes(text)
    query = _build(text, schema, notes, vocabulary)
    if query is NullQuery:
        why = f" ({'; '.join(notes)})" if notes else ""
        raise QueryError(f"query {text!r} has no searchable words{why}")
    shown = query
    if display_schema is not None:
        shown = _build(text, display_schema, [], None)
        if shown is NullQuery:
            shown = query
    return ParsedQuery(text=text, query=query, read_as=describe(shown), notes=tuple(notes))


def describe(query: Query) -> str:
    """A query as a person would write it: words, "phrases", OR, NOT, fields, dates."""
    if isinstance(query, Or):
        parts: list[str] = []
        for sub in query.subqueries:
            text = _leaf(sub) if getattr(sub, "fieldname", None) in TEXT_FIELDS else describe(sub)
            if text not in parts:
                parts.append(text)
        if len(parts) == 1:
            return parts[0]
        return "(" + " OR ".join(parts) + ")"
    if isinstance(query, And):
        return " ".join(describe(q) for q in query.subqueries)
    if isinstance(query, AndNot):
        return f"{describe(query.a)} NOT {describe(query.b)}"
    if isinstance(query, AndMaybe):
        return f"{describe(query.a)} (maybe {describe(query.b)})"
    if isinstance(query, Not):
        return f"NOT {describe(query.query)}"
    leaf = _leaf(query)
    field = getattr(query, "fieldname", None)
    if field in (DAY_FIELD, None):
        return leaf
    return f"{'outlet' if field == 'source' else field}:{leaf}"


def _leaf(query: Query) -> str:
    if isinstance(query, NumericRange) and query.fieldname == DAY_FIELD:
        start = date.fromordinal(query.start).isoformat() if query.start != FIRST_DAY else ""
        end = date.fromordinal(query.end).isoformat() if query.end != LAST_DAY else ""
        if start and start == end:
            return f"date:{start}"
        if start and end:
            return f"date:[{start} to {end}]"
        if start:
            return f"date:{'>' if query.startexcl else '>='}{start}"
        return f"date:{'<' if query.endexcl else '<='}{end}"
    if isinstance(query, Phrase):
        words = " ".join(query.words)
        return f'"{words}"' + (f"~{query.slop}" if query.slop > 1 else "")
    if isinstance(query, FuzzyTerm):
        return f"{query.text}~" + (str(query.maxdist) if query.maxdist != 1 else "")
    if isinstance(query, Prefix):
        return f"{query.text}*"
    if isinstance(query, Wildcard):
        return query.text
    if isinstance(query, Term):
        return str(query.text)
    if isinstance(query, Every):
        return "*"
    return str(query)


def query_terms(query: Query, searcher: Searcher) -> frozenset[str]:
    """Stems of the headline and body terms the query matches that exist, fuzzy expanded.

    Not Query.existing_terms: in Whoosh 2.7 it reuses its `fieldname` argument as a loop
    variable and so skips every leaf after the first field it meets.
    """
    reader = searcher.reader()
    stems: set[str] = set()
    for leaf in query.leaves():
        for fieldname, term in leaf.expanded_terms(reader, phrases=True):
            if fieldname not in TEXT_FIELDS:
                continue
            text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            if (fieldname, text) in reader:
                stems.add(text)
    return frozenset(stems)
