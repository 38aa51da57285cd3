"""The index's schema: which fields there are and how they are stored (analysis is in
reader.core.search.analysis). Postings are written with
reader.core.search.codec' packed codec; the clean text is stored (compressed) for snippets.
"""

from __future__ import annotations

from datetime import date

from whoosh.analysis import Analyzer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from reader.core.models import Article
from reader.core.search.analysis import ANALYZER, PLAIN
from reader.core.search.codec import PackedCodec, PackedPositions
from reader.core.text import clean_text

DAY_FIELD = "day"  # the publication date as a day number (date.toordinal), for fast ranges


def day_number(iso: str) -> int | None:
    """The day number of an ISO date (YYYY-MM-DD...), or None when it is not one."""
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _text(analyzer: Analyzer, packed: bool) -> TEXT:
    field = TEXT(analyzer=analyzer)
    if packed:  # positions as arrays numpy reads whole (reader.core.search.codec)
        field.format = PackedPositions(field_boost=field.format.field_boost)
    return field


def make_schema(text: Analyzer = ANALYZER, columns: bool = True) -> Schema:
    """Headline weighted above body at query time. The clean text is stored compressed for
    snippets (reading it back is 30 times faster than cleaning the library's original again);
    the original body lives in the library only.

    With `text=PLAIN, columns=False` it is the display schema: the same fields unstemmed, used
    only to say how a query was read in the user's own words.
    """
    return Schema(
        id=ID(stored=True, unique=True),
        title=_text(text, columns),
        body=_text(text, columns),
        source=_text(PLAIN, columns),
        author=_text(PLAIN, columns),
        outlet=ID(sortable=columns),
        # signed: Whoosh mis-ranges wide unsigned spans; 0 (the column's default) = undated
        day=NUMERIC(int, bits=32, sortable=columns),
        published=ID(sortable=columns),
        text=STORED,
    )


DISPLAY_SCHEMA = make_schema(PLAIN, columns=False)
CODEC = PackedCodec()


def index_document(
    article: Article, spans: bytes | None = None, fingerprint: str = ""
) -> dict[str, object]:
    """The fields of an article's document; its clean text from its stored clean_spans when
    known (see clean_text)."""
    text = clean_text(article, spans, fingerprint)
    document: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "body": text,
        "source": article.source,
        "author": article.author,
        "outlet": article.source,
        "published": article.published,
        "text": text,
    }
    day = day_number(article.published)
    if day is not None:
        document["day"] = day
    return document
