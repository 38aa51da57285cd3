"""Search: the derived Whoosh index of the library, cut as Whoosh cuts itself.

`analysis` (text to terms), `schema` (fields), `codec` (packed posting blocks), `postings`
(a term's list as arrays), `stored` (stored fields), `query` (the query language),
`evaluate` (numpy evaluation of a query tree) and `ranking` (its first hits), `snippets`,
`spelling` (did you mean), `vocabulary` (words and their stems), `index` (SearchIndex: open,
update, rebuild, search), `rebuild` and `child` (large rebuilds in a child process), and
`whoosh_internals` (every private Whoosh name, checked against the installed version),
`columns` (per-document arrays kept beside the index) and `lean` (Whoosh imported without
urllib.request and asyncio).

Public names are loaded on first use, so importing one module of the package does not pull
in Whoosh and numpy for the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reader.core.search.lean import import_whoosh_lean

import_whoosh_lean()  # before any module of the package imports Whoosh

if TYPE_CHECKING:
    from reader.core.search.index import SORTS, SearchIndex, SearchOptions, SearchResult
    from reader.core.search.query import QueryError
    from reader.core.search.rebuild import RebuildStopped

_PUBLIC = {
    "SORTS": "reader.core.search.index",
    "SearchIndex": "reader.core.search.index",
    "SearchOptions": "reader.core.search.index",
    "SearchResult": "reader.core.search.index",
    "QueryError": "reader.core.search.query",
    "RebuildStopped": "reader.core.search.rebuild",
}
__all__ = ["SORTS", "QueryError", "RebuildStopped", "SearchIndex", "SearchOptions", "SearchResult"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
